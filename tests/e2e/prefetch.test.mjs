// Assigned content arrives by itself: a supervisor assigns a course, the learner's phone syncs once
// online and holds the course without the learner opening the catalogue, opens it with no network,
// and the supervisor's person page says it is on the phone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { packOf } from "./quiz.mjs";
import {
  DEMO_NIP,
  DEMO_PASSWORD,
  logIn,
  phoneContext,
  seriousA11yViolations,
  serverAndBrowser,
  serverScalar,
  serverText,
  waitForServiceWorkerControl,
} from "./harness.mjs";

// Not among the demo's assignments of the demo learner's unit.
const COURSE = "budaya-inovasi";

test("an assigned course reaches the phone by itself and the supervisor sees it there", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const pack = await packOf(server, COURSE);
  const name = serverText(server.db, `select name from learners where nip = '${DEMO_NIP}'`);
  const head = serverText(
    server.db,
    `select l.nip from unit_supervisors s join learners l on l.id = s.learner_id
     join learners d on d.unit_id = s.unit_id where d.nip = '${DEMO_NIP}' limit 1`,
  );
  assert.equal(
    Number(serverScalar(server.db, `select count(*) from assignments a join learners l on l.id = a.learner_id where l.nip = '${DEMO_NIP}' and a.course_id = '${COURSE}'`)),
    0,
    "the course is not assigned yet",
  );
  const boss = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" })).newPage();
  const context = await phoneContext(browser);
  const phone = await context.newPage();

  await t.test("the supervisor assigns the course in the console", async () => {
    await boss.goto(`${server.url}/konsol/masuk`);
    await logIn(boss, head, DEMO_PASSWORD);
    await boss.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    await boss.goto(`${server.url}/konsol/tugas`);
    await boss.getByLabel("Kursus", { exact: true }).selectOption(COURSE);
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await boss.getByLabel("Tenggat", { exact: true }).fill(due);
    await boss.getByRole("radio", { name: "Orang tertentu" }).check();
    await boss.getByRole("searchbox", { name: "Cari nama atau NIP" }).fill(name);
    await boss.getByRole("checkbox", { name: new RegExp(name) }).check();
    await boss.getByRole("button", { name: "Tugaskan", exact: true }).click();
    await boss.getByText("1 orang ditugaskan, 0 diperbarui").waitFor();
  });

  await t.test("the phone's first sync downloads it and says so to the server, no catalogue opened", async () => {
    const held = phone.waitForResponse((r) => r.url().endsWith("/api/prefetch/held") && r.request().method() === "POST", { timeout: 60_000 });
    await phone.goto(server.url);
    await logIn(phone);
    await phone.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await phone.getByTestId("jp").waitFor();
    const report = await held;
    assert.equal(report.status(), 204);
    const courses = JSON.parse(report.request().postData()).courses.map((c) => c.id);
    assert.ok(courses.includes(COURSE), `the phone reports ${courses.join(", ")}`);
    assert.equal(new URL(phone.url()).pathname, "/", "the learner never left the home page");
    await waitForServiceWorkerControl(phone);
  });

  await t.test("with no network the course opens", async () => {
    await context.setOffline(true);
    await phone.goto(`${server.url}/kursus/${COURSE}`);
    await phone.getByRole("heading", { level: 1, name: pack.title }).waitFor();
    await phone.getByRole("link", { name: pack.lessons[0].title }).click();
    await phone.getByRole("heading", { level: 1, name: pack.lessons[0].title }).waitFor();
  });

  await t.test("the supervisor's person page marks the course as on the phone", async () => {
    await boss.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
    const row = boss.getByRole("row", { name: new RegExp(pack.title) });
    await row.getByText("Ada di ponsel").waitFor();
    assert.deepEqual(await seriousA11yViolations(boss), [], "axe on the person page");
  });
});
