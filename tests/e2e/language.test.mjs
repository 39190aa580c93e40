// One choice of language for the whole site: chosen in the learner app it holds after a reload and
// in the console, and switching back in the console holds in the learner app (shared lentera-ui code).
import assert from "node:assert/strict";
import { test } from "node:test";
import { seriousA11yViolations, serverAndBrowser } from "./harness.mjs";

test("the language chosen in one app is the language of both, across reloads", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" })).newPage();

  await t.test("the learner app switches to English at once and says so to screen readers", async () => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "id");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Log in to Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
  });

  await t.test("a reload keeps English", async () => {
    await page.reload();
    await page.getByRole("heading", { name: "Log in to Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("button", { name: "Bahasa Indonesia" }).waitFor();
  });

  await t.test("the console opens in the same language, and switching there holds in the learner app", async () => {
    await page.goto(`${server.url}/konsol/masuk`);
    await page.getByRole("heading", { name: "Log in to the console" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on the console's login in English");
    await page.getByRole("button", { name: "Indonesia" }).click();
    await page.getByRole("heading", { name: "Masuk ke konsol" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "id");
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "id");
  });
});
