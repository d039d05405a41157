/**
 * Two timelines side by side, aligned by what each event is (acting actor, kind, target register or call,
 * interrupt source) rather than by index: a longest common subsequence over those identities, so an event
 * only one side has (S3's feature call) is a gap instead of shifting every later pair. Paired events that
 * differ in payload or outcome, and gaps, are differences; the first one is where the two really part.
 */
import type { TimelineEvent } from '../../src/index';

/**
 * What an event is, independent of the values it carries: who acts, what kind of event, for which source,
 * on which register or call. Not who receives it: the guest's ring write is the same write whether it
 * reaches the device (S2) or QEMU's quirk traps it (S3), and that difference is shown, not hidden in a gap.
 */
export function identity(e: TimelineEvent): string {
  const p = e.payload;
  const target = p.register ?? p.ioctl ?? p.hypercall ?? p.note ?? p.table ?? p.offset ?? '';
  return JSON.stringify([e.from, e.kind, e.source ?? '', target]);
}

const same = (a: TimelineEvent, b: TimelineEvent) =>
  JSON.stringify([a.payload, a.outcome]) === JSON.stringify([b.payload, b.outcome]);

export interface AlignedPair {
  /** Index in the first timeline, or null where only the second has an event. */
  readonly a: number | null;
  readonly b: number | null;
  /** Both sides hold the same event with the same payload and outcome. */
  readonly equal: boolean;
}

export function alignTimelines(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): AlignedPair[] {
  const ka = a.map(identity);
  const kb = b.map(identity);
  // lcs[i][j]: length of the longest common subsequence of ka[i..] and kb[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const pairs: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      pairs.push({ a: i, b: j, equal: same(a[i], b[j]) });
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
      pairs.push({ a: i++, b: null, equal: false });
    } else {
      pairs.push({ a: null, b: j++, equal: false });
    }
  }
  return pairs;
}

/** The compared timeline's step paired with step `a` of the first (its last event before it, at a gap). */
export function stepOnB(aligned: readonly AlignedPair[], a: number): number {
  let b = 0;
  for (const p of aligned) {
    if (p.b !== null) b = p.b;
    if (p.a === a) break;
  }
  return b;
}

/** The first aligned pair that differs, or null when the timelines hold the same events. */
export function firstDivergence(
  a: readonly TimelineEvent[],
  b: readonly TimelineEvent[],
): AlignedPair | null {
  return alignTimelines(a, b).find((p) => !p.equal) ?? null;
}

/**
 * The first-difference button's words, naming each run by its scenario: an event one run has and the other
 * has no counterpart for says so instead of a bare dash.
 */
export function divergenceLabel(d: AlignedPair, idA: string, idB: string): string {
  const side = (id: string, i: number | null) => (i === null ? null : `${id} event ${i}`);
  const [a, b] = [side(idA, d.a), side(idB, d.b)];
  if (a && b) return `First difference: ${a} vs ${b}`;
  return `First difference: ${a ?? b} (${a ? idB : idA} has no counterpart)`;
}
