// The learning log (docs/activities.md) end to end: a learner's mentoring entry with a photo,
// pushed through the real sync API with the photo PUT to /api/evidence as the phone does once it
// has signal, is confirmed by the supervisor in the console, who sees the photo; the learner's
// ledger then holds the JP. Plus the admins' internship page. Axe-clean and screenshotted at 360
// and 1280 px.
import assert from "node:assert/strict";
import { test } from "node:test";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateSync } from "node:zlib";
import { DEMO_NIP, DEMO_PASSWORD, logIn, openAdminPlace, seriousA11yViolations, serverAndBrowser, serverText } from "./harness.mjs";
import { apiSession, push } from "./forge.mjs";

/** The demo Camat: supervises the demo learner's unit. */
const CAMAT = "197906182005011003";
const ADMIN = "198002142006042001";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A `width`×`height` PNG of coloured stripes: the photo the learner took. */
function png(width, height) {
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0);
    for (let x = 0; x < width; x += 1) rows.push(...(Math.floor(x / 8) % 2 ? [30, 120, 200] : [240, 180, 40]));
  }
  const chunk = (kind, data) => {
    const body = Buffer.concat([Buffer.from(kind, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** Today in WIB, `YYYY-MM-DD`. */
const todayWib = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

async function noSidewaysScroll(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (${overflow} px too wide)`);
}

async function consoleAs(browser, server, nip, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "id-ID" });
  const page = await context.newPage();
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, nip, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
  return { context, page };
}

test("a mentoring entry with a photo is confirmed by the supervisor, who sees the photo, and its JP reach the learner's ledger", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  mkdirSync(SHOTS, { recursive: true });
  const learner = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
  const name = serverText(server.db, `select name from learners where nip = '${DEMO_NIP}'`);
  const photo = png(64, 48);
  // The photo, kept on the phone while offline, goes up under the id the phone gave it.
  const evidence = `foto-${randomUUID()}`;
  const put = await fetch(`${server.url}/api/evidence/${evidence}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${learner.token}`, "content-type": "image/png" },
    body: photo,
  });
  assert.equal(put.status, 201, await put.text());
  const title = "Mentoring menulis rilis layanan kependudukan";
  const log = { form: "mentoring", title, with_whom: "Budi Santoso", date: todayWib(), minutes: 95, text: "Menulis rilis yang menyebut manfaat bagi warga di kalimat pertama.", evidence: [evidence] };
  await push(server, learner, () => [
    { kind: "log_saved", payload: { entry: "mentoring-e2e", ...log } },
    { kind: "log_submitted", payload: { entry: "mentoring-e2e" } },
  ]);

  // The phone-sized queue first (looked at, not decided), then the desk where the Camat decides.
  for (const width of [360, 1280]) {
    const { context, page } = await consoleAs(browser, server, CAMAT, width);
    if (width === 1280) {
      await page.getByRole("link", { name: "Catatan belajar" }).click();
    } else {
      await page.goto(`${server.url}/konsol/catatan`);
    }
    await page.getByRole("heading", { name: "Catatan belajar", level: 1 }).waitFor();
    const card = page.locator("article.log-entry", { has: page.getByRole("heading", { name: title }) });
    await card.waitFor();
    await card.getByText(name).waitFor();
    await card.getByText("95 menit").waitFor();
    await card.getByText("menurut aturan: 2 JP", { exact: false }).waitFor();
    const img = card.getByRole("img", { name: `Foto bukti: ${title}` });
    await img.waitFor();
    // The photo itself arrived and decoded: its own size, not a broken image.
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    assert.deepEqual(await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]), [64, 48]);
    const jp = card.getByLabel(/JP yang diakui/);
    assert.equal(await jp.inputValue(), "2", "the field starts at the rule's JP (95 minutes = 2 JP)");
    await noSidewaysScroll(page, width);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on the queue at ${width} px`);
    await page.screenshot({ path: join(SHOTS, `konsol-catatan-belajar-${width}.png`), fullPage: true });

    if (width === 1280) {
      // Sending back needs a note: without one the form says so and nothing is sent.
      await card.getByRole("button", { name: "Kembalikan dengan catatan" }).click();
      await card.getByText("Tulis dulu apa yang perlu diubah").waitFor();
      assert.equal(serverText(server.db, "select status from log_entries where entry = 'mentoring-e2e'"), "submitted");
      await card.getByRole("button", { name: "Konfirmasi" }).click();
      await page.getByText("Catatan dikonfirmasi; JP-nya masuk ke catatan JP pegawai.").waitFor();
      await page.locator("article.log-entry", { has: page.getByRole("heading", { name: title }) }).waitFor({ state: "detached" });
      assert.equal(serverText(server.db, "select status || ' ' || jp from log_entries where entry = 'mentoring-e2e'"), "confirmed 2");

      // The person page lists the entry as confirmed, and its JP in the person's ledger.
      await page.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
      const section = page.locator("section", { has: page.getByRole("heading", { name: "Catatan belajar di tempat kerja" }) });
      const row = section.locator("tbody tr", { hasText: title });
      await row.getByText("Dikonfirmasi").waitFor();
      const ledger = page.locator("section", { has: page.getByRole("heading", { name: /^Catatan JP \d{4}$/ }) });
      await ledger.locator("tbody tr", { hasText: title }).waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], "axe on the person page");
      await page.screenshot({ path: join(SHOTS, `konsol-staf-catatan-belajar-${width}.png`), fullPage: true });
    }
    await context.close();
  }

  // The learner's own ledger, as the phone fetches it after a sync.
  const response = await fetch(`${server.url}/api/ledger/me`, { headers: { authorization: `Bearer ${learner.token}` } });
  const ledger = await response.json();
  const line = ledger.entries.find((e) => e.course_id === "log:mentoring-e2e");
  assert.ok(line, JSON.stringify(ledger.entries));
  assert.deepEqual([line.jp, line.form, line.source, line.status], [2, "mentoring", "Budi Santoso", "credited"]);
});

test("an admin records an internship placement on the internships page", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    const { context, page } = await consoleAs(browser, server, ADMIN, width);
    if (width === 1280) {
      await openAdminPlace(page, "Magang");
    } else {
      await page.goto(`${server.url}/konsol/magang`);
    }
    await page.getByRole("heading", { name: "Penempatan magang", level: 1 }).waitFor();
    await page.locator("table.internships tbody tr", { hasText: "Universitas Sumatera Utara" }).waitFor();
    if (width === 1280) {
      await page.getByRole("button", { name: "Catat penempatan" }).click();
      await page.getByText("Isi NIP, mitra, tempat, tanggal mulai dan selesai.").waitFor();
      await page.getByLabel("NIP (18 angka)").fill(DEMO_NIP);
      await page.getByLabel("Mitra (universitas, perusahaan, instansi)").fill("PT Telekomunikasi Nusantara");
      await page.getByLabel("Tempat").fill("Divisi Layanan Digital, Medan");
      await page.getByLabel("Mulai").fill("2026-08-03");
      await page.getByLabel("Selesai").fill("2026-08-28");
      await page.getByRole("button", { name: "Catat penempatan" }).click();
      await page.getByText("Penempatan magang dicatat.").waitFor();
      await page.locator("table.internships tbody tr", { hasText: "PT Telekomunikasi Nusantara" }).waitFor();
      assert.equal(serverText(server.db, "select place from internships where partner_name = 'PT Telekomunikasi Nusantara'"), "Divisi Layanan Digital, Medan");
    }
    await noSidewaysScroll(page, width);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on the internships page at ${width} px`);
    await page.screenshot({ path: join(SHOTS, `konsol-magang-${width}.png`), fullPage: true });
    await context.close();
  }
});
