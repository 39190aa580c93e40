// Supervisors end to end: the admin imports a new staff member, their supervisor assigns a course
// in the console, the learner activates, syncs, sees the assignment and completes the course on a
// phone, and the supervisor's dashboard shows the JP and "last synced" move.
import assert from "node:assert/strict";
import { test } from "node:test";
import { packOf, takeQuiz } from "./quiz.mjs";
import { DEMO_PASSWORD, logIn, phoneContext, seriousA11yViolations, serverAndBrowser, serverScalar, serverText, openSyncPanel } from "./harness.mjs";

const ADMIN = "198002142006042001";
const NEWCOMER = { nip: "199203152019032005", name: "Nurul Aini Batubara" };
const UNIT = "SBG-KOMINFO-IKP";
const COURSE = "keamanan-digital";
const PASSWORD = "ombak-senja-tapanuli";

const desktop = (browser) => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" });

async function consoleLogIn(page, url, nip) {
  await page.goto(`${url}/konsol/masuk`);
  await logIn(page, nip, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
}

/** The newcomer's dashboard row, found by the console's search box. */
async function newcomerRow(page, url) {
  await page.goto(`${url}/konsol/`);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
  await page.getByRole("searchbox", { name: "Cari nama atau NIP" }).fill(NEWCOMER.name);
  const row = page.getByRole("row", { name: new RegExp(NEWCOMER.name) });
  await row.waitFor();
  return row;
}

test("admin imports, supervisor assigns, learner completes offline-first, dashboard follows", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const pack = await packOf(server, COURSE);
  const head = serverText(
    server.db,
    `select l.nip from unit_supervisors s join units u on u.id = s.unit_id join learners l on l.id = s.learner_id
     where u.code = '${UNIT}' and l.unit_id = u.id`,
  );
  const admin = await (await desktop(browser)).newPage();
  const boss = await (await desktop(browser)).newPage();
  const phone = await (await phoneContext(browser)).newPage();
  let code = "";

  await t.test("the admin previews the file, imports it, and gets the activation code once", async () => {
    await consoleLogIn(admin, server.url, ADMIN);
    await admin.goto(`${server.url}/konsol/impor`);
    const csv = `nip,nama,jabatan,kode_unit,nip_atasan,email\n${NEWCOMER.nip},${NEWCOMER.name},Pranata Humas,${UNIT},${head},\n`;
    await admin.getByLabel("Berkas CSV").setInputFiles({ name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await admin.getByRole("button", { name: "Periksa berkas" }).click();
    await admin.getByText("1 pegawai baru").waitFor();
    assert.deepEqual(await seriousA11yViolations(admin), [], "axe on the import preview");
    const imported = admin.waitForResponse((r) => r.url().endsWith("/api/admin/import") && r.status() === 200);
    await admin.getByRole("button", { name: "Impor sekarang" }).click();
    const result = await (await imported).json();
    await admin.getByText("Impor selesai: 1 ditambah, 0 diubah, 0 tidak berubah.").waitFor();
    const line = result.activation_csv.split("\r\n").find((l) => l.startsWith(NEWCOMER.nip));
    code = line.split(",").at(-1);
    assert.match(code, /^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
  });

  await t.test("the supervisor sees the newcomer as never synced and assigns a course", async () => {
    await consoleLogIn(boss, server.url, head);
    const row = await newcomerRow(boss, server.url);
    await row.getByText("belum pernah").waitFor();
    await boss.goto(`${server.url}/konsol/tugas`);
    await boss.getByLabel("Kursus", { exact: true }).selectOption(COURSE);
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await boss.getByLabel("Tenggat", { exact: true }).fill(due);
    await boss.getByRole("radio", { name: "Orang tertentu" }).check();
    await boss.getByRole("searchbox", { name: "Cari nama atau NIP" }).fill(NEWCOMER.name);
    await boss.getByRole("checkbox", { name: new RegExp(NEWCOMER.name) }).check();
    await boss.getByRole("button", { name: "Tugaskan", exact: true }).click();
    await boss.getByText("1 orang ditugaskan, 0 diperbarui").waitFor();
  });

  await t.test("the learner activates, logs in on the phone and finds the assignment", async () => {
    await phone.goto(`${server.url}/konsol/aktivasi`);
    await phone.getByLabel("NIP (18 angka)").fill(NEWCOMER.nip);
    await phone.getByLabel("Kode aktivasi").fill(code);
    await phone.getByLabel("Kata sandi baru", { exact: true }).fill(PASSWORD);
    await phone.getByLabel("Ulangi kata sandi baru").fill(PASSWORD);
    await phone.getByRole("button", { name: "Aktifkan akun" }).click();
    await phone.getByText("Akun aktif.").waitFor();
    await phone.goto(server.url);
    await logIn(phone, NEWCOMER.nip, PASSWORD);
    await phone.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    const assigned = phone.getByTestId("assignments");
    await assigned.getByText(pack.title).waitFor();
    await assigned.getByText(/^Tenggat \d{4}-\d{2}-\d{2}$/).waitFor();
  });

  await t.test("the supervisor sees the login's first sync", async () => {
    const row = await newcomerRow(boss, server.url);
    await row.getByText("hari ini").waitFor();
  });

  await t.test("the learner completes the course and it shows done on the phone", async () => {
    await phone.goto(`${server.url}/katalog`);
    const card = phone.locator(`li[data-course="${COURSE}"]`);
    // Assigned, so the sync after login downloaded it without a tap (docs/activities.md).
    await card.getByText("Siap dibuka tanpa sinyal").waitFor();
    // Every lesson, then the quiz: the server credits the JP only for both.
    await phone.goto(`${server.url}/kursus/${COURSE}/pelajaran/${pack.lessons[0].id}`);
    for (const lesson of pack.lessons) {
      await phone.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
      await phone.getByRole("button", { name: "Tandai selesai, lanjut" }).click();
    }
    await phone.getByRole("button", { name: "Mulai kuis" }).click();
    await takeQuiz(phone, pack, true);
    await phone.getByText("Lulus! Nilai Anda 100%.").waitFor();
    await phone.getByRole("link", { name: "Beranda" }).first().click();
    await phone.getByTestId("assignments").getByText("Selesai", { exact: true }).waitFor();
    await openSyncPanel(phone);
    await phone.getByRole("button", { name: "Sinkronkan sekarang" }).first().click();
    await openSyncPanel(phone);
    await phone.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await phone.getByTestId("completed").getByText(`terverifikasi · ${pack.jp} JP`).waitFor();
  });

  await t.test("the supervisor's dashboard shows the JP, and the assignment is done", async () => {
    const row = await newcomerRow(boss, server.url);
    await row.getByText(`${pack.jp} / 20`, { exact: true }).waitFor();
    await row.getByText("hari ini").waitFor();
    const status = serverScalar(
      server.db,
      `select count(*) from assignments a join learner_courses c on c.learner_id = a.learner_id and c.course_id = a.course_id
       where a.course_id = '${COURSE}' and c.completed_at_ms is not null and a.learner_id = (select id from learners where nip = '${NEWCOMER.nip}')`,
    );
    assert.equal(Number(status), 1, "the assignment is completed on the server");
  });
});
