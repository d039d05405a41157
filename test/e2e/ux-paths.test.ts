/** Issue #16, the interrupt-path panel: state as tables, grouped outcomes, readable text, MSI decodes. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, screenshot, useBrowser } from './browser';
import { at, openAt, seriousViolations } from './ux-helpers';

const browser = useBrowser();

async function panel(page: Page) {
  const p = page.getByRole('region', { name: 'Interrupt path' });
  await p.getByRole('slider', { name: 'Timeline' }).waitFor();
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
  await expect.poll(() => state.textContent()).not.toMatch(/[{}"]/);
  const rings = state.getByRole('table', { name: 'rings' });
  await expect
    .poll(() => rings.getByRole('columnheader').allTextContents())
    .toEqual(['offset', 'name', 'lsb', 'msb', 'data']);
  await expect
    .poll(() => rings.getByRole('row', { name: /CE1/ }).textContent())
    .toMatch(/0x83048CE10xfee000000x1000x21/);
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
  await expect.poll(() => blocked.textContent()).toMatch(/CE0.*CE1.*DP6.*\(13\).*blocked/);
  await expect.poll(() => summary.getByRole('row').count()).toBe(3);
  await blocked.getByRole('button', { name: 'CE1' }).click();
  expect(await seriousViolations(page, '[aria-label="Interrupt path"]')).toEqual([]);
  await screenshot(page, 'paths-tables');
  expect(errors).toEqual([]);
});

it("an MSI write's decode is in the event log and the detail pane", async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&step=66'));
  const p = await panel(page);
  const log = p.getByRole('list', { name: 'Event log', exact: true });
  await expect
    .poll(() => log.locator('[aria-current="step"]').textContent())
    .toMatch(/msi-write .*0xfee00000 ← 0x0021 · compatibility · dest APIC 0x0 · vector 0x21/);
  const detail = p.getByRole('table', { name: 'MSI message decoded' });
  await expect.poll(() => detail.textContent()).toMatch(/compatibility · dest APIC 0x0 · vector 0x21/);
  // S3 programs the host's remappable message: its handle and SHV are named.
  await p.getByRole('combobox', { name: /^Scenario/ }).selectOption('S3');
  await expect
    .poll(() => log.textContent())
    .toMatch(/0xfee00578 ← 0x0000 · remappable · handle 0x2b · SHV 1 · IRTE 0x2b/);
});

/**
 * In the page: every dot whose centre is on a rendered actor box and every piece of packet text (the
 * label, "✕ outcome", the flight view's "✕ source") on or within 1 px of one; [] when all are clear.
 */
function findOnBoxes(): string[] {
  const boxes = [...document.querySelectorAll('svg.diagram .actor rect')].map((r) =>
    r.getBoundingClientRect(),
  );
  const touches = (d: DOMRect) =>
    boxes.some(
      (b) => d.left < b.right + 1 && b.left < d.right + 1 && d.top < b.bottom + 1 && b.top < d.bottom + 1,
    );
  const centreOn = (d: DOMRect) => {
    const cx = d.x + d.width / 2;
    const cy = d.y + d.height / 2;
    return boxes.some((b) => cx > b.left && cx < b.right && cy > b.top && cy < b.bottom);
  };
  const dots = [...document.querySelectorAll('svg.diagram .packet circle')]
    .filter((c) => centreOn(c.getBoundingClientRect()))
    .map((c) => `dot ${c.getAttribute('cx')},${c.getAttribute('cy')}`);
  const texts = [...document.querySelectorAll('svg.diagram .packet text')]
    .filter((t) => touches(t.getBoundingClientRect()))
    .map((t) => `"${t.textContent}" at ${t.getAttribute('x')},${t.getAttribute('y')}`);
  return [...dots, ...texts];
}

const onBoxes = (page: Page) => page.evaluate(findOnBoxes);

/** Runs `frames` animation frames in the page, collecting what `findOnBoxes` finds on each (no fixed waits). */
async function onBoxesWhilePlaying(page: Page, frames: number): Promise<string[]> {
  // Evaluated through the DevTools protocol like every page.evaluate, so the page's CSP does not apply.
  await page.evaluate(`window.findOnBoxes = ${findOnBoxes.toString()}`);
  return page.evaluate(async (n) => {
    const find = (window as unknown as { findOnBoxes: () => string[] }).findOnBoxes;
    const found = new Set<string>();
    for (let i = 0; i < n; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      for (const f of find()) found.add(f);
    }
    return [...found];
  }, frames);
}

it('packet dots and their text never sit on an actor box, at any phase of any event', async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S3&flight=1'));
  const p = await panel(page);
  await p.getByRole('button', { name: 'Play' }).click();
  // Every frame of the flight while it plays, then where it ends (each source's "✕ name" by its dot).
  expect(await onBoxesWhilePlaying(page, 90)).toEqual([]);
  await p.getByRole('button', { name: 'Play' }).waitFor();
  expect(await onBoxes(page)).toEqual([]);
});

it("S2: every event's packet label, at rest and in motion, keeps clear of the boxes (its fault too)", async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&step=0'));
  const p = await panel(page);
  const timeline = p.getByRole('slider', { name: 'Timeline' });
  const last = Number(await timeline.getAttribute('max'));
  expect(last).toBeGreaterThan(50);
  await timeline.focus();
  const found: string[] = [];
  for (let step = 0; step <= last; step++) {
    if (step > 0) await page.keyboard.press('ArrowRight');
    await expect.poll(() => timeline.inputValue()).toBe(String(step));
    found.push(...(await onBoxes(page)).map((f) => `step ${step}: ${f}`));
  }
  expect(found).toEqual([]);
  // In motion: from the start, every frame of a few events at 4 events a second.
  await page.keyboard.press('Home');
  await expect.poll(() => timeline.inputValue()).toBe('0');
  await p.getByRole('combobox', { name: /speed/ }).selectOption('4');
  await p.getByRole('button', { name: 'Play' }).click();
  expect(await onBoxesWhilePlaying(page, 120)).toEqual([]);
  await p.getByRole('button', { name: 'Pause' }).click();
});

it('S2\'s fault: the label below the dot, clear of the host IRQ box and of "✕ blocked"', async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&step=67'));
  const p = await panel(page);
  await expect
    .poll(() => p.locator('svg.diagram .packet-label').textContent())
    .toMatch(/^fault: reason 0x25/);
  await expect.poll(() => p.locator('svg.diagram .packet .stop').textContent()).toBe('✕ blocked');
  expect(await onBoxes(page)).toEqual([]);
  await p.locator('svg.diagram').screenshot({ path: join(ARTIFACTS, 'paths-s2-fault.png') });
});

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
});

it.each([1024, 1280])(
  'text in the diagrams stays at 12 px or more at %i px, compared side by side too',
  async (width) => {
    const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S2&vs=S3'), { width });
    await panel(page);
    await expect.poll(() => page.locator('svg.diagram').count()).toBe(2);
    await expect.poll(() => smallestDiagramText(page)).toBeGreaterThanOrEqual(12);
    await screenshot(page, `paths-compare-${width}`);
  },
);
