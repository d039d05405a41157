/**
 * Field meanings in the explorer (issue #14): the register inspector, the field tree, the hover card and
 * the hex dump's annotation all show what a field means in lspci's words, read from the shown view.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'lspci-golden');

const browser = useBrowser();

it('shows each field meaning beside its kernel name in the inspector, tree, hover card and hex dump', async () => {
  const url = `${inject('baseUrl')}#device=qca6390&select=PCI_EXP_DEVCAP`;
  const { page, errors } = await openPage(browser, url);
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  const payload = inspector.getByRole('rowheader', { name: /PCI_EXP_DEVCAP_PAYLOAD/ });
  await expect.poll(() => payload.textContent(), { timeout: 120_000 }).toContain('MaxPayload 256 bytes');
  await expect(
    inspector.getByRole('rowheader', { name: /PCI_EXP_DEVCAP_FLR/ }).textContent(),
  ).resolves.toContain('FLReset+');

  const tree = page.getByRole('region', { name: 'Field tree' });
  await expect
    .poll(() =>
      tree
        .getByRole('treeitem', { name: /PCI_EXP_DEVCAP_PAYLOAD/ })
        .first()
        .textContent(),
    )
    .toMatch(/PCI_EXP_DEVCAP_PAYLOAD: 1 → MaxPayload 256 bytes/);

  // The MSI address reads as one 32-bit address on this 32-bit capability, per view: the guest reads
  // QEMU's emulated capability (nothing written yet), the VMM vfio's vconfig copy of the device's value.
  await page.goto(`${inject('baseUrl')}#device=qca6390&select=PCI_MSI_ADDRESS_LO`);
  await expect
    .poll(() => page.getByTestId('reads-as').textContent(), { timeout: 120_000 })
    .toMatch(
      /^lspci reads it as guest: Address: 00000000 · VMM: Address: fee00578 · physical: Address: fee00578$/,
    );
  await expect
    .poll(() => page.getByRole('region', { name: 'Hex dump' }).locator('.hex-note').textContent())
    .toBe('0x54 PCI_MSI_ADDRESS_LO → Address: fee00578');
  await expect.poll(() => page.getByTestId('bit-tooltip').textContent()).toContain('Address: ');
  // Each capability row carries lspci's summary, and the inspector shows lspci's block for the structure.
  await expect
    .poll(() =>
      page
        .getByRole('region', { name: 'Field tree' })
        .getByText(/^0x50 MSI/)
        .textContent(),
    )
    .toMatch(/^0x50 MSI — Enable[+-] Count=\d+\/32 Maskable\+ 64bit-$/);
  await page.getByText('lspci -vvv of MSI').click();
  await expect
    .poll(() => inspector.locator('.lspci-block pre').textContent())
    .toMatch(/^Capabilities: \[50\] MSI: Enable[+-] Count=\d+\/32 Maskable\+ 64bit-\n {2}Address: /);
  expect(errors).toEqual([]);
});

it('shows the meanings of capabilities beyond PCIe: a VC resource of the ICH8 audio function', async () => {
  const url = `${inject('baseUrl')}#device=8086-284b-ich8-hda-audio&select=0x120.L`;
  const { page, errors } = await openPage(browser, url);
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await expect
    .poll(() => inspector.getByRole('rowheader', { name: /PCI_VC_RES_CTRL_TC_MAP/ }).textContent(), {
      timeout: 120_000,
    })
    .toContain('TC/VC=80');
  const tree = page.getByRole('region', { name: 'Field tree' });
  await expect
    .poll(() =>
      tree
        .getByRole('treeitem', { name: /PCI_VC_RES_CTRL_ID/ })
        .first()
        .textContent(),
    )
    .toMatch(/PCI_VC_RES_CTRL_ID: 1 → ID=1/);
  await expect
    .poll(() => page.getByRole('region', { name: 'Hex dump' }).locator('.hex-note').textContent())
    .toBe('0x120 PCI_VC_RES_CTRL(1) → TC/VC=80 ArbSelect=Fixed ID=1 Enable+');
  expect(errors).toEqual([]);
});

/** One device's lines from a golden dump file (its slot line and hex lines). */
function deviceText(file: string, slot: string): string {
  const text = readFileSync(join(GOLDEN, file), 'latin1');
  return text.split(/\n\n+/).find((d) => d.startsWith(`${slot} `))!;
}

/** Imports a pasted dump, then selects `register` through the link's `select` key. */
async function importAndSelect(page: Page, dump: string, register: string): Promise<void> {
  const before = await page.evaluate(() => location.hash);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a dump' });
  await dialog.getByLabel('Dump text').fill(dump);
  await dialog.getByRole('button', { name: 'Import' }).click();
  // The link carries the imported dump once the explorer shows it (a new token, not the previous one's).
  await expect
    .poll(
      () => page.evaluate((b) => location.hash !== b && location.hash.includes('device=custom'), before),
      {
        timeout: 120_000,
      },
    )
    .toBe(true);
  await page.evaluate((r) => {
    const q = new URLSearchParams(location.hash.slice(1));
    q.set('select', r);
    location.hash = q.toString();
  }, register);
}

it('shows HyperTransport registers after the revision ID and a PCI-X bridge in lspci words', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  // AMD RD890: a slave/primary interface at 0xc4, revision 3.00.
  await importAndSelect(page, deviceText('pciutils-tests/cap-ht.txt', '00:00.0'), 'PCI_HT_PRI_EH');
  const tree = page.getByRole('region', { name: 'Field tree' });
  await expect
    .poll(() => tree.getByText(/^0xc4 HyperTransport/).textContent(), { timeout: 120_000 })
    .toBe('0xc4 HyperTransport — Slave or Primary Interface');
  await expect
    .poll(() => page.getByRole('region', { name: 'Hex dump' }).locator('.hex-note').textContent())
    .toBe(
      '0xda PCI_HT_PRI_EH → PFlE- OFlE- PFE- OFE- EOCFE- RFE- CRCFE- SERRFE- CF- RE- PNFE- ONFE- EOCNFE- RNFE- CRCNFE- SERRNFE-',
    );
  await expect
    .poll(() =>
      tree
        .getByRole('treeitem', { name: /PCI_HT_PRI_MBU/ })
        .first()
        .textContent(),
    )
    .toMatch(/^PCI_HT_PRI_MBU = 0x00 \(0\) → Prefetchable memory behind bridge Upper: 00-00/);
  await screenshot(page, 'meanings-hypertransport');

  // A PCI-X bridge (header type 1): vfio-pci never binds it, so the views show its physical bytes, the
  // only ones it has, while the chosen VMM view waits (disabled) for the next device.
  const values = page.locator('select:has(option[value=physical])');
  expect(await values.inputValue()).toBe('vmm');
  await importAndSelect(page, deviceText('synthetic/cap-07-bridges.txt', '00:03.0'), 'PCI_X_BRIDGE_SSTATUS');
  await expect.poll(() => values.inputValue()).toBe('physical');
  expect(await values.isDisabled()).toBe(true);
  expect(await values.getAttribute('title')).toMatch(/^Physical only: .*, so there is no guest or VMM view$/);
  await expect
    .poll(() => page.getByRole('region', { name: 'Hex dump' }).locator('.hex-note').textContent())
    .toBe('0x7e PCI_X_BRIDGE_SSTATUS → 64bit- 133MHz+ SCD+ USC+ SCO+ SRD+ Freq=133MHz');
  await expect
    .poll(() =>
      tree
        .getByRole('treeitem', { name: /PCI_X_SSTATUS_FREQ/ })
        .first()
        .textContent(),
    )
    .toMatch(/PCI_X_SSTATUS_FREQ: 3 → Freq=133MHz$/);
  await expect.poll(() => tree.getByText(/^0x7c PCI-X/).textContent()).toBe('0x7c PCI-X — bridge device');
  await screenshot(page, 'meanings-pcix-bridge');
  // Back on a device vfio-pci binds, the chosen view is the one shown again.
  await page.getByRole('combobox', { name: 'Device', exact: true }).selectOption('qca6390');
  await expect.poll(() => values.inputValue()).toBe('vmm');
  expect(await values.isDisabled()).toBe(false);
  expect(errors).toEqual([]);
});
