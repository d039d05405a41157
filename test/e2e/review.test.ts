/**
 * The review walkthrough's side views in the built app: the thread as "who said what, when" with the
 * current step's mail marked and rows opening their steps, glossary terms whose definitions open on
 * keyboard focus, and the patch's return paths as the engine answers them on the chosen kernel.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const at = (fragment: string) => `${inject('baseUrl')}#${fragment}`;
const walkPosition = (page: Page) => page.getByTestId('walk-position');
const thread = (page: Page) => page.getByRole('region', { name: 'Who said what, when' });

it('who said what, when: twelve mails, the current one marked, each row opening its steps', async () => {
  const { page, errors } = await openPage(browser, at('walk=novirt-review&wstep=17'));
  await expect.poll(() => walkPosition(page).textContent()).toBe('17 / 27');
  const rows = thread(page).locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(12);
  const current = thread(page).locator('tbody tr[aria-current="true"]');
  await expect.poll(() => current.count()).toBe(1);
  await expect.poll(() => current.textContent()).toContain('Jason Gunthorpe');
  await expect
    .poll(() => current.getByRole('link').getAttribute('href'))
    .toBe('https://lore.kernel.org/all/20240814152025.GA3468552@ziepe.ca/');
  // The three Message-IDs found in the archives are there, as links.
  for (const id of [
    '20240813231642.GR1985367@ziepe.ca',
    '20240814085505.60819623.alex.williamson@redhat.com',
    '20250103151900.GE26854@ziepe.ca',
  ])
    await expect.poll(() => thread(page).getByRole('link', { name: id }).count()).toBe(1);
  await thread(page)
    .getByRole('button', { name: /^Step 10, citing Thomas Gleixner/ })
    .click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('10 / 27');
  await expect
    .poll(() => thread(page).locator('tbody tr[aria-current="true"]').textContent())
    .toContain('Thomas Gleixner');
  expect(errors).toEqual([]);
});

it('a glossary term opens its definition on keyboard focus and closes on Escape', async () => {
  const { page, errors } = await openPage(browser, at('walk=novirt-review&wstep=1'));
  const term = page.getByRole('button', { name: 'VT-d' });
  await term.focus();
  const tip = page.getByRole('tooltip').filter({ hasText: 'Intel’s IOMMU' });
  await expect.poll(() => tip.isVisible()).toBe(true);
  const described = await term.getAttribute('aria-describedby');
  await expect.poll(() => tip.getAttribute('id')).toBe(described);
  // The tooltip stays inside the walkthrough panel.
  const panel = (await page.getByRole('complementary', { name: 'Walkthrough' }).boundingBox())!;
  const box = (await tip.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
  await screenshot(page, 'review-glossary');
  await page.keyboard.press('Escape');
  await expect.poll(() => tip.isVisible()).toBe(false);
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 27');
  expect(errors).toEqual([]);
});

it('the patch beside the state: return paths as the engine answers them, and where another kernel differs', async () => {
  const { page, errors } = await openPage(browser, at('walk=novirt-review&wstep=2'));
  const patch = page.getByRole('region', { name: 'The patch' });
  await patch.waitFor();
  const text = (await patch.textContent())!;
  expect(text).toContain('PCI_MSI_ADDRESS_LO (0x54)');
  expect(text).toContain('0xffffffff → 0x00000000');
  expect(text).toContain('engine: -ENOTTY');
  expect(text).toContain('engine: -EINVAL');
  expect(text).not.toContain('differs from the RFC kernel');
  await screenshot(page, 'review-patch');
  await page.goto(at('walk=novirt-review&wstep=2&kernel=v6.11'));
  await expect.poll(async () => (await patch.textContent()) ?? '').toContain('differs from the RFC kernel');
  await expect.poll(() => patch.textContent()).toContain('does not carry the RFC');
  expect(errors).toEqual([]);
});
