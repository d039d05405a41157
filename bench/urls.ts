/**
 * Share-link lengths: every preset in the state a reviewer typically shares (NOVIRT set, the MSI address
 * selected, a scenario at a step, a comparison), and every step of every built-in walkthrough.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LINK, DEFAULT_VIEW, encodeLink, NOVIRT_OP } from '../src/index';
import { BUILTINS } from '../app/walkthroughs/content/index';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'lspci');
const presetIds = () => [
  'qca6390',
  'wcn6855',
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'))
    .map((f) => f.replace(/\.txt$/, '')),
];

export function runUrlBench() {
  const presets = Object.fromEntries(
    presetIds().map((id) => {
      const view = {
        ...DEFAULT_VIEW,
        device: { kind: 'preset' as const, id },
        ops: [NOVIRT_OP],
        select: '0x54.L',
        overlay: 'diff-novirt' as const,
        scenario: 'S3',
        step: 129,
        compare: 'S2',
      };
      return [id, encodeLink({ ...DEFAULT_LINK, view }).length];
    }),
  );
  const walkthroughs = Object.fromEntries(
    BUILTINS.map((w) => [
      w.id,
      Math.max(
        ...w.steps.map(
          (s, i) =>
            encodeLink({ view: s.state, walk: { kind: 'builtin', id: w.id }, walkStep: i, present: false })
              .length,
        ),
      ),
    ]),
  );
  return {
    url: {
      length: { presets, maxPreset: Math.max(...Object.values(presets)), walkthroughs },
      target: { maxPreset: 150 },
    },
  };
}
