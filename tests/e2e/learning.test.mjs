// Offline learning end to end: download online, then read, fail, pass and keep it all offline.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answer, choiceFor, packOf, takeQuiz } from "./quiz.mjs";
import {
  launchBrowser,
  logIn,
  phoneContext,
  seriousA11yViolations,
  serverEventCount,
  startServer,
  waitForServiceWorkerControl,
  openSyncPanel,
} from "./harness.mjs";

const COURSE = "keamanan-digital";

async function assertAccessible(page, where) {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${where}`);
}

async function startLearner(browser, server) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await waitForServiceWorkerControl(page);
  // An in-app link changes the address without reloading the app (a reload would cost a phone the wasm start).
  await page.evaluate(() => { globalThis.sameDocument = true; });
  await page.getByRole("link", { name: "Katalog", exact: true }).click();
  const card = page.locator(`li[data-course="${COURSE}"]`);
  await card.waitFor();
  assert.equal(new URL(page.url()).pathname, "/katalog", "the address bar follows the link");
  assert.equal(await page.evaluate(() => globalThis.sameDocument), true, "the link did not reload the page");
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  return { context, page, card };
}

test("a learner downloads a course, then reads, fails, passes and keeps everything offline", async (t) => {
  let server = await startServer();
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  const pack = await packOf(server, COURSE);
  const { context, page, card } = await startLearner(browser, server);
  await assertAccessible(page, "catalogue");

  await t.test("the catalogue filters by pillar and by competency type", async () => {
    const { courses } = await (await fetch(`${server.url}/api/courses`)).json();
    const shown = () => page.locator("li.course").count();
    assert.equal(await shown(), courses.length);
    await page.getByLabel("Pilar literasi digital").selectOption("Aman");
    await page.waitForFunction((n) => document.querySelectorAll("li.course").length === n,
      courses.filter((c) => c.pillars.includes("aman")).length);
    await page.getByLabel("Jenis kompetensi").selectOption("Manajerial");
    const both = courses.filter((c) => c.pillars.includes("aman") && c.competency === "manajerial").length;
    await page.waitForFunction((n) => document.querySelectorAll("li.course").length === n, both);
    assert.ok(both > 0 && both < courses.length, "the filters narrow the list without emptying it");
    await page.getByLabel("Pilar literasi digital").selectOption("");
    await page.getByLabel("Jenis kompetensi").selectOption("");
    await page.waitForFunction((n) => document.querySelectorAll("li.course").length === n, courses.length);
  });

  await t.test("with no network and no server, the catalogue still shows the course ready", async () => {
    await context.setOffline(true);
    assert.equal(await server.stop(), 0);
    await page.reload();
    await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  });

  await t.test("every lesson opens offline and is marked read", async () => {
    await card.getByRole("link", { name: "Buka" }).click();
    await page.getByRole("heading", { level: 1, name: pack.title }).waitFor();
    await page.getByRole("link", { name: pack.lessons[0].title }).click();
    for (const [n, lesson] of pack.lessons.entries()) {
      await page.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
      await page.getByText(`Pelajaran ${n + 1} dari ${pack.lessons.length}`).waitFor();
      if (n === 0) await assertAccessible(page, "lesson");
      await page.getByRole("button", { name: "Tandai selesai, lanjut" }).click();
    }
    await page.getByRole("button", { name: "Mulai kuis" }).waitFor();
  });

  await t.test("a failed attempt credits no JP", async () => {
    await page.getByRole("button", { name: "Mulai kuis" }).click();
    await page.getByText(`Pertanyaan 1 dari ${pack.quiz.questions.length}`).waitFor();
    await assertAccessible(page, "quiz");
    await takeQuiz(page, pack, false);
    await page.getByText("Nilai Anda 0%.", { exact: false }).waitFor();
    assert.equal(await page.locator(".result").getAttribute("data-passed"), "false");
  });

  await t.test("a passing retry credits the course's JP, and passing again credits nothing more", async () => {
    await page.getByRole("button", { name: "Ulangi kuis" }).click();
    await takeQuiz(page, pack, true);
    await page.getByText("Lulus! Nilai Anda 100%.").waitFor();
    await page.getByText(`Kursus selesai: ${pack.jp} JP, dihitung setelah server memverifikasinya`, { exact: false }).waitFor();
    await page.getByRole("button", { name: "Ulangi kuis" }).click();
    await takeQuiz(page, pack, true);
    await page.getByText("Lulus! Nilai Anda 100%.").waitFor();
    assert.equal(await page.getByText("dihitung setelah server memverifikasinya").count(), 0);
    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    // Offline the server has not verified it yet: the JP waits apart, as the phone's preview.
    await page.getByTestId("jp").getByText("0 dari 20 JP terverifikasi").waitFor();
    await page.getByTestId("jp-waiting").getByText(`+${pack.jp} JP menunggu sinkron`).waitFor();
    await assertAccessible(page, "home");
  });

  await t.test("after an offline reload everything is still there", async () => {
    await page.reload();
    await page.getByTestId("jp-waiting").getByText(`+${pack.jp} JP menunggu sinkron`).waitFor();
    await page.goto(`${server.url}/kursus/${COURSE}`);
    await page.getByTestId("quiz-status").getByText(`${pack.jp} JP (lihat status verifikasi di Beranda)`).waitFor();
    assert.equal(await page.locator('a.step[data-done="true"]').count(), pack.lessons.length);
  });

  await t.test("back online, every recorded step reaches the server once", async () => {
    server = await startServer({ port: server.port, db: server.db, dist: server.dist });
    await context.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor({ timeout: 60_000 });
    const stored = serverEventCount(server.db);
    const onDevice = await page.evaluate(
      () =>
        new Promise((done, fail) => {
          const open = indexedDB.open("lentera");
          open.onsuccess = () => {
            const count = open.result.transaction("events").objectStore("events").count();
            count.onsuccess = () => done(count.result);
            count.onerror = () => fail(count.error);
          };
          open.onerror = () => fail(open.error);
        }),
    );
    assert.equal(stored, onDevice);
    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    await page.getByTestId("jp").getByText(`${pack.jp} dari 20 JP terverifikasi`).waitFor();
  });
});

test("a learner whose app is killed mid-quiz continues offline at the same question", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  const pack = await packOf(server, COURSE);
  const { context, page } = await startLearner(browser, server);
  await context.setOffline(true);
  await page.goto(`${server.url}/kursus/${COURSE}/kuis`);
  await page.getByRole("button", { name: "Mulai kuis" }).click();
  const [q1, q2] = pack.quiz.questions;
  await answer(page, q1, true);
  await page.getByRole("button", { name: "Berikutnya" }).click();
  await answer(page, q2, false);
  await page.getByRole("button", { name: "Berikutnya" }).click();
  await page.getByText(`Pertanyaan 3 dari ${pack.quiz.questions.length}`).waitFor();
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto(server.url);
  await reopened.getByText(`Pertanyaan 3 dari ${pack.quiz.questions.length}`).waitFor();
  assert.match(reopened.url(), new RegExp(`/kursus/${COURSE}/kuis$`));
  await reopened.getByRole("button", { name: "Sebelumnya" }).click();
  const kept = reopened.locator(`fieldset[data-question="${q2.id}"] input`).nth(choiceFor(q2, false)[0]);
  assert.equal(await kept.isChecked(), true, "the answer given before the kill is still chosen");
});
