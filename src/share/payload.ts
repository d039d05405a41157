/**
 * The token's JSON: what the readable keys cannot hold. Short field names keep links short; every field
 * read back is checked, so a hand-crafted token gives an EngineError naming what is wrong, never a crash.
 *   { b: [blob sizes], d?: {n: name, b: blob}, o?: [op…], p?: {n: name, x: patch text},
 *     w?: {t: title, s: [{q, d?, o?, p?, n, h?}…]} }
 * Ops: ['g'|'v', offset, size, value] (guest/VMM write), ['rg'|'rv', offset, size] (guest/VMM read),
 * ['f', flags, argsz], ['r'] (reset).
 */
import { EngineError } from '../errors';
import { CONFIG_SPACE_SIZES } from '../pci/lspci';
import type { SessionOp } from '../session/session';
import type { ViewExtras } from './readable';
import { LIMITS, REGIONS, type Region } from './state';

type CompactOp = [string, ...number[]];

export interface StepPayload {
  /** The step's readable keys, `a=1&b=2`. */
  readonly query: string;
  readonly extras: ViewExtras;
  readonly note: string;
  readonly highlight: Region | null;
}

export interface Payload {
  readonly extras: ViewExtras;
  readonly walkthrough?: { readonly title: string; readonly steps: readonly StepPayload[] };
}

const invalid = (what: string) => new EngineError('link', `the link's token is invalid: ${what}`);
export const damaged = (why: string) => new EngineError('link', `the link's token is damaged: ${why}`);

function compactOp(op: SessionOp): CompactOp {
  if (op.kind === 'write') return [op.as === 'guest' ? 'g' : 'v', op.offset, op.size, op.value];
  if (op.kind === 'read') return [op.as === 'guest' ? 'rg' : 'rv', op.offset, op.size];
  if (op.kind === 'feature') return ['f', op.flags, op.argsz];
  return ['r'];
}

const u32 = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

function expandOp(raw: unknown): SessionOp {
  if (!Array.isArray(raw)) throw invalid('an operation is not a list');
  const [kind, a, b, c] = raw as unknown[];
  if ((kind === 'g' || kind === 'v') && raw.length === 4) {
    if (!u32(a) || a > 0xfff || (b !== 1 && b !== 2 && b !== 4) || !u32(c) || a + b > 4096)
      throw invalid(`config write ${JSON.stringify(raw)} is out of range`);
    return { kind: 'write', as: kind === 'g' ? 'guest' : 'vmm', offset: a, size: b, value: c };
  }
  if ((kind === 'rg' || kind === 'rv') && raw.length === 3) {
    if (!u32(a) || a > 0xfff || (b !== 1 && b !== 2 && b !== 4) || a + b > 4096)
      throw invalid(`config read ${JSON.stringify(raw)} is out of range`);
    return { kind: 'read', as: kind === 'rg' ? 'guest' : 'vmm', offset: a, size: b };
  }
  if (kind === 'f' && raw.length === 3 && u32(a) && u32(b)) return { kind: 'feature', flags: a, argsz: b };
  if (kind === 'r' && raw.length === 1) return { kind: 'reset' };
  throw invalid(`unknown operation ${JSON.stringify(raw).slice(0, 40)}`);
}

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string') throw invalid(`${what} is not text`);
  if (v.length > max) throw invalid(`${what} is longer than ${max} characters`);
  return v;
}

/** Collects distinct blobs so a dump shared by many walkthrough steps is carried once. */
class BlobTable {
  readonly blobs: Uint8Array[] = [];
  index(bytes: Uint8Array): number {
    const same = this.blobs.findIndex((b) => b.length === bytes.length && b.every((x, i) => x === bytes[i]));
    if (same >= 0) return same;
    this.blobs.push(bytes);
    return this.blobs.length - 1;
  }
}

function extrasJson(extras: ViewExtras, table: BlobTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (extras.device) out.d = { n: extras.device.name, b: table.index(extras.device.bytes) };
  if (extras.ops?.length) out.o = extras.ops.map(compactOp);
  if (extras.patch) out.p = { n: extras.patch.name, x: extras.patch.text };
  return out;
}

function readExtras(raw: Record<string, unknown>, blobs: readonly Uint8Array[]): ViewExtras {
  const out: { device?: ViewExtras['device']; ops?: SessionOp[]; patch?: ViewExtras['patch'] } = {};
  if (raw.d !== undefined) {
    const d = raw.d as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || !Number.isInteger(d.b) || !blobs[d.b as number])
      throw invalid('a device does not point at its bytes');
    const bytes = blobs[d.b as number];
    if (!CONFIG_SPACE_SIZES.includes(bytes.length))
      throw invalid(`its device is ${bytes.length} bytes, not a config space of 64, 256 or 4096`);
    out.device = { name: text(d.n, 'a device name', LIMITS.titleChars), bytes };
  }
  if (raw.o !== undefined) {
    if (!Array.isArray(raw.o) || raw.o.length > LIMITS.ops)
      throw invalid(`the op-log is not a list of ≤ ${LIMITS.ops}`);
    out.ops = raw.o.map(expandOp);
  }
  if (raw.p !== undefined) {
    const p = raw.p as Record<string, unknown>;
    if (typeof p !== 'object' || p === null) throw invalid('its patch is not an object');
    out.patch = {
      name: text(p.n, 'the patch name', LIMITS.titleChars),
      text: text(p.x, 'the patch', LIMITS.patchChars),
    };
  }
  return out;
}

/** What a token carries: one JSON document and the binary blobs (pasted dumps) it points at. */
export interface Frame {
  readonly json: unknown;
  readonly blobs: readonly Uint8Array[];
}

/** The frame a token packs (the link format asks for one only when the payload carries something). */
export function payloadToFrame(p: Payload): { json: Record<string, unknown>; blobs: Uint8Array[] } {
  const table = new BlobTable();
  const json: Record<string, unknown> = extrasJson(p.extras, table);
  if (p.walkthrough)
    json.w = {
      t: p.walkthrough.title,
      s: p.walkthrough.steps.map((s) => ({
        q: s.query,
        ...extrasJson(s.extras, table),
        n: s.note,
        ...(s.highlight ? { h: s.highlight } : {}),
      })),
    };
  json.b = table.blobs.map((b) => b.length);
  return { json, blobs: table.blobs };
}

/** The blob sizes the JSON declares (checked before the blobs are cut). */
export function declaredBlobSizes(json: unknown): number[] {
  const b = (json as Record<string, unknown> | null)?.b;
  if (!Array.isArray(b) || !b.every((n) => Number.isInteger(n) && n >= 0 && n <= 4096))
    throw invalid('it does not list its device sizes');
  return b as number[];
}

export function frameToPayload(json: unknown, blobs: readonly Uint8Array[]): Payload {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('it is not an object');
  const raw = json as Record<string, unknown>;
  const extras = readExtras(raw, blobs);
  if (raw.w === undefined) return { extras };
  const w = raw.w as Record<string, unknown>;
  if (typeof w !== 'object' || w === null || !Array.isArray(w.s))
    throw invalid('the walkthrough has no steps');
  if (w.s.length > LIMITS.steps) throw invalid(`the walkthrough has more than ${LIMITS.steps} steps`);
  const steps = (w.s as unknown[]).map((s, i): StepPayload => {
    if (typeof s !== 'object' || s === null) throw invalid(`step ${i + 1} is not an object`);
    const step = s as Record<string, unknown>;
    const h = step.h;
    if (h !== undefined && !REGIONS.includes(h as Region))
      throw invalid(`step ${i + 1} highlights "${String(h)}"`);
    return {
      query: text(step.q, `step ${i + 1}'s state`, LIMITS.noteChars),
      extras: readExtras(step, blobs),
      note: text(step.n, `step ${i + 1}'s note`, LIMITS.noteChars),
      highlight: (h as Region | undefined) ?? null,
    };
  });
  return { extras, walkthrough: { title: text(w.t, 'the walkthrough title', LIMITS.titleChars), steps } };
}

/** Splits the bytes after the token's JSON into blobs of the sizes the JSON declares. */
export function splitBlobs(rest: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at + size > rest.length) throw damaged('a device dump is cut off');
    blobs.push(rest.slice(at, at + size));
    at += size;
  }
  if (at !== rest.length) throw damaged('it has bytes no device claims');
  return blobs;
}
