// Trainings in the console (/konsol/pelatihan, /konsol/pelatihan/{id}, /konsol/mitra): an admin
// schedules a webinar for a kecamatan, opens the host page and reads the check-in code (with its QR);
// a learner's phone sends that code and is credited; the kecamatan's head marks someone present from
// the list and takes it back; every page axe-clean at 360 and 1280 px, with screenshots.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { apiSession, push } from "./forge.mjs";
import { DEMO_PASSWORD, logIn, seriousA11yViolations, serverAndBrowser, serverText } from "./harness.mjs";

const ADMIN = "198002142006042001";
const CAMAT = "197906182005011003"; // Budi Santoso, head of Kecamatan Sibolga Kota
const RAHMAT = "199007252015031001"; // in the kecamatan: checks in with the code
const SRI = "198503122010012002"; // in the kecamatan: the head marks her from the list
const TITLE = "Webinar Uji: Layanan Aduan Warga";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
mkdirSync(SHOTS, { recursive: true });

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${what}: no horizontal scroll (${overflow} px too wide)`);
}

async function check(page, name, width) {
  await noSidewaysScroll(page, `${name} at ${width} px`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width} px`);
  await page.screenshot({ path: join(SHOTS, `konsol-${name}-${width === 360 ? "phone" : "desktop"}.png`), fullPage: true });
}

/** Today in WIB and a two-hour span around now, as the form's inputs take them. */
function todayAroundNow() {
  const wib = new Date(Date.now() + 7 * 3_600_000);
  const pad = (n) => String(n).padStart(2, "0");
  const date = `${wib.getUTCFullYear()}-${pad(wib.getUTCMonth() + 1)}-${pad(wib.getUTCDate())}`;
  const h = wib.getUTCHours();
  if (h >= 22) return { date, start: "21:00", end: "23:59" };
  const from = Math.max(h - 1, 0);
  return { date, start: `${pad(from)}:00`, end: `${pad(from + 2)}:00` };
}

function credit(db, nip, id) {
  return serverText(db, `select coalesce((select jp from learner_credits where source = 'training:${id}' and learner_id = (select id from learners where nip = '${nip}')), 'none')`);
}

test("an admin schedules a training and shows its code, a phone's check-in with it is credited, the unit's head marks attendance", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  let id;
  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    if (width === 1280) {
      await page.getByRole("link", { name: "Pelatihan", exact: true }).click();
    } else {
      await page.goto(`${server.url}/konsol/pelatihan`);
    }
    await page.getByRole("heading", { name: "Pelatihan: webinar dan lokakarya", level: 1 }).waitFor();
    // The demo's trainings: one held with the university, attendance counted.
    await page.locator("tr", { hasText: "Webinar Keamanan Siber untuk ASN" }).waitFor();
    await check(page, "pelatihan", width);

    await page.getByRole("button", { name: "Jadwalkan pelatihan" }).click();
    const form = page.locator("form.training-form");
    await form.getByText("Isi tanggal dan jam dulu").waitFor();
    if (width === 1280) {
      const when = todayAroundNow();
      await form.getByLabel("Judul").fill(TITLE);
      await form.getByLabel("Mitra penyelenggara").selectOption({ label: "Universitas Pesisir Tapanuli" });
      await form.getByLabel("Tautan daring").fill("https://meet.example.id/aduan-warga");
      await form.getByLabel("Tanggal").fill(when.date);
      await form.getByLabel("Mulai (WIB)").fill(when.start);
      await form.getByLabel("Selesai (WIB)").fill(when.end);
      await form.getByText(/Durasi ini memberi paling banyak \d+ JP/).waitFor();
      await form.getByRole("checkbox", { name: /Kecamatan Sibolga Kota/ }).check();
      await check(page, "pelatihan-form", width);
      await form.getByRole("button", { name: "Simpan" }).click();
      await page.getByText(`Pelatihan \u201c${TITLE}\u201d tersimpan.`).waitFor();
    } else {
      await check(page, "pelatihan-form", width);
      await form.getByRole("button", { name: "Batal" }).click();
    }
    await page.locator("tr", { hasText: TITLE }).getByRole("link", { name: "Halaman pemandu" }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    const code = await page.locator(".big-code").getAttribute("data-code");
    assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/, "a six-character code");
    assert.ok((await page.locator("svg.qr path").getAttribute("d")).length > 100, "a QR of it is drawn");
    await page.getByText(/Kode berganti pukul \d\d\.\d\d WIB/).waitFor();
    id ??= Number(page.url().match(/pelatihan\/(\d+)/)[1]);

    if (width === 1280) {
      // Rahmat's phone sends the code it was shown (typed in lower case); the server credits it.
      const phone = await apiSession(server, RAHMAT, DEMO_PASSWORD);
      await push(server, phone, () => [{ kind: "checked_in", payload: { training: String(id), code: code.toLowerCase() } }]);
      assert.notEqual(credit(server.db, RAHMAT, id), "none", "Rahmat is credited");
      await page.reload();
      const row = page.locator("tr", { hasText: "Rahmat Hidayat" });
      await row.getByText("(kode)").waitFor();
    }
    await page.locator("tr", { hasText: "Rahmat Hidayat" }).waitFor();
    await check(page, "pelatihan-pemandu", width);
    if (width === 1280) {
      // Left open on the room's screen, the page asks for the next code once the slot has ended.
      await page.clock.install();
      await page.reload();
      await page.locator(".big-code").waitFor();
      const next = page.waitForRequest((r) => r.url().endsWith(`/api/trainings/${id}/code`));
      await page.clock.fastForward("10:30");
      await next;
    }

    await page.goto(`${server.url}/konsol/mitra`);
    await page.getByRole("heading", { name: "Mitra", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "PT Data Nusantara Lestari" }).waitFor();
    await check(page, "mitra", width);
    if (width === 360) {
      await page.getByRole("button", { name: "Tambah mitra" }).click();
      await page.getByLabel("Nama mitra").fill("Politeknik Negeri Pantai Barat");
      await page.getByLabel("Profil singkat").fill("Pelatihan jaringan dan perangkat kantor.");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Mitra Politeknik Negeri Pantai Barat tersimpan.").waitFor();
      await page.getByRole("heading", { name: "Politeknik Negeri Pantai Barat" }).waitFor();
    }
    await context.close();
  }

  // The kecamatan's head hosts it too: marks Sri (not registered) present by NIP, then absent.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" });
  const page = await context.newPage();
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, CAMAT, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
  await page.getByRole("link", { name: "Pelatihan", exact: true }).click();
  await page.locator("tr", { hasText: TITLE }).getByRole("link", { name: "Halaman pemandu" }).click();
  await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
  assert.equal(credit(server.db, SRI, id), "none");
  await page.getByLabel("Tandai hadir dengan NIP").fill(SRI);
  await page.locator("form.inline-form").getByRole("button", { name: "Hadir" }).click();
  const sri = page.locator("tr", { hasText: "Sri Wahyuni" });
  await sri.getByText("(ditandai pemandu)").waitFor();
  assert.notEqual(credit(server.db, SRI, id), "none", "marked present: credited");
  await sri.getByRole("button", { name: "Tandai Sri Wahyuni tidak hadir" }).click();
  await sri.getByRole("button", { name: "Tandai Sri Wahyuni tidak hadir", pressed: true }).waitFor();
  assert.equal(credit(server.db, SRI, id), "none", "marked absent: the credit is taken back");
  assert.deepEqual(await seriousA11yViolations(page), [], "axe on the supervisor's host page");
  // The marks are in the change log.
  assert.equal(serverText(server.db, "select count(*) from audit_log where action = 'training_attendance' and target = '" + SRI + "'"), "2");
  await context.close();
});
