/**
 * Plain data for snapshots: a model state made of objects, arrays and typed arrays becomes a
 * JSON-safe value (typed arrays as `{ $typed, values }`, functions dropped, Maps left out for the
 * model to rebuild) and back, exactly, so a restored run steps on byte for byte.
 */

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

export function toPlain(x: unknown): Plain {
  if (ArrayBuffer.isView(x)) return { $typed: x.constructor.name, values: Array.from(x as unknown as ArrayLike<number>) };
  if (Array.isArray(x)) return x.map(toPlain);
  if (x instanceof Map) return null;
  if (x && typeof x === 'object') {
    const out: { [k: string]: Plain } = {};
    for (const [k, v] of Object.entries(x)) if (typeof v !== 'function') out[k] = toPlain(v);
    return out;
  }
  return x as Plain;
}

const TYPED: Record<string, new (values: number[]) => ArrayLike<number>> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Int16Array,
  Uint8Array,
};

export function fromPlain(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromPlain);
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.$typed === 'string' && Array.isArray(o.values)) {
      const Ctor = TYPED[o.$typed];
      if (!Ctor) throw new Error(`snapshot holds an unknown array type ${o.$typed}`);
      return new Ctor(o.values as number[]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = fromPlain(v);
    return out;
  }
  return x;
}
