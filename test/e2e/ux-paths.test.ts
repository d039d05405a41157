/** Issue #16, the interrupt-path panel: state as tables, grouped outcomes, readable text, MSI decodes. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, screenshot } from './browser';
import { at, openAt, seriousViolations } from './ux-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function panel(page: Page) {
  const p = page.getByRole('region', { name: 'Interrupt path' });
  await p.getByRole('slider', { name: 'Timeline' }).waitFor({ timeout: 60_000 });
  return p;
}

/** Smallest rendered font size (px) of the text in the diagrams. */
const smallestDiagramText = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('svg.diagram text')].map((t) => {
        const svg = t.closest('svg')!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      }),
    ),
  );

it('actor state is tables, not JSON; identical outcomes share a row; S2 at its fault', async () => {
  const { page, errors } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&step=58'));
  const p = await panel(page);
  const state = p.getByRole('region', { name: /^State of / });
  await expect.poll(() => state.getByRole('table', { name: 'rings' }).count()).toBe(1);
  expect(await state.textContent()).not.toMatch(/[{}"]/);
  const rings = state.getByRole('table', { name: 'rings' });
  expect(await rings.getByRole('columnheader').allTextContents()).toEqual([
    'offset',
    'name',
    'lsb',
    'msb',
    'data',
  ]);
  expect(await rings.getByRole('row', { name: /CE1/ }).textContent()).toMatch(
    /0x83048CE10xfee000000x1000x21/,
  );
  // The IOMMU's IRTEs and KVM's routes are tables too.
  for (const actor of ['IOMMU (IRTE)', 'KVM']) {
    await p
      .getByRole('button', { name: `${actor}: show state` })
      .first()
      .click();
    await expect
      .poll(() => p.getByRole('region', { name: `State of ${actor}` }).textContent())
      .not.toMatch(/[{}"]/);
  }
  const summary = p.getByRole('table', { name: 'All hops at once' });
  const blocked = summary.getByRole('row', { name: /\bCE0\b/ });
  // The thirteen rings blocked by the same fault are one row naming all thirteen.
  expect(await blocked.textContent()).toMatch(/CE0.*CE1.*DP6.*\(13\).*blocked/);
  expect(await summary.getByRole('row').count()).toBe(3);
  await blocked.getByRole('button', { name: 'CE1' }).click();
  expect(await seriousViolations(page, '[aria-label="Interrupt path"]')).toEqual([]);
  await screenshot(page, 'paths-tables');
  expect(errors).toEqual([]);
}, 180_000);

it("an MSI write's decode is in the event log and the detail pane", async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&step=66'));
  const p = await panel(page);
  const log = p.getByRole('list', { name: 'Event log', exact: true });
  await expect
    .poll(() => log.locator('[aria-current="step"]').textContent())
    .toMatch(/msi-write .*0xfee00000 ← 0x0021 · compatibility · dest APIC 0x0 · vector 0x21/);
  const detail = p.getByRole('table', { name: 'MSI message decoded' });
  expect(await detail.textContent()).toMatch(/compatibility · dest APIC 0x0 · vector 0x21/);
  // S3 programs the host's remappable message: its handle and SHV are named.
  await p.getByRole('combobox', { name: /^Scenario/ }).selectOption('S3');
  await expect
    .poll(() => log.textContent())
    .toMatch(/0xfee00578 ← 0x0000 · remappable · handle 0x2b · SHV 1 · IRTE 0x2b/);
}, 180_000);

it('packet dots never sit on an actor box, at any phase of any event', async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S3&flight=1'));
  const p = await panel(page);
  await p.getByRole('button', { name: 'Play' }).click();
  // Sample the flight while it plays: every dot is clear of every box.
  for (let i = 0; i < 12; i++) {
    const overlaps = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('svg.diagram .actor rect')].map((r) =>
        r.getBoundingClientRect(),
      );
      return [...document.querySelectorAll('svg.diagram .packet circle')]
        .filter((c) => {
          const d = c.getBoundingClientRect();
          const cx = d.x + d.width / 2;
          const cy = d.y + d.height / 2;
          return boxes.some((b) => cx > b.left && cx < b.right && cy > b.top && cy < b.bottom);
        })
        .map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`);
    });
    expect(overlaps).toEqual([]);
    await page.waitForTimeout(150);
  }
}, 180_000);

it('a packet label by the right-hand actors stays inside the diagram (S8: the injection to vCPU 287)', async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'walk=novirt-review&wstep=22'));
  await panel(page);
  const label = page.locator('svg.diagram .packet-label').first();
  await expect.poll(() => label.textContent()).toMatch(/vCPU 287/);
  const inside = await label.evaluate((t) => {
    const l = t.getBoundingClientRect();
    const d = t.closest('svg')!.getBoundingClientRect();
    return l.left >= d.left && l.right <= d.right;
  });
  expect(inside).toBe(true);
}, 180_000);

it.each([1024, 1280])(
  'text in the diagrams stays at 12 px or more at %i px, compared side by side too',
  async (width) => {
    const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&vs=S3'), { width });
    await panel(page);
    await expect.poll(() => page.locator('svg.diagram').count()).toBe(2);
    expect(await smallestDiagramText(page)).toBeGreaterThanOrEqual(12);
    await screenshot(page, `paths-compare-${width}`);
  },
  180_000,
);
