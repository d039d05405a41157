/**
 * The compressed half of a link: one JSON document and the binary blobs it points at (pasted dumps),
 * framed as [u32 LE JSON length][JSON][blob…], deflate-raw'd with fflate and written as base64url.
 * Decoding is bounded: it stops as soon as more than LIMITS.inflatedBytes come out, however the input was
 * crafted (util/inflate.ts).
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64url, toBase64url } from '../util/base64url';
import { inflateBounded, type Inflated } from '../util/inflate';
import { TOKEN_DICTIONARY } from './dictionary';
import { damaged, type Frame } from './payload';
import { LIMITS } from './state';

/** The base64url length of LIMITS.inflatedBytes stored without compression, with deflate's block headers. */
const MAX_TOKEN_CHARS = Math.ceil(((LIMITS.inflatedBytes + 1) * 1.01 + 64) * (4 / 3));

export function packToken(frame: Frame): string {
  const json = strToU8(JSON.stringify(frame.json));
  const size = 4 + json.length + frame.blobs.reduce((n, b) => n + b.length, 0);
  const raw = new Uint8Array(size);
  new DataView(raw.buffer).setUint32(0, json.length, true);
  raw.set(json, 4);
  let at = 4 + json.length;
  for (const b of frame.blobs) {
    raw.set(b, at);
    at += b.length;
  }
  return toBase64url(deflateSync(raw, { level: 9, dictionary: TOKEN_DICTIONARY }));
}

/** The JSON and the bytes after it; `splitBlobs` cuts those into the blobs the JSON declares. */
export function unpackToken(text: string): { json: unknown; rest: Uint8Array } {
  // Deflate never grows data by more than a few bytes per 16 KiB block: a longer token cannot be one the
  // explorer wrote, and is refused before it is even decoded.
  if (text.length > MAX_TOKEN_CHARS)
    throw damaged(`it is longer than any token of ${LIMITS.inflatedBytes} bytes`);
  const packed = fromBase64url(text);
  if (!packed) throw damaged('it has characters outside base64url');
  let inflated: Inflated;
  try {
    inflated = inflateBounded(packed, LIMITS.inflatedBytes, TOKEN_DICTIONARY);
  } catch (e) {
    throw damaged(`it does not inflate (${(e as Error).message})`);
  }
  if (!inflated.ok) throw damaged(`it inflates past ${LIMITS.inflatedBytes} bytes`);
  const raw = inflated.bytes;
  if (raw.length < 4) throw damaged('it is too short');
  const jsonLength = new DataView(raw.buffer, raw.byteOffset).getUint32(0, true);
  if (jsonLength > raw.length - 4) throw damaged('its JSON is cut off');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw.subarray(4, 4 + jsonLength)));
  } catch {
    throw damaged('its JSON does not parse');
  }
  return { json, rest: raw.subarray(4 + jsonLength) };
}
