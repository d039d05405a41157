/** Issue #16, layout: any width from 1024 px up, one column below, the walkthrough beside (never over) the inspector. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { at, openAt, ready } from './ux-helpers';

const browser = useBrowser();

/** Page width against the window, and how far the page scrolls past its last content. */
const extent = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const contentBottom = Math.max(
      ...[...document.body.children].map((el) => el.getBoundingClientRect().bottom + scrollY),
    );
    return { scrollWidth: doc.scrollWidth, innerWidth, blank: doc.scrollHeight - contentBottom };
  });

// Dark at the widths issue #16 names: a theme only changes colours, so any overflow there is a bug.
const WIDTHS: [number, 'light' | 'dark'][] = [
  ...[800, 1024, 1280, 1440, 1920].map((w): [number, 'light'] => [w, 'light']),
  ...[1024, 1280, 1440].map((w): [number, 'dark'] => [w, 'dark']),
];
it.each(WIDTHS)(
  'at %i px (%s) the page is no wider than the window and does not scroll into blank space',
  async (width, colorScheme) => {
    const { page, errors } = await openAt(browser, inject('baseUrl'), { width, colorScheme });
    await ready(page);
    const e = await extent(page);
    expect(e.scrollWidth).toBeLessThanOrEqual(e.innerWidth);
    expect(e.blank).toBeLessThanOrEqual(2);
    // Below 1024 px the config explorer is one column: the inspector sits under the bitmap.
    const bitmap = (await page.getByRole('region', { name: 'Bitmap' }).boundingBox())!;
    const inspector = (await page.getByRole('region', { name: 'Register inspector' }).boundingBox())!;
    if (width < 1024) expect(inspector.y).toBeGreaterThanOrEqual(bitmap.y + bitmap.height);
    else expect(inspector.x).toBeGreaterThanOrEqual(bitmap.x + bitmap.width);
    await screenshot(page, `layout-${width}-${colorScheme}`);
    expect(errors).toEqual([]);
  },
);

it.each([1024, 1280, 1440])(
  'at %i px the Walkthrough panel never covers the Register inspector, nor widens the page',
  async (width) => {
    const { page } = await openAt(browser, at(inject('baseUrl'), 'walk=novirt-review&wstep=2'), { width });
    await ready(page);
    const walk = page.getByRole('complementary', { name: 'Walkthrough' });
    await walk.waitFor();
    const inspector = page.getByRole('region', { name: 'Register inspector' });
    await inspector.scrollIntoViewIfNeeded();
    const w = (await walk.boundingBox())!;
    const r = (await inspector.boundingBox())!;
    const overlapX = Math.min(w.x + w.width, r.x + r.width) - Math.max(w.x, r.x);
    const overlapY = Math.min(w.y + w.height, r.y + r.height) - Math.max(w.y, r.y);
    expect(overlapX <= 0 || overlapY <= 0).toBe(true);
    const e = await extent(page);
    expect(e.scrollWidth).toBeLessThanOrEqual(e.innerWidth);
    await screenshot(page, `layout-walkthrough-${width}`);
  },
);

it.each([1024, 1280])(
  'at %i px beside the Walkthrough, every Interrupt path control stays inside its panel (long scenario titles too)',
  async (width) => {
    const { page } = await openAt(browser, at(inject('baseUrl'), 'walk=novirt-review&wstep=24'), { width });
    await ready(page);
    const paths = page.getByRole('region', { name: 'Interrupt path' });
    await paths.getByRole('combobox', { name: /^Compare with/ }).waitFor();
    const outside = await paths.evaluate((panel) => {
      const edge = panel.getBoundingClientRect().right;
      return [...panel.querySelectorAll('select, button, input')]
        .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
        .map(
          (el) =>
            el.getAttribute('aria-label') ?? el.closest('label')?.firstChild?.textContent?.trim() ?? el.id,
        );
    });
    expect(outside).toEqual([]);
  },
);

it.each(['qca6390', '8086-095a-wireless-7265-wifi', '15b3-1019-connectx5-ex-nic'])(
  'capability band labels on %s neither collide nor clip, and say their full name on hover',
  async (device) => {
    const { page } = await openAt(browser, at(inject('baseUrl'), `device=${device}`), { width: 1024 });
    await ready(page);
    const labels = page.getByTestId('band-label');
    await expect.poll(() => labels.count()).toBeGreaterThan(2);
    const boxes = await labels.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const bands = el.closest('.bands')!.getBoundingClientRect();
        return {
          top: r.top,
          bottom: r.bottom,
          clipped: el.scrollWidth > el.clientWidth + 0.5,
          inside: r.top >= bands.top - 0.5 && r.bottom <= bands.bottom + 0.5,
          full: el.getAttribute('title'),
          text: el.textContent,
        };
      }),
    );
    for (const b of boxes) {
      expect(b.clipped, `${b.text} is clipped`).toBe(false);
      expect(b.inside, `${b.text} leaves the band column`).toBe(true);
    }
    const sorted = [...boxes].sort((a, b) => a.top - b.top);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i].top, `${sorted[i - 1].text} / ${sorted[i].text}`).toBeGreaterThanOrEqual(
        sorted[i - 1].bottom - 0.5,
      );
    // Every label carries the capability's full name, shown on hover.
    expect(boxes.map((b) => b.full)).toContain(device === 'qca6390' ? 'Power Management' : 'Express');
  },
);

it('the device menu names devices in full, with their driver', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const menu = page.getByRole('combobox', { name: 'Device', exact: true });
  const names = await menu.locator('option').allTextContents();
  expect(names).toContain('Intel Wireless 7265 (iwlwifi)');
  expect(names).toContain('Qualcomm QCA6390 (ath11k, reconstructed)');
  // No option is a file name.
  for (const n of names) expect(n).not.toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-/);
  await menu.selectOption({ label: 'Intel Wireless 7265 (iwlwifi)' });
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/8086:095a/);
});
