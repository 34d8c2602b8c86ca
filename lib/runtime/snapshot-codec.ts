/**
 * Large static data crosses the worker boundary once. Experiments put the same typed arrays
 * (the dataset's images, a fixed grid) into snapshot after snapshot; structured clone would
 * copy them every time. The worker's encoder replaces a typed array it has already sent
 * (same object, same contents) with a small reference; the page's decoder swaps it back.
 *
 * Contents are hashed too, so an experiment that refills one buffer in place is still sent
 * anew. Small arrays are sent as they are: a reference would cost more than the copy. Long
 * plain arrays of numbers (an image kept as number[]) are treated the same way.
 */

/** Typed arrays at least this long (elements) are sent once. */
export const SHARE_MIN_LENGTH = 256;

interface SentRef {
  $sent: number;
}

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint8ClampedArray | Int8Array | Uint16Array | Int16Array | Uint32Array;

const isTypedArray = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isRef = (v: unknown): v is SentRef => typeof v === 'object' && v !== null && typeof (v as SentRef).$sent === 'number' && Object.keys(v).length === 1;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A plain array of numbers long enough to be worth sending once (e.g. an image kept as number[]). */
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.length >= SHARE_MIN_LENGTH && typeof v[0] === 'number' && typeof v[v.length - 1] === 'number';

function hashNumbers(a: number[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    h ^= typeof v === 'number' ? (v * 4096) | 0 : 0x9e3779b9;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over the bytes: cheap next to the copy it saves. */
function hashBytes(a: TypedArray): number {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One per run, in the worker. */
export function createSnapshotEncoder() {
  const sent = new WeakMap<object, { id: number; hash: number }>();
  let nextId = 1;
  /** Fresh arrays found in the last encode, keyed by id: the decoder must learn them. */
  const encode = (value: unknown): unknown => {
    if (isTypedArray(value)) {
      if (value.length < SHARE_MIN_LENGTH) return value;
      const hash = hashBytes(value);
      const known = sent.get(value);
      if (known && known.hash === hash) return { $sent: known.id } satisfies SentRef;
      const id = nextId++;
      sent.set(value, { id, hash });
      return { $new: id, data: value };
    }
    if (isNumberArray(value)) {
      const hash = hashNumbers(value);
      const known = sent.get(value);
      if (known && known.hash === hash) return { $sent: known.id } satisfies SentRef;
      const id = nextId++;
      sent.set(value, { id, hash });
      return { $new: id, data: value };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = encode(v);
      return out;
    }
    return value;
  };
  return { encode };
}

/** One per run, on the page. Unknown references (a lost message) decode to null, never throw. */
export function createSnapshotDecoder() {
  const known = new Map<number, TypedArray | number[]>();
  const decode = (value: unknown): unknown => {
    if (isRef(value)) return known.get(value.$sent) ?? null;
    if (typeof value === 'object' && value !== null && typeof (value as { $new?: unknown }).$new === 'number' && (isTypedArray((value as { data?: unknown }).data) || Array.isArray((value as { data?: unknown }).data))) {
      const { $new, data } = value as { $new: number; data: TypedArray | number[] };
      known.set($new, data);
      return data;
    }
    if (Array.isArray(value)) return value.map(decode);
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = decode(v);
      return out;
    }
    return value;
  };
  return { decode };
}
