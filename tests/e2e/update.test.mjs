// A new release is offered, never forced: the page keeps running until the learner taps "Muat ulang".
import assert from "node:assert/strict";
import { appendFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { launchBrowser, phoneContext, startServer, waitForServiceWorkerControl } from "./harness.mjs";

test("a new version shows the update prompt and reloads only when asked", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  const context = await phoneContext(browser);
  const page = await context.newPage();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });

  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  const firstCache = await page.evaluate(async () => (await caches.keys()).find((n) => n.startsWith("lentera-shell-")));

  // Publish a "new version": the worker's bytes change (its compressed copies are dropped).
  const sw = join(server.dist, "sw.js");
  appendFileSync(sw, "\n// next release\n");
  rmSync(`${sw}.br`);
  rmSync(`${sw}.gz`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  await page.getByText("Versi baru Lentera tersedia.").waitFor();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.state), "activated");

  const navigation = page.waitForEvent("load");
  await page.getByRole("button", { name: "Muat ulang" }).click();
  await navigation;
  await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
  const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting);
  assert.equal(waiting, null, "the new worker should have taken over");
  assert.ok(firstCache, "the first version had a shell cache");
});
