// The console's competency page (/konsol/kompetensi): each unit's JP by competency type and form,
// and the people at 20 JP of teknis, as the server's database holds them; readable and axe-clean
// at 360 and 1280 px, in Bahasa Indonesia and English.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiSession, honestCompletion, push } from "./forge.mjs";
import { packOf } from "./quiz.mjs";
import { DEMO_NIP, DEMO_PASSWORD, logIn, seriousA11yViolations, serverAndBrowser, serverText } from "./harness.mjs";

const ADMIN = "198002142006042001";

// The forms of learning in the page's column order (lentera_protocol::competency::FORMS).
const FORMS = ["e_learning", "webinar", "workshop", "coaching", "mentoring", "self_study", "community", "internship", "certificate"];

/** Every credited JP, courses and other learning alike, as (learner_id, jp, competency, form, at_ms). */
const CREDITED = `(select learner_id, jp, competency, 'e_learning' as form, completed_at_ms as at_ms from learner_courses where status = 'credited'
  union all select learner_id, jp, competency, form, credited_at_ms from learner_credits)`;

/** The WIB calendar span [from, to) of `year` (or of its months `first`..`last`), in Unix ms. */
function span(year, first = 0, last = 12) {
  return [Date.UTC(year, first, 1), Date.UTC(year, last, 1)].map((ms) => ms - 7 * 3_600_000);
}

/** Per unit code: [staff, teknis, manajerial, sosial kultural, JP of each form, at 20 JP teknis] for `year`, read from the database. */
function expectedUnits(db, year) {
  const [from, to] = span(year);
  const inYear = `c.at_ms >= ${from} and c.at_ms < ${to}`;
  const sum = (unit, where) =>
    `(select coalesce(sum(c.jp), 0) from ${CREDITED} c join learners l on l.id = c.learner_id where l.unit_id = ${unit} and ${inYear} and ${where})`;
  const reached = (unit) =>
    `(select count(*) from (select l.id from ${CREDITED} c join learners l on l.id = c.learner_id
       where l.unit_id = ${unit} and ${inYear} and c.competency = 'teknis' group by l.id having sum(c.jp) >= 20))`;
  const figures = [
    "(select count(*) from learners l where l.unit_id = u.id)",
    ...["teknis", "manajerial", "sosial_kultural"].map((type) => sum("u.id", `c.competency = '${type}'`)),
    ...FORMS.map((form) => sum("u.id", `c.form = '${form}'`)),
    reached("u.id"),
  ];
  const sql = `select group_concat(line, '|') from (select u.code || ',' || ${figures.join(" || ',' || ")} as line from units u)`;
  return Object.fromEntries(
    serverText(db, sql)
      .split("|")
      .map((line) => line.split(","))
      .map(([code, ...figures]) => [code, figures.map(Number)]),
  );
}

function expectedReached(db, year) {
  const [from, to] = span(year);
  const sql = `select group_concat(nip, ' ') from (select l.nip from ${CREDITED} c join learners l on l.id = c.learner_id
     where c.at_ms >= ${from} and c.at_ms < ${to} and c.competency = 'teknis' group by l.id having sum(c.jp) >= 20 order by l.nip)`;
  const list = serverText(db, sql);
  return list === "None" ? [] : list.split(" ");
}

/** The table's rows as shown: unit code → its figures. */
async function shownUnits(page) {
  const shown = {};
  for (const row of await page.locator("table.competency tbody tr").all()) {
    const code = (await row.locator("th .code").textContent()).trim();
    shown[code] = (await row.locator("td.num").allTextContents()).map((t) => Number(t.trim()));
  }
  return shown;
}

test("the competency page shows each unit's JP by type and form and who reached 20 JP of teknis, as the database holds them", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  // One completion of each competency type by the demo learner, so no column is zero by accident.
  const learner = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
  for (const course of ["keamanan-digital", "budaya-inovasi", "media-sosial-publik"]) {
    await push(server, learner, honestCompletion(await packOf(server, course)));
  }
  const year = Number(serverText(server.db, "select strftime('%Y', 'now', '+7 hours')"));
  const units = expectedUnits(server.db, year);
  const reached = expectedReached(server.db, year);
  const demoUnit = serverText(server.db, `select u.code from units u join learners l on l.unit_id = u.id where l.nip = '${DEMO_NIP}'`);
  assert.ok(units[demoUnit].slice(1, 4).every((jp) => jp > 0), `every type credited in ${demoUnit}: ${units[demoUnit]}`);

  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/konsol/masuk`);
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    // On a phone the places fold behind "Menu".
    if (width === 360) await page.getByRole("button", { name: "Menu", exact: true }).click();
    await page.getByRole("link", { name: "Kompetensi", exact: true }).click();
    await page.getByRole("heading", { name: "JP per jenis kompetensi" }).waitFor();
    await page.locator("table.competency tbody tr").first().waitFor();
    assert.deepEqual(await shownUnits(page), units, `figures per unit at ${width} px`);
    const total = (await page.locator("table.competency tfoot td.num").allTextContents()).map(Number);
    const sums = Object.values(units).reduce((acc, f) => acc.map((v, i) => v + f[i]));
    assert.deepEqual(total, sums, "the total row sums the units");
    await page.getByRole("heading", { name: `Sudah 20 JP pelatihan teknis tahun ini: ${reached.length} orang` }).waitFor();
    const nips = (await page.locator("table.reached tbody td.nip").allTextContents()).sort();
    assert.deepEqual(nips, reached);
    // On a phone each unit is a card: no sideways scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (${overflow} px too wide)`);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe at ${width} px`);
    if (width === 1280) {
      // The quarter holding today (WIB): the demo unit's teknis JP of that quarter only.
      const now = new Date(Date.now() + 7 * 3_600_000);
      const q = Math.floor(now.getUTCMonth() / 3) + 1;
      const [from, to] = span(year, (q - 1) * 3, q * 3);
      const teknis = Number(serverText(server.db, `select coalesce(sum(c.jp), 0) from ${CREDITED} c join learners l on l.id = c.learner_id
         join units u on u.id = l.unit_id where u.code = '${demoUnit}' and c.competency = 'teknis'
         and c.at_ms >= ${from} and c.at_ms < ${to}`));
      await page.getByLabel("Periode").selectOption({ label: `Triwulan ${q}` });
      const cell = page.locator("table.competency tbody tr", { has: page.locator("th .code", { hasText: new RegExp(`^${demoUnit}$`) }) }).locator("td.num").nth(1);
      await assert.doesNotReject(cell.filter({ hasText: new RegExp(`^${teknis}$`) }).waitFor(), `teknis JP of quarter ${q}`);
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "JP by competency type" }).waitFor();
      await page.getByRole("columnheader", { name: "Online course (e-learning) JP" }).waitFor();
    }
    await context.close();
  }
});
