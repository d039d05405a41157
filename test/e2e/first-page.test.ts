/** The built app in headless Chromium: the default device decoded through the engine, presets, NOVIRT, refusals. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const registerRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

it('opens on a useful default device, never a blank page', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/^01:00\.0 .*8086:095a/);
  const caps = page.getByRole('navigation', { name: 'Capabilities' });
  await expect
    .poll(() => caps.getByRole('button').allTextContents())
    .toEqual([
      '0x00 Header (type 0)',
      '0xc8 Power Management',
      '0xd0 MSI',
      '0x40 Express',
      '0x100 Advanced Error Reporting',
      '0x140 Device Serial Number',
      '0x14c Latency Tolerance Reporting',
      '0x154 L1 PM Substateshidden by vfio · raw',
    ]);
  await screenshot(page, 'first-page-default');
  expect(errors).toEqual([]);
});

it('shows MSI address as virtual, then physical and read-only after PCI_MSI_NOVIRT', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('button', { name: /0xd0 MSI/ }).click();
  const row = registerRow(page, 'PCI_MSI_ADDRESS_LO');
  await expect
    .poll(() => row.getByRole('cell').allTextContents())
    .toEqual([
      '0xd4',
      '0xfee0f00c vconfig 0xffffffff',
      '0xfee0f00c',
      '0xffffffff',
      '0xffffffff',
      expect.stringMatching(/^Virtual: the guest programs vconfig only.*\(init_pci_cap_msi_perm\)$/),
    ]);
  await page.getByRole('checkbox', { name: /SET PCI_MSI_NOVIRT/ }).check();
  await expect.poll(() => page.locator('output').textContent()).toBe('ioctl returned 0');
  await expect
    .poll(() => row.getByRole('cell').allTextContents())
    .toEqual([
      '0xd4',
      '0xfee0f00c',
      '0xfee0f00c',
      '0x00000000',
      '0x00000000',
      expect.stringMatching(/^PCI_MSI_NOVIRT \(RFC\)/),
    ]);
  await screenshot(page, 'first-page-novirt');
  expect(errors).toEqual([]);
});

it('explains a device vfio-pci refuses and still decodes it', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('combobox', { name: 'Device' }).selectOption('8086-3408-x58-root-port');
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/type 1 \(PCI-to-PCI bridge\)/);
  await expect.poll(() => page.getByRole('button', { name: /0x60 MSI/ }).count()).toBe(1);
  expect(errors).toEqual([]);
});

it('without the RFC the feature cannot be set', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('checkbox', { name: /carries the PCI_MSI_NOVIRT RFC/ }).uncheck();
  await expect.poll(() => page.getByRole('checkbox', { name: /SET PCI_MSI_NOVIRT/ }).isDisabled()).toBe(true);
});
