/**
 * The config explorer follows the scenario: a timeline config link shows the scenario's device as that
 * step left it (the guest's MSI writes, PCI_MSI_NOVIRT), says so, and keeps the user's device and op-log
 * one "Back to your device" or one Back away.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';
import { followBanner, inspector, viewValue } from './follow-helpers';

const browser = useBrowser();

const opLog = (page: Page) => page.getByRole('region', { name: 'Op-log' });

it('a timeline config link shows that step of S2 and keeps the op-log; Back to your device and Back return', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#novirt=1`);
  const p = page.getByRole('region', { name: 'Interrupt path' });
  await p.getByRole('slider', { name: 'Timeline' }).waitFor();
  // One op from the link (NOVIRT) and one written here, as the guest, at the MSI data register.
  await page.keyboard.press('m');
  const write = inspector(page).getByRole('form', { name: 'Write a register' });
  await write.getByRole('textbox').fill('1234');
  await write.getByRole('button', { name: 'Write' }).click();
  await expect.poll(() => opLog(page).getByRole('listitem').count()).toBe(2);
  const ownOps = await opLog(page).getByRole('list').textContent();
  expect(ownOps).toMatch(/VFIO_DEVICE_FEATURE flags 0x2000b, argsz 8.*guest writes 0x1234 to 0x54\.L/);

  // S2's event 7 is the guest's MSI data write; event 6 wrote the address.
  await p.getByRole('slider', { name: 'Timeline' }).fill('7');
  await p.getByRole('button', { name: 'Show 0x58/2 in config space at step 7' }).click();
  const banner = followBanner(page);
  await expect.poll(() => banner.textContent()).toMatch(/^S2’s device \[17cb:1103\] as event 7 left it/);
  await expect.poll(() => banner.textContent()).toMatch(/PCI_MSI_NOVIRT not set/);
  await expect
    .poll(() => inspector(page).getByRole('heading').first().textContent())
    .toMatch(/PCI_MSI_DATA_32 @0x58/);
  await expect.poll(() => viewValue(page, 'Guest (QEMU)')).toBe('0x0021');
  await expect.poll(() => viewValue(page, 'VMM (vfio region)')).toBe('0x0021');
  await expect.poll(() => viewValue(page, 'Physical')).toBe('0x0000');
  // The MSI address the guest wrote at event 6 is in vconfig too; the device has not been told yet.
  await page.keyboard.press('m');
  await expect.poll(() => viewValue(page, 'Guest (QEMU)')).toBe('0xfee00000');
  await expect.poll(() => viewValue(page, 'VMM (vfio region)')).toBe('0xfee00000');
  await expect.poll(() => viewValue(page, 'Physical')).toBe('0x00000000');
  // What the scenario did is listed; the user's own op-log is still there, unchanged.
  await expect
    .poll(() => page.getByRole('region', { name: 'Scenario config accesses' }).getByRole('listitem').count())
    .toBe(2);
  await expect.poll(() => opLog(page).getByRole('list').textContent()).toBe(ownOps);
  // The address bar takes the state a moment after the screen (app/url/sync.ts debounces its writes).
  await expect.poll(() => page.url()).toMatch(/step=7.*follow=1/);
  await screenshot(page, 'follow-s2-step7');

  // The views follow the cursor: after SET_IRQS the hardware holds the host's message.
  await p.getByRole('slider', { name: 'Timeline' }).fill('20');
  await expect.poll(() => viewValue(page, 'Physical')).toBe('0xfee00578');
  await expect.poll(() => viewValue(page, 'VMM (vfio region)')).toBe('0xfee00000');

  await banner
    .getByRole('button', { name: /^Back to your device \(Qualcomm QCA6390.*, 2 operations\)$/ })
    .click();
  await expect.poll(() => banner.count()).toBe(0);
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/QCA6390/);
  await expect.poll(() => opLog(page).getByRole('list').textContent()).toBe(ownOps);
  // The user's guest write is what the guest view shows again.
  await expect.poll(() => viewValue(page, 'Guest (QEMU)')).toBe('0x00001234');
  await expect.poll(() => page.url()).not.toMatch(/follow=1/);

  // Following again, then the browser's Back: the user's device and op-log.
  await p.getByRole('slider', { name: 'Timeline' }).fill('6');
  await p.getByRole('button', { name: 'Show 0x54/4 in config space at step 6' }).click();
  await expect.poll(() => banner.count()).toBe(1);
  // The address bar takes the new entry a moment after the screen changes: Back needs it there first.
  await expect.poll(() => page.url()).toMatch(/step=6.*follow=1/);
  await page.goBack();
  await expect.poll(() => banner.count()).toBe(0);
  await expect.poll(() => opLog(page).getByRole('list').textContent()).toBe(ownOps);
  expect(errors).toEqual([]);
});

it('a follow=1 link opens S3 at its step: the guest wrote the address, NOVIRT leaves vconfig out of it', async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#v=2&select=0x54.L&scenario=S3&step=9&follow=1`,
  );
  const banner = followBanner(page);
  await expect.poll(() => banner.textContent()).toMatch(/^S3’s device \[17cb:1103\] as event 9 left it/);
  await expect.poll(() => banner.textContent()).toMatch(/PCI_MSI_NOVIRT set by event 0/);
  await expect.poll(() => banner.textContent()).toMatch(/ath quirk/);
  await expect.poll(() => viewValue(page, 'Guest (QEMU)')).toBe('0xfee00000');
  // The VMM view (what the quirk reads) is the hardware's, which SET_IRQS has not written yet.
  await expect.poll(() => viewValue(page, 'VMM (vfio region)')).toBe('0x00000000');
  await expect
    .poll(() => inspector(page).getByRole('table', { name: 'Three views' }).textContent())
    .toMatch(/virt 0x00000000/);
  await screenshot(page, 'follow-s3-step9');
  // A bare-metal scenario has no vfio config space: the link says so instead of opening one.
  await page.getByRole('combobox', { name: /^Scenario/ }).selectOption('S1');
  await expect
    .poll(() => page.getByRole('alert').first().textContent())
    .toMatch(/cannot follow the scenario: S1 runs on bare metal/);
  expect(errors).toEqual([]);
});
