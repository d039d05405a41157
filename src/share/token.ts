/**
 * The compressed half of a link: one JSON document and the binary blobs it points at (pasted dumps),
 * framed as [u32 LE JSON length][JSON][blob…], deflate-raw'd with fflate and written as base64url.
 * Decoding is bounded: it stops as soon as more than the limit comes out (LIMITS.inflatedBytes for a
 * link, fileInflatedBytes for a file), however the input was crafted (util/inflate.ts).
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64url, toBase64url } from '../util/base64url';
import { inflateBounded, type Inflated } from '../util/inflate';
import { TOKEN_DICTIONARY } from './dictionary';
import { damaged, type Frame } from './payload';
import { LIMITS } from './state';

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
export function unpackToken(
  text: string,
  limit: number = LIMITS.inflatedBytes,
): { json: unknown; rest: Uint8Array } {
  const packed = fromBase64url(text);
  if (!packed) throw damaged('it has characters outside base64url');
  let inflated: Inflated;
  try {
    inflated = inflateBounded(packed, limit, TOKEN_DICTIONARY);
  } catch (e) {
    throw damaged(`it does not inflate (${(e as Error).message})`);
  }
  if (!inflated.ok) throw damaged(`it inflates past ${limit} bytes`);
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
