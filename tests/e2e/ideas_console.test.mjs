// The innovation-idea competition in the console (docs/innovation.md): the admin opens a round with
// the form, two staff hand in ideas from their phones, the Camat returns one without a note (refused
// in words) and endorses both, the jurors score by number without seeing who wrote what, the admin
// publishes and opens the printable proposal. Axe-clean at 360 px and 1280 px, screenshotted.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { apiSession, push } from "./forge.mjs";
import { DEMO_NIP, DEMO_PASSWORD, logIn, seriousA11yViolations, serverAndBrowser } from "./harness.mjs";

const ADMIN = "198002142006042001";
const CAMAT = "197906182005011003";
/** The Sekda (Ani Lubis) and the head of Kominfo (Citra Tanjung). */
const JURORS = ["197706122000042101", "199104062016102103"];
const COLLEAGUE = "199007252015031001";
const THEME = "Kecamatan ramah warga";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });

/** `YYYY-MM-DD` in WIB, `days` from today. */
const wibDay = (days) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function call(server, session, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Axe at this width, then the same page at the other width, each screenshotted. */
async function check(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} at ${width} px: no sideways scroll (${overflow} px too wide)`);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width} px`);
    await page.screenshot({ path: join(SHOTS, `konsol-${name}-${width}.png`), fullPage: true });
  }
}

async function consoleAs(browser, server, nip) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, nip, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
  await page.getByRole("link", { name: "Ide inovasi" }).click();
  await page.getByRole("heading", { level: 1, name: "Lomba ide inovasi" }).waitFor();
  return { page, context };
}

test("an admin opens a round in the console, the Camat endorses, jurors score blind, the admin publishes and prints a proposal", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  let roundId;

  await t.test("the admin opens a round with the form; the weights must add up to 100", async () => {
    const { page, context } = await consoleAs(browser, server, ADMIN);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Buka babak" }) });
    await form.getByLabel("Tema").fill(THEME);
    await form.getByLabel("Dibuka tanggal").fill(wibDay(-2));
    await form.getByLabel("Batas kirim").fill(wibDay(5));
    await form.getByLabel("Penilaian berakhir").fill(wibDay(20));
    for (const [n, name, weight] of [[1, "Manfaat bagi warga", "50"], [2, "Bisa dijalankan", "30"], [3, "Kebaruan", "30"]]) {
      await form.getByLabel(`Kriteria ${n}`, { exact: true }).fill(name);
      await form.getByLabel(`Bobot kriteria ${n} (%)`).fill(weight);
    }
    await form.getByTestId("weight-sum").getByText("Jumlah bobot: 110%").waitFor();
    await form.getByLabel(`Juri: NIP atasan atau admin, satu per baris`).fill(JURORS.join("\n"));
    // Both jurors head units with staff, who may all enter a round for everyone: the form says what
    // that costs the blind judging. A round for one kelurahan leaves the head of Kominfo out of it.
    const conflict = form.getByTestId("juror-conflict");
    await conflict.filter({ hasText: "Juri ini juga atasan pegawai yang bisa ikut lomba ini" }).waitFor();
    assert.match(await conflict.innerText(), /Citra Tanjung \(Dinas Komunikasi dan Informatika\)/);
    await form.getByLabel("Peserta dari unit").selectOption("SBG-KEL-PASAR");
    await conflict.filter({ hasNotText: "Citra Tanjung" }).waitFor();
    await form.getByLabel("Peserta dari unit").selectOption("");
    await conflict.filter({ hasText: "Citra Tanjung" }).waitFor();
    await form.getByRole("button", { name: "Buka babak" }).click();
    await page.getByText("the weights add up to 110 percent; make them add up to 100", { exact: false }).waitFor();
    await form.getByLabel("Bobot kriteria 3 (%)").fill("20");
    await form.getByTestId("weight-sum").getByText("Jumlah bobot: 100%").waitFor();
    await form.getByRole("button", { name: "Buka babak" }).click();
    await page.getByText("Babak lomba dibuka; pegawai melihatnya setelah sinkron.").waitFor();
    const card = page.locator("[data-testid=round]").filter({ hasText: THEME });
    await card.getByText("Dibuka", { exact: true }).waitFor();
    await card.getByText("Manfaat bagi warga 50% · Bisa dijalankan 30% · Kebaruan 20%").waitFor();
    roundId = (await call(server, await apiSession(server, ADMIN, DEMO_PASSWORD), "GET", "/api/ideas/rounds/admin")).find((r) => r.theme === THEME).id;
    await check(page, "ide-admin");
    await context.close();
  });

  await t.test("before judging the admin changes the round: the form comes filled, the deadline moves, jurors stay", async () => {
    const { page, context } = await consoleAs(browser, server, ADMIN);
    const card = page.locator("[data-testid=round]").filter({ hasText: THEME });
    await card.getByRole("button", { name: "Ubah babak" }).click();
    const form = card.locator("form");
    assert.equal(await form.getByLabel("Tema").inputValue(), THEME);
    assert.equal(await form.getByLabel("Peserta dari unit").inputValue(), "", "open to every unit in the admin's scope");
    // The units arrive from the server after the form opens: wait for them before counting.
    await form.getByLabel("Peserta dari unit").locator("option").nth(2).waitFor({ state: "attached" });
    assert.ok((await form.getByLabel("Peserta dari unit").locator("option").count()) > 2, "the units to choose from are listed");
    await form.getByLabel("Keterangan").fill("Ide dari loket pelayanan, diuji kecil dulu.");
    await form.getByLabel("Batas kirim").fill(wibDay(6));
    await form.getByRole("button", { name: "Simpan perubahan" }).click();
    await page.getByText("Perubahan babak disimpan.").waitFor();
    const round = (await call(server, await apiSession(server, ADMIN, DEMO_PASSWORD), "GET", "/api/ideas/rounds/admin")).find((r) => r.id === roundId);
    assert.equal(round.closes_on, wibDay(6));
    assert.equal(round.description, "Ide dari loket pelayanan, diuji kecil dulu.");
    assert.deepEqual(round.jurors.map((j) => j.nip).sort(), [...JURORS].sort());
    await check(page, "ide-admin-ubah");
    await context.close();
  });

  await t.test("two staff hand in ideas; the Camat must write a note to return one, and endorses both", async () => {
    const idea = (entry, title) => [
      { kind: "idea_saved", payload: { entry, round: String(roundId), title, items: ["Warga menunggu lama.", "Warga kecamatan.", `${title}.`, "Waktu tunggu.", "Rp 0."], evidence: [], team: [COLLEAGUE] } },
      { kind: "idea_submitted", payload: { entry } },
    ];
    await push(server, await apiSession(server, DEMO_NIP, DEMO_PASSWORD), () => idea("sri-1", "Loket prioritas lansia"));
    await push(server, await apiSession(server, COLLEAGUE, DEMO_PASSWORD), () => idea("rahmat-1", "Formulir terisi dari KTP-el"));
    const { page, context } = await consoleAs(browser, server, CAMAT);
    const sri = page.locator("[data-testid=review-idea]").filter({ hasText: "Loket prioritas lansia" });
    await sri.getByText("Sri Wahyuni").waitFor();
    await sri.getByText("Masalah yang diatasi").waitFor();
    await sri.getByText(`Anggota tim (NIP): ${COLLEAGUE}`).waitFor();
    await check(page, "ide-atasan");
    await sri.getByRole("button", { name: "Kembalikan dengan catatan" }).click();
    await sri.getByText("Tulis apa yang perlu diperbaiki sebelum mengembalikan.").waitFor();
    for (const title of ["Loket prioritas lansia", "Formulir terisi dari KTP-el"]) {
      await page.locator("[data-testid=review-idea]").filter({ hasText: title }).getByRole("button", { name: "Dukung ide ini" }).click();
      await page.getByText("Ide didukung dan diteruskan ke juri dengan nomor, tanpa nama penulis.").waitFor();
    }
    // Decided ideas leave the queue (the demo's own waiting ideas may stay).
    // Each decision reloads the queue: wait for both to leave, not for the first reload only.
    await sri.waitFor({ state: "detached" });
    await page.locator("[data-testid=review-idea]").filter({ hasText: "Formulir terisi dari KTP-el" }).waitFor({ state: "detached" });
    await context.close();
  });

  await t.test("after the deadline each juror scores by number and sees no author", async () => {
    const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
    const round = (await call(server, admin, "GET", "/api/ideas/rounds/admin")).find((r) => r.id === roundId);
    // The admin closes the round early: its deadline was yesterday.
    await call(server, admin, "PUT", `/api/ideas/rounds/${roundId}`, {
      theme: round.theme, description: "", opens_on: wibDay(-3), closes_on: wibDay(-1), judging_ends_on: wibDay(20), unit: null, criteria: round.criteria, jurors: JURORS,
    });
    for (const [j, nip] of JURORS.entries()) {
      const { page, context } = await consoleAs(browser, server, nip);
      const sheet = page.getByTestId("judging");
      await sheet.getByRole("heading", { name: `Penilaian juri: ${THEME}` }).waitFor();
      const text = await sheet.textContent();
      for (const hidden of ["Sri Wahyuni", "Rahmat Hidayat", DEMO_NIP, COLLEAGUE, "Kecamatan Sibolga Kota"]) assert.ok(!text.includes(hidden), `a juror must not see ${hidden}`);
      // Idea 1 (the first endorsed) gets 5s from both; idea 2 gets 4s.
      for (const [n, score] of [[1, "5"], [2, "4"]]) {
        const card = sheet.locator("[data-testid=score-idea]").filter({ hasText: `Ide ${n}:` });
        if (j === 0 && n === 1) {
          await card.getByRole("button", { name: "Simpan nilai" }).click();
          await card.getByText("Beri nilai untuk setiap kriteria dulu.").waitFor();
        }
        for (const criterion of ["Manfaat bagi warga", "Bisa dijalankan", "Kebaruan"]) await card.getByLabel(criterion).selectOption(score);
        await card.getByRole("button", { name: "Simpan nilai" }).click();
        await card.getByTestId("scored").getByText("Sudah Anda nilai.").waitFor();
      }
      if (j === 0) await check(page, "ide-juri");
      await context.close();
    }
  });

  await t.test("the admin sees the ranking, publishes, and opens the proposal to print", async () => {
    const { page, context } = await consoleAs(browser, server, ADMIN);
    const card = page.locator("[data-testid=round]").filter({ hasText: THEME });
    await card.getByRole("button", { name: "Lihat peringkat" }).click();
    const rows = card.locator("tbody tr");
    await rows.first().waitFor();
    assert.deepEqual(await rows.locator("td").nth(2).allTextContents(), ["5,00"]);
    assert.equal(await card.getByText("Sri Wahyuni").count(), 0, "no author before publication");
    await card.getByRole("button", { name: "Umumkan hasil" }).click();
    await page.getByText("Hasil diumumkan; peserta melihat peringkatnya setelah sinkron.").waitFor();
    await card.getByText("Sri Wahyuni", { exact: false }).waitFor();
    await card.getByText("Hasil diumumkan", { exact: true }).waitFor();
    await check(page, "ide-hasil");
    await card.getByRole("link", { name: "Buka usulan" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Loket prioritas lansia" }).waitFor();
    await page.getByText("Sri Wahyuni (198503122010012002)").waitFor();
    await page.getByText("Rahmat Hidayat (199007252015031001)").waitFor();
    await page.getByText("Peringkat 1 dari 2, nilai 5,00").waitFor();
    await page.getByRole("heading", { name: "Cara mengukur keberhasilan" }).waitFor();
    await page.getByRole("button", { name: "Cetak atau simpan PDF" }).waitFor();
    await check(page, "ide-usulan");
    await context.close();
  });
});
