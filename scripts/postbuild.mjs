// Trunk post-build hook: writes the service worker's precache list and version from the
// files actually built, then stores brotli and gzip copies for the server to send.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { minify } from "terser";
import { fill } from "./sw-contract.mjs";
import { shortenImports } from "./import-names.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("postbuild.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  process.exit(1);
}

const walk = (d) =>
  readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const urlOf = (path) => "/" + relative(dir, path).split(sep).join("/");
const isCompressedCopy = (p) => p.endsWith(".br") || p.endsWith(".gz");

// The Content-Security-Policy allows no inline script: Trunk's inline loader moves into a hashed
// file beside the app's own script, named from where that script is served (/ or /konsol/).
const indexPath = join(dir, "index.html");
const indexHtml = readFileSync(indexPath, "utf8");
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const loader = indexHtml.match(inline);
if (loader) {
  const appScript = loader[1].match(/from '([^']*\/)[^'\/]+\.js'/);
  if (!appScript) {
    console.error("postbuild.mjs: Trunk's loader no longer imports the app script; cannot move it out");
    process.exit(1);
  }
  const name = `boot-${createHash("sha256").update(loader[1]).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), loader[1]);
  writeFileSync(indexPath, indexHtml.replace(inline, `<script type="module" src="${appScript[1]}${name}"></script>`));
}
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(readFileSync(indexPath, "utf8"))) {
  console.error("postbuild.mjs: index.html still has an inline script, which the CSP blocks");
  process.exit(1);
}

// Short import names in each wasm and its glue (scripts/import-names.mjs); the wasm's integrity
// hash in index.html is renewed here, the glue's with its minification below.
let page = readFileSync(indexPath, "utf8");
for (const wasmPath of walk(dir).filter((p) => /_bg\.wasm$/.test(p))) {
  const jsPath = wasmPath.replace(/_bg\.wasm$/, ".js");
  if (!existsSync(jsPath)) continue;
  const glue = readFileSync(jsPath, "utf8");
  const module = glue.match(/"(\.\/[\w-]+_bg\.js)"\s*:/)?.[1];
  if (!module) {
    console.error(`postbuild.mjs: no import module named in ${jsPath}; wasm-bindgen's glue changed`);
    process.exit(1);
  }
  const { wasm, js, count } = shortenImports(readFileSync(wasmPath), glue, module);
  writeFileSync(wasmPath, wasm);
  writeFileSync(jsPath, js);
  const name = wasmPath.split(sep).pop().replace(/\./g, "\\.");
  const integrity = `sha384-${createHash("sha384").update(wasm).digest("base64")}`;
  page = page.replace(new RegExp(`(href="[^"]*/${name}"[^>]*integrity=")sha384-[^"]+"`, "g"), `$1${integrity}"`);
  console.log(`postbuild: ${count} imports of ${module} renamed`);
}

// wasm-bindgen's glue is ~68 KB of readable JS on the phone's first load; minified it is a third.
// (Trunk's own minifier cannot parse it.) index.html's integrity hash of each file is renewed.
for (const path of walk(dir).filter((p) => /[\\/][a-z-]+-[0-9a-f]{12,16}\.js$/.test(p))) {
  const result = await minify(readFileSync(path, "utf8"), { module: true, compress: { passes: 2 }, mangle: true });
  if (!result.code) {
    console.error(`postbuild.mjs: terser gave nothing for ${path}`);
    process.exit(1);
  }
  writeFileSync(path, result.code);
  const name = path.split(sep).pop().replace(/\./g, "\\.");
  const integrity = `sha384-${createHash("sha384").update(result.code).digest("base64")}`;
  page = page.replace(new RegExp(`(href="[^"]*/${name}"[^>]*integrity=")sha384-[^"]+"`, "g"), `$1${integrity}"`);
}
// The style sheet loses its comments and layout whitespace (a fifth of its brotli bytes). Safe for
// this sheet's shapes only: no strings, and no selector with a space before a colon.
for (const path of walk(dir).filter((p) => /[\\/][a-z-]+-[0-9a-f]{12,16}\.css$/.test(p))) {
  const small = readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/:\s+/g, ":")
    .replace(/;}/g, "}");
  writeFileSync(path, small);
  const name = path.split(sep).pop().replace(/\./g, "\\.");
  const integrity = `sha384-${createHash("sha384").update(small).digest("base64")}`;
  page = page.replace(new RegExp(`(href="[^"]*/${name}"[^>]*integrity=")sha384-[^"]+"`, "g"), `$1${integrity}"`);
}
writeFileSync(indexPath, page);

const files = walk(dir).filter((p) => !isCompressedCopy(p)).sort();
const shell = files.filter((p) => !p.endsWith(`${sep}sw.js`));

// The version changes whenever any shell byte changes, so browsers see a new worker.
const hash = createHash("sha256");
for (const path of shell) hash.update(urlOf(path)).update(readFileSync(path));
const version = hash.digest("hex").slice(0, 16);

// The worker keeps what the page loads, nothing more: the manifest's large icons (the browser fetches
// those itself when the app is installed) and robots.txt would be extra bytes on every first visit.
const loaded = new Set([...page.matchAll(/\b(?:href|src)="(\/[^"?#]*)"/g)].map((m) => m[1]));
const precache = ["/", ...shell.map(urlOf).filter((u) => loaded.has(u) && u !== "/index.html")];
const swPath = join(dir, "sw.js");
// A build without a service worker (the console under /konsol/) only gets precompressed copies.
const hasWorker = existsSync(swPath);
if (hasWorker) {
  const sw = fill(readFileSync(swPath, "utf8"))
    .replace('"__LENTERA_VERSION__"', JSON.stringify(version))
    .replace('["__LENTERA_PRECACHE__"]', JSON.stringify(precache));
  if (!sw.includes(version)) {
    console.error("postbuild.mjs: sw.js lost its placeholders; precache list not written");
    process.exit(1);
  }
  // The worker is part of the first load too; minified after its placeholders are filled. Its own
  // top-level names are renamed too (nothing outside reads them), all but PRECACHE, which make size reads.
  const small = await minify(sw, { compress: { passes: 2 }, mangle: { toplevel: true, reserved: ["PRECACHE"] } });
  if (!small.code) {
    console.error("postbuild.mjs: terser gave nothing for sw.js");
    process.exit(1);
  }
  writeFileSync(swPath, small.code);
}

// Wasm is binary and big: which brotli encoder settings pack it best changes from build to build
// (a few hundred bytes, 0.1 %), so each is tried and the smallest kept. Encoder choices only:
// every browser decodes them the same.
const WASM_TRIES = [{}, { mode: constants.BROTLI_MODE_FONT }].flatMap((m) => [undefined, 16, 17, 18].map((block) => ({ ...m, block })));
function smallestBrotli(data, wasm) {
  const base = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length };
  const tries = wasm ? WASM_TRIES : [{}];
  return tries
    .map(({ mode, block }) =>
      brotliCompressSync(data, {
        params: { ...base, ...(mode === undefined ? {} : { [constants.BROTLI_PARAM_MODE]: mode }), ...(block === undefined ? {} : { [constants.BROTLI_PARAM_LGBLOCK]: block }) },
      }),
    )
    .reduce((best, next) => (next.length < best.length ? next : best));
}

const compressible = /\.(html|js|mjs|css|wasm|webmanifest|svg|json|txt)$/;
for (const path of walk(dir).filter((p) => compressible.test(p) && !isCompressedCopy(p))) {
  const data = readFileSync(path);
  writeFileSync(`${path}.br`, smallestBrotli(data, path.endsWith(".wasm")));
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
}
console.log(hasWorker ? `postbuild: service worker ${version} precaches ${precache.length} files` : "postbuild: precompressed (no service worker)");
