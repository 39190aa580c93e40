// Accounts and sync end to end: learn offline after one login, sync when the signal returns,
// restore on a second device, survive a revoked session without losing anything, and be told
// plainly when a copied old token ended the session.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { packOf, takeQuiz } from "./quiz.mjs";
import {
  DEMO_NIP,
  deviceEventCount,
  logIn,
  phoneContext,
  seriousA11yViolations,
  serverAndBrowser,
  serverEventCount,
  serverScalar,
  waitForServiceWorkerControl,
  openSyncPanel,
} from "./harness.mjs";

const COURSE = "sistem-informasi";
const MINE = `select count(*) from events where learner_id = (select id from learners where nip = '${DEMO_NIP}')`;

/** Every push the context's pages and service worker send: its Content-Encoding and its JSON. */
function recordPushes(context) {
  const pushes = [];
  context.on("request", (request) => {
    if (!request.url().endsWith("/api/sync/push")) return;
    const encoding = request.headers()["content-encoding"] ?? null;
    const raw = request.postDataBuffer();
    pushes.push({ encoding, batch: JSON.parse((encoding === "gzip" ? gunzipSync(raw) : raw).toString("utf8")) });
  });
  return pushes;
}

test("a learner logs in once, learns offline, syncs later, and finds it all on a second device", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const pack = await packOf(server, COURSE);
  const phone = await phoneContext(browser);
  let page = await phone.newPage();

  await t.test("the login screen is accessible and logging in leads to the welcome", async () => {
    await page.goto(server.url);
    await page.getByLabel("NIP (18 angka)").waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on login");
    await logIn(page);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/katalog`);
    const card = page.locator(`li[data-course="${COURSE}"]`);
    await card.getByRole("button", { name: "Unduh untuk offline" }).click();
    await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  });

  let waiting = 0;
  await t.test("offline, reading and a passed quiz wait on the phone", async () => {
    await phone.setOffline(true);
    await page.goto(`${server.url}/kursus/${COURSE}/pelajaran/${pack.lessons[0].id}`);
    // Every lesson, as the server credits a course only with all of them marked done.
    for (const lesson of pack.lessons) {
      await page.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
      await page.getByRole("button", { name: "Tandai selesai, lanjut" }).click();
    }
    // The app opens the quiz once the last lesson's completion is stored (leaving earlier could lose it).
    await page.getByRole("button", { name: "Mulai kuis" }).click();
    await takeQuiz(page, pack, true);
    await page.getByText("Lulus! Nilai Anda 100%.").waitFor();
    waiting = await deviceEventCount(page, { pending: true });
    assert.ok(waiting > pack.quiz.questions.length, `answers wait to sync: ${waiting}`);
    await openSyncPanel(page);
    await page.getByText(`${waiting} perubahan menunggu sinkron`).first().waitFor();
  });

  await t.test("closed and reopened offline, the same changes still wait", async () => {
    await page.close();
    page = await phone.newPage();
    await page.goto(server.url);
    await openSyncPanel(page);
    await page.getByText(`${waiting} perubahan menunggu sinkron`).first().waitFor();
    assert.equal(await page.getByTestId("connection").textContent(), "Luring");
  });

  await t.test("back online, the status turns to synced and the server holds every event once", async () => {
    const before = serverEventCount(server.db);
    const pushes = recordPushes(phone);
    await phone.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    await openSyncPanel(page);
    await page.getByText("Tersinkron baru saja").waitFor();
    assert.equal(serverEventCount(server.db), before + waiting);
    assert.equal(serverScalar(server.db, MINE), await deviceEventCount(page), "every event is the learner's");
    // What waited went up gzip-compressed, and it is exactly what the server now holds.
    assert.ok(pushes.length > 0, "the phone pushed");
    assert.deepEqual(pushes.map((p) => p.encoding), pushes.map(() => "gzip"), "every push is gzipped");
    const sent = new Set(pushes.flatMap((p) => p.batch.events.map((e) => e.id)));
    assert.equal(sent.size, waiting, "the gzipped pushes carried every waiting event");
    for (const id of sent) assert.equal(serverScalar(server.db, `select count(*) from events where id = '${id}'`), 1, id);
  });

  let other;
  await t.test("a second device restores the progress after login", async () => {
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" });
    other = await laptop.newPage();
    await other.goto(server.url);
    await logIn(other);
    await other.getByTestId("jp").getByText(`${pack.jp} dari 20 JP terverifikasi`).waitFor();
    assert.equal(await other.getByRole("button", { name: "Saya mengerti, mulai" }).count(), 0, "onboarding restored");
    assert.equal(await deviceEventCount(other), serverScalar(server.db, MINE));
  });

  await t.test("signing out every device there ends the phone's session without losing its changes", async () => {
    await other.getByRole("button", { name: "Keluar dari semua perangkat" }).click();
    await other.getByLabel("NIP (18 angka)").waitFor();
    await page.goto(`${server.url}/kursus/${COURSE}/pelajaran/${pack.lessons[1].id}`);
    await openSyncPanel(page);
    await page.getByRole("button", { name: "Sinkronkan sekarang" }).click();
    await page.getByText("Sesi di ponsel ini sudah diakhiri.", { exact: false }).waitFor();
    const kept = await deviceEventCount(page, { pending: true });
    assert.ok(kept > 0, "the new lesson visit still waits");
    await page.getByRole("link", { name: "Masuk lagi" }).click();
    await logIn(page);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    assert.equal(serverScalar(server.db, MINE), await deviceEventCount(page));
  });
});

test("two open tabs never sync at the same time", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const context = await phoneContext(browser);
  const first = await context.newPage();
  await first.goto(server.url);
  await logIn(first);
  await first.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await openSyncPanel(first);
  await first.getByText("Semua perubahan sudah tersinkron").first().waitFor();
  const second = await context.newPage();
  await second.goto(server.url);
  await second.getByTestId("jp").waitFor();
  // The button reads "Sinkronkan sekarang" only when this tab is not syncing (its start-up run is over).
  await openSyncPanel(second);
  await second.getByRole("button", { name: "Sinkronkan sekarang" }).waitFor();
  await openSyncPanel(first);
  await first.getByRole("button", { name: "Sinkronkan sekarang" }).waitFor();

  // Hold every sync's first request for a while, and count how many are held at once.
  let held = 0;
  let most = 0;
  let started = 0;
  let release;
  const gate = new Promise((done) => (release = done));
  await context.route("**/api/auth/rotate", async (route) => {
    started += 1;
    held += 1;
    most = Math.max(most, held);
    await gate;
    held -= 1;
    await route.continue();
  });
  await openSyncPanel(first);
  await first.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await first.getByRole("button", { name: "Menyinkronkan…" }).waitFor();
  await openSyncPanel(second);
  await second.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  // The second tab finds the lock taken and stands down while the first still waits.
  await openSyncPanel(second);
  await second.getByRole("button", { name: "Sinkronkan sekarang" }).waitFor();
  release();
  await openSyncPanel(first);
  await first.getByRole("button", { name: "Sinkronkan sekarang" }).waitFor();
  assert.equal(most, 1, "at most one sync in flight across tabs");
  assert.equal(started, 1, "the second tab did not start its own sync meanwhile");
});

test("with the app closed, Background Sync sends what waits once the signal returns", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page);
  await waitForServiceWorkerControl(page);
  await openSyncPanel(page);
  await page.getByText("Tersinkron baru saja").waitFor();
  await context.setOffline(true);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await openSyncPanel(page);
  await page.getByText("1 perubahan menunggu sinkron").first().waitFor();
  const before = serverScalar(server.db, MINE);
  await page.close();

  // A blank tab is no client of the app: the worker must send the outbox by itself.
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registration = new Promise((done) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
      if (ours) done(ours.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registration;
  await context.setOffline(false);
  const pushes = recordPushes(context);
  const answered = context.waitForEvent("requestfinished", (r) => r.url().endsWith("/api/sync/push"));
  await cdp.send("ServiceWorker.dispatchSyncEvent", {
    origin: server.url,
    registrationId,
    tag: "lentera-sync",
    lastChance: false,
  });
  assert.equal((await (await answered).response()).status(), 200);
  assert.equal(serverScalar(server.db, MINE), before + 1, "the onboarding event reached the server");
  assert.deepEqual(pushes.map((p) => [p.encoding, p.batch.events.length]), [["gzip", 1]], "the worker pushed gzipped");
  const reopened = await context.newPage();
  await reopened.goto(server.url);
  await openSyncPanel(reopened);
  await reopened.getByText("Semua perubahan sudah tersinkron").first().waitFor();
});

test("a browser without CompressionStream still syncs, in plain JSON", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const context = await phoneContext(browser);
  await context.addInitScript(() => delete globalThis.CompressionStream);
  const pushes = recordPushes(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await openSyncPanel(page);
  await page.getByText("1 perubahan menunggu sinkron").first().waitFor();
  const before = serverScalar(server.db, MINE);
  await openSyncPanel(page);
  await page.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await openSyncPanel(page);
  await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
  assert.equal(serverScalar(server.db, MINE), before + 1, "the onboarding event reached the server");
  assert.equal(await deviceEventCount(page, { pending: true }), 0);
  assert.ok(pushes.length > 0, "the phone pushed");
  assert.deepEqual(pushes.map((p) => p.encoding), pushes.map(() => null), "no Content-Encoding without CompressionStream");
});

/** The session token the phone keeps in IndexedDB. */
function storedToken(page) {
  return page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open("lentera");
        open.onsuccess = () => {
          const read = open.result.transaction("meta").objectStore("meta").get("session");
          read.onsuccess = () => done(JSON.parse(read.result).token);
          read.onerror = () => fail(read.error);
        };
        open.onerror = () => fail(open.error);
      }),
  );
}

test("a copy of an old token used after the phone moved on ends the session, and the phone says why", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await openSyncPanel(page);
  await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
  const copied = await storedToken(page);
  // The next sync rotates the token and uses the new one: the copy is now an old token.
  const moved = page.waitForResponse((r) => r.url().endsWith("/api/sync/pull") || r.url().includes("/api/sync/pull?"));
  await page.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await moved;
  await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
  assert.notEqual(await storedToken(page), copied, "the phone keeps the rotated token");
  const stolen = await fetch(`${server.url}/api/auth/me`, { headers: { Authorization: `Bearer ${copied}` } });
  assert.equal(stolen.status, 401);
  assert.equal((await stolen.json()).error.code, "session_reused");
  await page.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await page.getByText("Demi keamanan sesi ini dihentikan: kuncinya dipakai di perangkat lain.", { exact: false }).waitFor();
  await page.getByRole("link", { name: "Masuk lagi" }).waitFor();
});

test("the signal returning while a lesson is read syncs without rebuilding the page or moving the reader", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const pack = await packOf(server, COURSE);
  const phone = await phoneContext(browser);
  const page = await phone.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.goto(`${server.url}/katalog`);
  const card = page.locator(`li[data-course="${COURSE}"]`);
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  await phone.setOffline(true);
  await page.goto(`${server.url}/kursus/${COURSE}/pelajaran/${pack.lessons[0].id}`);
  await page.getByRole("heading", { level: 1, name: pack.lessons[0].title }).waitFor();
  // Marks the heading the reader sees and scrolls down, as a reader halfway through would be.
  const scrolled = await page.evaluate(() => {
    document.querySelector("h1").dataset.seen = "yes";
    window.scrollTo(0, document.body.scrollHeight / 2);
    return window.scrollY;
  });
  assert.ok(scrolled > 0, "the lesson is long enough to scroll on a phone");
  const rotated = page.waitForResponse((r) => r.url().endsWith("/api/auth/rotate"));
  const pulled = page.waitForResponse((r) => r.url().includes("/api/sync/pull"));
  await phone.setOffline(false);
  await rotated;
  await pulled;
  await page.locator('button.syncdot[aria-label*="Semua perubahan sudah tersinkron"]').waitFor({ state: "attached" });
  assert.equal(await page.evaluate(() => document.querySelector("h1")?.dataset.seen ?? "rebuilt"), "yes", "the same page stays on screen");
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, "the reader's place is kept");
  assert.equal(await deviceEventCount(page, { pending: true }), 0, "the lesson visit was sent");
});
