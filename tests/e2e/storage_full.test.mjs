// A full phone: the download fails with a plain message, and nothing already saved is lost.
import assert from "node:assert/strict";
import { test } from "node:test";
import { logIn, phoneContext, serverAndBrowser } from "./harness.mjs";

test("when storage is full a download says so plainly and saved progress stays", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  await page.getByRole("link", { name: "Katalog", exact: true }).click();
  const card = page.locator('li[data-course="keamanan-digital"]');
  await card.getByRole("button", { name: "Unduh untuk offline" }).waitFor();

  // A full disk cannot be made here; the browser's own error is raised where a full disk raises it.
  // (Chromium's CDP quota override did not stop IndexedDB writes in this build.)
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === "packs") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });

  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByRole("alert").getByText("Penyimpanan penuh: hapus unduhan kursus lain").waitFor();
  await card.getByText("Belum diunduh").waitFor();

  await page.reload();
  await page.getByRole("link", { name: "Beranda", exact: true }).click();
  await page.getByTestId("jp").waitFor();
  assert.equal(await page.getByRole("button", { name: "Saya mengerti, mulai" }).count(), 0, "onboarding is still recorded");
});
