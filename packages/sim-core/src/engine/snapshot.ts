/**
 * Snapshots as compact, versioned bytes: a model state made of objects, arrays and typed arrays
 * is written as a JSON outline (plain values, each typed array replaced by a reference to a
 * column) followed by the columns in binary, and read back exactly, so a restored run steps on
 * byte for byte.
 *
 * Layout (little-endian):
 *   0   8 bytes  magic `VRAEMSNP`
 *   8   u32      format version ({@link SNAPSHOT_FORMAT_VERSION})
 *   12  u32      outline length H (bytes of UTF-8 JSON: `{ meta, tree, columns: [{ type, length }] }`)
 *   16  H bytes  the outline
 *   ..  body     the columns, each byte-shuffled (all first bytes of its elements, then all
 *                second bytes, ...: the exponent bytes of floats of one magnitude line up), the
 *                whole deflated (fflate)
 *   end u32      CRC-32 of every byte before it, header included
 * Shuffling then deflating is the HDF5/Blosc recipe for numeric columns. A column may also be
 * stored XORed with the same column of a *reference* state the reader can rebuild exactly (the
 * model's start state, rebuilt from what the snapshot holds): columns that have not changed
 * since the start (traits drawn once at setup) become zeros and compress to almost nothing.
 * Together they take the model's full-scale state from 31 MB of JSON to about 3 MB. The checksum is
 * checked before anything is decoded, so a truncated, bit-flipped or foreign file is refused
 * with a {@link SnapshotError} saying which, never half-read.
 */
import { deflateSync, inflateSync } from 'fflate';

/** Version of the byte layout; readers refuse others. */
export const SNAPSHOT_FORMAT_VERSION = 2;
const MAGIC = 'VRAEMSNP';
const FIXED = 16;

/** A snapshot that cannot be read: the message says why (foreign, cut short, damaged, another format). */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

type Typed = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array;
const TYPED = { Float64Array, Float32Array, Int32Array, Int16Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;

/** A plain value with every typed array replaced by `{ $col: index }`. */
type Outline = null | boolean | number | string | Outline[] | { [k: string]: Outline };

// --- CRC-32 (IEEE 802.3), the checksum of zip and PNG ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- outline: the state without its typed arrays ---

interface Column {
  data: Typed;
  /** The same column of the reference state, when it has one of the same type and length. */
  xor?: Typed;
}

const child = (ref: unknown, key: string | number): unknown => (ref && typeof ref === 'object' && !ArrayBuffer.isView(ref) ? (ref as Record<string, unknown>)[key] : undefined);
const sameShape = (a: Typed, b: unknown): b is Typed => ArrayBuffer.isView(b) && b.constructor === a.constructor && (b as Typed).length === a.length;

function outline(x: unknown, columns: Column[], ref?: unknown): Outline {
  if (ArrayBuffer.isView(x)) {
    const name = x.constructor.name;
    if (!(name in TYPED)) throw new TypeError(`a snapshot cannot hold a ${name}`);
    const data = x as Typed;
    columns.push(sameShape(data, ref) ? { data, xor: ref } : { data });
    return { $col: columns.length - 1 };
  }
  if (Array.isArray(x)) return x.map((v, i) => outline(v, columns, child(ref, i)));
  if (x instanceof Map) return null; // rebuilt by the model from the data it indexes
  if (x && typeof x === 'object') {
    const out: { [k: string]: Outline } = {};
    for (const [k, v] of Object.entries(x)) if (typeof v !== 'function') out[k] = outline(v, columns, child(ref, k));
    return out;
  }
  if (typeof x === 'number' && !Number.isFinite(x)) return { $num: String(x) }; // JSON has no NaN or Infinity
  return x as Outline;
}

const bytesOf = (t: Typed) => new Uint8Array(t.buffer, t.byteOffset, t.byteLength);

function inflate(x: Outline, columns: { data: Typed; xor?: number }[], ref?: unknown): unknown {
  if (Array.isArray(x)) return x.map((v, i) => inflate(v, columns, child(ref, i)));
  if (x && typeof x === 'object') {
    if (typeof x.$col === 'number' && Object.keys(x).length === 1) {
      const col = columns[x.$col];
      if (!col) throw new SnapshotError(`snapshot is damaged: it refers to column ${x.$col}, which it does not hold`);
      if (col.xor !== undefined) {
        const by = sameShape(col.data, ref) ? bytesOf(ref) : undefined;
        if (!by || crc32(by) !== col.xor) throw new SnapshotError('snapshot was written against another start state than this version rebuilds (written by another version?)');
        const out = bytesOf(col.data);
        for (let i = 0; i < out.length; i++) out[i] ^= by[i];
      }
      return col.data;
    }
    if (typeof x.$num === 'string' && Object.keys(x).length === 1) return Number(x.$num);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = inflate(v, columns, child(ref, k));
    return out;
  }
  return x;
}

// --- byte shuffling ---

function shuffleInto(col: Column, out: Uint8Array, at: number): void {
  const bytes = bytesOf(col.data);
  const ref = col.xor ? bytesOf(col.xor) : undefined;
  const size = col.data.BYTES_PER_ELEMENT;
  const n = col.data.length;
  for (let b = 0; b < size; b++)
    for (let i = 0; i < n; i++) out[at + b * n + i] = ref ? bytes[i * size + b] ^ ref[i * size + b] : bytes[i * size + b];
}

function unshuffle(body: Uint8Array, at: number, type: TypedName, length: number): Typed {
  const col = new TYPED[type](length);
  const bytes = new Uint8Array(col.buffer);
  const size = col.BYTES_PER_ELEMENT;
  for (let b = 0; b < size; b++) for (let i = 0; i < length; i++) bytes[i * size + b] = body[at + b * length + i];
  return col;
}

// --- writing and reading ---

/**
 * Encode a state (objects, arrays, numbers, strings, typed arrays) and a JSON-safe `meta` as
 * snapshot bytes. With `reference` (a state of the same outline the reader can rebuild, passed
 * to {@link decodeSnapshot} by `referenceOf`), each column is stored as its XOR with the
 * reference's column at the same place.
 * @example const bytes = encodeSnapshot({ tick: 3, agents: { size } }, { note: 'before the change' });
 */
export function encodeSnapshot(state: unknown, meta: unknown = null, reference?: unknown): Uint8Array {
  const columns: Column[] = [];
  const tree = outline(state, columns, reference);
  // A column stored against the reference carries the reference's CRC-32: a reader whose rebuilt
  // reference differs (another model version) is refused instead of decoding garbage.
  const described = columns.map((c) => ({ type: c.data.constructor.name, length: c.data.length, ...(c.xor ? { xor: crc32(bytesOf(c.xor)) } : {}) }));
  const head = new TextEncoder().encode(JSON.stringify({ meta: outline(meta, []), tree, columns: described }));
  const raw = new Uint8Array(columns.reduce((t, c) => t + c.data.byteLength, 0));
  let at = 0;
  for (const c of columns) {
    shuffleInto(c, raw, at);
    at += c.data.byteLength;
  }
  const body = deflateSync(raw, { level: 6 });
  const out = new Uint8Array(FIXED + head.length + body.length + 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, SNAPSHOT_FORMAT_VERSION, true);
  view.setUint32(12, head.length, true);
  out.set(head, FIXED);
  out.set(body, FIXED + head.length);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

/** The parts of snapshot bytes, checked (magic, version, length, checksum) but not decoded. */
type Described = { meta: Outline; tree: Outline; columns: { type: string; length: number; xor?: number }[] };

function open(bytes: Uint8Array): { outline: Described; body: Uint8Array } {
  if (!(bytes instanceof Uint8Array)) throw new SnapshotError('not a snapshot (expected bytes, a Uint8Array)');
  let magic = '';
  for (let i = 0; i < Math.min(MAGIC.length, bytes.length); i++) magic += String.fromCharCode(bytes[i]);
  if (magic !== MAGIC.slice(0, magic.length) || bytes.length === 0) throw new SnapshotError(`not a snapshot (it does not start with ${MAGIC})`);
  if (bytes.length < FIXED + 4) throw new SnapshotError(`snapshot is damaged: cut short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== SNAPSHOT_FORMAT_VERSION) throw new SnapshotError(`snapshot format ${version} is not supported (this version reads format ${SNAPSHOT_FORMAT_VERSION})`);
  const headLength = view.getUint32(12, true);
  if (FIXED + headLength + 4 > bytes.length) throw new SnapshotError(`snapshot is damaged: cut short (${bytes.length} bytes, its header alone needs ${FIXED + headLength + 4})`);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== view.getUint32(bytes.length - 4, true))
    throw new SnapshotError('snapshot is damaged: its checksum does not match its contents (cut short, corrupted or edited)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(FIXED, FIXED + headLength)));
  } catch {
    throw new SnapshotError('snapshot is damaged: its outline is not JSON');
  }
  const o = parsed as Described;
  if (!o || typeof o !== 'object' || !Array.isArray(o.columns)) throw new SnapshotError('snapshot is damaged: its outline lacks its columns');
  return { outline: o, body: bytes.subarray(FIXED + headLength, bytes.length - 4) };
}

/** The `meta` a snapshot was written with (checked, without decoding the state). */
export function snapshotMeta(bytes: Uint8Array): unknown {
  return inflate(open(bytes).outline.meta, []);
}

/**
 * Decode snapshot bytes to the state and meta they were encoded from. `referenceOf` rebuilds the
 * reference state the writer passed, from the outline of the state (its plain values, typed
 * arrays left out). Throws {@link SnapshotError}.
 */
export function decodeSnapshot(bytes: Uint8Array, referenceOf?: (outline: unknown) => unknown): { state: unknown; meta: unknown } {
  const { outline: o, body } = open(bytes);
  let raw: Uint8Array;
  try {
    raw = inflateSync(body);
  } catch {
    throw new SnapshotError('snapshot is damaged: its columns cannot be decompressed');
  }
  const columns: { data: Typed; xor?: number }[] = [];
  let at = 0;
  for (const c of o.columns) {
    if (!(c.type in TYPED) || !Number.isInteger(c.length) || c.length < 0) throw new SnapshotError(`snapshot is damaged: a column of type ${String(c.type)} and length ${String(c.length)}`);
    const type = c.type as TypedName;
    const size = TYPED[type].BYTES_PER_ELEMENT * c.length;
    if (at + size > raw.length) throw new SnapshotError('snapshot is damaged: its columns are shorter than its outline says');
    if (c.xor !== undefined && typeof c.xor !== 'number') throw new SnapshotError('snapshot is damaged: a column says it is stored against a reference without its checksum');
    columns.push({ data: unshuffle(raw, at, type, c.length), xor: c.xor });
    at += size;
  }
  if (at !== raw.length) throw new SnapshotError('snapshot is damaged: its columns are longer than its outline says');
  const needsReference = columns.some((c) => c.xor !== undefined);
  if (needsReference && !referenceOf) throw new SnapshotError('snapshot needs the state it was written against to be read (pass referenceOf)');
  const reference = needsReference ? referenceOf!(inflate(o.tree, columns.map((c) => ({ data: c.data })))) : undefined;
  return { state: inflate(o.tree, columns, reference), meta: inflate(o.meta, []) };
}
