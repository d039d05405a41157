/** The register inspector says which QEMU rule (and release) puts a guest register's bits in QEMU's copy. */
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

it('the Resizable BAR CAP register names vfio_setup_rebar_ecap and the QEMU release; COMMAND names none', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(
    browser,
    `${base}#device=1002-7300-fiji-radeon-r9-fury-gpu&select=0x204.L`,
  );
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  const why = inspector.getByTestId('qemu-why');
  await expect
    .poll(() => why.textContent(), { timeout: 120_000 })
    .toMatch(/vfio_setup_rebar_ecap \(QEMU 8\.1 and later; this is QEMU 9\.1/);
  await screenshot(page, 'qemu-why-rebar');
  await page.goto(`${base}#device=1002-7300-fiji-radeon-r9-fury-gpu&select=0x04.W`);
  await inspector.getByText('COMMAND').first().waitFor();
  await expect.poll(() => inspector.getByTestId('qemu-why').count()).toBe(0);
  expect(errors).toEqual([]);
});

it('qemu=8.0 in the link: the toolbar shows QEMU 8.0 and the ReBAR CAP is the vfio region’s again', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(
    browser,
    `${base}#device=1002-7300-fiji-radeon-r9-fury-gpu&qemu=8.0&select=0x204.L`,
  );
  const release = page.getByRole('combobox', { name: 'QEMU release' });
  await expect.poll(() => release.inputValue(), { timeout: 120_000 }).toBe('8.0');
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await inspector.getByText('PCI_REBAR_CAP(0)').first().waitFor();
  await expect.poll(() => inspector.getByTestId('qemu-why').count()).toBe(0);
  await release.selectOption('10.1');
  await expect.poll(() => inspector.getByTestId('qemu-why').textContent()).toMatch(/this is QEMU 10\.1/);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/qemu=10\.1/);
  await screenshot(page, 'qemu-release-select');
  expect(errors).toEqual([]);
});
