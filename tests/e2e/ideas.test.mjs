// Innovation ideas on the phone (docs/innovation.md, "On the phone"): the learner opens the round
// online once, then with no signal drafts an idea over two app restarts (the draft, its image and its
// team survive each), hands it in; back online it syncs. The supervisor returns it with a note the
// phone shows, the learner sends it again, the supervisor endorses it, two jurors score it, the admin
// publishes, and the phone shows the rank and score. Axe-clean at 360 px, screenshotted.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { apiSession, push } from "./forge.mjs";
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
/** The demo learner's supervisor (Camat of her unit). */
const CAMAT = "197906182005011003";
/** The Sekda and the head of Kominfo: jurors score in the console, so they are unit heads. */
const JURORS = ["197706122000042101", "199104062016102103"];
/** A co-author outside the jury (Maria Simanjuntak, Kominfo). */
const CO_AUTHOR = "198811042012122001";
/** Another learner of the demo learner's unit (Rahmat Hidayat). */
const COLLEAGUE = "199007252015031001";
const RUBRIC = [
  { name: "Manfaat bagi warga", weight: 50 },
  { name: "Bisa dijalankan", weight: 30 },
  { name: "Kebaruan", weight: 20 },
];
const THEME = "Layanan publik tanpa antre";
const TITLE = "Antrean KTP lewat WhatsApp";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });

const learner = `(select id from learners where nip = '${DEMO_NIP}')`;

/** `YYYY-MM-DD` in WIB, `days` from today. */
const wibDay = (days) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A round open to everyone, its days counted from today (WIB). */
function roundBody(theme, opens, closes, ends) {
  return { theme, description: "Gagasan yang memangkas waktu tunggu warga di kantor pelayanan.", opens_on: wibDay(opens), closes_on: wibDay(closes), judging_ends_on: wibDay(ends), unit: null, criteria: RUBRIC, jurors: JURORS };
}

/** The admin closes the round early (before any score): the deadline was yesterday, jurors may score. */
async function closeRound(server, admin, id, theme) {
  await call(server, admin, "PUT", `/api/ideas/rounds/${id}`, roundBody(theme, -5, -1, 20));
}

/** Each juror scores every idea of the round with `scores` from the console's API. */
async function scoreAll(server, roundId, scores) {
  for (const nip of JURORS) {
    const juror = await apiSession(server, nip, DEMO_PASSWORD);
    const judging = (await call(server, juror, "GET", "/api/ideas/judging")).find((r) => r.id === roundId);
    assert.ok(judging, "the juror sees the round once its deadline passed");
    assert.ok(!JSON.stringify(judging).includes(DEMO_NIP), "the juror's sheet names nobody");
    for (const idea of judging.ideas) await call(server, juror, "PUT", `/api/ideas/rounds/${roundId}/ideas/${idea.number}/score`, { scores });
  }
}

/** A small PNG drawn here, standing in for a photo of a sketch. */
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
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x * 255) / width, 90, (y * 255) / height);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A JSON call as `session`; fails the test with the server's answer when refused. */
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

async function check(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: no sideways scroll at 360 px (${overflow} px too wide)`);
  const cut = await page.locator("nav.tabs button").evaluateAll((tabs) => tabs.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent));
  assert.deepEqual(cut, [], `${name}: every tab's label fits its button`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
  await page.screenshot({ path: join(SHOTS, `kegiatan-${name}-phone.png`), fullPage: true });
}

/** Asks for a sync now and waits until it is done (the page fetches both idea lists after it). */
async function syncNow(page) {
  const bar = await openSyncPanel(page);
  await bar.getByRole("button", { name: "Sinkronkan sekarang" }).first().click();
  await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
}

test("an idea drafted offline across two restarts is handed in, returned, endorsed, scored and its result reaches the phone", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
  const round = await call(server, admin, "POST", "/api/ideas/rounds", roundBody(THEME, -1, 10, 20));
  const roundId = round.id;
  const phone = await phoneContext(browser);
  let page = await phone.newPage();
  const roundCard = () => page.locator(`[data-testid="round"][data-id="${roundId}"]`);
  const idea = () => page.getByTestId("idea");
  const editor = () => page.getByTestId("idea-editor");

  /** Closes the app and opens it again at the ideas tab (with no signal when offline). */
  async function restart() {
    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/kegiatan/#ide`);
    await page.getByRole("heading", { level: 1, name: "Kegiatan belajar" }).waitFor();
  }

  await t.test("online, the tab lists the open round with its deadline in WIB and how it is judged", async () => {
    await page.goto(server.url);
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/kegiatan/`);
    await page.getByRole("button", { name: "Ide inovasi" }).click();
    await roundCard().getByRole("heading", { name: THEME }).waitFor();
    await roundCard().getByTestId("round-dates").getByText(/batas kirim .+ 2\d\d\d, pukul 23\.59 WIB$/).waitFor();
    const rubric = await roundCard().getByTestId("rubric").locator("li").allTextContents();
    assert.deepEqual(rubric, ["Manfaat bagi warga: 50%", "Bisa dijalankan: 30%", "Kebaruan: 20%"]);
    await page.getByText("Belum ada ide yang Anda tulis.").waitFor();
    await check(page, "ide");
  });

  await t.test("offline, the learner starts an idea: a malformed co-author NIP is refused in words, the image is kept", async () => {
    await phone.setOffline(true);
    await page.getByTestId("freshness").getByText(/^Tanpa sinyal: data dari/).waitFor();
    await roundCard().getByRole("button", { name: "Tulis ide" }).click();
    await editor().getByTestId("image-limit").getByText("paling besar 2 MB per gambar, paling banyak 3 gambar", { exact: false }).waitFor();
    await editor().getByLabel("Judul ide").fill(TITLE);
    await editor().getByLabel("Masalah yang diatasi").fill("Warga antre sejak subuh untuk rekam KTP; rata-rata menunggu 3 jam.");
    await editor().getByLabel("NIP anggota tim").fill("1988 1104 2012");
    await editor().getByRole("button", { name: "Tambah anggota" }).click();
    await editor().getByTestId("team-refused").getByText("NIP terdiri dari 18 angka; yang diketik 12 angka. Periksa lagi.").waitFor();
    await editor().getByLabel("NIP anggota tim").fill("198813042012122001");
    await editor().getByRole("button", { name: "Tambah anggota" }).click();
    await editor().getByTestId("team-refused").getByText(/^Angka 1–8 NIP adalah tanggal lahir/).waitFor();
    await editor().getByLabel("NIP anggota tim").fill(CO_AUTHOR);
    await editor().getByRole("button", { name: "Tambah anggota" }).click();
    await editor().getByTestId("team-member").getByText(CO_AUTHOR).waitFor();
    assert.equal(await editor().getByTestId("team-refused").count(), 0, "the refusal gives way once a good NIP is added");
    await page.locator("#idea-file").setInputFiles({ name: "sketsa.png", mimeType: "image/png", buffer: png(80, 60) });
    await editor().getByTestId("evidence").getByText(/^Gambar 1: Tersimpan di ponsel, dikirim saat online/).waitFor();
    await check(page, "ide-form");
    await editor().getByRole("button", { name: "Selesai" }).click();
    await idea().getByRole("heading", { name: TITLE }).waitFor();
    await idea().getByTestId("idea-status").getByText("Draf, belum dikirim ke atasan.").waitFor();
    await idea().getByTestId("idea-why").getByText("Bisa dikirim setelah judul dan kelima bagian terisi.").waitFor();
    assert.ok(await idea().getByRole("button", { name: "Kirim ke atasan" }).isDisabled(), "half an idea cannot be sent");
  });

  await t.test("after a restart with no signal the draft is there; the rest is written", async () => {
    await restart();
    await idea().getByRole("heading", { name: TITLE }).waitFor();
    await idea().getByTestId("idea-unsaved").getByText("Perubahan terakhir tersimpan di ponsel · menunggu sinkron.").waitFor();
    await idea().getByRole("button", { name: "Ubah" }).click();
    assert.equal(await editor().getByLabel("Masalah yang diatasi").inputValue(), "Warga antre sejak subuh untuk rekam KTP; rata-rata menunggu 3 jam.");
    await editor().getByTestId("team-member").getByText(CO_AUTHOR).waitFor();
    await editor().getByText(/^Gambar 1: Tersimpan di ponsel/).waitFor();
    await editor().getByLabel("Siapa yang terbantu").fill("Sekitar 400 warga per minggu di Kecamatan Sibolga Kota.");
    await editor().getByLabel("Gagasan").fill("Nomor antrean diambil lewat WhatsApp; warga datang pada jam yang dibalas.");
    await editor().getByLabel("Cara mengukur keberhasilan").fill("Waktu tunggu di kantor turun dari 3 jam menjadi 30 menit dalam 3 bulan.");
    await editor().getByLabel("Perkiraan biaya").fill("Rp 0: memakai nomor WhatsApp kantor yang sudah ada.");
    await editor().getByRole("button", { name: "Selesai" }).click();
    await idea().getByRole("button", { name: "Kirim ke atasan" }).waitFor();
  });

  await t.test("after a second restart with no signal the whole idea is there and is handed in", async () => {
    await restart();
    await idea().getByRole("button", { name: "Ubah" }).click();
    assert.equal(await editor().getByLabel("Perkiraan biaya").inputValue(), "Rp 0: memakai nomor WhatsApp kantor yang sudah ada.");
    assert.equal(await editor().getByLabel("Judul ide").inputValue(), TITLE);
    await editor().getByRole("button", { name: "Selesai" }).click();
    assert.equal(await idea().getByTestId("idea-why").count(), 0, "complete, and the round is open by the phone's clock");
    await idea().getByRole("button", { name: "Kirim ke atasan" }).click();
    await idea().getByTestId("idea-status").getByText("Dikirim dari ponsel ini · menunggu sinkron.").waitFor();
    await check(page, "ide-offline");
    assert.ok((await deviceEventCount(page, { pending: true })) >= 2, "the saves and the hand-in wait on the phone");
  });

  let entry;
  await t.test("back online, it syncs: the server holds it handed in, with its team and its image", async () => {
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await idea().getByTestId("idea-status").getByText("Menunggu dukungan atasan.").waitFor();
    await idea().getByText("Gambar 1: Terkirim ke server").waitFor();
    entry = serverText(server.db, `select entry from ideas where learner_id = ${learner} and title = '${TITLE}'`);
    assert.equal(serverText(server.db, `select status from ideas where entry = '${entry}'`), "submitted");
    assert.equal(serverText(server.db, `select round from ideas where entry = '${entry}'`), String(roundId));
    const draft = JSON.parse(serverText(server.db, `select draft from ideas where entry = '${entry}'`));
    assert.deepEqual(draft.team, [CO_AUTHOR]);
    assert.equal(draft.items.length, 5);
    assert.equal(draft.items[4], "Rp 0: memakai nomor WhatsApp kantor yang sudah ada.");
    assert.equal(draft.evidence.length, 1);
    assert.equal(serverText(server.db, `select content_type from evidence where id = '${draft.evidence[0]}'`), "image/jpeg", "the image arrived shrunk to JPEG");
    assert.equal(await deviceEventCount(page, { pending: true }), 0);
  });

  await t.test("returned by the supervisor with a note, which the phone shows; sent again, it is endorsed", async () => {
    const camat = await apiSession(server, CAMAT, DEMO_PASSWORD);
    await call(server, camat, "POST", `/api/ideas/review/${DEMO_NIP}/${entry}/return`, { note: "Sebutkan berapa petugas yang membalas pesan." });
    await syncNow(page);
    await idea().getByTestId("idea-status").getByText("Dikembalikan atasan. Perbaiki lalu kirim lagi.").waitFor();
    await idea().getByTestId("idea-note").getByText("Catatan atasan: Sebutkan berapa petugas yang membalas pesan.").waitFor();
    await check(page, "ide-dikembalikan");
    await idea().getByRole("button", { name: "Ubah" }).click();
    await editor().getByLabel("Gagasan").fill("Nomor antrean diambil lewat WhatsApp; dua petugas loket membalas bergantian.");
    await editor().getByRole("button", { name: "Selesai" }).click();
    await idea().getByRole("button", { name: "Kirim ke atasan" }).click();
    await syncNow(page);
    await idea().getByTestId("idea-status").getByText("Menunggu dukungan atasan.").waitFor();
    assert.equal(serverText(server.db, `select status from ideas where entry = '${entry}'`), "submitted");
    await call(server, camat, "POST", `/api/ideas/review/${DEMO_NIP}/${entry}/endorse`);
    assert.equal(serverText(server.db, `select status from ideas where entry = '${entry}'`), "endorsed");
  });

  await t.test("after the deadline two jurors score it, the admin publishes, and the phone shows the result", async () => {
    // The deadline passes: the round closed yesterday and is being judged.
    await closeRound(server, admin, roundId, THEME);
    await scoreAll(server, roundId, [5, 4, 4]);
    await call(server, admin, "POST", `/api/ideas/rounds/${roundId}/publish`);
    const results = await call(server, admin, "GET", `/api/ideas/rounds/${roundId}/results`);
    const score = results.ranking[0].score_hundredths;
    const words = `${Math.floor(score / 100)},${String(score % 100).padStart(2, "0")}`;
    await syncNow(page);
    await idea().getByTestId("idea-result").getByText(`Peringkat 1 dari 1, nilai ${words}`).waitFor();
    await idea().getByTestId("idea-status").getByText(/^Didukung atasan/).waitFor();
    assert.equal(await idea().getByRole("button", { name: "Kirim ke atasan" }).count(), 0, "an endorsed idea is no longer sent");
    await check(page, "ide-hasil");
    await page.locator("button.lang").click();
    await idea().getByTestId("idea-result").getByText(`Rank 1 of 1, score ${words.replace(",", ".")}`).waitFor();
  });
});

test("the phone words the server's answers: a late idea's reason, a shared place and its tie note, in English too", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
  const round = await call(server, admin, "POST", "/api/ideas/rounds", roundBody(THEME, -3, 5, 20));
  const closed = (await call(server, admin, "GET", "/api/ideas/rounds/admin")).find((r) => r.status === "published");
  const idea = (entry, roundId, title) => [
    { kind: "idea_saved", payload: { entry, round: String(roundId), title, items: ["Masalah", "Warga", "Gagasan", "Ukuran", "Biaya"], evidence: [], team: [] } },
    { kind: "idea_submitted", payload: { entry } },
  ];
  // From another phone of the learner: one on time, one for the round that closed long ago; a colleague hands in one too.
  const mine = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
  await push(server, mine, () => [...idea("menang-1", round.id, "Ide yang menang"), ...idea("telat-1", closed.id, "Ide yang terlambat")]);
  await push(server, await apiSession(server, COLLEAGUE, DEMO_PASSWORD), () => idea("rekan-1", round.id, "Ide rekan"));
  const camat = await apiSession(server, CAMAT, DEMO_PASSWORD);
  for (const [nip, entry] of [[DEMO_NIP, "menang-1"], [COLLEAGUE, "rekan-1"]]) await call(server, camat, "POST", `/api/ideas/review/${nip}/${entry}/endorse`);
  await closeRound(server, admin, round.id, THEME);
  await scoreAll(server, round.id, [4, 4, 4]);
  await call(server, admin, "POST", `/api/ideas/rounds/${round.id}/publish`);

  const page = await (await phoneContext(browser)).newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await page.goto(`${server.url}/kegiatan/#ide`);
  const card = (entry) => page.locator(`[data-testid="idea"][data-entry="${entry}"]`);
  await card("menang-1").getByTestId("idea-result").getByText("Peringkat 1 dari 2, nilai 4,00").waitFor();
  await card("menang-1").getByText("Nilai 4,00 dan rata-rata kriteria Manfaat bagi warga (4,00) sama dengan Ide 2: peringkat dibagi.").waitFor();
  await card("menang-1").getByText("Didukung atasan; hasil lomba sudah diumumkan.").waitFor();
  await card("telat-1").getByText("Tiba setelah batas kirim: disimpan, tidak ikut dinilai.").waitFor();
  await card("telat-1").getByTestId("idea-note").getByText("Alasan dari server: Dikirim setelah batas waktu babak; ide disimpan tetapi tidak dinilai.").waitFor();
  const published = page.locator(`[data-testid="round"][data-id="${round.id}"]`);
  assert.equal(await published.getByRole("button", { name: "Tulis ide" }).count(), 0, "a published round takes no new idea");
  assert.equal(await page.getByRole("button", { name: "Kirim ke atasan" }).count(), 0, "neither idea can be sent again");
  await check(page, "ide-hasil-contoh");
  await page.locator("button.lang").click();
  await card("menang-1").getByTestId("idea-result").getByText("Rank 1 of 2, score 4.00").waitFor();
  await page.getByRole("button", { name: "Innovation ideas" }).waitFor();
});
