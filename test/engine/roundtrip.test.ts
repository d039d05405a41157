/**
 * What the editor lets a user make, the files and links give back: every limit the UI enforces where
 * the user types (title, note, step count, op-log length, device name and size) is one the decoders
 * accept, so a state the UI can produce round-trips through a link (when shareLink says it fits), a state
 * file and a walkthrough file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LINK,
  DEFAULT_VIEW,
  decodeLink,
  LIMITS,
  padToConfigSpace,
  readExplorerFile,
  shareLink,
  stateToFile,
  walkthroughToFile,
  type LinkState,
  type SessionOp,
  type ViewState,
  type Walkthrough,
} from '../../src/index';
import { sessionOp } from '../helpers/session-ops';
import { fcParams } from '../helpers/fuzz';

/** Text as the inputs take it: any characters, at most `max` UTF-16 units (what maxLength counts). */
const typed = (max: number) =>
  fc.string({ unit: 'grapheme', maxLength: Math.min(max, 400) }).filter((s) => s.length <= max);

/** An imported dump: whatever it covered, padded to a config space; its file name clipped to a title. */
const imported = fc.record({
  kind: fc.constant('custom' as const),
  name: typed(LIMITS.titleChars),
  bytes: fc
    .integer({ min: 1, max: 256 })
    .chain((lines) => fc.uint8Array({ minLength: lines * 16, maxLength: lines * 16 }))
    .map(padToConfigSpace),
});

const view: fc.Arbitrary<Partial<ViewState>> = fc.record({
  device: fc.oneof(fc.constant(DEFAULT_VIEW.device), imported),
  ops: fc.array(sessionOp, { maxLength: 20 }),
  select: fc.constantFrom(null, '0x54.L', '0x10:8'),
});
const full = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...v });

const authored: fc.Arbitrary<LinkState> = fc
  .array(
    fc.record({
      state: view.map(full),
      note: typed(LIMITS.noteChars),
      highlight: fc.constantFrom(null, 'config' as const),
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .chain((steps) =>
    fc.record({
      view: view.map(full),
      walk: fc.record({
        kind: fc.constant('custom' as const),
        walkthrough: fc.record({ title: typed(LIMITS.titleChars), steps: fc.constant(steps) }),
      }),
      walkStep: fc.integer({ min: 0, max: steps.length - 1 }),
      present: fc.boolean(),
    }),
  );

function expectRoundTrips(state: LinkState): void {
  const shared = shareLink(state);
  if (shared.ok) expect(decodeLink(shared.fragment)).toEqual({ ok: true, state });
  else expect(shared.message).toMatch(/export it to a file instead\.$/);
  expect(readExplorerFile(stateToFile(state))).toEqual({ ok: true, state });
  if (state.walk?.kind !== 'custom') return;
  const w = state.walk.walkthrough;
  const reopened = readExplorerFile(walkthroughToFile(w));
  expect(reopened.ok && reopened.state.walk).toEqual({ kind: 'custom', walkthrough: w });
}

describe('what the UI can produce reopens', () => {
  it('random authored states, through link, state file and walkthrough file', () => {
    fc.assert(fc.property(authored, expectRoundTrips), {
      ...fcParams,
      numRuns: Math.max(20, fcParams.numRuns / 5),
    });
  });
  it('a walkthrough at every limit the editor enforces', () => {
    let seed = 1;
    const random = (n: number) =>
      Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const ops: SessionOp[] = Array.from({ length: LIMITS.ops }, (_, i) => ({
      kind: 'write',
      as: i % 2 ? 'guest' : 'vmm',
      offset: (i * 4) % 4096,
      size: 4,
      value: (i * 0x9e3779b1) >>> 0,
    }));
    const steps = Array.from({ length: LIMITS.steps }, (_, i) => ({
      state: full({
        device: { kind: 'custom', name: `${i}`.padEnd(LIMITS.titleChars, 'é'), bytes: random(4096) },
        ops,
      }),
      note: `step ${i} `.padEnd(LIMITS.noteChars, 'Ω'),
      highlight: null,
    }));
    const w: Walkthrough = { title: 'T'.repeat(LIMITS.titleChars), steps };
    expectRoundTrips({ ...DEFAULT_LINK, view: steps[0].state, walk: { kind: 'custom', walkthrough: w } });
  });
});
