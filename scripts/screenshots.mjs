// `make screenshots`: each page at a 360 px phone and a 1280 px desktop, into target/screenshots/.
// Usage: node scripts/screenshots.mjs [/path ...]   (default: every page listed below)
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchBrowser, startServer } from "../tests/e2e/harness.mjs";

const PAGES = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/tidak-ada"];
const VIEWPORTS = [
  { name: "phone", width: 360, height: 740 },
  { name: "desktop", width: 1280, height: 800 },
];
const out = resolve(import.meta.dirname, "../target/screenshots");
mkdirSync(out, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "id-ID" });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(server.url + path);
      await page.waitForSelector("#boot", { state: "detached" });
      const file = join(out, `${path.replace(/\W+/g, "_") || "_"}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
