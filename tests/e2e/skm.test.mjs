// The console's citizen satisfaction page (/konsol/kepuasan): the demo units' SKM per half year
// with the IKM, the band in words and the learning beside it, with the sentence that this proves
// no cause; the admin records a period with the nine elements and sees its IKM and band; a CSV with
// errors is refused line by line and stores nothing. Axe-clean; screenshots at 360 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { DEMO_PASSWORD, logIn, seriousA11yViolations, serverAndBrowser, serverText } from "./harness.mjs";

const ADMIN = "198002142006042001";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
// The worked example of docs/evaluation.md: sum 28.55, IKM 3.172, converted 79.31, band B (Baik).
const MIXED = ["3,20", "3,05", "2,90", "3,60", "3,15", "3,30", "3,45", "2,80", "3,10"];

async function noSidewaysScroll(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (${overflow} px too wide)`);
}

test("the admin records a unit's SKM and sees its IKM and band beside the unit's learning", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    if (width === 1280) {
      await page.getByRole("link", { name: "Kepuasan masyarakat" }).click();
    } else {
      await page.goto(`${server.url}/konsol/kepuasan`);
    }
    await page.getByRole("heading", { name: "Kepuasan masyarakat (SKM)", level: 1 }).waitFor();
    await page.getByText("tidak membuktikan bahwa pembelajaran menyebabkan IKM naik atau turun", { exact: false }).waitFor();
    // The demo: four units over four half years, each band written in words.
    const kecamatan = page.locator("section", { has: page.getByRole("heading", { name: /Kecamatan Sibolga Kota/, level: 2 }) });
    await kecamatan.locator("tbody tr").first().waitFor();
    assert.equal(await kecamatan.locator("tbody tr").count(), 4, "four half years");
    assert.match(await kecamatan.locator("tbody").innerText(), /[ABCD] · (Sangat Baik|Baik|Kurang Baik|Tidak Baik)/);
    await noSidewaysScroll(page, width);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe at ${width} px`);

    if (width === 1280) {
      // A period typed wrong is caught before sending.
      await page.locator("#skm-unit").selectOption("SBG-SETDA");
      await page.getByLabel("Periode", { exact: true }).fill("2025-Q1");
      await page.getByLabel("Jumlah responden").fill("120");
      for (const [i, score] of MIXED.entries()) {
        await page.locator(`#skm-u${i + 1}`).fill(score);
      }
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Periode tidak sah", { exact: false }).waitFor();
      assert.equal(serverText(server.db, "select count(*) from skm_results where period = '2025-Q1'"), "0");

      await page.getByLabel("Periode", { exact: true }).fill("2025-S1");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Tersimpan: SBG-SETDA 2025-S1, IKM 79,31, mutu B · Baik.").waitFor();
      const setda = page.locator("section", { has: page.getByRole("heading", { name: /Sekretariat Daerah/, level: 2 }) });
      const row = setda.locator("tbody tr", { hasText: "2025-S1" });
      await row.waitFor();
      assert.match(await row.innerText(), /79,31[\s\S]*indeks 3,172[\s\S]*B · Baik[\s\S]*120/);
      assert.equal(
        serverText(server.db, "select respondents || ':' || nrr1 || ',' || nrr9 from skm_results s join units u on u.id = s.unit_id where u.code = 'SBG-SETDA' and period = '2025-S1'"),
        "120:320,310",
      );

      // A file with errors: each named by its line, nothing stored.
      const before = serverText(server.db, "select count(*) from skm_results");
      await page.getByLabel("Berkas CSV").setInputFiles({
        name: "skm.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("kode_unit,periode,responden,u1,u2,u3,u4,u5,u6,u7,u8,u9\nSBG-SETDA,2024,50,3,3,3,3,3,3,3,3,3\nSBG-XYZ,2024,50,3,3,3,3,3,3,3,3,3\nSBG-SETDA,2024-S1,50,3,3,3,3,3,3,3,3,5\n"),
      });
      await page.getByRole("button", { name: "Impor berkas" }).click();
      await page.getByText("2 kesalahan; tidak ada yang disimpan.", { exact: false }).waitFor();
      await page.locator("ul.errors li", { hasText: /^Baris 3: / }).waitFor();
      await page.locator("ul.errors li", { hasText: /^Baris 4: / }).waitFor();
      assert.equal(serverText(server.db, "select count(*) from skm_results"), before, "nothing stored");
      assert.deepEqual(await seriousA11yViolations(page), [], "axe after saving and with the errors listed");
    }
    await page.screenshot({ path: join(SHOTS, `konsol-kepuasan-${width}.png`), fullPage: true });
    await context.close();
  }
});
