/**
 * Field meanings in the explorer (issue #14): the register inspector, the field tree, the hover card and
 * the hex dump's annotation all show what a field means in lspci's words, read from the shown view.
 */
import { expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser';

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
