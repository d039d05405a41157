/**
 * Share links: `#v=1&device=qca6390&novirt=1&select=0x54.L&scenario=S3&step=12&t=…`. Readable keys for
 * what a person types, one compressed token (`t`) for pasted bytes, op-logs and walkthroughs. Every
 * version ever written keeps opening through a chain of one-step migrations; a newer link says so.
 *
 * The token's compressor is passed in (`TokenCodec`), so a page can open and write token-less links
 * without loading it: given no codec, a link that needs one comes back as null.
 */
import { EngineError } from '../errors';
import type { Payload, StepPayload } from './payload';
import { OPTION_PREFIX, pairsToView, VIEW_KEYS, viewToPairs, type Pairs } from './readable';
import { DEFAULT_LINK, LIMITS, type LinkState, type WalkRef, type WalkStep } from './state';

/** The compressed half of a link: what the readable keys cannot hold (link.ts binds it to fflate). */
export interface TokenCodec {
  pack(payload: Payload): string;
  /** The token's payload, every field checked; an EngineError says what is wrong. */
  unpack(token: string): Payload;
}

/**
 * A state needs a token only for pasted bytes, ops beyond `novirt=1`, a patch that is not a built-in, or a
 * walkthrough of its own.
 */
const needsToken = (p: Payload) =>
  Boolean(p.walkthrough || p.extras.device || p.extras.ops?.length || p.extras.patch);

/** Thrown (and caught below) when a link carries a token but no codec was given. */
class TokenCodecNeeded {}

export const LINK_VERSION = 2;

/**
 * MIGRATIONS[n] rewrites a version-n link's view pairs as version n+1 (the link's own and each custom
 * walkthrough step's); a change to the format adds one entry here and a fixture in test/fixtures/links/.
 */
const MIGRATIONS: Readonly<Record<number, (pairs: Pairs) => Pairs>> = {
  // 1 → 2: the kernel became a version. `kernel=mainline` (no RFC) is v6.11, the RFC's base; `kernel=rfc`
  // was the default and is dropped. The scenarios' `o.rfc` flag became `o.kernel` the same way. Any other
  // value is left for the reader to refuse.
  1: (pairs) =>
    pairs.flatMap(([k, v]): Pairs => {
      if (k === 'kernel') {
        if (v === 'mainline') return [['kernel', 'v6.11']];
        return v === 'rfc' ? [] : [[k, v]];
      }
      if (k === 'o.rfc') {
        if (v === '0' || v === 'false') return [['o.kernel', 'v6.11']];
        return v === '1' || v === 'true' ? [] : [[k, v]];
      }
      return [[k, v]];
    }),
};

const LINK_KEYS = ['v', 't', 'walk', 'wstep', 'present'] as const;
const KNOWN = new Set<string>([...LINK_KEYS, ...VIEW_KEYS]);

/** Escapes only what would break a fragment's key=value&… shape, so `CAP_MSI+4.L` and `0x54:3` stay readable. */
const escapeValue = (v: string) =>
  encodeURIComponent(v).replace(/%(3A|2B|2C|2F|40)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
const join = (pairs: Pairs) => pairs.map(([k, v]) => `${k}=${escapeValue(v)}`).join('&');

function split(query: string): Pairs {
  if (query === '') return [];
  return query.split('&').map((part): [string, string] => {
    const eq = part.indexOf('=');
    const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    try {
      return [decodeURIComponent(k), decodeURIComponent(v)];
    } catch {
      throw new EngineError('link', `"${part.slice(0, 40)}" is not valid percent-encoding`);
    }
  });
}

function checkKeys(pairs: Pairs, allowed: (k: string) => boolean): void {
  const seen = new Set<string>();
  for (const [k] of pairs) {
    if (!allowed(k)) throw new EngineError('link', `unknown key "${k.slice(0, 40)}"`);
    if (seen.has(k)) throw new EngineError('link', `key "${k}" appears twice`);
    seen.add(k);
  }
}
const isViewKey = (k: string) => (VIEW_KEYS as readonly string[]).includes(k) || k.startsWith(OPTION_PREFIX);

const stepToPayload = (s: WalkStep): StepPayload => {
  const { pairs, extras } = viewToPairs(s.state);
  return { query: join(pairs), extras, note: s.note, highlight: s.highlight };
};

/** The fragment (without `#`) for a state, however long; null if it needs a token and `tokens` is null. */
export function encodeFragment(state: LinkState, tokens: TokenCodec): string;
export function encodeFragment(state: LinkState, tokens: TokenCodec | null): string | null;
export function encodeFragment(state: LinkState, tokens: TokenCodec | null): string | null {
  const { pairs, extras } = viewToPairs(state.view);
  const head: Pairs = [['v', String(LINK_VERSION)]];
  if (state.walk) {
    head.push(['walk', state.walk.kind === 'builtin' ? state.walk.id : 'custom']);
    if (state.walkStep) head.push(['wstep', String(state.walkStep + 1)]);
  }
  if (state.present) head.push(['present', '1']);
  const walkthrough =
    state.walk?.kind === 'custom'
      ? { title: state.walk.walkthrough.title, steps: state.walk.walkthrough.steps.map(stepToPayload) }
      : undefined;
  const payload: Payload = { extras, walkthrough };
  if (!needsToken(payload)) return join([...head, ...pairs]);
  if (!tokens) return null;
  return join([...head, ...pairs, ['t', tokens.pack(payload)]]);
}

export type OpenResult =
  | { readonly ok: true; readonly state: LinkState }
  | {
      readonly ok: false;
      /** One sentence for the reader. */
      readonly message: string;
      /** The same, as a clause without the lead ("the link's token is damaged: …"), for a caller's own lead. */
      readonly reason: string;
      readonly newer: boolean;
    };

/** One sentence from a lead and a reason: whatever the reason ends with, exactly one full stop. */
export const sentence = (lead: string, reason: string): string => `${lead}: ${clause(reason)}.`;
/** A message as a clause: no trailing full stop or space, so it can sit inside another sentence. */
export const clause = (text: string): string => text.replace(/[\s.]+$/, '');

const refusal = (lead: string, reason: string, newer = false): OpenResult => ({
  ok: false,
  newer,
  reason: clause(reason),
  message: sentence(lead, reason),
});

/** The link's format version: its `v`, or 1 for links made before versions were written. */
function versionOf(pairs: Pairs): number {
  const v = pairs.find(([k]) => k === 'v')?.[1] ?? '1';
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1)
    throw new EngineError('link', `v=${v.slice(0, 20)} is not a version`);
  return Number(v);
}

function migrate(pairs: Pairs, from: number): Pairs {
  let out = pairs;
  for (let version = from; version < LINK_VERSION; version++) out = MIGRATIONS[version](out);
  return out;
}

function decodeSteps(steps: readonly StepPayload[], version: number): WalkStep[] {
  return steps.map((s, i) => {
    const raw = split(s.query);
    try {
      checkKeys(raw, isViewKey);
      const pairs = migrate(raw, version);
      return { state: pairsToView(pairs, s.extras), note: s.note, highlight: s.highlight };
    } catch (e) {
      throw new EngineError('link', `walkthrough step ${i + 1}: ${(e as Error).message}`);
    }
  });
}

function decode(fragment: string, tokens: TokenCodec | null): LinkState {
  const pairs = split(fragment);
  checkKeys(pairs, (k) => KNOWN.has(k) || k.startsWith(OPTION_PREFIX));
  const version = versionOf(pairs);
  const current = migrate(pairs, version);
  const get = (k: string) => current.find(([key]) => key === k)?.[1];
  const token = get('t');
  let payload: Payload = { extras: {} };
  if (token !== undefined) {
    if (!tokens) throw new TokenCodecNeeded();
    payload = tokens.unpack(token);
  }
  const view = pairsToView(
    current.filter(([k]) => isViewKey(k)),
    payload.extras,
  );
  const walkKey = get('walk');
  let walk: WalkRef | null = null;
  let length = 0;
  if (walkKey === 'custom') {
    if (!payload.walkthrough) throw new EngineError('link', 'walk=custom: the link carries no walkthrough');
    const walkthrough = {
      title: payload.walkthrough.title,
      steps: decodeSteps(payload.walkthrough.steps, version),
    };
    walk = { kind: 'custom', walkthrough };
    length = walkthrough.steps.length;
  } else if (walkKey !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,60}$/.test(walkKey))
      throw new EngineError('link', `walk=${walkKey.slice(0, 40)}: not a walkthrough id`);
    walk = { kind: 'builtin', id: walkKey };
    length = LIMITS.steps;
  }
  const wstep = get('wstep');
  let walkStep = 0;
  if (wstep !== undefined) {
    if (!walk) throw new EngineError('link', 'wstep without walk');
    if (!/^\d{1,3}$/.test(wstep) || Number(wstep) < 1 || Number(wstep) > length)
      throw new EngineError('link', `wstep=${wstep.slice(0, 20)}: the walkthrough has no such step`);
    walkStep = Number(wstep) - 1;
  }
  const present = get('present');
  if (present !== undefined && present !== '1' && present !== '0')
    throw new EngineError('link', `present=${present.slice(0, 20)}: expected 1 or 0`);
  return { view, walk, walkStep, present: present === '1' };
}

/**
 * The version a link says it has, when it is one this explorer cannot read. Read before anything else,
 * and leniently (a newer format may break this one's rules), but with percent-escapes undone: `v=%32`
 * and `%76=2` are version 2 as much as `v=2` is.
 */
function newerVersion(body: string): string | undefined {
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(part.slice(0, eq));
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      continue;
    }
    if (key === 'v' && /^\d{1,9}$/.test(value) && Number(value) > LINK_VERSION) return String(Number(value));
  }
  return undefined;
}

/**
 * Opens a fragment (with or without `#`). An empty one is the default screen. `maxChars` is lifted only
 * for states read from a file, which is where a state too long for a link goes. Null when the link
 * carries a token and `tokens` is null.
 */
export function decodeFragment(fragment: string, maxChars: number, tokens: TokenCodec): OpenResult;
export function decodeFragment(
  fragment: string,
  maxChars: number,
  tokens: TokenCodec | null,
): OpenResult | null;
export function decodeFragment(
  fragment: string,
  maxChars: number,
  tokens: TokenCodec | null,
): OpenResult | null {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (body.length > maxChars)
    return {
      ok: false,
      newer: false,
      reason: `it is ${body.length} characters long, past the ${LIMITS.linkChars} a link may have`,
      message: `This link is ${body.length} characters long; the explorer opens links of up to ${LIMITS.linkChars}, so ask for the state as a file.`,
    };
  const v = newerVersion(body);
  if (v !== undefined)
    return refusal(
      `This link was made by a newer vfio-explorer (link format ${v})`,
      `this one reads formats up to ${LINK_VERSION}, so open it with the newer explorer`,
      true,
    );
  if (body === '') return { ok: true, state: DEFAULT_LINK };
  try {
    return { ok: true, state: decode(body, tokens) };
  } catch (e) {
    if (e instanceof TokenCodecNeeded) return null;
    // Anything else would be an explorer bug; a link still must never take the page down with it.
    const why = e instanceof EngineError ? e.message : `unexpected ${String(e)}`;
    return refusal('This link cannot be opened', why);
  }
}
