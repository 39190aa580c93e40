// Pages must not jump as they load: cumulative layout shift under 0.1 on every learner page, on a
// phone-sized screen with the CPU slowed 4x (as Lighthouse's mobile run does).
import assert from "node:assert/strict";
import { test } from "node:test";
import { launchBrowser, logIn, phoneContext, startServer } from "./harness.mjs";

const PAGES = ["/", "/katalog", "/kursus/keamanan-digital", "/kursus/keamanan-digital/pelajaran/01-kata-sandi", "/rencana/", "/kegiatan/", "/halaman-tidak-ada"];

test("every learner page keeps its layout shift under 0.1 while it loads", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  const context = await phoneContext(browser);
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await page.goto(`${server.url}/katalog`);
  const card = page.locator('[data-course="keamanan-digital"]');
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  for (const path of PAGES) {
    await page.goto(server.url + path);
    await page.locator("main h1").first().waitFor({ timeout: 10_000 }).catch(() => assert.fail(`${path}: no heading`));
    // Whatever loads after the heading (IndexedDB reads, the first sync) has had its turn.
    await page.waitForLoadState("networkidle");
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.1, `${path}: cumulative layout shift ${shift.toFixed(3)}`);
  }
});
