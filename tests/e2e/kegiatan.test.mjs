// Trainings and the learning log on the phone (docs/activities.md), a page of its own at /kegiatan/:
// opened once online, then with no signal the learner registers for a training that is running,
// types its check-in code, and writes a mentoring entry with a photo; closed and reopened, the draft
// is still there; back online, everything syncs and the server holds the registration, the credited
// attendance, the entry handed in and the photo (shrunk to JPEG on the phone).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { apiSession } from "./forge.mjs";
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

/** The demo city's admin, who schedules the training. */
const ADMIN = "198002142006042001";
const TITLE = "Lokakarya Uji: Menulis Rilis Pers";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });

const learner = `(select id from learners where nip = '${DEMO_NIP}')`;

/** A small PNG drawn here: a `width`×`height` gradient, as a phone camera's photo stands in. */
function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x * 255) / width, (y * 255) / height, 120);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** Schedules a workshop for the learner's unit that started 10 minutes ago; returns its id and code. */
async function runningTraining(server) {
  const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
  const unit = serverScalar(server.db, `select unit_id from learners where id = ${learner}`);
  const start = Date.now() - 10 * 60_000;
  const call = async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body: body && JSON.stringify(body),
    });
    const answer = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const training = {
    id: 0, title: TITLE, form: "workshop", partner_id: null, link: "https://meet.example.id/rilis-pers", place: "Aula Kantor Camat",
    start_ms: start, end_ms: start + 90 * 60_000, capacity: 25, jp: 2, competency: "teknis", pillars: [], units: [unit],
    pre_reading: null, recording: null, materials: [],
  };
  const made = await call("POST", "/api/trainings", training);
  const id = made.training?.id ?? made.id;
  const { code } = await call("GET", `/api/trainings/${id}/code`);
  return { id, code };
}

async function check(page, name, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px: no sideways scroll (${overflow} px too wide)`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width} px`);
  await page.screenshot({ path: join(SHOTS, `kegiatan-${name}-${width === 360 ? "phone" : "desktop"}.png`), fullPage: true });
}

test("offline, a learner registers, checks in and logs mentoring with a photo; a reopened page keeps the draft; online it all reaches the server", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const { id, code } = await runningTraining(server);
  const phone = await phoneContext(browser);
  let page = await phone.newPage();
  const card = () => page.locator(`[data-testid="training"][data-id="${id}"]`);

  await t.test("online, Beranda links to the page, which lists the training invited", async () => {
    await page.goto(server.url);
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await waitForServiceWorkerControl(page);
    await page.getByRole("link", { name: "Pelatihan dan catatan belajar" }).click();
    await page.waitForURL(`${server.url}/kegiatan/`);
    await page.getByRole("heading", { level: 1, name: "Kegiatan belajar" }).waitFor();
    await card().getByRole("heading", { name: TITLE }).waitFor();
    await card().getByText("Sisa kursi: 25 dari 25").waitFor();
    await card().getByText(/WIB$/).waitFor();
    await page.getByTestId("freshness").getByText(/^Diperbarui/).waitFor();
    await check(page, "pelatihan", 360);
  });

  await t.test("offline, registering waits for sync, the calendar says it needs a signal, and the code is kept", async () => {
    await phone.setOffline(true);
    await page.getByTestId("freshness").getByText(/^Tanpa sinyal: data dari/).waitFor();
    await card().getByRole("button", { name: "Daftar" }).click();
    await card().getByTestId("standing").getByText("Mendaftar · menunggu sinkron.").waitFor();
    await card().getByTestId("calendar-offline").waitFor();
    await page.getByTestId("reminder").getByText(`Sedang berlangsung: ${TITLE}.`).waitFor();
    const field = card().getByLabel("Kode check-in");
    await field.fill("ABC");
    await card().getByRole("button", { name: "Saya hadir" }).click();
    await card().getByRole("alert").getByText(/Kode harus 6 huruf\/angka/).waitFor();
    // Typed as read aloud: lower case, with a dash.
    await field.fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`);
    await card().getByRole("button", { name: "Saya hadir" }).click();
    await card().getByTestId("code-typed").getByText(`Kode ${code} tercatat di ponsel`).waitFor();
    await check(page, "pelatihan-offline", 360);
    assert.equal(await deviceEventCount(page, { pending: true }), 2, "the registration and the check-in wait on the phone");
  });

  await t.test("offline, a mentoring entry is written with a photo; a file over the limit is refused", async () => {
    await page.getByRole("button", { name: "Catatan belajar" }).click();
    await page.getByRole("button", { name: "Tambah catatan" }).click();
    const editor = page.getByTestId("editor");
    await editor.getByText("Paling besar 2 MB per file, paling banyak 3 file.").waitFor();
    await editor.getByRole("radio", { name: "Mentoring" }).check();
    await editor.getByLabel("Apa yang dipelajari (topik atau nama sertifikat)").fill("Menulis rilis pers yang jelas");
    await editor.getByLabel("Dengan siapa / di mana").fill("Ibu Kepala Bagian Humas");
    await editor.getByLabel("Lama (menit)").fill("90");
    await editor.getByLabel("Apa yang saya pelajari").fill("Judul memuat inti berita; kutipan pejabat diperiksa dulu.");
    await editor.getByTestId("jp-preview").getByText("Perkiraan: 2 JP (45 menit = 1 JP, paling banyak 40 JP). Atasan yang memutuskan.").waitFor();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2_200_000, 32)]);
    await page.locator("#log-file").setInputFiles({ name: "sertifikat.pdf", mimeType: "application/pdf", buffer: big });
    await editor.getByTestId("evidence-refused").getByText(/^File terlalu besar \(2\.1 MB\)\. Batasnya 2 MB/).waitFor();
    await page.locator("#log-file").setInputFiles({ name: "mentoring.png", mimeType: "image/png", buffer: png(64, 48) });
    await editor.getByTestId("evidence").getByText(/^Bukti 1: Tersimpan di ponsel, dikirim saat online/).waitFor();
    assert.equal(await editor.getByTestId("evidence-refused").count(), 0, "the refusal gives way to the kept photo");
    await check(page, "catatan-form", 360);
    await editor.getByRole("button", { name: "Selesai" }).click();
    const entry = page.getByTestId("entry");
    await entry.getByRole("heading", { name: "Menulis rilis pers yang jelas" }).waitFor();
    await entry.getByText("Draf, belum dikirim ke atasan.").waitFor();
  });

  await t.test("closed and reopened with no signal, the draft and its photo are still there", async () => {
    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/kegiatan/#catatan`);
    const entry = page.getByTestId("entry");
    await entry.getByRole("heading", { name: "Menulis rilis pers yang jelas" }).waitFor();
    await entry.getByText("Draf, belum dikirim ke atasan.").waitFor();
    await entry.getByText(/^Bukti 1: Tersimpan di ponsel/).waitFor();
    await entry.getByRole("button", { name: "Ubah" }).click();
    const editor = page.getByTestId("editor");
    assert.equal(await editor.getByLabel("Dengan siapa / di mana").inputValue(), "Ibu Kepala Bagian Humas");
    assert.equal(await editor.getByLabel("Lama (menit)").inputValue(), "90");
    assert.ok(await editor.getByRole("radio", { name: "Mentoring" }).isChecked());
    await editor.getByRole("button", { name: "Selesai" }).click();
    await entry.getByRole("button", { name: "Kirim ke atasan" }).click();
    await entry.getByText("Dikirim dari ponsel ini · menunggu sinkron.").waitFor();
    await check(page, "catatan", 360);
  });

  await t.test("back online, everything syncs and the server holds it", async () => {
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    const entry = page.getByTestId("entry");
    await entry.getByText("Menunggu pemeriksaan atasan.").waitFor();
    await entry.getByText("Bukti 1: Terkirim ke server").waitFor();
    await page.getByRole("button", { name: "Pelatihan", exact: true }).click();
    await card().getByTestId("standing").getByText("Terdaftar, dikonfirmasi.").waitFor();
    await card().getByTestId("credited").getByText("Kehadiran diakui: 2 JP.").waitFor();

    const registration = `select status from training_registrations where training_id = ${id} and learner_id = ${learner}`;
    assert.equal(serverText(server.db, registration), "confirmed");
    const verdict = `select verdict from training_checkins where training = '${id}' and learner_id = ${learner} and code is not null`;
    assert.equal(serverText(server.db, verdict), "credited");
    assert.equal(serverScalar(server.db, `select jp from learner_credits where source = 'training:${id}' and learner_id = ${learner}`), 2);
    assert.equal(serverText(server.db, `select status from log_entries where learner_id = ${learner} and draft like '%Menulis rilis pers%'`), "submitted");
    const draft = JSON.parse(serverText(server.db, `select draft from log_entries where learner_id = ${learner} and draft like '%Menulis rilis pers%'`));
    assert.equal(draft.form, "mentoring");
    assert.equal(draft.minutes, 90);
    assert.match(draft.date, /^\d{4}-\d{2}-\d{2}$/, "the day it was written, set when the entry was made");
    assert.equal(draft.with_whom, "Ibu Kepala Bagian Humas");
    assert.equal(draft.learned, "Judul memuat inti berita; kutipan pejabat diperiksa dulu.", "text typed before the photo was chosen is kept");
    assert.equal(draft.evidence.length, 1);
    const photo = `select content_type from evidence where id = '${draft.evidence[0]}' and learner_id = ${learner}`;
    assert.equal(serverText(server.db, photo), "image/jpeg", "the photo arrived shrunk to JPEG");
    assert.equal(await deviceEventCount(page, { pending: true }), 0);
  });

  await t.test("at 1280 px both halves read well, and the English words are there", async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "id-ID" });
    const wide = await desk.newPage();
    await wide.goto(server.url);
    await logIn(wide);
    await wide.getByTestId("jp").waitFor();
    await wide.goto(`${server.url}/kegiatan/`);
    await wide.locator(`[data-testid="training"][data-id="${id}"]`).getByRole("heading", { name: TITLE }).waitFor();
    await check(wide, "pelatihan", 1280);
    // Online, "Tambah ke kalender" hands over the training as an iCalendar file.
    const [download] = await Promise.all([
      wide.waitForEvent("download"),
      wide.locator(`[data-testid="training"][data-id="${id}"]`).getByRole("button", { name: "Tambah ke kalender" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `pelatihan-${id}.ics`);
    const ics = readFileSync(await download.path(), "utf8");
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /SUMMARY:Lokakarya Uji: Menulis Rilis Pers/);
    await wide.getByRole("button", { name: "Catatan belajar" }).click();
    await wide.getByTestId("entry").getByRole("heading", { name: "Menulis rilis pers yang jelas" }).waitFor();
    await check(wide, "catatan", 1280);
    await wide.locator("button.lang").click();
    await wide.getByRole("heading", { level: 1, name: "Learning activities" }).waitFor();
    await wide.getByText("Waiting for your supervisor's check.").waitFor();
    await desk.close();
  });
});
