// The pages that load on demand (the survey and plan at /rencana/, the activities at /kegiatan/)
// open with no signal though the learner never opened them online: a signed-in sync through the
// service worker keeps them, page and files, as it keeps assigned courses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { logIn, phoneContext, seriousA11yViolations, serverAndBrowser, waitForServiceWorkerControl } from "./harness.mjs";

const PARTS = ["/rencana/", "/kegiatan/"];

/** The URLs each part's cache holds, by part. */
function keptFiles(page) {
  return page.evaluate(async (parts) => {
    const kept = {};
    for (const part of parts) {
      const cache = await caches.open("lentera" + part.slice(0, -1).replace("/", "-"));
      kept[part] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return kept;
  }, PARTS);
}

test("never opened online, the survey and the activities open offline after a signed-in sync", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const phone = await phoneContext(browser);
  const page = await phone.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await waitForServiceWorkerControl(page);

  // The learner opens the app again: its sync, now through the worker, asks for the packs to hold.
  const asked = page.waitForResponse((r) => r.url().endsWith("/api/prefetch/mine"), { timeout: 60_000 });
  await page.reload();
  await asked;
  // The worker fetches the parts after that answer: wait until each holds its page and its wasm.
  const complete = (kept) => PARTS.every((p) => kept[p].includes(p) && kept[p].some((u) => u.startsWith(p) && u.endsWith("_bg.wasm")));
  const deadline = Date.now() + 30_000;
  let kept = await keptFiles(page);
  while (!complete(kept) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    kept = await keptFiles(page);
  }
  assert.ok(complete(kept), `each part is kept with its page and wasm: ${JSON.stringify(kept)}`);
  for (const part of PARTS) {
    assert.ok(kept[part].every((u) => u.startsWith(part)), `${part} keeps only its own files: ${kept[part].join(", ")}`);
  }

  await phone.setOffline(true);
  await page.goto(`${server.url}/kegiatan/`);
  await page.getByRole("heading", { level: 1, name: "Kegiatan belajar" }).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), [], "axe on the activities opened offline");
  await page.goto(`${server.url}/rencana/`);
  await page.getByTestId("never-loaded").getByText("Sambungkan ke internet sekali").waitFor();
});
