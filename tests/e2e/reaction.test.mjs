// Evaluation at the reaction and behaviour levels (docs/evaluation.md) end to end: a learner rates a
// course they completed on the phone's /kegiatan/ page with no signal; closed and reopened, the
// answer waits ("menunggu sinkron"); back online it syncs and the admin's Evaluasi report shows the
// open answer. The Camat records that a learner's action plan was done. Axe-clean; screenshots at
// 360 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { apiSession, eventId, honestCompletion, push } from "./forge.mjs";
import { packOf } from "./quiz.mjs";
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
/** The demo Camat: supervises the demo learner's unit. */
const CAMAT = "197906182005011003";
const COURSE = "keamanan-digital";
const SUBJECT = `course:${COURSE}`;
const ANSWER = "Contoh kasusnya sebaiknya dari kantor kecamatan sendiri.";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });
const learner = `(select id from learners where nip = '${DEMO_NIP}')`;

async function check(page, name, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px: no sideways scroll (${overflow} px too wide)`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width} px`);
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

async function consoleAs(browser, server, nip, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "id-ID" });
  const page = await context.newPage();
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, nip, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
  return { context, page };
}

/** Pushes an action plan for `SUBJECT` saved `days` ago, as a phone that was offline that long. */
async function planSavedDaysAgo(server, session, days, text) {
  const at = Date.now() - days * 86_400_000;
  const event = { id: eventId(at), device_id: session.deviceId, device_time_ms: at, body: { kind: "action_plan_saved", payload: { subject: SUBJECT, text } } };
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ protocol_version: 2, device_id: session.deviceId, learner: session.nip, sent_at_ms: Date.now(), events: [event] }),
  });
  assert.equal(response.status, 200, await response.text());
}

test("offline, a learner rates a completed course; reopened it waits; online it syncs and the admin's report shows it; the Camat follows up a plan", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const pack = await packOf(server, COURSE);
  const session = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
  // The course, completed on another phone and credited by the server.
  await push(server, session, honestCompletion(pack));
  const phone = await phoneContext(browser);
  let page = await phone.newPage();
  const card = () => page.locator(`[data-testid="eval-subject"][data-subject="${SUBJECT}"]`);

  await t.test("online, the Evaluasi tab lists the course with its survey offered, optional", async () => {
    await page.goto(server.url);
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/kegiatan/`);
    await page.getByRole("heading", { level: 1, name: "Kegiatan belajar" }).waitFor();
    await page.getByRole("button", { name: "Evaluasi" }).click();
    await card().getByRole("heading", { name: pack.title }).waitFor();
    await page.getByText("JP Anda tidak bergantung padanya").waitFor();
    await card().getByText(/^Rencana aksi bisa ditulis mulai/).waitFor();
    await check(page, "kegiatan-evaluasi", 360);
  });

  await t.test("offline, the survey needs every statement, then waits to sync", async () => {
    await phone.setOffline(true);
    await card().getByRole("button", { name: "Beri penilaian" }).click();
    const statements = ["Materinya berguna untuk pekerjaan saya", "Penyampaiannya jelas", "Waktunya sepadan dengan yang saya dapat", "Saya akan menyarankannya kepada rekan"];
    const levels = ["Sangat setuju", "Setuju", "Tidak setuju", "Sangat setuju"];
    for (const [i, statement] of statements.slice(0, 3).entries()) {
      await card().getByRole("group", { name: statement }).getByRole("radio", { name: levels[i], exact: true }).check();
    }
    await card().getByRole("button", { name: "Kirim" }).click();
    await card().getByRole("alert").getByText("Pilih satu jawaban untuk setiap pernyataan.").waitFor();
    await card().getByRole("group", { name: statements[3] }).getByRole("radio", { name: levels[3], exact: true }).check();
    await card().getByLabel("Apa yang paling perlu diperbaiki? (boleh kosong)").fill(ANSWER);
    await check(page, "kegiatan-evaluasi-survei", 360);
    await card().getByRole("button", { name: "Kirim" }).click();
    await card().getByTestId("reaction-status").getByText("Penilaian tersimpan di ponsel · menunggu sinkron.").waitFor();
    assert.equal(await deviceEventCount(page, { pending: true }), 1, "the reaction waits on the phone");
  });

  await t.test("closed and reopened with no signal, the answer is still there", async () => {
    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/kegiatan/#evaluasi`);
    await card().getByTestId("reaction-status").getByText("Penilaian tersimpan di ponsel · menunggu sinkron.").waitFor();
    await card().getByRole("button", { name: "Ubah penilaian" }).click();
    assert.ok(await card().getByRole("group", { name: "Penyampaiannya jelas" }).getByRole("radio", { name: "Setuju", exact: true }).isChecked());
    assert.equal(await card().getByLabel("Apa yang paling perlu diperbaiki? (boleh kosong)").inputValue(), ANSWER);
    await card().getByRole("button", { name: "Lewati" }).click();
  });

  await t.test("back online, it syncs; the server holds it and the JP did not change", async () => {
    const jp = serverText(server.db, `select jp from learner_courses where learner_id = ${learner} and course_id = '${COURSE}'`);
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await card().getByTestId("reaction-status").getByText("Penilaian terkirim. Terima kasih.").waitFor();
    assert.equal(serverText(server.db, `select c1 || c2 || c3 || c4 || ' ' || answer from reactions where learner_id = ${learner} and subject = '${SUBJECT}'`), `4324 ${ANSWER}`);
    assert.equal(serverText(server.db, `select jp from learner_courses where learner_id = ${learner} and course_id = '${COURSE}'`), jp);
    await check(page, "kegiatan-evaluasi-terkirim", 360);
  });

  await t.test("the admin's Evaluasi report shows the course and its open answer, at 360 and 1280 px", async () => {
    for (const width of [360, 1280]) {
      const { context, page: desk } = await consoleAs(browser, server, ADMIN, width);
      if (width === 1280) {
        await desk.getByRole("link", { name: "Evaluasi" }).click();
      } else {
        await desk.goto(`${server.url}/konsol/evaluasi`);
      }
      await desk.getByRole("heading", { name: "Evaluasi pembelajaran", level: 1 }).waitFor();
      const row = desk.locator("tbody tr", { has: desk.getByRole("button", { name: `Rincian ${pack.title}` }) });
      // The pre/post column: the demo's tests give a mean gain with its n, or a dash.
      assert.match(await row.locator('td[data-label="Kenaikan pre/post"]').innerText(), /^([+−]?\d+,\d\d poin \(n=\d+\)|–)$/);
      await row.getByRole("button", { name: `Rincian ${pack.title}` }).click();
      await desk.getByRole("heading", { name: pack.title, level: 2 }).waitFor();
      await desk.getByText(ANSWER).waitFor();
      await check(desk, "konsol-evaluasi", width);
      await context.close();
    }
  });

  await t.test("the Camat answers that a plan written a month ago was done", async () => {
    await planSavedDaysAgo(server, session, 31, "Mengaktifkan verifikasi dua langkah di semua akun kantor.");
    for (const width of [360, 1280]) {
      const { context, page: desk } = await consoleAs(browser, server, CAMAT, width);
      await desk.goto(`${server.url}/konsol/evaluasi`);
      const item = desk.locator("li.followup", { hasText: "Mengaktifkan verifikasi dua langkah" });
      await item.waitFor();
      await check(desk, "konsol-evaluasi-rencana-aksi", width);
      if (width === 1280) {
        await item.getByRole("button", { name: "Terlaksana" }).click();
        await desk.getByText("Jawaban tersimpan.").waitFor();
        await item.waitFor({ state: "detached" });
        assert.equal(serverText(server.db, `select follow_up from action_plans where learner_id = ${learner} and subject = '${SUBJECT}'`), "done");
      }
      await context.close();
    }
  });
});
