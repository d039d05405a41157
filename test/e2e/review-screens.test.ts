/**
 * Every step of "The MSI_NOVIRT review", opened in the built app, shows the state its note talks about:
 * a timeline step marks that event in the event log (and, compared, the same event of the other run in
 * the compared log); a config step shows the register the note names with the guest, VMM and physical
 * values the engine gives for the step's op-log. test/engine/review-steps.test.ts proves the notes from
 * the same states; this file holds the screen to them. Each screen is saved to test/artifacts.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { hexValue, runScenario, type ViewState } from '../../src/index';
import { NOVIRT_REVIEW } from '../../app/walkthroughs/content/novirt-review';
import { alignTimelines } from '../../app/paths/divergence';
import { resolveSelection } from '../../app/selection';
import { sessionOf } from '../helpers/view-state';
import { newPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const at = (fragment: string) => `${inject('baseUrl')}#${fragment}`;
/** The register each config step's note is about. */
const REGISTER: Record<number, string> = {
  2: 'PCI_MSI_ADDRESS_LO',
  3: 'PCI_MSI_ADDRESS_HI',
  4: 'PCI_MSI_ADDRESS_LO',
  5: 'PCI_MSI_ADDRESS_LO',
  6: 'PCI_MSI_ADDRESS_LO',
  14: 'PCI_MSIX_TABLE',
  15: 'PCI_MSI_ADDRESS_LO',
  25: 'PCI_MSI_ADDRESS_LO',
  27: 'PCI_MSI_ADDRESS_LO',
};
/** Config steps whose values are the op-log's (step 14 is about where the register's bits come from). */
const VALUES_SHOWN = [2, 3, 4, 5, 6, 15, 25, 27];

const le32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** The seq number of the event a log marks as the current step. */
async function currentSeq(page: Page, log: string): Promise<number> {
  const item = page.getByRole('list', { name: log, exact: true }).locator('li[aria-current="step"] .seq');
  return Number(await item.textContent());
}

async function checkTimeline(page: Page, v: ViewState): Promise<void> {
  const events = runScenario(v.scenario, v.options).events;
  await expect.poll(() => currentSeq(page, 'Event log')).toBe(v.step);
  if (!v.compare) return;
  // The compared run marks the same event (who acts, what kind, which source), not whatever shares its index.
  const other = runScenario(v.compare).events;
  const pair = alignTimelines(events, other).find((p) => p.a === v.step)!;
  expect(pair.b, 'the compared run has the same event').not.toBeNull();
  const [e, twin] = [events[v.step], other[pair.b!]];
  expect([twin.from, twin.kind, twin.source]).toEqual([e.from, e.kind, e.source]);
  await expect.poll(() => currentSeq(page, 'Compared event log')).toBe(pair.b);
}

async function checkConfig(page: Page, n: number, v: ViewState): Promise<void> {
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await expect.poll(() => inspector.getByRole('heading', { level: 2 }).textContent()).toContain(REGISTER[n]);
  if (!VALUES_SHOWN.includes(n)) return;
  const s = sessionOf(v);
  const sel = resolveSelection(v.select!, s.decoded);
  if (typeof sel === 'string') throw new Error(sel);
  const views = inspector.getByRole('table', { name: 'Three views' });
  for (const [row, bytes] of [
    ['Guest (QEMU)', s.views.guest],
    ['VMM (vfio region)', s.views.vmm],
    ['Physical', s.views.physical],
  ] as const)
    await expect
      .poll(() =>
        views.getByRole('row', { name: new RegExp(`^${row.replace(/[()]/g, '\\$&')}`) }).textContent(),
      )
      .toContain(hexValue(le32(bytes, sel.offset), 4));
}

// One test per step: each gets the whole per-test limit, however slow the machine is at opening 27 pages.
it.each(NOVIRT_REVIEW.steps.map((step, i) => ({ n: i + 1, step })))(
  'review step $n shows what its note says',
  async ({ n, step }) => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(at(`walk=novirt-review&wstep=${n}`));
    await expect
      .poll(() => page.getByTestId('walk-position').textContent())
      .toBe(`${n} / ${NOVIRT_REVIEW.steps.length}`);
    if (step.highlight === 'paths') await checkTimeline(page, step.state);
    else await checkConfig(page, n, step.state);
    await screenshot(page, `review-step-${String(n).padStart(2, '0')}`);
    expect(errors, `step ${n}`).toEqual([]);
    await page.context().close();
  },
);
