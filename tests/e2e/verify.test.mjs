// The public certificate page: a certificate the server issued for an honest completion is
// confirmed in a fresh browser with no login, says so once revoked, and passes axe at 360 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { apiSession, honestCompletion, push } from "./forge.mjs";
import { packOf } from "./quiz.mjs";
import { DEMO_NIP, DEMO_PASSWORD, launchBrowser, seriousA11yViolations, startServer } from "./harness.mjs";

const ADMIN = "198002142006042001";
const COURSE = "keamanan-digital";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");

/** The page needs no app build: a stand-in dist is enough for the server to start. */
function bareDist() {
  const dir = join(mkdtempSync(join(tmpdir(), "lentera-dist-")), "dist");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Lentera</title>");
  return dir;
}

async function api(server, session, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  return answer;
}

/** Opens the page in a fresh context (no session, no storage) at `width`, checks axe, saves a screenshot. */
async function look(browser, url, width, name) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
  const page = await context.newPage();
  await page.goto(url);
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const text = await page.locator("main").textContent();
  assert.deepEqual(await seriousA11yViolations(page), [], `${name} at ${width} px`);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  await context.close();
  return { heading, text };
}

test("the public page confirms a certificate without login, and says so once it is revoked", async (t) => {
  const server = await startServer({ dist: bareDist() });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  const learner = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
  await push(server, learner, honestCompletion(await packOf(server, COURSE)));
  const certs = await api(server, learner, "GET", "/api/certificates/me");
  const cert = certs.find((c) => c.course_id === COURSE && c.revoked_at_ms === null);
  assert.ok(cert, JSON.stringify(certs));
  const body = JSON.parse(cert.body);
  const url = `${server.url}/verifikasi/${cert.number}`;

  for (const width of [360, 1280]) {
    const { heading, text } = await look(browser, url, width, "verifikasi-sah");
    assert.equal(heading, "Sertifikat sah");
    assert.ok(text.includes(body.name) && text.includes(cert.number), text);
    assert.ok(!text.includes(DEMO_NIP) && text.includes(`${DEMO_NIP.slice(0, 4)}•`), "the NIP is partly hidden");
  }

  const admin = await apiSession(server, ADMIN, DEMO_PASSWORD);
  await api(server, admin, "POST", `/api/certificates/${cert.number}/revoke`, { reason: "data pelatihan tercatat ganda" });
  for (const width of [360, 1280]) {
    const { heading, text } = await look(browser, url, width, "verifikasi-dicabut");
    assert.equal(heading, "Sertifikat dicabut");
    assert.ok(text.includes("tidak berlaku") && text.includes("data pelatihan tercatat ganda"), text);
  }
  const { heading } = await look(browser, `${server.url}/verifikasi/LTR-2026-AAAAAAAA`, 360, "verifikasi-tidak-ada");
  assert.equal(heading, "Sertifikat tidak ditemukan");
});
