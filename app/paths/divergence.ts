/** The first step where two timelines differ (by actors, kind and exact payload), or null when one is a prefix of the other. */
import type { TimelineEvent } from '../../src/index';

const key = (e: TimelineEvent) => JSON.stringify([e.from, e.to, e.kind, e.payload, e.outcome]);

export function firstDivergence(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (key(a[i]) !== key(b[i])) return i;
  return a.length === b.length ? null : n;
}
