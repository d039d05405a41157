/** Issue #16, find anything: Ctrl+K and the toolbar's search box by name, setpci address and lspci's words. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { openAt, ready, seriousViolations } from './ux-helpers';

const browser = useBrowser();

const heading = (page: Page) =>
  page.getByRole('region', { name: 'Register inspector' }).getByRole('heading').first();
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const options = (page: Page) => palette(page).getByRole('option');

async function openPalette(page: Page) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+k');
  await palette(page).waitFor();
}

it('Ctrl+K, PCI_MSI_DATA_32, Enter: the register is selected and the focus is in the Register inspector', async () => {
  const { page, errors } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  await openPalette(page);
  await page.keyboard.type('PCI_MSI_DATA_32');
  await expect.poll(() => options(page).first().textContent()).toMatch(/^PCI_MSI_DATA_32/);
  expect(await seriousViolations(page, '[role=dialog]')).toEqual([]);
  await screenshot(page, 'find-palette');
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/^MSI › PCI_MSI_DATA_32 @0x58, 2 bytes/);
  await expect.poll(() => focusedName(page)).toBe('Register inspector');
  await expect.poll(() => palette(page).count()).toBe(0);
  expect(errors).toEqual([]);
});

it.each([
  ['CAP_MSI+4.L', /^PCI_MSI_ADDRESS_LO/, /@0x54, 4 bytes/],
  ['0x54.L', /^PCI_MSI_ADDRESS_LO/, /@0x54, 4 bytes/],
  ['BusMaster', /^PCI_COMMAND_MASTER/, /PCI_COMMAND @0x04, 2 bytes/],
  ['MaxReadReq', /^PCI_EXP_DEVCTL_READRQ/, /PCI_EXP_DEVCTL @0x78, 2 bytes/],
  ['Masking', /^PCI_MSI_MASK_32/, /PCI_MSI_MASK_32 @0x5c, 4 bytes/],
])('Ctrl+K finds %s first and Enter selects it', async (query, first, selected) => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  await openPalette(page);
  await page.keyboard.type(query);
  await expect.poll(() => options(page).first().textContent()).toMatch(first);
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(selected);
  await expect.poll(() => focusedName(page)).toBe('Register inspector');
});

it('actions are listed after the matches, named as actions, and run only when picked', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  await openPalette(page);
  await page.keyboard.type('msi');
  const matches = palette(page).getByRole('group', { name: 'Registers and fields' }).getByRole('option');
  const actions = palette(page).getByRole('group', { name: 'Actions' }).getByRole('option');
  await expect.poll(() => matches.count()).toBeGreaterThan(3);
  await expect.poll(() => actions.count()).toBeGreaterThan(0);
  const all = await options(page).allTextContents();
  const firstAction = all.findIndex((t) => t.startsWith('Action: '));
  expect(firstAction).toBe(await matches.count());
  for (const t of all.slice(firstAction)) expect(t).toMatch(/^Action: /);
  // Typing ran nothing: the NOVIRT action is listed, not done.
  expect(all.some((t) => /^Action: .*PCI_MSI_NOVIRT/.test(t))).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => palette(page).count()).toBe(0);
  await expect
    .poll(() => page.getByRole('region', { name: 'Register inspector' }).textContent())
    .toContain('virt 0xffffffff · write 0xffffffff');
});

it('the toolbar search box finds by lspci word and by address, and Enter moves to the inspector', async () => {
  const { page, errors } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const box = page.getByRole('combobox', { name: 'Find a register or field' });
  await box.fill('DisINTx');
  const list = page.getByRole('listbox', { name: 'Results' });
  await expect
    .poll(() => list.getByRole('option').first().textContent())
    .toMatch(/^PCI_COMMAND_INTX_DISABLE/);
  expect(await seriousViolations(page, '.toolbar')).toEqual([]);
  await screenshot(page, 'find-toolbar');
  await box.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_COMMAND @0x04, 2 bytes/);
  await expect.poll(() => focusedName(page)).toBe('Register inspector');
  await box.fill('CAP_EXP+8.W');
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_EXP_DEVCTL @0x78, 2 bytes/);
  expect(errors).toEqual([]);
});
