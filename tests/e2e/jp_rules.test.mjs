// The JP rule follows the person (issue 19): a PPPK's phone speaks of a right to up to 24 JP a year
// (PP 49/2018), not a 20 JP target, and the console shows the type and counts each person against
// their own figure. The demo's Rahmat Hidayat is a PPPK; credit.test.mjs covers a PNS's Beranda.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO_PASSWORD, logIn, phoneContext, seriousA11yViolations, serverAndBrowser } from "./harness.mjs";

const PPPK = { nip: "199007252015031001", name: "Rahmat Hidayat" };
// The camat, who supervises Rahmat's kecamatan.
const SUPERVISOR = "197906182005011003";

test("a PPPK learner and their supervisor see the PPPK rule", async (t) => {
  const { server, browser } = await serverAndBrowser(t);

  await t.test("Beranda of a PPPK speaks of a right to up to 24 JP", async () => {
    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    await page.goto(server.url);
    await logIn(page, PPPK.nip, DEMO_PASSWORD);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").getByText("0 JP terverifikasi dari hak 24 JP").waitFor();
    assert.equal(
      await page.getByTestId("jp-rule").textContent(),
      "Sebagai PPPK, Anda punya hak pengembangan kompetensi hingga 24 JP setahun (PP 49/2018).",
    );
    assert.equal(await page.locator("section.jp progress").getAttribute("max"), "24");
    assert.equal(await page.getByText("dari 20 JP").count(), 0, "no 20 JP target for a PPPK");
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on a PPPK's Beranda");
    await phone.close();
  });

  await t.test("the console shows the type by the name and counts against 24 JP", async () => {
    const context = await browser.newContext({ locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, SUPERVISOR, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    await page.getByText(/PPPK diukur terhadap hak pengembangan kompetensi hingga 24 JP setahun/).waitFor();
    const row = page.locator("table.staff tbody tr", { has: page.getByRole("link", { name: PPPK.name, exact: true }) });
    assert.equal(await row.locator(".type-badge").textContent(), "PPPK");
    assert.match(await row.locator("td:nth-child(5)").textContent(), /^0 \/ 24$/);
    assert.ok((await page.locator("table.staff .type-badge", { hasText: "PNS" }).count()) > 0, "PNS staff in the same view");
    assert.equal(await page.locator("svg text.target-label.pppk").textContent(), "hak PPPK 24 JP");
    assert.equal(await page.locator("svg text.target-label:not(.pppk)").textContent(), "target PNS 20 JP");
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on a mixed dashboard");

    await row.getByRole("link", { name: PPPK.name, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: PPPK.name }).waitFor();
    await page.locator("header.person").getByText("0 dari hak 24 JP").waitFor();
    assert.equal(await page.locator("header.person .type-badge").textContent(), "PPPK");
    assert.deepEqual(await seriousA11yViolations(page), [], "axe on a PPPK's person page");
    await context.close();
  });
});
