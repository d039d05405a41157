/** What the follow e2e files read off the page: the inspector's three views and the follow banner. */
import type { Page } from 'playwright-core';

export const inspector = (page: Page) => page.getByRole('region', { name: 'Register inspector' });

/** The hex value of one of the inspector's three views ("Guest (QEMU)", "VMM (vfio region)", "Physical"). */
export const viewValue = (page: Page, view: string) =>
  inspector(page)
    .getByRole('table', { name: 'Three views' })
    .getByRole('row', { name: new RegExp(`^${view.replace(/[()]/g, '\\$&')}`) })
    .locator('td')
    .first()
    .textContent();

export const followBanner = (page: Page) =>
  page.getByRole('region', { name: 'Config views follow the scenario' });
