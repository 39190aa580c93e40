// `make screenshots`: every page at a 360 px phone and a 1280 px desktop, into target/screenshots/.
// A learner is set up first (welcome accepted, one course downloaded) so pages show real content.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { apiSession, bareCompletion, honestCompletion, push } from "../tests/e2e/forge.mjs";
import { DEMO_PASSWORD, launchBrowser, logIn, startServer, openSyncPanel } from "../tests/e2e/harness.mjs";
import { packOf } from "../tests/e2e/quiz.mjs";
import { seedFramework } from "../tests/e2e/akpk.mjs";

// A named demo learner whose survey and plan the console's screenshots show (not one of the
// viewports' learners, whose survey screens start from the intro).
const SURVEYED = "197906182005011003";
// Whether surveyOnce has run (it is called for each screen width).
let surveyed = false;

const COURSE = "keamanan-digital";
const VIEWPORTS = [
  // Two demo learners: each starts fresh (the same learner would see the phone's progress restored).
  { name: "phone", width: 360, height: 740, nip: "198503122010012002" },
  { name: "desktop", width: 1280, height: 800, nip: "199007252015031001" },
];
const out = resolve(import.meta.dirname, "../target/screenshots");
mkdirSync(out, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "id-ID" });
    const page = await context.newPage();
    const shot = async (name) => {
      await page.waitForSelector("#boot", { state: "detached" });
      const file = join(out, `${name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    };
    await page.goto(server.url);
    await page.getByLabel("NIP (18 angka)").waitFor();
    await shot("login");
    await logIn(page, viewport.nip);
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).waitFor();
    await shot("welcome");
    await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
    await page.getByTestId("jp").waitFor();
    await page.goto(`${server.url}/katalog`);
    const card = page.locator(`li[data-course="${COURSE}"]`);
    await card.getByRole("button", { name: "Unduh untuk offline" }).click();
    await card.getByText("Siap dibuka tanpa sinyal").waitFor();
    await shot("catalogue");
    await page.goto(`${server.url}/kursus/${COURSE}/pelajaran/01-kata-sandi`);
    await page.locator("article.lesson h1").waitFor();
    await shot("lesson");
    await page.goto(`${server.url}/kursus/${COURSE}`);
    await page.getByTestId("quiz-status").waitFor();
    await shot("course");
    await page.goto(`${server.url}/kursus/${COURSE}/kuis`);
    await page.getByRole("button", { name: "Mulai kuis" }).click();
    await page.locator("fieldset.question label.option").first().click();
    await page.getByText("Jawaban tersimpan di ponsel.").waitFor();
    await shot("quiz");
    // A fresh load of "/" would resume the quiz; the home link is how a learner gets there.
    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    await page.getByTestId("jp").waitFor();
    await shot("home");
    // Beranda's completed courses: one the server verified, and a claim it did not confirm
    // (a completion sent through the API with no quiz behind it).
    const device = await apiSession(server, viewport.nip, DEMO_PASSWORD);
    await push(server, device, honestCompletion(await packOf(server, "sistem-informasi")));
    await push(server, device, bareCompletion("budaya-inovasi", 40));
    await openSyncPanel(page);
    await page.getByRole("button", { name: "Sinkronkan sekarang" }).first().click();
    await page.getByTestId("completed").locator('a[data-state="refused"]').waitFor();
    await shot("home-credit");
    // The public page of the certificate the verified course earned (no login needed; it is shown as anyone sees it).
    const certs = await (await fetch(`${server.url}/api/certificates/me`, { headers: { authorization: `Bearer ${device.token}` } })).json();
    const cert = certs.find((c) => c.revoked_at_ms === null);
    // A fresh context, as someone scanning the QR code sees it (this phone's service worker answers
    // navigations with the app; see the report).
    const visitor = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "id-ID" });
    const verify = await visitor.newPage();
    await verify.goto(`${server.url}/verifikasi/${cert.number}`);
    await verify.getByRole("heading", { level: 1, name: "Sertifikat sah" }).waitFor();
    await verify.screenshot({ path: join(out, `verifikasi-${viewport.name}.png`), fullPage: true });
    await visitor.close();
    // The on-demand activity pages (/kegiatan/): the demo's trainings, then the learning log.
    await page.goto(`${server.url}/kegiatan/`);
    await page.getByRole("heading", { level: 1, name: "Kegiatan belajar" }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(out, `kegiatan-pelatihan-${viewport.name}.png`), fullPage: true });
    await page.getByRole("button", { name: "Catatan belajar" }).click();
    await page.getByRole("button", { name: "Tambah catatan" }).waitFor();
    await page.screenshot({ path: join(out, `kegiatan-catatan-${viewport.name}.png`), fullPage: true });
    await page.getByRole("button", { name: "Evaluasi" }).click();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(out, `kegiatan-evaluasi-${viewport.name}.png`), fullPage: true });
    // The demo's open round, which the demo learner may enter.
    await page.getByRole("button", { name: "Ide inovasi" }).click();
    await page.getByRole("heading", { name: "Kelurahan digital" }).waitFor();
    await page.screenshot({ path: join(out, `kegiatan-ide-${viewport.name}.png`), fullPage: true });
    // The course's pre- and post-test, as the course page's link opens it (a hash change alone does not reload).
    await page.goto(`${server.url}/kegiatan/#tes/${COURSE}`);
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Tes awal" }).waitFor();
    await page.screenshot({ path: join(out, `kegiatan-tes-${viewport.name}.png`), fullPage: true });
    await page.goto(`${server.url}/`);
    await page.getByTestId("jp").waitFor();
    await page.getByRole("button", { name: "Ganti kata sandi" }).click();
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.getByText("Kata sandi terlalu pendek").waitFor();
    await shot("home-password");
    await page.goto(`${server.url}/tidak-ada`);
    await shot("not-found");
    await context.close();
  }
  await consolePages();
  await surveyPages();

} finally {
  await browser.close();
  await server.stop();
}

/** The survey and plan (/rencana/), each screen at both widths, as a learner with four competencies to rate. */
async function surveyPages() {
  seedFramework(server.db, VIEWPORTS.map((v) => v.nip));
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "id-ID" });
    const page = await context.newPage();
    const shot = async (name) => {
      await page.waitForSelector("#boot", { state: "detached" });
      const file = join(out, `rencana-${name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    };
    await page.goto(server.url);
    await logIn(page, viewport.nip);
    await page.getByTestId("jp").waitFor();
    // Straight to the survey: the console's screenshots may already have sent this learner a plan,
    // and Beranda's card then names another link.
    await page.goto(`${server.url}/rencana/`);
    await page.getByRole("button", { name: "Mulai survei" }).waitFor();
    await shot("intro");
    await page.getByRole("button", { name: "Mulai survei" }).click();
    for (const level of [2, 3, 1, 4]) {
      await page.getByRole("radio", { name: new RegExp(`^Level ${level} `) }).check();
      await page.getByText("Tersimpan di ponsel", { exact: true }).waitFor();
      if (level === 3) await shot("competency");
      await page.getByRole("button", { name: "Lanjut" }).click();
    }
    for (const text of ["Melayani izin usaha di loket.", "Izin selesai dalam tiga hari.", "Aplikasi sering lambat."]) {
      await page.getByRole("textbox").fill(text);
      if (text.startsWith("Izin")) await shot("question");
      await page.getByRole("button", { name: "Lanjut" }).click();
    }
    await page.getByRole("button", { name: "Kirim survei" }).waitFor();
    await shot("finish");
    await page.getByRole("button", { name: "Kirim survei" }).click();
    await page.getByTestId("plan-total").waitFor();
    await shot("plan");
    await page.getByRole("button", { name: "Ajukan ke atasan" }).click();
    await page.getByTestId("plan-status").getByText("Sudah diajukan").waitFor();
    await shot("plan-sent");
    await context.close();
  }
}

/** `nip` rates every competency their position requires one level short (two for the first), answers
 * the open questions, hands in the survey and sends Lentera's proposal as their plan; once. */
async function surveyOnce(nip) {
  if (surveyed) return;
  surveyed = true;
  const admin = await apiSession(server, "198002142006042001", DEMO_PASSWORD);
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const read = async () => (await fetch(`${server.url}/api/akpk/staff/${nip}?year=${year}`, { headers: { authorization: `Bearer ${admin.token}` } })).json();
  const before = await read();
  const learner = await apiSession(server, nip, DEMO_PASSWORD);
  const rated = before.ratings.map((r, i) => ({ kind: "survey_rated", payload: { year, competency: r.competency, level: Math.max(1, r.required - (i === 0 ? 2 : 1)) } }));
  const answers = [
    ["tugas", "Melayani permohonan izin usaha dan memeriksa kelengkapan berkas."],
    ["target", "Semua permohonan selesai dalam 5 hari kerja."],
    ["hambatan", "Jaringan kantor sering putus; data pemohon masih diketik ulang dari berkas kertas."],
  ].map(([question, text]) => ({ kind: "survey_answered", payload: { year, question, text } }));
  await push(server, learner, () => [...rated, ...answers, { kind: "survey_submitted", payload: { year } }]);
  const proposal = (await read()).proposal.map((i) => i.key);
  await push(server, learner, () => [{ kind: "plan_submitted", payload: { year, items: proposal } }]);
}

/** The supervisors' console (/konsol/), as the demo admin, at both widths. */
async function consolePages() {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "id-ID" });
    const page = await context.newPage();
    const shot = async (name) => {
      await page.locator("main").first().waitFor();
      await page.waitForLoadState("networkidle");
      const file = join(out, `konsol-${name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    };
    await page.goto(`${server.url}/konsol/masuk`);
    await page.getByLabel("NIP (18 angka)").waitFor();
    await shot("login");
    await logIn(page, "198002142006042001");
    await page.getByRole("heading", { name: /^Dasbor \d{4}$/ }).waitFor();
    await shot("dashboard");
    const firstPerson = page.locator("a[href^='/konsol/staf/']").first();
    await firstPerson.click();
    await page.getByRole("heading", { name: /^Riwayat$/ }).waitFor();
    await shot("person");
    // A person with a claim the server did not confirm (made in the phone pages above).
    await page.goto(`${server.url}/konsol/staf/${VIEWPORTS[0].nip}`);
    await page.getByRole("heading", { name: /^Riwayat$/ }).waitFor();
    await shot("person-claims");
    for (const [path, name] of [["tugas", "assignments"], ["unit", "units"], ["impor", "import"], ["aktivasi", "activate"], ["sandi", "password"], ["pelatihan", "trainings"], ["mitra", "partners"], ["catatan", "learning-log"], ["magang", "internships"], ["kepuasan", "skm"], ["evaluasi", "evaluation"]]) {
      await page.goto(`${server.url}/konsol/${path}`);
      await shot(name);
    }
    // An admin's reset (of a demo learner the phone pages do not use), then the change log showing it.
    page.once("dialog", (dialog) => dialog.accept());
    await page.goto(`${server.url}/konsol/staf/198811042012122001`);
    await page.getByRole("button", { name: "Atur ulang akses" }).click();
    await page.locator(".onetime").waitFor();
    await shot("person-reset");
    await page.goto(`${server.url}/konsol/log`);
    await page.locator("tbody tr").first().waitFor();
    await shot("audit");
    await page.goto(`${server.url}/konsol/kompetensi`);
    await page.locator("table.competency tbody tr").first().waitFor();
    await shot("competency");
    // The needs analysis of the phone learner (their survey and plan sent through the API once),
    // then the BKPSDM's heat map.
    await surveyOnce(SURVEYED);
    await page.goto(`${server.url}/konsol/staf/${SURVEYED}`);
    await page.getByRole("heading", { name: "Analisis kebutuhan (AKPK)" }).waitFor();
    await page.locator("section.akpk h3").first().waitFor();
    await shot("person-akpk");
    await page.goto(`${server.url}/konsol/kebutuhan`);
    await page.getByRole("heading", { name: "Kemajuan survei dan rencana" }).waitFor();
    await shot("needs");
    await page.goto(`${server.url}/konsol/kerangka`);
    await page.locator("article.fw-comp").first().waitFor();
    await shot("framework");
    await page.locator("article.fw-comp").first().getByRole("button", { name: "Ubah" }).click();
    await page.locator("form.fw-form").waitFor();
    await shot("framework-edit");
    await page.getByRole("button", { name: "Batal" }).click();
    await page.getByLabel("Berkas CSV").setInputFiles({
      name: "kebutuhan.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("jabatan,kode_kompetensi,level\nAnalis Kebijakan,DIG-01,4\nPranata Humas,DIG-99,3\n,DIG-02,2\n"),
    });
    await page.getByRole("button", { name: "Impor berkas" }).click();
    await page.locator("ul.errors li").first().waitFor();
    await shot("framework-import-errors");
    // The competition as the admin sees it: the demo's rounds, the published one's ranking, a proposal.
    await page.goto(`${server.url}/konsol/ide`);
    await page.getByRole("heading", { name: /^Pelayanan publik tanpa antre/ }).waitFor();
    await shot("ideas");
    const published = page.locator("[data-testid=round]").filter({ hasText: "Pelayanan publik tanpa antre" });
    await published.getByRole("button", { name: "Lihat peringkat" }).click();
    await published.getByRole("link", { name: "Buka usulan" }).first().click();
    await page.getByRole("button", { name: "Cetak atau simpan PDF" }).waitFor();
    await shot("idea-proposal");
    await context.close();
  }
}
