// The server's word on JP, end to end: a course completed offline waits on Beranda with the phone's
// preview, shows "terverifikasi" once synced (and still offline afterwards, with its certificate's page);
// claims forged through the API are "tidak dikonfirmasi", with the reason, on the phone and on the console's person page.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiSession, bareCompletion, push, wrongAnswersClaimedFull } from "./forge.mjs";
import { packOf, takeQuiz } from "./quiz.mjs";
import {
  DEMO_NIP,
  DEMO_PASSWORD,
  logIn,
  phoneContext,
  seriousA11yViolations,
  serverAndBrowser,
  waitForServiceWorkerControl,
  openSyncPanel,
} from "./harness.mjs";

const ADMIN = "198002142006042001";
const HONEST = "keamanan-digital";
const BARE = "budaya-inovasi";
const WRONG = "media-sosial-publik";
const CLAIM = 40;

/** Beranda's line for a course in "Kursus selesai tahun ini". */
const standing = (page, course) => page.getByTestId("completed").locator(`a[data-course="${course}"]`);

test("JP is what the server verified: offline preview, verified after sync, forged claims not confirmed", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const [pack, bare, wrong] = await Promise.all([packOf(server, HONEST), packOf(server, BARE), packOf(server, WRONG)]);
  const phone = await phoneContext(browser);
  const page = await phone.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  t.after(() => assert.deepEqual(pageErrors, [], "no uncaught errors in the app"));

  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").getByText("0 dari 20 JP terverifikasi").waitFor();
  await waitForServiceWorkerControl(page);
  await page.goto(`${server.url}/katalog`);
  const card = page.locator(`li[data-course="${HONEST}"]`);
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();

  await t.test("a course completed offline waits to sync, with the phone's preview apart from the verified JP", async () => {
    await phone.setOffline(true);
    await page.goto(`${server.url}/kursus/${HONEST}/pelajaran/${pack.lessons[0].id}`);
    for (const lesson of pack.lessons) {
      await page.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
      await page.getByRole("button", { name: "Tandai selesai, lanjut" }).click();
    }
    await page.getByRole("button", { name: "Mulai kuis" }).click();
    await takeQuiz(page, pack, true);
    await page.getByText("Lulus! Nilai Anda 100%.").waitFor();
    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    await standing(page, HONEST).getByText(`menunggu sinkron · perkiraan ${pack.jp} JP`).waitFor();
    await page.getByTestId("jp").getByText("0 dari 20 JP terverifikasi").waitFor();
    await page.getByTestId("jp-waiting").getByText(`+${pack.jp} JP menunggu sinkron`).waitFor();
    assert.equal(await page.locator("progress").getAttribute("value"), "0", "the bar counts only verified JP");
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on Beranda with a course waiting");
  });

  await t.test("after the sync the server's credit shows as verified, and stays so offline", async () => {
    await phone.setOffline(false);
    await standing(page, HONEST).getByText(`terverifikasi · ${pack.jp} JP`).waitFor({ timeout: 30_000 });
    await page.getByTestId("jp").getByText(`${pack.jp} dari 20 JP terverifikasi`).waitFor();
    assert.equal(await page.getByTestId("jp-waiting").isHidden(), true, "nothing waits any more");
    assert.equal(await page.locator("progress").getAttribute("value"), String(Math.min(pack.jp, 20)));
    // The course's certificate: named on its line, its page kept by the service worker after the sync.
    const link = standing(page, HONEST).locator("xpath=..").getByRole("link", { name: /^Sertifikat LTR-\d{4}-[0-9A-Z]{8}$/ });
    const number = (await link.textContent()).replace("Sertifikat ", "");
    await page.waitForFunction(async (n) => Boolean(await caches.match(`/verifikasi/${n}`)), number);
    await phone.setOffline(true);
    await page.reload();
    await standing(page, HONEST).getByText(`terverifikasi · ${pack.jp} JP`).waitFor();
    await page.getByTestId("jp").getByText(`${pack.jp} dari 20 JP terverifikasi`).waitFor();
    await link.click();
    await page.waitForURL(`${server.url}/verifikasi/${number}`);
    await page.getByText("Sertifikat sah").waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on the certificate's page, offline");
    await page.goto(server.url);
    await standing(page, HONEST).getByText(`terverifikasi · ${pack.jp} JP`).waitFor();
    await phone.setOffline(false);
  });

  await t.test("forged claims pushed through the API are not confirmed on the phone, with the reason", async () => {
    const forger = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
    await push(server, forger, bareCompletion(BARE, CLAIM));
    await push(server, forger, wrongAnswersClaimedFull(wrong, CLAIM));
    await openSyncPanel(page);
    await page.getByRole("button", { name: "Sinkronkan sekarang" }).first().click();
    const bareLine = standing(page, BARE);
    await bareLine.getByText("tidak dikonfirmasi: belum ada kuis yang diserahkan").waitFor({ timeout: 30_000 });
    await bareLine.getByText(`klaim perangkat: ${CLAIM} JP`).waitFor();
    assert.equal(await bareLine.locator("strong").textContent(), bare.title);
    const wrongLine = standing(page, WRONG);
    const n = wrong.quiz.questions.length;
    await wrongLine.getByText(`tidak dikonfirmasi: nilai menurut kunci jawaban 0/${n}, di bawah 80%`).waitFor();
    await wrongLine.getByText(`klaim perangkat: ${CLAIM} JP`).waitFor();
    await standing(page, HONEST).getByText(`terverifikasi · ${pack.jp} JP`).waitFor();
    await page.getByTestId("jp").getByText(`${pack.jp} dari 20 JP terverifikasi`).waitFor();
    await page.getByText("Kursus yang tidak dikonfirmasi tidak menambah JP.", { exact: false }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on Beranda with claims not confirmed");
    await page.getByRole("button", { name: "English" }).click();
    await standing(page, BARE).getByText("not confirmed: no quiz handed in").waitFor();
    await standing(page, HONEST).getByText(`verified · ${pack.jp} JP`).waitFor();
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  });

  await t.test("the console's person page shows each course's status, the reason and the device's claim", async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
      const desk = await (await browser.newContext({ viewport, locale: "id-ID" })).newPage();
      await desk.goto(`${server.url}/konsol/masuk`);
      await logIn(desk, ADMIN, DEMO_PASSWORD);
      await desk.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
      await desk.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
      const courses = desk.locator("section", { has: desk.getByRole("heading", { name: "Kursus", exact: true }) });
      const row = (title) => courses.locator("tbody tr", { hasText: title });
      await row(pack.title).getByText("terverifikasi", { exact: true }).waitFor();
      const bareRow = row(bare.title);
      await bareRow.getByText("tidak dikonfirmasi", { exact: true }).waitFor();
      await bareRow.getByText("belum ada kuis yang diserahkan").waitFor();
      await bareRow.getByText(`klaim perangkat: ${CLAIM} JP`).waitFor();
      assert.equal(await bareRow.getAttribute("class"), "refused", "a claim not confirmed is marked beyond its colour");
      const n = wrong.quiz.questions.length;
      await row(wrong.title).getByText(`nilai menurut kunci jawaban 0/${n}, di bawah 80%`).waitFor();
      // The best score is the server's grade, the device's full score only its claim.
      await row(wrong.title).getByText(`0/${n} (0 %)`).waitFor();
      await row(wrong.title).getByText(`klaim perangkat: ${n}/${n}`).waitFor();

      const ledger = desk.locator("section", { has: desk.getByRole("heading", { name: /^Catatan JP \d{4}$/ }) });
      const quarter = ["I", "II", "III", "IV"][Math.floor(new Date(Date.now() + 7 * 3_600_000).getUTCMonth() / 3)];
      const credited = ledger.locator("tbody tr", { hasText: pack.title });
      await credited.getByText("terverifikasi", { exact: true }).waitFor();
      assert.equal((await credited.locator("td").nth(1).textContent()).trim(), quarter);
      await ledger.locator("tbody tr", { hasText: bare.title }).getByText("tidak dikonfirmasi", { exact: true }).waitFor();
      assert.equal((await ledger.locator("tfoot td.num").textContent()).trim(), String(pack.jp), "the total counts only what was credited");
      assert.deepEqual(await seriousA11yViolations(desk), [], `axe on the person page at ${viewport.width} px`);
      await desk.context().close();
    }
  });
});
