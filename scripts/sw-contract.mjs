// The service worker's contract with the app, generated: every `CONTRACT.NAME` in public/sw.js
// becomes the value of the Rust constant NAME (src/sw_contract.rs, then lentera-protocol's lib.rs),
// so the worker cannot drift from the app. Used by postbuild.mjs; fails loudly on anything unknown.
import { readFileSync } from "node:fs";

const SOURCES = ["../src/sw_contract.rs", "../crates/protocol/src/lib.rs"].map((p) => new URL(p, import.meta.url));

// One-line `pub const NAME: type = literal;` with a plain text or whole-number literal.
const CONST = /^pub(?:\([a-z]+\))? const ([A-Z0-9_]+): [^=]+ = ("[^"\\]*"|[0-9_]+);$/;

/** NAME → value of every constant the hook can read. */
export function contract() {
  const values = new Map();
  for (const url of SOURCES) {
    for (const line of readFileSync(url, "utf8").split("\n")) {
      const m = line.trim().match(CONST);
      if (m) values.set(m[1], m[2].startsWith('"') ? JSON.parse(m[2]) : Number(m[2].replaceAll("_", "")));
    }
  }
  return values;
}

/** The worker's source with each `CONTRACT.NAME` written as its value; throws on a name the Rust side lacks
 *  or on a contract value written out by hand (which would drift the day the constant changes). */
export function fill(sw, values = contract()) {
  for (const [name, value] of values) {
    if (typeof value === "string" && value.length > 3 && sw.includes(JSON.stringify(value))) {
      throw new Error(`sw.js spells out ${JSON.stringify(value)}; write CONTRACT.${name} instead`);
    }
  }
  return sw.replace(/\bCONTRACT\.([A-Za-z0-9_]+)/g, (_, name) => {
    if (!values.has(name)) throw new Error(`sw.js reads CONTRACT.${name}, which no Rust constant defines`);
    return JSON.stringify(values.get(name));
  });
}
