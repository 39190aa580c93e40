// The console's competency framework page (/konsol/kerangka): the default framework by type with
// five levels each, an edit saved to the server, and the requirements CSV whose errors are listed
// by line (nothing stored) and whose clean import shows in the positions; readable and axe-clean
// at 360 and 1280 px.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO_PASSWORD, logIn, openAdminPlace, seriousA11yViolations, serverAndBrowser, serverText } from "./harness.mjs";

const ADMIN = "198002142006042001";

async function noSidewaysScroll(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (${overflow} px too wide)`);
}

test("the framework page shows the competencies and positions, saves an edit, and imports requirements all or nothing", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const competencies = Number(serverText(server.db, "select count(*) from competencies"));
  assert.ok(competencies >= 8, `the default framework is loaded (${competencies})`);

  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    if (width === 1280) {
      await openAdminPlace(page, "Kerangka kompetensi");
    } else {
      await page.goto(`${server.url}/konsol/kerangka`);
    }
    await page.getByRole("heading", { name: "Kerangka kompetensi", level: 1 }).waitFor();
    await page.locator("article.fw-comp").first().waitFor();
    assert.equal(await page.locator("article.fw-comp").count(), competencies, "every competency is shown");
    for (const kind of ["Teknis", "Manajerial", "Sosial kultural"]) {
      await page.getByRole("heading", { name: kind, level: 2, exact: true }).waitFor();
    }
    const first = page.locator("article.fw-comp").first();
    assert.equal(await first.locator("ol.levels li").count(), 5, "five levels");
    assert.equal(await first.getByText("Level 5").isVisible(), false, "folded until asked for");
    await first.getByText("Apa yang bisa dikerjakan di tempat kerja, per level").click();
    await first.getByText("Level 5").waitFor();
    await page.locator(".position", { has: page.getByRole("heading", { name: "Analis Kebijakan" }) }).waitFor();
    await noSidewaysScroll(page, width);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe at ${width} px`);

    if (width === 360) {
      // An edit: the form in place, then the saved name on the page and in the database.
      await first.getByRole("button", { name: "Ubah" }).click();
      const form = page.locator("form.fw-form");
      await form.getByLabel("Nama kompetensi").fill("Keamanan digital dan data");
      await form.getByLabel("Level 3").fill("Mandiri menjaga akun dan data warga.");
      await noSidewaysScroll(page, width);
      assert.deepEqual(await seriousA11yViolations(page), [], "axe on the edit form");
      await form.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Kompetensi DIG-01 tersimpan.").waitFor();
      await page.getByRole("heading", { name: /Keamanan digital dan data/ }).waitFor();
      assert.equal(serverText(server.db, "select name || '|' || level3 from competencies where code = 'DIG-01'"), "Keamanan digital dan data|Mandiri menjaga akun dan data warga.");

      // A file with errors: each named by its line, nothing stored.
      const before = serverText(server.db, "select count(*) || '/' || sum(level) from position_requirements");
      await page.getByLabel("Berkas CSV").setInputFiles({
        name: "kebutuhan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("jabatan,kode_kompetensi,level\nAnalis Kebijakan,DIG-01,4\nPranata Humas,DIG-99,3\nArsiparis,DIG-02,7\n"),
      });
      await page.getByRole("button", { name: "Impor berkas" }).click();
      await page.getByText("2 kesalahan; tidak ada yang disimpan.", { exact: false }).waitFor();
      await page.locator("ul.errors li", { hasText: /^Baris 3: / }).waitFor();
      await page.locator("ul.errors li", { hasText: /^Baris 4: / }).waitFor();
      assert.equal(serverText(server.db, "select count(*) || '/' || sum(level) from position_requirements"), before, "nothing stored");
      assert.deepEqual(await seriousA11yViolations(page), [], "axe with the errors listed");

      // The clean file: the position now requires exactly its lines.
      await page.getByLabel("Berkas CSV").setInputFiles({
        name: "kebutuhan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("jabatan,kode_kompetensi,level\nJabatan Uji,DIG-01,4\nJabatan Uji,DIG-02,3\n"),
      });
      await page.getByRole("button", { name: "Impor berkas" }).click();
      await page.getByText("Impor selesai: 1 jabatan, 2 ditambah, 0 diubah, 0 dihapus, 0 tidak berubah.").waitFor();
      const position = page.locator(".position", { has: page.getByRole("heading", { name: "Jabatan Uji" }) });
      await position.locator("li", { hasText: "DIG-01" }).getByText("Level 4").waitFor();
      assert.equal(serverText(server.db, "select group_concat(competency || '=' || level, ' ') from (select * from position_requirements where position_key = 'jabatan uji' order by competency)"), "DIG-01=4 DIG-02=3");
    }
    await context.close();
  }
});

// The BKPSDM's needs page (/konsol/kebutuhan) over the demo city's surveys: the heat map stays a
// table scrolling inside its own frame on a phone, the figures are written, and axe is clean.
test("the needs heat map is readable at 360 and 1280 px and its CSV downloads", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    await page.goto(`${server.url}/konsol/kebutuhan`);
    await page.getByRole("heading", { name: "Kebutuhan kompetensi", level: 1 }).waitFor();
    const map = page.getByRole("region", { name: /Peta kebutuhan/ });
    await map.locator("td.heat").first().waitFor();
    assert.ok((await map.locator("td.heat strong", { hasText: /kurang/ }).count()) > 0, "cells say how many are short");
    await noSidewaysScroll(page, width);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on the needs page at ${width} px`);
    if (width === 1280) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Unduh CSV/ }).click()]);
      const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
      assert.ok(text.startsWith("tahun,kode_unit,nama_unit,"), text.slice(0, 80));
    }
    await context.close();
  }
});
