/**
 * The kernel is a choice in the toolbar and in the link: each version's rules show in the inspector with
 * their commit, feature 11 answers as that kernel does, the diff-kernel overlay compares two kernels, and
 * a refused power state shows with its errno in the write panel and the inspector.
 *
 * The toolbar's picker is found by its exact name "Kernel": the interrupt-path panel's scenario controls
 * (rendered just after the first screen) have a "Host kernel" picker, which Playwright's default
 * substring match also finds once that panel is there.
 */
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const IGB = 'device=8086-10c9-82576-igb-sriov';
const hash = (page: { url(): string }) => new URL(page.url()).hash;

it('switching the kernel changes the PCIe capability’s length, the inspector’s note and the link', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(browser, `${base}#${IGB}&select=0xd2.W`);
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  const note = inspector.getByTestId('kernel-note');
  await expect
    .poll(() => note.textContent(), { timeout: 120_000 })
    .toMatch(
      /^PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x32 on v6\.11 \+ the RFC, from fb82437fdd8c .*just past the PCIe capability/,
    );
  await expect.poll(() => inspector.getByTestId('why').textContent()).toMatch(/raw access to the device/);
  const kernel = page.getByRole('combobox', { name: 'Kernel', exact: true });
  await expect.poll(() => kernel.inputValue()).toBe('v6.11-rfc');
  await kernel.selectOption('v7.0');
  await expect.poll(() => hash(page)).toBe(`#v=2&${IGB}&kernel=v7.0&select=0xd2.W`);
  await expect
    .poll(() => note.textContent())
    .toMatch(
      /^PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x34 on v7\.0, from 39195990e4c0 .*inside the PCIe capability/,
    );
  await screenshot(page, 'kernel-v7-lnksta2');
  expect(errors).toEqual([]);
});

it('an old kernel=mainline link opens on v6.11; feature 11 answers -ENOTTY there and -EINVAL on v7.0', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(browser, `${base}#kernel=mainline&novirt=1&select=0x54.L`);
  const kernel = page.getByRole('combobox', { name: 'Kernel', exact: true });
  await expect.poll(() => kernel.inputValue(), { timeout: 120_000 }).toBe('v6.11');
  const ret = page.getByTestId('feature-ret');
  await expect.poll(() => ret.textContent()).toBe('ioctl returned -ENOTTY');
  await kernel.selectOption('v7.0');
  await expect.poll(() => ret.textContent()).toBe('ioctl returned -EINVAL');
  await expect
    .poll(() => page.getByRole('form', { name: 'VFIO_DEVICE_FEATURE' }).textContent())
    .toMatch(/On v7\.0, 11 is VFIO_DEVICE_FEATURE_DMA_BUF \(GET only, 16-byte argument\), from 5d74781ebc86/);
  await kernel.selectOption('v6.11-rfc');
  await expect.poll(() => ret.textContent()).toBe('ioctl returned 0');
  expect(errors).toEqual([]);
});

it('the diff-kernel overlay compares with a chosen kernel and says which two in the legend', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(browser, `${base}#${IGB}&novirt=1&overlay=diff-kernel`);
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect
    .poll(() => legend.textContent(), { timeout: 120_000 })
    .toBe('bits whose virt/write differ between v7.0 and v6.11 + the RFC (same op-log)no difference');
  await page.getByRole('combobox', { name: 'Compared with' }).selectOption('v6.11');
  await expect
    .poll(() => hash(page))
    .toMatch(/^#v=2&device=8086-10c9-82576-igb-sriov&kvs=v6\.11&novirt=1&.*overlay=diff-kernel/);
  await expect.poll(() => legend.textContent()).toMatch(/between v6\.11 and v6\.11 \+ the RFC/);
  await screenshot(page, 'kernel-diff-overlay');
  expect(errors).toEqual([]);
});

it('a refused power state shows its errno in the write panel and the inspector; the write succeeded', async () => {
  const base = inject('baseUrl');
  const { page, errors } = await openPage(browser, `${base}#${IGB}&select=0x44.W`);
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  const power = inspector.getByTestId('power-state');
  await expect
    .poll(() => power.textContent(), { timeout: 120_000 })
    .toBe('PCI core power state (pdev->current_state): D0');
  const form = page.getByRole('form', { name: 'Write a register' });
  await form.getByRole('radio', { name: 'as the VMM' }).check();
  await form.getByRole('textbox', { name: /value/ }).fill('2001');
  await form.getByRole('button', { name: 'Write' }).click();
  await expect
    .poll(() => form.getByTestId('write-split').locator('.effects').textContent())
    .toBe(
      'pci_set_low_power_state returned -EIO: D0 → D1 refused (PMC does not advertise D1); nothing changed' +
        ' — vfio ignores the result, so the write itself succeeded.',
    );
  await expect
    .poll(() => power.textContent())
    .toBe(
      'PCI core power state (pdev->current_state): D0 · last request: pci_set_low_power_state -EIO: ' +
        'D0 → D1 refused (PMC does not advertise D1); nothing changed',
    );
  await screenshot(page, 'kernel-power-refused');
  expect(errors).toEqual([]);
});
