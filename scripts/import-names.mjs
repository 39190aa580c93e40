// wasm-bindgen names each import like `__wbg_setitem_4f1baf9a00be3c74`: a 16-digit hash that brotli
// cannot shrink, written twice (the wasm's import section and the glue's import object). This gives
// each import of the glue's module a short name in both, so the phone downloads a few KB less.

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [decoder.decode(bytes.subarray(start, start + length)), start + length];
}

// Where one import's description ends (kinds: function, table, memory, global, tag).
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readU32(bytes, p);
    if (flags & 1) [, p] = readU32(bytes, p);
    return p;
  };
  if (kind === 0) return readU32(bytes, at)[1];
  if (kind === 1) return limits(at + 1);
  if (kind === 2) return limits(at);
  if (kind === 3) return at + 2;
  if (kind === 4) return readU32(bytes, at + 1)[1];
  throw new Error(`import kind ${kind} is not one this script knows`);
}

/// The short name of the n-th import: a letter then base-36 digits, a valid JS property name.
const shortName = (n) => `i${n.toString(36)}`;

/// Renames every import of `module` in `wasm` (bytes) and in `js` (the glue's text).
export function shortenImports(wasm, js, module) {
  if (wasm[0] !== 0 || decoder.decode(wasm.subarray(1, 4)) !== "asm") throw new Error("not a wasm module");
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    const [count, first] = readU32(wasm, start);
    const body = [...u32(count)];
    const renamed = new Map();
    let p = first;
    for (let i = 0; i < count; i++) {
      const [mod, afterModule] = readName(wasm, p);
      const [name, afterName] = readName(wasm, afterModule);
      const descriptionEnd = skipDescription(wasm, afterName);
      let newName = name;
      if (mod === module) {
        newName = renamed.get(name) ?? shortName(renamed.size);
        renamed.set(name, newName);
      }
      const modBytes = encoder.encode(mod), nameBytes = encoder.encode(newName);
      body.push(...u32(modBytes.length), ...modBytes, ...u32(nameBytes.length), ...nameBytes, ...wasm.subarray(afterName, descriptionEnd));
      p = descriptionEnd;
    }
    if (p !== end) throw new Error("the import section did not end where its size said");
    let text = js;
    for (const [name, short] of renamed) {
      const pattern = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
      const found = text.match(pattern)?.length ?? 0;
      if (found !== 1) throw new Error(`import ${name} is named ${found} times in the glue, not once`);
      text = text.replace(pattern, short);
    }
    const section = Uint8Array.from([2, ...u32(body.length), ...body]);
    const out = new Uint8Array(at + section.length + (wasm.length - end));
    out.set(wasm.subarray(0, at), 0);
    out.set(section, at);
    out.set(wasm.subarray(end), at + section.length);
    return { wasm: out, js: text, count: renamed.size };
  }
  return { wasm, js, count: 0 };
}
