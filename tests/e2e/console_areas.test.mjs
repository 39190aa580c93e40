// The console loads its pages by area (lentera_protocol::console): the dashboard downloads only the
// everyday pages' wasm, another area's page loads its own, and on a phone the places fold behind
// "Menu". The evaluation page puts the report first for an admin, the follow-ups for a supervisor.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { DEMO_PASSWORD, logIn, seriousA11yViolations, serverAndBrowser } from "./harness.mjs";

const ADMIN = "198002142006042001";
const SUPERVISOR = "197906182005011003";
const SHOTS = resolve(import.meta.dirname, "../../target/screenshots");
const DASHBOARD = /^Dasbor \d{4}$/;

/** The area of each console wasm the page asked for: "" for the everyday pages, else its folder. */
function wasmAreas(page) {
  const areas = [];
  page.on("request", (r) => {
    const m = new URL(r.url()).pathname.match(/^\/konsol\/(?:([a-z]+)\/)?lentera-console-[0-9a-f]+_bg\.wasm$/);
    if (m) areas.push(m[1] ?? "");
  });
  return areas;
}

async function consoleAs(browser, server, nip, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const areas = wasmAreas(page);
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, nip, DEMO_PASSWORD);
  await page.getByRole("heading", { name: DASHBOARD }).waitFor();
  return { context, page, areas, errors };
}

async function headings(page) {
  return page.locator("main h2").allTextContents();
}

test("on a phone the places fold behind Menu, and each area's pages load their own wasm", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  mkdirSync(SHOTS, { recursive: true });
  const { context, page, areas, errors } = await consoleAs(browser, server, ADMIN, 360);
  assert.deepEqual(areas, [""], "the login and dashboard need only the everyday pages");

  const menu = page.getByRole("button", { name: "Menu", exact: true });
  const places = page.locator("nav.mainnav");
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  assert.equal(await places.isVisible(), false, "the admin's fifteen places are folded");
  const header = await page.locator("header.topbar").boundingBox();
  assert.ok(header.height <= 120, `the folded header is short (${header.height} px)`);
  await page.screenshot({ path: join(SHOTS, "konsol-menu-tertutup-360.png") });
  await menu.click();
  assert.equal(await menu.getAttribute("aria-expanded"), "true");
  await places.getByRole("link", { name: "Evaluasi", exact: true }).waitFor();
  // The menu is one fold already: the set-up places stand in it, with no second fold.
  await places.getByRole("link", { name: "Log perubahan", exact: true }).waitFor();
  assert.equal(await places.getByRole("button", { name: "Administrasi" }).isVisible(), false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the open menu fits 360 px (${overflow} px too wide)`);
  assert.deepEqual(await seriousA11yViolations(page), [], "axe with the menu open");
  await page.screenshot({ path: join(SHOTS, "konsol-menu-terbuka-360.png") });

  // Another area: its own wasm, the same address, the menu folded again.
  await places.getByRole("link", { name: "Evaluasi", exact: true }).click();
  await page.getByRole("heading", { name: "Evaluasi pembelajaran", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/konsol/evaluasi");
  assert.deepEqual(areas, ["", "penilaian"]);
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  // An admin reads the report before the follow-up queue.
  await page.getByRole("heading", { name: "Laporan evaluasi per kursus dan pelatihan" }).waitFor();
  const order = await headings(page);
  assert.ok(order.indexOf("Laporan evaluasi per kursus dan pelatihan") < order.indexOf("Rencana aksi menunggu jawaban Anda"), `report first: ${order}`);

  await menu.click();
  await places.getByRole("link", { name: "Pelatihan", exact: true }).click();
  await page.getByRole("heading", { name: "Pelatihan: webinar dan lokakarya", level: 1 }).waitFor();
  assert.deepEqual(areas, ["", "penilaian", "pengembangan"]);

  // Back goes to the evaluation page, loaded again from its area; a place in the same area stays in its wasm.
  await page.goBack();
  await page.getByRole("heading", { name: "Evaluasi pembelajaran", level: 1 }).waitFor();
  await menu.click();
  await places.getByRole("link", { name: "Kepuasan masyarakat", exact: true }).click();
  await page.getByRole("heading", { name: "Kepuasan masyarakat (SKM)", level: 1 }).waitFor();
  await menu.click();
  await places.getByRole("link", { name: "Dasbor", exact: true }).click();
  await page.getByRole("heading", { name: DASHBOARD }).waitFor();
  assert.equal(areas.filter((a) => a === "penilaian").length, 2, `one load of the evaluation area per visit from outside it: ${areas}`);
  assert.equal(areas.at(-1), "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a supervisor's dashboard search survives another area's page; evaluation starts with the follow-ups; a wide screen shows every place", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const { context, page, errors } = await consoleAs(browser, server, SUPERVISOR, 1280);
  assert.equal(await page.getByRole("button", { name: "Menu", exact: true }).isVisible(), false);
  assert.ok(await page.locator("nav.mainnav").isVisible());
  // The dashboard's search survives a visit to another area's page (a full page load) and back.
  const first = await page.locator("table.staff tbody td.name a").first().textContent();
  await page.getByRole("searchbox", { name: "Cari nama atau NIP" }).fill(first);
  await page.waitForFunction((name) => { const shown = [...document.querySelectorAll("table.staff tbody td.name a")]; return shown.length > 0 && shown.every((a) => a.textContent === name); }, first);
  await page.getByRole("link", { name: "Kepuasan masyarakat", exact: true }).click();
  await page.getByRole("heading", { name: "Kepuasan masyarakat (SKM)", level: 1 }).waitFor();
  await page.getByRole("link", { name: "Dasbor", exact: true }).click();
  await page.getByRole("heading", { name: DASHBOARD }).waitFor();
  assert.equal(await page.getByRole("searchbox", { name: "Cari nama atau NIP" }).inputValue(), first);
  await page.waitForFunction((name) => { const shown = [...document.querySelectorAll("table.staff tbody td.name a")]; return shown.length > 0 && shown.every((a) => a.textContent === name); }, first);
  // A page of another area typed as an address comes straight from that area.
  await page.goto(`${server.url}/konsol/evaluasi`);
  await page.getByRole("heading", { name: "Rencana aksi menunggu jawaban Anda" }).waitFor();
  await page.getByRole("heading", { name: "Laporan evaluasi per kursus dan pelatihan" }).waitFor();
  const order = await headings(page);
  assert.ok(order.indexOf("Rencana aksi menunggu jawaban Anda") < order.indexOf("Laporan evaluasi per kursus dan pelatihan"), `follow-ups first: ${order}`);
  // An unknown address in an area's folder is the everyday bundle's "not found", not a loop.
  await page.goto(`${server.url}/konsol/penilaian/tidak-ada`);
  await page.getByRole("heading", { name: "Halaman ini tidak ada." }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a wide screen the admin's set-up places fold under Administrasi, and the bar keeps one row", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  mkdirSync(SHOTS, { recursive: true });
  const { context, page, errors } = await consoleAs(browser, server, ADMIN, 1280);
  const nav = page.locator("nav.mainnav");
  const admin = nav.getByRole("button", { name: "Administrasi", exact: true });
  const row = (await nav.getByRole("link", { name: "Dasbor", exact: true }).boundingBox()).height;
  const bar = (await nav.boundingBox()).height;
  assert.ok(bar < row * 1.5, `the places take one row (${bar} px, a place is ${row} px)`);
  assert.equal(await admin.getAttribute("aria-expanded"), "false");
  assert.equal(await nav.getByRole("link", { name: "Unit", exact: true }).isVisible(), false);

  await admin.click();
  assert.equal(await admin.getAttribute("aria-expanded"), "true");
  assert.deepEqual(await page.locator("#adminnav a").allTextContents(), ["Unit", "Impor", "Kerangka kompetensi", "Mitra", "Magang", "Log perubahan"]);
  assert.deepEqual(await seriousA11yViolations(page), [], "axe with the set-up places open");
  await page.screenshot({ path: join(SHOTS, "konsol-administrasi-1280.png") });
  await page.keyboard.press("Escape");
  assert.equal(await admin.getAttribute("aria-expanded"), "false", "Escape folds the places");

  // By keyboard: Enter opens, Tab walks into the places; a click elsewhere folds them.
  await admin.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Unit");
  assert.equal(await admin.getAttribute("aria-expanded"), "true", "focus inside keeps them open");
  await page.keyboard.press("Escape");
  assert.equal(await admin.getAttribute("aria-expanded"), "false", "Escape on a place folds them");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Administrasi", "and focus goes back to the entry");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: DASHBOARD }).click();
  assert.equal(await admin.getAttribute("aria-expanded"), "false", "a click elsewhere folds them");

  // A place chosen folds them, and the entry shows where the admin is.
  await admin.click();
  await page.getByRole("link", { name: "Unit", exact: true }).click();
  await page.getByRole("heading", { name: "Unit organisasi", level: 1 }).waitFor();
  assert.equal(await admin.getAttribute("aria-expanded"), "false");
  assert.match(await admin.getAttribute("class"), /\bhere\b/);
  assert.equal(await page.locator("#adminnav a[aria-current=page]").textContent(), "Unit");
  assert.deepEqual(errors, []);
  await context.close();
});
