// End-to-end harness: the real release server on a free loopback port, Debian's Chromium via playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { chromium } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "../..");
export const SERVER = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "release/lentera-server");

/** A private copy of the built app, so a test may change it (e.g. publish a new version). */
export function copyOfDist() {
  const dir = join(mkdtempSync(join(tmpdir(), "lentera-dist-")), "dist");
  cpSync(join(ROOT, "dist"), dir, { recursive: true });
  return dir;
}

/** Starts the server; resolves once it printed its URL and answers its health probe. */
export async function startServer({ port = 0, db, dist, content = process.env.LENTERA_CONTENT ?? join(ROOT, "content"), args = [], log = "warn" } = {}) {
  db ??= join(mkdtempSync(join(tmpdir(), "lentera-e2e-")), "lentera.db");
  dist ??= copyOfDist();
  const child = spawn(SERVER, ["--port", String(port), "--db", db, "--dist", dist, "--content", content, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: log },
  });
  let output = "";
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server printed no URL in 30 s:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (found) {
        clearTimeout(timer);
        done(found[0]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
  await waitForHealth(url, 10_000);
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    return code;
  };
  return { url, db, dist, content, port: Number(new URL(url).port), stop, output: () => output };
}

/** Polls /api/health until it says ok, failing after `deadlineMs`. */
export async function waitForHealth(url, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      const body = await response.json();
      if (body.status === "ok" && body.database === "ok") return body;
      last = JSON.stringify(body);
    } catch (err) {
      last = String(err);
    }
    await delay(50);
  }
  throw new Error(`server at ${url} not healthy within ${deadlineMs} ms: ${last}`);
}

/** One value from the server's SQLite database as text (read with Python's sqlite3); NIPs stay exact. */
export function serverText(db, sql) {
  const script = "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])";
  return execFileSync("python3", ["-c", script, db, sql], { encoding: "utf8" }).trim();
}

/** One number from the server's SQLite database. */
export function serverScalar(db, sql) {
  return Number(serverText(db, sql));
}

/** How many events the server holds for one learner (the demo's other staff have their own). */
export function serverEventCount(db, nip = DEMO_NIP) {
  return serverScalar(db, `select count(*) from events where learner_id = (select id from learners where nip = '${nip}')`);
}

/** Events on the device, all or only those waiting for the server. */
export function deviceEventCount(page, { pending = false } = {}) {
  return page.evaluate(
    (onlyPending) =>
      new Promise((done, fail) => {
        const open = indexedDB.open("lentera");
        open.onsuccess = () => {
          const events = open.result.transaction("events").objectStore("events");
          const count = onlyPending ? events.index("by_pending").count(1) : events.count();
          count.onsuccess = () => done(count.result);
          count.onerror = () => fail(count.error);
        };
        open.onerror = () => fail(open.error);
      }),
    pending,
  );
}

/** A fresh server (started with `startServer`'s `options`) and browser for one test, both stopped when it ends. */
export async function serverAndBrowser(t, options) {
  const server = await startServer(options);
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  return { server, browser };
}

/** Headless Debian Chromium with the flags this closed network needs. Every page is watched for
 * Content-Security-Policy violations; closing the browser fails the test if the apps broke the policy. */
export async function launchBrowser() {
  const browser = await launchChromium();
  const violations = [];
  const watch = (context) => {
    // Init scripts run outside the page's CSP, so the listener itself is never blocked.
    context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
      );
    });
    context.on("page", (page) =>
      page.on("console", (msg) => {
        if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
      }),
    );
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  browser.newPage = async (options) => (await browser.newContext(options)).newPage();
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    if (violations.length > 0) throw new Error(`the page broke its Content-Security-Policy:\n${violations.join("\n")}`);
  };
  browser.cspViolations = violations;
  return browser;
}

function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A phone-sized browser context (360 px wide, as the cheapest Android phones). */
export function phoneContext(browser) {
  return browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "id-ID" });
}

/** Resolves once a service worker controls the page. */
export async function waitForServiceWorkerControl(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 20_000,
  });
}

/** Runs axe-core on the page; returns violations of serious or critical impact. */
export async function seriousA11yViolations(page) {
  // Evaluated through the devtools protocol: a script tag would be (rightly) refused by the page's CSP.
  await page.evaluate(readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document)).violations);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A demo account `make run` creates (fictional person, valid NIP). */
/** Opens one of the admins' set-up places: on a wide screen they fold under "Administrasi". */
export async function openAdminPlace(page, name) {
  await page.getByRole("button", { name: "Administrasi", exact: true }).click();
  await page.getByRole("link", { name, exact: true }).click();
}

export const DEMO_NIP = "198503122010012002";
export const DEMO_PASSWORD = "lentera-demo";

/** Logs in on the login screen the app shows before anything else. */
export async function logIn(page, nip = DEMO_NIP, password = DEMO_PASSWORD) {
  await page.getByLabel("NIP (18 angka)").fill(nip);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
}

/** On a phone the sync panel folds behind the top bar's indicator: unfolds it (nothing to do on a wide screen or when it is open). */
export async function openSyncPanel(page) {
  const indicator = page.locator("button.syncdot");
  if ((await indicator.isVisible()) && (await indicator.getAttribute("aria-expanded")) === "false") await indicator.click();
  return page.locator("#syncbar");
}
