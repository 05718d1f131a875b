// The layout of a single executable's blob, as Node 20 writes it
// (`--experimental-sea-config`), and a rewrite of it in which every code cache
// starts on an 8-byte boundary in the executable. V8 uses a cache in place only
// when it is so aligned; otherwise it first copies it (193 KB for `table`: ~50
// fresh pages of memory, every start). Node writes the assets one after the
// other in no order of ours, so a cache lands wherever the bytes before it end;
// the rewrite orders them and puts empty assets of the right name length
// before a cache that would not be aligned. Node reads the assets into a map by
// name, so their order and the extra names change nothing else.
//
// Layout: u32 magic, u32 flags, then strings (u64 length + bytes): the code's
// path, the main script, the main script's code cache (with useCodeCache), and
// with assets a u64 count followed by a name and a content string each.
const MAGIC = 0x143da20;
const USE_CODE_CACHE = 1 << 2;
const INCLUDE_ASSETS = 1 << 3;

/**
 * The blob at `start` in `bytes`: its fixed head, its assets (name, content,
 * and where the content starts in `bytes`) and its end; undefined when the
 * bytes there are not a blob of this layout (say, another Node's).
 */
export function readBlob(bytes, start = 0) {
  let at = start;
  const u32 = () => {
    const v = bytes.readUInt32LE(at);
    at += 4;
    return v;
  };
  const string = () => {
    const length = Number(bytes.readBigUInt64LE(at));
    at += 8;
    if (at + length > bytes.length) throw new RangeError('past the end');
    const from = at;
    at += length;
    return { from, bytes: bytes.subarray(from, at) };
  };
  try {
    if (u32() !== MAGIC) return undefined;
    const flags = u32();
    if (!(flags & INCLUDE_ASSETS)) return undefined;
    string();
    string();
    if (flags & USE_CODE_CACHE) string();
    const head = bytes.subarray(start, at);
    const count = Number(bytes.readBigUInt64LE(at));
    at += 8;
    const assets = [];
    for (let i = 0; i < count; i++) {
      const name = string().bytes.toString('utf8');
      const content = string();
      assets.push({ name, content: content.bytes, from: content.from });
    }
    return { head, assets, end: at };
  } catch {
    return undefined;
  }
}

/** Where in `file` (an executable's bytes) the blob that begins like `blob` starts, and what it holds. */
export function findBlob(file, blob) {
  const start = file.indexOf(blob.subarray(0, 64));
  return start < 0 ? undefined : { start, ...readBlob(file, start) };
}

const u64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const string = (bytes) => [u64(bytes.length), bytes];

/**
 * `blob` (Node's) rewritten so that, placed at an offset ≡ `base` (mod 8) in
 * the executable, each asset whose name ends in `.cache` starts on an 8-byte
 * boundary; undefined when `blob` is not of the layout above.
 */
export function alignCaches(blob, base = 0) {
  const read = readBlob(blob);
  if (!read || read.end !== blob.length) return undefined;
  const caches = read.assets.filter((a) => a.name.endsWith('.cache'));
  const ordered = [...caches, ...read.assets.filter((a) => !a.name.endsWith('.cache'))];
  const entries = [];
  let at = base + read.head.length + 8;
  let pads = 0;
  for (const asset of ordered) {
    const name = Buffer.from(asset.name, 'utf8');
    if (asset.name.endsWith('.cache')) {
      // An empty asset whose name takes the bytes needed: 16 bytes of lengths, then the name.
      const need = (8 - ((at + 16 + 16 + name.length) % 8)) % 8;
      if (need > 0) {
        const label = `~vmvc-pad-${pads++}`;
        const pad = Buffer.from(label.padEnd(label.length + ((need - label.length) % 8 + 8) % 8, '~'), 'utf8');
        entries.push(...string(pad), ...string(Buffer.alloc(0)));
        at += 16 + pad.length;
      }
    }
    entries.push(...string(name), ...string(asset.content));
    at += 16 + name.length + asset.content.length;
  }
  return Buffer.concat([read.head, u64(ordered.length + pads), ...entries]);
}
