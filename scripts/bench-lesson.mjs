// `make bench`: median time from tapping a lesson offline to its text on screen (headless Chromium, 20 runs).
import { cpus } from "node:os";
import { launchBrowser, logIn, phoneContext, startServer, waitForServiceWorkerControl } from "../tests/e2e/harness.mjs";

const COURSE = "keamanan-digital";
const RUNS = 20;

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await waitForServiceWorkerControl(page);
  await page.goto(`${server.url}/katalog`);
  const card = page.locator(`li[data-course="${COURSE}"]`);
  await card.getByRole("button", { name: "Unduh untuk offline" }).click();
  await card.getByText("Siap dibuka tanpa sinyal").waitFor();
  await context.setOffline(true);
  await page.goto(`${server.url}/kursus/${COURSE}`);
  await page.locator("a.step").first().waitFor();
  const titles = await page.locator("a.step span:not(.num):not(.state)").allTextContents();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    await page.locator("a.step").first().waitFor();
    const title = titles[run % titles.length];
    times.push(
      await page.evaluate(async (title) => {
        const link = [...document.querySelectorAll("a.step")].find((a) => a.textContent.includes(title));
        const start = performance.now();
        link.click();
        await new Promise((done) => {
          const check = () => (document.querySelector("article.lesson h1")?.textContent === title ? done() : requestAnimationFrame(check));
          check();
        });
        return performance.now() - start;
      }, title),
    );
    await page.goBack();
  }
  times.sort((a, b) => a - b);
  const median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
  console.log(`lesson tap → text on screen, offline, ${RUNS} runs: median ${median.toFixed(1)} ms ` +
    `(min ${times[0].toFixed(1)}, max ${times[RUNS - 1].toFixed(1)}) on ${cpus().length}× ${cpus()[0]?.model ?? "cpu"}`);
} finally {
  await browser.close();
  await server.stop();
}
