/** Every link a release ever wrote (test/fixtures/links/) still opens to the state it was made from. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeLink } from '../../src/index';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'links');
const reviver = (_: string, v: unknown) =>
  v !== null && typeof v === 'object' && 'hex' in v
    ? Uint8Array.from((v as { hex: string }).hex.match(/../g) ?? [], (h) => parseInt(h, 16))
    : v;

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

it('has fixtures of every link format so far', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

/**
 * A recorded state in today's shape: the files are never edited, so a view recorded before format 2 says
 * `rfc` where the view now has `kernel` (true: v6.11 + the RFC, false: v6.11, the RFC's base) and no
 * `compareKernel`; one recorded before the QEMU release was a key has none, which opens as the default 9.1.
 */
type RecordedView = Record<string, unknown> & { rfc?: boolean };
function current(recorded: RecordedView): Record<string, unknown> {
  // Views recorded before the QEMU release, permission patches and following the scenario (link keys
  // `qemu`, `patch`, `follow`) have none of them.
  const view: RecordedView = { qemu: '9.1', patch: null, follow: false, ...recorded };
  // follow was a boolean until the compared scenario could be followed: true is the first scenario.
  if (view.follow === true) view.follow = 'scenario';
  if (view.rfc === undefined) return view;
  const { rfc, ...rest } = view;
  return { ...rest, kernel: rfc ? 'v6.11-rfc' : 'v6.11', compareKernel: null };
}
interface RecordedLink {
  view: RecordedView;
  walk: null | { kind: string; walkthrough?: { steps: { state: RecordedView }[] } };
}
function currentLink(state: RecordedLink): unknown {
  const w = state.walk?.walkthrough;
  return {
    ...state,
    view: current(state.view),
    walk: w
      ? {
          ...state.walk,
          walkthrough: { ...w, steps: w.steps.map((s) => ({ ...s, state: current(s.state) })) },
        }
      : state.walk,
  };
}

it.each(files)('%s opens to its recorded state', (file) => {
  const { link, state } = JSON.parse(readFileSync(join(DIR, file), 'utf8'), reviver);
  expect(decodeLink(link)).toEqual({ ok: true, state: currentLink(state) });
});
