// Both apps run under the server's Content-Security-Policy; the harness fails any test whose pages break it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { launchBrowser, phoneContext, startServer, waitForServiceWorkerControl } from "./harness.mjs";

test("the learner app and the console start under a CSP that blocks injected script", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  const page = await (await phoneContext(browser)).newPage();

  await t.test("the learner app starts, its service worker registers, and the policy was sent", async () => {
    const response = await page.goto(server.url);
    const csp = response.headers()["content-security-policy"];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    await page.getByRole("heading", { name: "Masuk ke Lentera" }).waitFor();
    await waitForServiceWorkerControl(page);
    assert.deepEqual(browser.cspViolations, []);
  });

  await t.test("the console starts under the same policy", async () => {
    await page.goto(`${server.url}/konsol/`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    assert.deepEqual(browser.cspViolations, []);
  });

  await t.test("a script smuggled into the page does not run, and the watcher sees the attempt", async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.smuggled = true";
      document.body.append(script);
      await new Promise((done) => setTimeout(done, 0));
      return window.smuggled === true;
    });
    assert.equal(ran, false);
    await page.waitForFunction(() => true);
    assert.ok(browser.cspViolations.some((v) => v.includes("script-src")), browser.cspViolations.join("\n"));
    // The attempt was ours: the rest of the suite checks the apps themselves.
    browser.cspViolations.length = 0;
  });
});
