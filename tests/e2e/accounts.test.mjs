// Accounts: a learner changes their password on the phone, an admin changes theirs in the console,
// resets a learner's access with a new one-time code, and reads the change log; the rules of a
// password are told before anything is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiSession } from "./forge.mjs";
import { DEMO_NIP, DEMO_PASSWORD, logIn, openAdminPlace, phoneContext, seriousA11yViolations, serverAndBrowser } from "./harness.mjs";

const ADMIN = "198002142006042001";
const SUPERVISOR = "197906182005011003";
const RULES = "Kata sandi minimal 10 karakter, bukan NIP Anda";

async function loginStatus(server, nip, password) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ nip, password, device_id: crypto.randomUUID() }),
  });
  return response.status;
}

async function meStatus(server, token) {
  return (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;
}

/** Counts the requests to `path` the page sends from now on. */
function countRequests(page, path) {
  const seen = { n: 0 };
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === path) seen.n += 1;
  });
  return seen;
}

async function fillPasswords(page, current, next) {
  await page.getByLabel("Kata sandi saat ini").fill(current);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill(next);
  await page.getByLabel("Ulangi kata sandi baru").fill(next);
}

test("a learner changes their password on the phone; other devices are signed out", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(server.url);
  await logIn(page);
  await page.getByRole("button", { name: "Saya mengerti, mulai" }).click();
  await page.getByTestId("jp").waitFor();
  const laptop = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);

  await page.getByRole("button", { name: "Ganti kata sandi" }).click();
  await page.getByText(RULES).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), [], "the password form is accessible");
  const sent = countRequests(page, "/api/auth/password");
  const save = page.getByRole("button", { name: "Simpan kata sandi" });

  await fillPasswords(page, DEMO_PASSWORD, "pendek");
  await save.click();
  await page.getByText("Kata sandi terlalu pendek").waitFor();
  await fillPasswords(page, DEMO_PASSWORD, DEMO_NIP);
  await save.click();
  await page.getByText("Kata sandi tidak boleh sama dengan NIP Anda").waitFor();
  assert.equal(sent.n, 0, "the phone said both before sending anything");

  await fillPasswords(page, DEMO_PASSWORD, "Password123");
  await save.click();
  await page.getByText("Kata sandi ini terlalu umum").waitFor();
  assert.equal(sent.n, 1, "the list of common passwords is the server's, said in the same words");

  await fillPasswords(page, "bukan-sandi-saya", "perahu kertas di kali");
  await save.click();
  await page.getByText("Kata sandi saat ini salah").waitFor();

  await fillPasswords(page, DEMO_PASSWORD, "perahu kertas di kali");
  await save.click();
  await page.getByText("Kata sandi sudah diganti").waitFor();
  assert.equal(await meStatus(server, laptop.token), 401, "the other device is signed out");
  assert.equal(await loginStatus(server, DEMO_NIP, DEMO_PASSWORD), 401, "the old password is gone");
  assert.equal(await loginStatus(server, DEMO_NIP, "perahu kertas di kali"), 200);
  await page.reload();
  await page.getByTestId("jp").waitFor();
  assert.equal(await page.getByText("Masuk ke Lentera").count(), 0, "this phone stays signed in");
});

test("console: an admin changes their password, resets a learner's access and reads the change log", async (t) => {
  const { server, browser } = await serverAndBrowser(t);
  const page = await browser.newPage({ locale: "id-ID" });
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto(`${server.url}/konsol/masuk`);
  await logIn(page, ADMIN);
  await page.getByRole("heading", { name: /^Dasbor/ }).waitFor();

  await t.test("changing the password: the rules first, a wrong current password keeps the session", async () => {
    await page.getByRole("link", { name: "Kata sandi" }).click();
    await page.getByRole("heading", { name: "Ganti kata sandi" }).waitFor();
    await page.getByText(RULES).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await fillPasswords(page, "bukan-sandi-saya", "teh hangat sore hari");
    await page.getByRole("button", { name: "Ganti kata sandi" }).click();
    await page.getByText("Kata sandi saat ini salah. Periksa lalu coba lagi.").waitFor();
    assert.notEqual(await page.evaluate(() => localStorage.getItem("lentera-konsol-session")), null, "still signed in");
    await fillPasswords(page, DEMO_PASSWORD, "teh hangat sore hari");
    await page.getByRole("button", { name: "Ganti kata sandi" }).click();
    await page.getByText("Kata sandi sudah diganti.").waitFor();
    assert.equal(await loginStatus(server, ADMIN, DEMO_PASSWORD), 401);
    assert.equal(await loginStatus(server, ADMIN, "teh hangat sore hari"), 200);
  });

  let code;
  await t.test("resetting a learner's access gives a one-time code and signs their phone out", async () => {
    const phone = await apiSession(server, DEMO_NIP, DEMO_PASSWORD);
    await page.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
    await page.getByRole("button", { name: "Atur ulang akses" }).click();
    code = (await page.locator(".onetime").textContent()).trim();
    assert.match(code, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    assert.equal(await meStatus(server, phone.token), 401, "the learner's sessions ended");
    assert.equal(await loginStatus(server, DEMO_NIP, DEMO_PASSWORD), 401, "the old password no longer works");

    const fresh = await browser.newPage({ locale: "id-ID" });
    await fresh.goto(`${server.url}/konsol/aktivasi`);
    await fresh.getByLabel("NIP (18 angka)").fill(DEMO_NIP);
    await fresh.getByLabel("Kode aktivasi").fill(code);
    await fresh.getByText(RULES).waitFor();
    await fresh.getByLabel("Kata sandi baru", { exact: true }).fill("kopi tubruk pagi hari");
    await fresh.getByLabel("Ulangi kata sandi baru").fill("kopi tubruk pagi hari");
    await fresh.getByRole("button", { name: "Aktifkan akun" }).click();
    await fresh.getByText("Akun aktif.").waitFor();
    assert.equal(await loginStatus(server, DEMO_NIP, "kopi tubruk pagi hari"), 200);
    await fresh.close();
  });

  await t.test("the change log names the reset, who made it and for whom", async () => {
    await openAdminPlace(page, "Log perubahan");
    await page.getByRole("heading", { name: "Log perubahan" }).waitFor();
    const row = page.locator("tbody tr", { hasText: "Akses diatur ulang" });
    await row.waitFor();
    assert.match(await row.textContent(), new RegExp(`${ADMIN}.*Akses diatur ulang.*${DEMO_NIP}`));
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  await t.test("her supervisor can neither reset her access nor read the log", async () => {
    const session = await apiSession(server, SUPERVISOR, DEMO_PASSWORD);
    const reset = await fetch(`${server.url}/api/admin/people/${DEMO_NIP}/reset`, { method: "POST", headers: { authorization: `Bearer ${session.token}` } });
    assert.equal(reset.status, 403);
    const other = await browser.newPage({ locale: "id-ID" });
    await other.goto(`${server.url}/konsol/masuk`);
    await logIn(other, SUPERVISOR);
    await other.getByRole("heading", { name: /^Dasbor/ }).waitFor();
    assert.equal(await other.getByRole("link", { name: "Log perubahan" }).count(), 0);
    assert.equal(await other.getByRole("button", { name: "Administrasi" }).count(), 0, "no set-up places for a supervisor");
    await other.goto(`${server.url}/konsol/log`);
    await other.getByText("Halaman ini hanya untuk admin BKPSDM.").waitFor();
    await other.goto(`${server.url}/konsol/staf/${DEMO_NIP}`);
    await other.getByRole("heading", { name: "Sri Wahyuni" }).waitFor();
    assert.equal(await other.getByRole("button", { name: "Atur ulang akses" }).count(), 0);
    await other.close();
  });
});
