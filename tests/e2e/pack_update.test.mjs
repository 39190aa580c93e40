// A course changes on the server: the catalogue says a new version exists, and updating brings it.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { launchBrowser, logIn, phoneContext, startServer } from "./harness.mjs";

const COURSE = "keamanan-digital";

test("an updated course shows 'Versi baru tersedia' and updating brings the new text", async (t) => {
  const content = join(mkdtempSync(join(tmpdir(), "lentera-content-")), "content");
  cpSync(resolve(import.meta.dirname, "../../content"), content, { recursive: true });
  let server = await startServer({ content });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.stop();
  });
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByRole("link", { name: "Katalog", exact: true }).click();
  const card = page.locator(`li[data-course="${COURSE}"]`);
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();

  // The writers fix a lesson and raise the version; the server rebuilds packs on start.
  const lesson = join(content, COURSE, "01-kata-sandi.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8") + "\nParagraf tambahan dari revisi kursus.\n");
  const course = join(content, COURSE, "course.toml");
  writeFileSync(course, readFileSync(course, "utf8").replace(/^version = (\d+)/m, (_, v) => `version = ${Number(v) + 1}`));
  assert.equal(await server.stop(), 0);
  server = await startServer({ port: server.port, db: server.db, dist: server.dist, content });

  await page.reload();
  await card.getByText("Versi baru tersedia").waitFor();
  await card.getByRole("button", { name: "Perbarui" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  await page.goto(`${server.url}/kursus/${COURSE}/pelajaran/01-kata-sandi`);
  await page.getByText("Paragraf tambahan dari revisi kursus.").waitFor();
});
