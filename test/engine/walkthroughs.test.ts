/**
 * The built-in walkthroughs are content, but every step is a state: its scenario must run, its cursor
 * must land on an event, its selection must exist on its device, and its references must be real links.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeLink, decodeLink, runScenario } from '../../src/index';
import { resolveSelection } from '../../app/selection';
import { BUILTINS } from '../../app/walkthroughs/content/index';
import { BUILTIN_INDEX } from '../../app/walkthroughs/catalog';
import { THREAD } from '../../app/walkthroughs/content/refs';
import { deviceBytes, sessionOf } from '../helpers/view-state';

it('the picker index lists exactly the built-ins, in order', () => {
  expect(BUILTINS.map((w) => [w.id, w.title])).toEqual(BUILTIN_INDEX.map((w) => [w.id, w.title]));
});

describe.each(BUILTINS.map((w) => [w.id, w] as const))('%s', (_, walkthrough) => {
  it.each(walkthrough.steps.map((s, i) => [i + 1, s] as const))(
    'step %i is a real, reachable state',
    (_, step) => {
      const v = step.state;
      const run = runScenario(v.scenario, v.options);
      expect(v.step).toBeLessThan(run.events.length);
      if (v.compare) expect(v.step).toBeLessThan(runScenario(v.compare).events.length);
      if (v.select)
        expect(resolveSelection(v.select, decodeConfig(deviceBytes(v)))).toMatchObject({
          size: expect.any(Number),
        });
      expect(step.note.length).toBeGreaterThan(40);
      expect(step.highlight).not.toBeNull();
      for (const ref of step.refs) expect(ref.href).toMatch(/^https:\/\/(lore|bugzilla)\.kernel\.org\//);
      // A step is a link: it survives the share codec unchanged.
      const back = decodeLink(encodeLink({ view: v, walk: null, walkStep: 0, present: false }));
      expect(back.ok && back.state.view).toEqual(v);
    },
  );
});

it('the walkthroughs form a path: config space, MSI/MSI-X/IMS, remapping and posting, then the review', () => {
  expect(BUILTIN_INDEX.map((w) => w.id)).toEqual([
    'config-space',
    'msi-msix-ims',
    'remapping',
    'novirt-review',
  ]);
});

it('every one of the twelve mails of the thread is cited by a review step, by its Message-ID on lore', () => {
  const review = BUILTINS.find((w) => w.id === 'novirt-review')!;
  expect(THREAD).toHaveLength(12);
  expect(new Set(THREAD.map((m) => m.ref.href)).size).toBe(12);
  const cited = new Set(review.steps.flatMap((s) => s.refs.map((r) => r.href)));
  for (const m of THREAD) {
    expect(m.ref.href).toMatch(/^https:\/\/lore\.kernel\.org\/all\/[^/\s]+@[^/\s]+\/$/);
    expect(cited, m.ref.label).toContain(m.ref.href);
  }
  // Oldest first, as the thread view lists them.
  expect(THREAD.map((m) => m.date)).toEqual([...THREAD.map((m) => m.date)].sort());
  expect(review.steps.every((s) => s.refs.length > 0)).toBe(true);
});

it('config space, last step: the feature call fails as its note says, -ENOTTY on v6.11 and -EINVAL on v7.0', () => {
  const step = BUILTINS.find((w) => w.id === 'config-space')!.steps.at(-1)!;
  expect(step.note).toMatch(/v6\.11 .*-ENOTTY.*v7\.0.*-EINVAL/);
  const v = step.state;
  expect(v.kernel).toBe('v6.11');
  const answer = (kernel: typeof v.kernel) => sessionOf({ ...v, kernel }).results.at(-1);
  // ENOTTY and EINVAL as <asm-generic/errno-base.h> numbers them.
  expect(answer('v6.11')).toEqual({ kind: 'feature', ret: -25 });
  expect(answer('v7.0')).toEqual({ kind: 'feature', ret: -22 });
  // "nothing changes": the MSI address stays virtual on both.
  expect(sessionOf(v).perm.virt.slice(0x54, 0x58)).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff]));
});
