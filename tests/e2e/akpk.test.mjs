// The needs-analysis survey and plan (docs/akpk.md), a page of its own at /rencana/: opened once
// online, it is answered with no signal, closed and reopened where it was left, handed in, and
// synced when the signal returns; her supervisor reads it, assesses and validates the plan in the
// console, and her Beranda shows it as this year's plan.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COMPETENCIES, POSITION, seedFramework } from "./akpk.mjs";
import { apiSession } from "./forge.mjs";
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
  serverScalar,
  serverText,
  waitForServiceWorkerControl,
} from "./harness.mjs";

/** Sri Wahyuni's unit head (demo data), who assesses her and validates her plan. */
const SUPERVISOR_NIP = "197906182005011003";
/** The demo city's admin, who may decide any plan. */
const ADMIN = "198002142006042001";

const mine = (kind) =>
  `select count(*) from events where kind = '${kind}' and learner_id = (select id from learners where nip = '${DEMO_NIP}')`;

async function noSeriousViolations(page, where) {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${where}`);
}

/** Chooses a level on the competency screen and waits until the phone has saved it. */
async function rate(page, level) {
  await page.getByRole("radio", { name: new RegExp(`^Level ${level} `) }).check();
  await page.getByText("Tersimpan di ponsel", { exact: true }).waitFor();
}

test("the survey, opened once online, is answered offline, resumes where it was left, and syncs", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  seedFramework(server.db, [DEMO_NIP]);
  const [security, systems, data] = await Promise.all([
    packOf(server, "keamanan-digital"),
    packOf(server, "sistem-informasi"),
    packOf(server, "analisis-data-layanan"),
  ]);
  const phone = await phoneContext(browser);
  let page = await phone.newPage();

  await t.test("online, Beranda links to the survey, which opens with what it is for", async () => {
    await page.goto(server.url);
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await waitForServiceWorkerControl(page);
    await page.getByRole("link", { name: "Isi survei kebutuhan kompetensi" }).click();
    await page.waitForURL(`${server.url}/rencana/`);
    await page.getByRole("heading", { level: 1, name: "Survei kebutuhan belajar" }).waitFor();
    await page.getByText(`Jabatan: ${POSITION}`).waitFor();
    await noSeriousViolations(page, "the intro");
  });

  await t.test("offline, two competencies are rated, each saved at once", async () => {
    await phone.setOffline(true);
    await page.getByRole("button", { name: "Mulai survei" }).click();
    await page.getByText("Kompetensi 1 dari 4").waitFor();
    await page.getByRole("heading", { level: 1, name: COMPETENCIES[0][1] }).waitFor();
    await noSeriousViolations(page, "a competency");
    await rate(page, 2);
    await page.getByRole("button", { name: "Lanjut" }).click();
    await page.getByText("Kompetensi 2 dari 4").waitFor();
    await rate(page, 3);
    assert.equal(await deviceEventCount(page, { pending: true }), 2, "both ratings wait on the phone");
  });

  await t.test("closed and reopened with no signal, it opens at the third competency", async () => {
    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/rencana/`);
    await page.getByText("Kompetensi 3 dari 4").waitFor();
    await page.getByRole("heading", { level: 1, name: COMPETENCIES[2][1] }).waitFor();
    await page.getByTestId("kept-copy").waitFor();
    assert.equal(await page.getByRole("radio", { checked: true }).count(), 0, "nothing chosen yet here");
  });

  await t.test("offline, the rest of the survey is answered and handed in", async () => {
    await rate(page, 1);
    await page.getByRole("button", { name: "Lanjut" }).click();
    await page.getByText("Kompetensi 4 dari 4").waitFor();
    await rate(page, 4);
    await page.getByRole("button", { name: "Lanjut" }).click();
    const answers = ["Melayani izin usaha di loket.", "Izin selesai dalam tiga hari.", "Aplikasi sering lambat; perlu pelatihan data."];
    for (const [i, text] of answers.entries()) {
      await page.getByText(`Pertanyaan ${i + 1} dari 3`).waitFor();
      if (i === 0) await noSeriousViolations(page, "an open question");
      await page.getByRole("textbox").fill(text);
      await page.getByRole("button", { name: "Lanjut" }).click();
    }
    await page.getByRole("heading", { level: 1, name: "Survei selesai diisi" }).waitFor();
    await page.getByText("Anda menilai 4 dari 4 kompetensi").waitFor();
    await noSeriousViolations(page, "the hand-in");
    await page.getByRole("button", { name: "Kirim survei" }).click();
  });

  await t.test("the plan proposes what closes the gaps, and the learner keeps, drops and sends it", async () => {
    await page.getByRole("heading", { level: 1, name: /^Rencana pengembangan tahun/ }).waitFor();
    // Level 2 of 3 and level 1 of 3: the two mapped courses, and coaching for the gap of two.
    const items = page.getByTestId("proposal").getByRole("checkbox");
    await page.getByRole("checkbox", { name: /Pendampingan \(coaching\) oleh atasan/ }).waitFor();
    assert.equal(await items.count(), 3);
    const all = security.jp + systems.jp + 3;
    await page.getByTestId("plan-total").getByText(`Total ${all} dari target 20 JP`).waitFor();
    await noSeriousViolations(page, "the plan");
    await page.getByRole("checkbox", { name: new RegExp(security.title) }).uncheck();
    await page.getByTestId("plan-total").getByText(`Total ${all - security.jp} dari target 20 JP`).waitFor();
    await page.getByRole("button", { name: "Ajukan ke atasan" }).click();
    await page.getByTestId("plan-status").getByText("Sudah diajukan dari ponsel ini").waitFor();
    // 4 ratings, 3 answers, the hand-in, one change of the plan, its sending.
    assert.equal(await deviceEventCount(page, { pending: true }), 10);
  });

  await t.test("back online, everything syncs and the server has the survey and the plan", async () => {
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    assert.equal(serverScalar(server.db, mine("survey_rated")), 4);
    assert.equal(serverScalar(server.db, mine("survey_answered")), 3);
    assert.equal(serverScalar(server.db, mine("survey_submitted")), 1);
    assert.equal(serverScalar(server.db, mine("plan_changed")), 1);
    assert.equal(serverScalar(server.db, mine("plan_submitted")), 1);
    const plan = `select status from akpk_plans where learner_id = (select id from learners where nip = '${DEMO_NIP}')`;
    assert.equal(serverText(server.db, plan), "submitted");
    // After the sync the page asks the server again: the plan now waits for the supervisor.
    await page.getByTestId("plan-status").getByText("Sudah diajukan, menunggu validasi atasan.").waitFor();
  });

  await t.test("sent back by the supervisor with a note, the phone shows the note after its next sync", async () => {
    const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
    const year = serverScalar(server.db, `select year from akpk_plans where learner_id = (select id from learners where nip = '${DEMO_NIP}')`);
    const note = "Tambahkan pelatihan menulis untuk publik, lalu ajukan lagi.";
    const response = await fetch(`${server.url}/api/akpk/staff/${DEMO_NIP}/plan/return`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ year, note }),
    });
    assert.equal(response.status, 204);
    const panel = await openSyncPanel(page);
    await panel.getByRole("button", { name: "Sinkronkan sekarang" }).click();
    const status = page.getByTestId("plan-status");
    await status.getByText("Dikembalikan atasan untuk diperbaiki.").waitFor();
    await status.getByText(`Catatan atasan: ${note}`).waitFor();
  });

  await t.test("the learner takes the note, adds the dropped course and one of their own choosing, and sends it again", async () => {
    await page.getByRole("checkbox", { name: new RegExp(security.title) }).check();
    const own = page.getByTestId("extra").getByRole("checkbox", { name: new RegExp(data.title) });
    assert.equal(await own.isChecked(), false, "courses beyond the proposal start unticked");
    await own.check();
    await page.getByTestId("plan-total").getByText(`Total ${security.jp + systems.jp + 3 + data.jp} dari target 20 JP`).waitFor();
    await page.getByRole("button", { name: "Ajukan ke atasan" }).click();
    const panel = await openSyncPanel(page);
    await panel.getByRole("button", { name: "Sinkronkan sekarang" }).click();
    await page.getByTestId("plan-status").getByText("Sudah diajukan, menunggu validasi atasan.").waitFor();
  });

  await t.test("the supervisor reads the answers, assesses and validates the plan in the console", async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const board = await desk.newPage();
    await board.goto(`${server.url}/konsol/masuk`);
    await logIn(board, SUPERVISOR_NIP, DEMO_PASSWORD);
    await board.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    await board.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
    await board.getByRole("heading", { name: "Analisis kebutuhan (AKPK)" }).waitFor();
    await board.getByText("Aplikasi sering lambat; perlu pelatihan data.").waitFor();
    await board.getByRole("combobox", { name: `Level menurut atasan untuk ${COMPETENCIES[0][1]}` }).selectOption("1");
    await board.getByRole("button", { name: "Simpan penilaian atasan" }).click();
    await board.getByText("Penilaian disimpan.").waitFor();
    await board.getByRole("button", { name: "Validasi rencana" }).click();
    await board.getByText("Rencana divalidasi. Pegawai melihatnya di Beranda setelah sinkron.").waitFor();
    assert.deepEqual(await seriousA11yViolations(board), [], "axe on the person page's AKPK section");
    const plan = `select status from akpk_plans where learner_id = (select id from learners where nip = '${DEMO_NIP}')`;
    assert.equal(serverText(server.db, plan), "validated");
    const own = `select supervisor_level from akpk_ratings where competency = '${COMPETENCIES[0][0]}' and learner_id = (select id from learners where nip = '${DEMO_NIP}')`;
    assert.equal(serverScalar(server.db, own), 1);
    await desk.close();
  });

  await t.test("after the next sync, Beranda shows the validated plan as this year's", async () => {
    await page.goto(server.url);
    await openSyncPanel(page);
    await page.getByRole("button", { name: "Sinkronkan sekarang" }).first().click();
    const card = page.getByTestId("plan");
    await card.getByText("Disahkan atasan.").waitFor();
    await card.getByRole("heading", { name: "Rencana tahun ini" }).waitFor();
    await card.getByText(`0 dari ${security.jp + systems.jp + 3 + data.jp} JP rencana sudah tercapai`).waitFor();
    // The list is drawn after the heading: wait for its last item before counting.
    await card.getByText(data.title).waitFor();
    assert.equal(await card.locator("li").count(), 4, "the items of the plan sent again");
    await noSeriousViolations(page, "Beranda with the plan");
  });
});

test("opened offline before its survey was ever loaded, the page says to connect once", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const phone = await phoneContext(browser);
  const page = await phone.newPage();
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  // Opened before logging in: the page is kept, but there was no one to fetch a survey for.
  await page.goto(`${server.url}/rencana/`);
  await page.getByText("Masuk dulu di Lentera").waitFor();
  await noSeriousViolations(page, "the sign-in notice");
  await page.getByRole("link", { name: "Buka Lentera" }).click();
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await phone.setOffline(true);
  await page.goto(`${server.url}/rencana/`);
  await page.getByTestId("never-loaded").getByText("Sambungkan ke internet sekali").waitFor();
  await noSeriousViolations(page, "the never-loaded notice");
  // The app's language setting holds here too.
  await page.locator("button.lang").click();
  await page.getByTestId("never-loaded").getByText("Connect to the internet once").waitFor();
});
