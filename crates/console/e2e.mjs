// The console's flows in headless Chromium against a running server with the demo data
// (`lentera-server --port 8090 --db /tmp/konsol-demo.db --dist dist` after both Trunk builds):
//   node crates/console/e2e.mjs        BASE=http://host:port to change, SHOTS=dir for screenshots.
// It changes the demo database (an assignment, a unit, one imported person), so use a throwaway one.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const base = process.env.BASE ?? "http://127.0.0.1:8090";
const out = process.env.SHOTS ?? mkdtempSync(join(tmpdir(), "konsol-"));
const ADMIN = "198002142006042001", SUPERVISOR = "197906182005011003", LEARNER = "198503122010012002";
const width = Number(process.env.W ?? 360);
// A fresh valid NIP each run: born 1992-01-15, appointed 2019-03, male, a random sequence.
const NEW_NIP = `199201152019031${String(1 + Math.floor(Math.random() * 999)).padStart(3, "0")}`;
let failures = 0;
writeFileSync(`${out}/good.csv`, `nip;nama;jabatan;kode_unit;nip_atasan;email\n${NEW_NIP};Yusuf Nababan;Pranata Komputer;SBG-SETDA;197706122000042101;\n`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "id-ID", acceptDownloads: true });
const page = await context.newPage();
page.on("pageerror", (e) => console.log(`pageerror: ${e}`));
page.on("console", (m) => { if (m.type() === "error") console.log(`console: ${m.text()}`); });
const shot = async (label) => {
  if (!process.env.SHOTS) return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${label}-${width}.png`, fullPage: true });
};
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
};
const login = async (nip) => {
  await page.goto(`${base}/konsol/masuk`);
  await page.getByLabel("NIP (18 angka)").fill(nip);
  await page.getByLabel("Kata sandi").fill("lentera-demo");
  await page.getByRole("button", { name: "Masuk" }).click();
};

// A learner is refused.
await login(LEARNER);
await page.getByText("Konsol ini untuk atasan dan admin").waitFor();
check(await page.locator('a[href="/"]').count() > 0, "learner refused with a link to the app");
check((await page.evaluate(() => localStorage.getItem("lentera-konsol-session"))) === null, "learner session not kept");
await shot("learner-refused");

// A bad NIP never leaves the page.
await page.getByLabel("NIP (18 angka)").fill("12345");
await page.getByRole("button", { name: "Masuk" }).click();
check(await page.getByText("NIP tidak sah").isVisible(), "bad NIP explained");

// Supervisor: dashboard, tick two people, assign.
await login(SUPERVISOR);
await page.locator("table.staff").waitFor();
const device = await page.evaluate(() => localStorage.getItem("lentera-konsol-device"));
check(/^[0-9a-f-]{36}$/.test(device ?? ""), `device id kept (${device})`);
const rows = await page.locator("table.staff tbody tr").count();
check(rows > 0, `supervisor sees ${rows} rows`);
await page.getByLabel("Cari nama atau NIP").fill("citra");
await page.waitForTimeout(200);
const found = await page.locator("table.staff tbody tr").count();
check(found > 0 && found < rows, `search narrows to ${found}`);
await page.getByLabel("Cari nama atau NIP").fill("");
const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Unduh CSV" }).click()]);
const csv = readFileSync(await download.path(), "utf8");
check(csv.split("\n").length > 2, `dashboard CSV ${download.suggestedFilename()} (${csv.split("\n")[0].slice(0, 60)}…)`);
await page.locator("table.staff tbody input[type=checkbox]").nth(0).check();
await page.locator("table.staff tbody input[type=checkbox]").nth(1).check();
await page.getByRole("button", { name: /Tugaskan kursus \(2\)/ }).click();
await page.getByText("2 orang dipilih").waitFor();
check(true, "assignments page starts from the 2 ticked people");
await page.locator("select#course").selectOption({ index: 1 });
await page.locator("input#due").fill("2030-01-31");
await shot("assign-people");
await page.getByRole("button", { name: "Tugaskan", exact: true }).click();
await page.getByText(/orang ditugaskan/).waitFor();
check(true, `assigned: ${await page.getByText(/orang ditugaskan/).textContent()}`);
// Delete one of them again.
await page.waitForTimeout(800);
page.once("dialog", (d) => d.accept());
const before = await page.locator("section.card table tbody tr").count();
await page.locator("section.card table tbody tr", { hasText: "31 Jan 2030" }).first().getByRole("button", { name: "Hapus" }).click();
await page.waitForTimeout(500);
const after = await page.locator("section.card table tbody tr").count();
check(after === before - 1 || before > 100, `deleted one assignment (${before} → ${after})`);
// Supervisors see no admin pages.
check((await page.locator("nav.mainnav a").count()) === 2, "supervisor nav has two places");
await page.goto(`${base}/konsol/unit`);
await page.getByText("hanya untuk admin").waitFor();
check(true, "units page refused to a supervisor");
await page.getByRole("button", { name: "Keluar" }).click();
await page.getByLabel("NIP (18 angka)").waitFor();

// Admin: create a unit, edit it, import staff, activate the new account.
await login(ADMIN);
await page.locator("table.staff").waitFor();
await page.goto(`${base}/konsol/unit`);
await page.locator("ul.tree").waitFor();
const code = `SBG-UJI-${Date.now() % 100000}`;
await page.getByLabel("Kode (mis. SBG-KOMINFO)").fill(code);
await page.locator("#new-name").fill("Unit Uji Coba");
await page.locator("#new-parent").selectOption("SBG-SETDA");
await page.locator("#new-sup").fill("197706122000042101");
await page.getByRole("button", { name: "Buat unit" }).click();
await page.getByText(`Unit ${code} dibuat.`).waitFor();
check(true, `unit ${code} created`);
await page.locator("li", { hasText: code }).getByRole("button", { name: "Ubah" }).click();
await page.locator(`#${code}-name`).fill("Unit Uji Coba Diubah");
await shot("unit-edit");
await page.getByRole("button", { name: "Simpan" }).click();
await page.getByText(`Unit ${code} disimpan.`).waitFor();
check((await page.locator("ul.tree li", { hasText: code }).textContent()).includes("Unit Uji Coba Diubah"), "unit renamed in place");

await page.goto(`${base}/konsol/impor`);
await page.locator("input[type=file]").setInputFiles(`${out}/good.csv`);
await page.waitForTimeout(300);
await page.getByRole("button", { name: "Periksa berkas" }).click();
await page.getByRole("button", { name: "Impor sekarang" }).waitFor();
await shot("import-preview");
await page.getByRole("button", { name: "Impor sekarang" }).click();
await page.getByText(/Impor selesai/).waitFor();
await shot("import-done");
const [codes] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Unduh kode aktivasi/ }).click()]);
const codesCsv = readFileSync(await codes.path(), "utf8").replace(/^\uFEFF/, "");
const line = codesCsv.split(/\r?\n/).find((l) => l.startsWith(NEW_NIP));
const activation = line?.split(",").at(-1);
check(!!activation, "activation code downloaded");

await page.goto(`${base}/konsol/aktivasi`);
await page.getByLabel("NIP (18 angka)").fill(NEW_NIP);
await page.getByLabel("Kode aktivasi").fill(activation ?? "x");
await page.getByLabel("Kata sandi baru (minimal 10 karakter)").fill("rahasia-baru-123");
await page.getByLabel("Ulangi kata sandi baru").fill("rahasia-baru-123");
await page.getByRole("button", { name: "Aktifkan akun" }).click();
await page.getByText("Akun aktif.").waitFor();
await shot("activated");
check(await page.locator('a[href="/masuk"]').isVisible(), "activation done with a link to /masuk");

// An ended session sends the console back to the login page with a sentence.
await page.goto(`${base}/konsol/`);
await page.locator("table.staff").waitFor();
await page.evaluate(() => { const s = JSON.parse(localStorage.getItem("lentera-konsol-session")); s.token = "tidak-berlaku"; localStorage.setItem("lentera-konsol-session", JSON.stringify(s)); });
await page.reload();
await page.getByLabel("NIP (18 angka)").waitFor();
check(await page.getByText("Sesi Anda telah berakhir").isVisible(), "401 → login with the reason shown");
await shot("session-ended");
await browser.close();
process.exit(failures === 0 ? 0 : 1);
