/**
 * Raw DEFLATE with a hard output limit. fflate's one-shot inflateSync keeps decoding past the output
 * buffer it is given, so a crafted token (DEFLATE reaches ~1032:1) could make megabytes of input cost
 * gigabytes and a minute. Here the input goes to fflate's streaming inflater a slice at a time and
 * decoding stops at the first slice that takes the output past the limit: the work done is bounded by
 * the limit, not by what the input asks for.
 */
import { Inflate } from 'fflate';

/** Input bytes per push: at DEFLATE's densest this inflates to ~0.5 MB, the most one step can overshoot. */
const SLICE = 512;

export type Inflated =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly over: true };

/** The inflated bytes, or `over` as soon as they pass `limit`; malformed input throws fflate's error. */
export function inflateBounded(packed: Uint8Array, limit: number, dictionary?: Uint8Array): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
  });
  for (let at = 0; at < packed.length && total <= limit; at += SLICE) {
    const end = Math.min(at + SLICE, packed.length);
    inflater.push(packed.subarray(at, end), end === packed.length);
  }
  if (total > limit) return { ok: false, over: true };
  if (packed.length === 0) inflater.push(packed, true);
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes };
}
