/**
 * A review step that opens the timeline on an event shows that event beside its note, in view at 1280×800
 * even when the step's region is the config explorer (step 14: the host writes the MSI-X entry).
 */
import { expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, openPage, useBrowser } from './browser';

const browser = useBrowser();

it('review step 14 shows S6 event 16 (the host writes the physical MSI-X entry) in view; its button scrolls to the timeline', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#walk=novirt-review&wstep=14`);
  await page.setViewportSize({ width: 1280, height: 800 });
  const line = page.getByRole('complementary', { name: 'Walkthrough' }).getByTestId('step-event');
  await expect
    .poll(() => line.textContent())
    .toMatch(
      /^S6, event 16: msi-program The host writes the device's MSI-X table entry 2 = 0xfee00a58\/0x0000/,
    );
  const box = await line.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(800);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'review-step-14-event.png') });
  // The timeline's own line is below the fold until asked for.
  const explanation = page.getByTestId('explanation');
  await line.getByRole('button', { name: 'Show it in the timeline' }).click();
  await expect
    .poll(async () => {
      const b = await explanation.boundingBox();
      return b !== null && b.y >= 0 && b.y + b.height <= 800;
    })
    .toBe(true);
  await expect
    .poll(() => explanation.textContent())
    .toMatch(/^msi-program The host writes the device's MSI-X table entry 2/);
  // A config-only step names no event: no line.
  await page.getByRole('button', { name: 'Next ▶' }).click();
  await expect.poll(() => page.getByTestId('walk-position').textContent()).toBe('15 / 27');
  await expect.poll(() => line.count()).toBe(0);
  expect(errors).toEqual([]);
});
