// Evaluation at the learning level (docs/evaluation.md) end to end: before reading a course, a
// learner opens its pre-test from the course page and answers it with no signal; the page is
// closed and reopened mid-test and keeps every answer; the test is handed in offline. The course
// is completed on another phone; back online the phone learns it, and the Evaluasi tab leads to
// the post-test, which is handed in; the server grades both with its own key and the admin's Evaluasi detail shows the
// person's gain. Axe-clean; screenshots at 360 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { apiSession, honestCompletion, push } from "./forge.mjs";
import { choiceFor, packOf } from "./quiz.mjs";
import {
  DEMO_NIP,
  DEMO_PASSWORD,
  deviceEventCount,
  logIn,
  openSyncPanel,
  phoneContext,
  seriousA11yViolations,
  serverAndBrowser,
  serverText,
  waitForServiceWorkerControl,
} from "./harness.mjs";

const ADMIN = "198002142006042001";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });
const learner = `(select id from learners where nip = '${DEMO_NIP}')`;

async function check(page, name, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px: no sideways scroll (${overflow} px too wide)`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width} px`);
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

/** Answers `q` on the test page, right or surely wrong, and waits until the phone shows it chosen. */
async function answerTest(page, q, right) {
  const options = page.locator(`fieldset[data-question="${q.id}"] label.option`);
  for (const i of choiceFor(q, right)) {
    await options.nth(i).click();
    await page.waitForFunction(([id, n]) => document.querySelectorAll(`fieldset[data-question="${id}"] input`)[n]?.checked === true, [q.id, i]);
  }
}

test("a learner takes the pre-test offline across a restart, then the post-test after the course; the admin sees the gain", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  // A course the demo learner has not opened yet (the demo gave them some already).
  const started = serverText(server.db, `select group_concat(course_id) from learner_courses where learner_id = ${learner}`).split(",");
  const catalogue = await (await fetch(`${server.url}/api/courses`)).json();
  const course = catalogue.courses.map((c) => c.id).find((id) => !started.includes(id));
  assert.ok(course, `a course the demo learner has not started (started: ${started})`);
  const pack = await packOf(server, course);
  const [pre, post] = [pack.tests.pre, pack.tests.post];
  const phone = await phoneContext(browser);
  let page = await phone.newPage();
  const preCard = () => page.locator("section", { has: page.getByRole("heading", { name: "Tes awal", level: 2 }) });
  const postCard = () => page.locator("section", { has: page.getByRole("heading", { name: "Tes akhir", level: 2 }) });

  await t.test("online, the downloaded course links to its tests; the pre-test is offered, the post-test not yet", async () => {
    await page.goto(server.url);
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/katalog`);
    const card = page.locator(`li[data-course="${course}"]`);
    await card.getByRole("button", { name: "Unduh untuk offline" }).click();
    await card.getByText("Siap dibuka tanpa sinyal").waitFor();
    await page.goto(`${server.url}/kursus/${course}`);
    await page.getByRole("link", { name: "Tes awal dan tes akhir" }).click();
    await page.getByRole("heading", { name: "Tes awal dan tes akhir", level: 1 }).waitFor();
    await page.getByText(pack.title).first().waitFor();
    await preCard().getByRole("button", { name: "Mulai tes awal" }).waitFor();
    await postCard().getByText("Tes akhir terbuka setelah kursus selesai (lulus kuis).").waitFor();
    await check(page, "kegiatan-tes", 360);
  });

  await t.test("offline, the pre-test's answers are kept when the page is closed mid-test", async () => {
    await phone.setOffline(true);
    await preCard().getByRole("button", { name: "Mulai tes awal" }).click();
    // Two right, then a wrong one, before the phone is put away.
    for (const [i, q] of pre.slice(0, 3).entries()) await answerTest(page, q, i < 2);
    await page.getByText(`3 dari ${pre.length} soal dijawab`).waitFor();
    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/kegiatan/#tes/${course}`);
    await page.getByText(`3 dari ${pre.length} soal dijawab`).waitFor();
    assert.ok(await page.locator(`fieldset[data-question="${pre[0].id}"] input`).nth(pre[0].correct[0]).isChecked(), "the first answer is still chosen");
    await check(page, "kegiatan-tes-awal", 360);
  });

  await t.test("handed in offline with every question answered, it shows the phone's score and waits to sync", async () => {
    await preCard().getByRole("button", { name: "Serahkan" }).click();
    await preCard().getByRole("alert").getByText("Jawab semua soal dulu.").waitFor();
    for (const q of pre.slice(3)) await answerTest(page, q, false);
    await preCard().getByRole("button", { name: "Serahkan" }).click();
    const percent = Math.floor((200 / pre.length));
    await preCard().getByText(`Nilai: ${percent}% (2 dari ${pre.length} benar)`).waitFor();
    await preCard().getByText("menunggu sinkron").waitFor();
    assert.ok((await deviceEventCount(page, { pending: true })) >= pre.length + 2, "the test's events wait on the phone");
    assert.equal(serverText(server.db, `select count(*) from test_results where learner_id = ${learner} and course_id = '${course}'`), "0");
  });

  await t.test("the course is completed on another phone; online, the post-test opens and both reach the server", async () => {
    // The other phone's completion comes after the pre-test, so the pre-test counts.
    const other = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
    await push(server, other, honestCompletion(pack));
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    // The Evaluasi tab lists the course the server credited, with the way to its tests.
    await page.goto(`${server.url}/kegiatan/#evaluasi`);
    const card = page.locator(`[data-testid="eval-subject"][data-subject="course:${course}"]`);
    await card.getByRole("link", { name: "Tes awal dan tes akhir" }).click();
    await preCard().getByText(`Nilai: ${Math.floor(200 / pre.length)}% (2 dari ${pre.length} benar)`).waitFor();
    await postCard().getByRole("button", { name: "Mulai tes akhir" }).click();
    for (const q of post) await answerTest(page, q, true);
    await postCard().getByRole("button", { name: "Serahkan" }).click();
    await postCard().getByText(`Nilai: 100% (${post.length} dari ${post.length} benar)`).waitFor();
    const gain = 100 - Math.floor(200 / pre.length);
    await postCard().getByTestId("gain").getByText(`Kenaikan dari tes awal: +${gain} poin`).waitFor();
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await postCard().getByText("Sudah diterima server.").waitFor();
    assert.equal(
      serverText(server.db, `select pre_correct || '/' || pre_total || ' ' || post_correct || '/' || post_total from test_results where learner_id = ${learner} and course_id = '${course}'`),
      `2/${pre.length} ${post.length}/${post.length}`,
    );
    await check(page, "kegiatan-tes-akhir", 360);
  });

  await t.test("the admin's Evaluasi detail lists the learner's tests and gain, at 360 and 1280 px", async () => {
    const gain = 100 - Math.floor(200 / pre.length);
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "id-ID" });
      const desk = await context.newPage();
      await desk.goto(`${server.url}/konsol/masuk`);
      await logIn(desk, ADMIN, DEMO_PASSWORD);
      await desk.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
      await desk.goto(`${server.url}/konsol/evaluasi`);
      await desk.getByRole("heading", { name: "Evaluasi pembelajaran", level: 1 }).waitFor();
      const row = desk.locator("tbody tr", { has: desk.getByRole("button", { name: `Rincian ${pack.title}` }) });
      assert.match(await row.locator('td[data-label="Kenaikan pre/post"]').innerText(), /^[+−]?\d+,\d\d poin \(n=\d+\)$/);
      await row.getByRole("button", { name: `Rincian ${pack.title}` }).click();
      await desk.getByRole("heading", { name: "Tes awal dan tes akhir per orang", level: 3 }).waitFor();
      const line = desk.getByTestId("eval-tests").locator("tr", { hasText: DEMO_NIP });
      assert.deepEqual(
        (await line.locator("td.num").allInnerTexts()).map((s) => s.trim()),
        [`${Math.floor(200 / pre.length)}%`, "100%", `+${gain}`],
      );
      await desk.getByTestId("eval-gain").waitFor();
      await check(desk, "konsol-evaluasi-tes", width);
      await context.close();
    }
  });
});
