// A first visit on a phone's data plan: each shell file crosses the network once, though the
// service worker keeps its own copy of every one of them for offline starts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { phoneContext, serverAndBrowser, waitForServiceWorkerControl } from "./harness.mjs";

/** Paths the server answered, in order, from its request log (colour codes stripped). */
function served(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  return [...plain.matchAll(/path=(\S+)\}: finished processing request/g)].map((m) => m[1]);
}

test("a first visit downloads each hashed shell file once, and the worker keeps them all", async (t) => {
  const { server, browser } = await serverAndBrowser(t, { log: "info" });
  const page = await (await phoneContext(browser)).newPage();

  await page.goto(server.url);
  await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
  // Control comes after the worker's install, which fetched everything it keeps.
  await waitForServiceWorkerControl(page);
  // A request after all the others: once its line is in, every earlier line has been read.
  const marker = "/api/first-visit-done";
  await fetch(server.url + marker);
  const deadline = Date.now() + 10_000;
  while (!served(server.output()).includes(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(served(server.output()).includes(marker), "the server logged the marker request");

  const sw = readFileSync(join(server.dist, "sw.js"), "utf8");
  const precache = JSON.parse(sw.match(/PRECACHE\s*=\s*(\[[^\]]*\])/)[1]);
  const hashed = precache.filter((url) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(url));
  assert.ok(hashed.some((url) => url.endsWith(".wasm")), `the worker keeps the app's wasm: ${precache.join(", ")}`);

  const log = served(server.output());
  for (const url of hashed) {
    assert.equal(log.filter((p) => p === url).length, 1, `${url} crossed the network once on the first visit (server log: ${log.join(" ")})`);
  }
  const kept = await page.evaluate(async (urls) => {
    const name = (await caches.keys()).find((n) => n.startsWith("lentera-shell-"));
    const cache = await caches.open(name);
    return Promise.all(urls.map(async (url) => Boolean(await cache.match(url))));
  }, precache);
  assert.deepEqual(kept, precache.map(() => true), "every shell file is in the worker's cache for offline starts");
});
