// The PWA shell: first load, service worker control, offline reload, and one event synced end to end.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEMO_NIP,
  launchBrowser,
  logIn,
  phoneContext,
  serverEventCount,
  startServer,
  waitForServiceWorkerControl,
  openSyncPanel,
} from "./harness.mjs";

test("a learner opens Lentera, loses the signal, starts offline, and the event syncs once back online", async (t) => {
  let server = await startServer();
  const browser = await launchBrowser();
  const context = await phoneContext(browser);
  const page = await context.newPage();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });

  await t.test("first load asks for a login in Bahasa Indonesia and says it is online", async () => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "id");
    assert.equal(await page.getByTestId("connection").textContent(), "Daring");
  });

  await t.test("robots.txt is a robots file, not the app page", async () => {
    const response = await fetch(`${server.url}/robots.txt`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type"), /^text\/plain/);
    assert.match(await response.text(), /^User-agent: \*/);
  });

  await t.test("a NIP with a wrong part is named before anything is sent", async () => {
    await logIn(page, "198513122010012002", "apa saja");
    await page.getByText("Angka ke-1 sampai ke-8 harus tanggal lahir yang benar").waitFor();
    await logIn(page, "19850312201001200", "apa saja");
    await page.getByText("NIP terdiri dari 18 angka; yang diketik 17 angka.").waitFor();
  });

  await t.test("a wrong password is refused plainly", async () => {
    await logIn(page, DEMO_NIP, "bukan-sandinya");
    await page.getByText("NIP atau kata sandi salah.", { exact: false }).waitFor();
  });

  await t.test("the right password leads to the welcome", async () => {
    await logIn(page);
    await page.getByRole("heading", { name: "Selamat datang di Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "id");
    assert.equal(await page.getByTestId("connection").textContent(), "Daring");
  });

  await t.test("the service worker takes control", async () => {
    await waitForServiceWorkerControl(page);
    const caches = await page.evaluate(() => caches.keys());
    assert.ok(caches.some((name) => name.startsWith("lentera-shell-")), `caches: ${caches}`);
  });

  await t.test("with the worker in control, /robots.txt opened in a tab is the robots file, not the app", async () => {
    const tab = await context.newPage();
    const response = await tab.goto(`${server.url}/robots.txt`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"], /^text\/plain/);
    assert.match(await tab.evaluate(() => document.body.innerText), /^User-agent: \*/);
    await tab.close();
  });

  await t.test("offline, with the server gone too, a reload still renders the shell", async () => {
    await context.setOffline(true);
    assert.equal(await server.stop(), 0, "server did not stop cleanly on SIGINT");
    await page.reload();
    await page.getByRole("heading", { name: "Selamat datang di Lentera" }).waitFor();
    assert.equal(await page.getByTestId("connection").textContent(), "Luring");
  });

  await t.test("starting offline records one event that waits in the outbox", async () => {
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await openSyncPanel(page);
    await page.getByText("1 perubahan menunggu sinkron").first().waitFor();
    assert.equal(serverEventCount(server.db), 0);
  });

  await t.test("back online, the event reaches the server database exactly once", async () => {
    server = await startServer({ port: server.port, db: server.db, dist: server.dist });
    await context.setOffline(false);
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    assert.equal(serverEventCount(server.db), 1);
    await page.reload();
    await page.getByTestId("jp").waitFor();
    await openSyncPanel(page);
    await page.getByText("Semua perubahan sudah tersinkron").first().waitFor();
    assert.equal(serverEventCount(server.db), 1);
  });
});
