// Production mode, as a BKPSDM's IT officer starts it: no demo data, the first admin made by a server
// command that prints a one-time code, and a refusal to serve a database holding the demo accounts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { SERVER, startServer } from "./harness.mjs";

const ADMIN = "197711302003121004";

function run(args) {
  const done = spawnSync(SERVER, args, { encoding: "utf8", env: { ...process.env, RUST_LOG: "warn" } });
  return { status: done.status, text: done.stdout + done.stderr };
}

async function post(url, path, body) {
  return fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

test("production mode starts empty, gets its first admin from `admin create`, and refuses a demo database", async (t) => {
  const db = join(mkdtempSync(join(tmpdir(), "lentera-prod-")), "lentera.db");
  const server = await startServer({ db, args: ["--mode", "production"] });
  t.after(() => server.stop());
  assert.match(server.output(), /belum ada admin.*admin create/s, "the start says how to make the first admin");
  assert.doesNotMatch(server.output(), /Data demo|lentera-demo/);
  const demo = await post(server.url, "/api/auth/login", { nip: "198002142006042001", password: "lentera-demo", device_id: crypto.randomUUID() });
  assert.equal(demo.status, 401, "no demo admin");

  const made = run(["admin", "create", "--nip", ADMIN, "--name", "Hendra Gunawan", "--db", db]);
  assert.equal(made.status, 0, made.text);
  const code = made.text.match(/[A-Z0-9]{5}(-[A-Z0-9]{5}){3}/)?.[0];
  assert.ok(code, `a one-time code is printed: ${made.text}`);
  assert.doesNotMatch(made.text, /kata sandi:|password:/i, "no password is printed");
  const again = run(["admin", "create", "--nip", ADMIN, "--name", "Hendra Gunawan", "--db", db]);
  assert.notEqual(again.status, 0);
  assert.match(again.text, /already has an account/);

  assert.equal((await post(server.url, "/api/auth/activate", { nip: ADMIN, code, password: "laut biru tapanuli" })).status, 204);
  const login = await post(server.url, "/api/auth/login", { nip: ADMIN, password: "laut biru tapanuli", device_id: crypto.randomUUID() });
  assert.equal(login.status, 200);
  assert.equal((await login.json()).account.role, "admin");

  // A database the demo filled (a plain start) is refused in production, naming the way out.
  const demoServer = await startServer();
  await demoServer.stop();
  const refused = run(["--mode", "production", "--port", "0", "--db", demoServer.db, "--dist", server.dist, "--content", server.content]);
  assert.notEqual(refused.status, 0);
  assert.match(refused.text, /demo accounts.*--db.*admin create/s, refused.text);
});
