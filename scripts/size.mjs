// `make size`: what a phone downloads on its first visit, raw and brotli, against the budget.
// The list comes from the built index.html (every local href/src) plus the service worker.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET = 250 * 1000; // bytes, brotli, whole first load
const dist = process.argv[2] ?? "dist";
const indexPath = join(dist, "index.html");
if (!existsSync(indexPath)) {
  console.error(`size.mjs: ${indexPath} is missing; build the app first (make app)`);
  process.exit(1);
}

const html = readFileSync(indexPath, "utf8");
const referenced = [...html.matchAll(/\b(?:href|src)="(\/[^"?#]*)"/g)].map((m) => m[1]);
// The service worker's install downloads what it keeps too (from the browser's cache when the page just
// loaded it); anything it keeps beyond the page's own files is part of the first visit.
const sw = existsSync(join(dist, "sw.js")) ? readFileSync(join(dist, "sw.js"), "utf8") : "";
const kept = JSON.parse(sw.match(/PRECACHE\s*=\s*(\[[^\]]*\])/)?.[1] ?? "[]").filter((u) => u !== "/");
const urls = [...new Set(["/index.html", ...referenced, "/sw.js", ...kept])];

// The server sends the .br copy written at build time; images are already compressed and go raw.
const brotliSize = (path, data) =>
  existsSync(`${path}.br`)
    ? readFileSync(`${path}.br`).length
    : /\.(png|webp|jpe?g)$/.test(path)
      ? data.length
      : brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const rows = urls.map((url) => {
  const path = join(dist, url);
  const data = readFileSync(path);
  return { url, raw: data.length, br: brotliSize(path, data) };
});
rows.sort((a, b) => b.br - a.br);

const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, br: t.br + r.br }), { raw: 0, br: 0 });
const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const pct = (n) => `${((100 * n) / total.br).toFixed(0).padStart(3)}%`;
console.log(`${"file".padEnd(40)} ${"raw KB".padStart(8)} ${"br KB".padStart(8)}  share`);
for (const r of rows) console.log(`${r.url.padEnd(40)} ${kb(r.raw)} ${kb(r.br)}  ${pct(r.br)}`);
console.log(`${"total first load".padEnd(40)} ${kb(total.raw)} ${kb(total.br)}  (${total.br} bytes brotli)`);
console.log(`budget ${BUDGET / 1000} KB brotli: ${total.br <= BUDGET ? "within" : "OVER"} ` +
  `(${((100 * total.br) / BUDGET).toFixed(0)}% used); largest: ${rows[0].url}`);

// The survey and plan (/rencana/) and the activities (/kegiatan/) download only when opened:
// shown, never counted in the first load.
const parts = [
  ["rencana", "survey and plan"],
  ["kegiatan", "trainings and learning log"],
  // The console is not the learner's: each area's download, shown apart.
  ["konsol", "console: everyday pages"],
  ["konsol/pengembangan", "console: development pages"],
  ["konsol/penilaian", "console: evaluation pages"],
];
for (const [part, what] of parts) {
  const partIndex = join(dist, part, "index.html");
  if (!existsSync(partIndex)) continue;
  const partHtml = readFileSync(partIndex, "utf8");
  const found = [...partHtml.matchAll(new RegExp(`\\b(?:href|src)="(/${part}/[^"?#]*)"`, "g"))].map((m) => m[1]);
  const rows = [...new Set([`/${part}/index.html`, ...found])].map((url) => {
    const path = join(dist, url);
    const data = readFileSync(path);
    return { url, raw: data.length, br: brotliSize(path, data) };
  });
  for (const r of rows) console.log(`${r.url.padEnd(40)} ${kb(r.raw)} ${kb(r.br)}`);
  const sum = rows.reduce((t, r) => ({ raw: t.raw + r.raw, br: t.br + r.br }), { raw: 0, br: 0 });
  console.log(`${`${what}, on demand (not counted)`.padEnd(40)} ${kb(sum.raw)} ${kb(sum.br)}  (${sum.br} bytes brotli)`);
}
process.exit(total.br <= BUDGET ? 0 : 1);
