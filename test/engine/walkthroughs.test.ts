/**
 * The built-in walkthroughs are content, but every step is a state: its scenario must run, its cursor
 * must land on an event, its selection must exist on its device, and its references must be real links.
 */
import { describe, expect, it } from 'vitest';
import {
  ath11kConfig,
  decodeConfig,
  encodeLink,
  decodeLink,
  runScenario,
  type ViewState,
} from '../../src/index';
import { resolveSelection } from '../../app/selection';
import { BUILTINS } from '../../app/walkthroughs/content/index';
import { BUILTIN_INDEX } from '../../app/walkthroughs/catalog';
import { fixtureBytes } from '../helpers/fixtures';

function deviceBytes(v: ViewState): Uint8Array {
  if (v.device.kind === 'custom') return v.device.bytes;
  if (v.device.id === 'qca6390') return ath11kConfig({ deviceId: 0x1101, msi: 'host' });
  if (v.device.id === 'wcn6855') return ath11kConfig({ deviceId: 0x1103, msi: 'host' });
  return fixtureBytes(v.device.id);
}

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

it('the review walkthrough has one step per argument of the thread, each linked to its mail', () => {
  const review = BUILTINS.find((w) => w.id === 'novirt-review')!;
  expect(review.steps.length).toBeGreaterThanOrEqual(10);
  expect(review.steps.every((s) => s.refs.length > 0)).toBe(true);
  // The RFC patch, the QEMU quirk, the objection, the IMS design and the discovery problem are all cited.
  const cited = review.steps.flatMap((s) => s.refs.map((r) => r.href)).join(' ');
  for (const id of [
    '20240812170014.1583783-1-alex.williamson@redhat.com',
    '20240812170045.1584000-1-alex.williamson@redhat.com',
    '20240813163053.GK1985367@ziepe.ca',
    '20240814152025.GA3468552@ziepe.ca',
    '20240813233939.GT1985367@ziepe.ca',
  ])
    expect(cited).toContain(id);
});
