/** The explorer in headless Chromium: the flows issue #4 names, with the real built app. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { PALETTES } from '../../app/bitmap/palette';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lspci');

/** The whole explorer is on screen: the first screen, then the views rendered right after it. */
async function ready(page: Page) {
  await page.getByRole('grid', { name: 'Config space' }).waitFor();
  await page.getByTestId('bitmap-canvas').waitFor();
  await page.getByRole('region', { name: 'Hex dump' }).waitFor();
  await page.getByRole('region', { name: 'Field tree' }).waitFor();
}

/** Screen position of a bit in the canvas (rows of 16 bytes, MSB first). */
async function bitPoint(page: Page, offset: number, bit: number) {
  const box = (await page.getByTestId('bitmap-canvas').boundingBox())!;
  const rows = Number(await page.getByRole('grid', { name: 'Config space' }).getAttribute('aria-rowcount'));
  const col = (offset % 16) * 8 + (7 - bit);
  return {
    x: box.x + ((col + 0.5) * box.width) / 128,
    y: box.y + ((Math.floor(offset / 16) + 0.5) * box.height) / rows,
  };
}

/** RGB of a bit's cell in the canvas backing store (2×2 px per bit; the top-left pixel is the base colour). */
const cellColour = (page: Page, offset: number, bit: number) =>
  page.evaluate(
    ([o, b]) => {
      const c = document.querySelector('[data-testid=bitmap-canvas]') as HTMLCanvasElement;
      const x = ((o % 16) * 8 + (7 - b)) * 2;
      const y = Math.floor(o / 16) * 2;
      return [...c.getContext('2d')!.getImageData(x, y, 1, 1).data.slice(0, 3)];
    },
    [offset, bit],
  );

const inspector = (page: Page) => page.getByRole('region', { name: 'Register inspector' });
const viewRow = (page: Page, label: string) =>
  inspector(page).getByRole('row', { name: new RegExp(`^${label}`) });

it('opens on the reconstructed QCA6390 with every region named, no console error, no serious axe violation', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await expect
    .poll(() => page.locator('.device-title').textContent())
    .toMatch(/QCA6390 \[17cb:1101\] \(reconstructed\)/);
  await expect.poll(() => page.locator('.note').textContent()).toMatch(/^Reconstructed, not dumped/);
  for (const name of ['Register inspector', 'Hex dump', 'Field tree'])
    await expect.poll(() => page.getByRole('region', { name }).count()).toBe(1);
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/^MSI › PCI_MSI_ADDRESS_LO @0x54, 4 bytes/);
  await screenshot(page, 'explorer-default');
  // The interrupt-path panel has its own axe check (paths.test.ts).
  const axe = await new AxeBuilder({ page }).exclude('[aria-label="Interrupt path"]').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  expect(errors).toEqual([]);
  // A whole-page axe scan of 32k-bit views takes ~20 s on two busy cores.
});

it('switching preset re-decodes: the Intel 7265 opens on its MSI address at 0xd4', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await page
    .getByRole('combobox', { name: 'Device', exact: true })
    .selectOption('8086-095a-wireless-7265-wifi');
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/^01:00\.0 .*8086:095a/);
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/@0xd4, 4 bytes/);
  await expect.poll(() => page.locator('.note').count()).toBe(0);
});

it('hovering a bit names it in every view; clicking selects it in bitmap, hex, tree and inspector alike', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  const p = await bitPoint(page, 0x54, 3);
  await page.mouse.move(p.x, p.y);
  const status = page.getByTestId('bit-tooltip');
  await expect.poll(() => status.textContent()).toMatch(/^MSI › PCI_MSI_ADDRESS_LO › bit 3/);
  await expect.poll(() => status.textContent()).toMatch(/guest0 from QEMUVMM1 from vconfigphysical1/);
  await expect.poll(() => status.textContent()).toMatch(/virtualized, writable \(vconfig\)/);
  await page.getByRole('combobox', { name: 'Device', exact: true }).selectOption('8086-10c9-82576-igb-sriov');
  // The views are on screen already (the QCA6390's): wait for the 82576's before measuring its bitmap.
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/8086:10c9/);
  await ready(page);
  const q = await bitPoint(page, 0x04, 2);
  await page.mouse.click(q.x, q.y);
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/^Header › PCI_COMMAND @0x04, 2 bytes/);
  // The inspector's VMM value is the two bytes the hex dump marks selected (both read once they agree).
  await expect
    .poll(async () => {
      const hex = await page.locator('.hex-byte.sel').allTextContents();
      return [await viewRow(page, 'VMM').getByRole('cell').first().textContent(), `0x${hex[1]}${hex[0]}`];
    })
    .toSatisfy(([vmm, hex]) => vmm === hex);
  await expect
    .poll(() => page.getByRole('treeitem', { selected: true }).textContent())
    .toMatch(/^PCI_COMMAND = 0x/);
  await screenshot(page, 'explorer-select-command');
  // And from the hex dump: hovering a byte names it, clicking selects its register everywhere.
  await page.locator('.hex-byte[data-offset="82"]').hover();
  await expect.poll(() => status.textContent()).toMatch(/^MSI › PCI_MSI_FLAGS/);
  await page.locator('.hex-byte[data-offset="82"]').click();
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/^MSI › PCI_MSI_FLAGS @0x52, 2 bytes/);
  await expect.poll(() => page.locator('.hex-byte.sel').count()).toBe(2);
});

it('a guest write of the MSI address lands in vconfig only: the split and the three views say so', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await page.getByLabel('value 0x').fill('fee01000');
  await page.getByRole('button', { name: 'Write', exact: true }).click();
  const split = page.getByTestId('write-split');
  await expect.poll(() => split.textContent()).toMatch(/to vconfig1{32}to hardware0{32}dropped0{32}/);
  await expect.poll(() => viewRow(page, 'Guest').getByRole('cell').first().textContent()).toBe('0xfee01000');
  await expect.poll(() => viewRow(page, 'VMM').getByRole('cell').first().textContent()).toBe('0xfee01000');
  await expect
    .poll(() => viewRow(page, 'Physical').getByRole('cell').first().textContent())
    .toBe('0xfee00578');
  await screenshot(page, 'explorer-guest-write');
});

it('PCI_MSI_NOVIRT: the ioctl returns 0, the masks drop to 0/0 and the diff overlay marks exactly those bits', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await page.getByLabel('Overlay').selectOption('diff-novirt');
  // The light palette's diff and no-difference swatches (the page follows the light system scheme here).
  const { diff, faint } = PALETTES.light;
  expect(diff.base).toEqual([204, 121, 167]);
  await expect.poll(() => cellColour(page, 0x54, 3)).toEqual(diff.base);
  await expect.poll(() => cellColour(page, 0x52, 0)).toEqual(faint.base);
  await expect.poll(() => cellColour(page, 0x5a, 0)).toEqual(faint.base);
  await page.getByRole('button', { name: 'SET PCI_MSI_NOVIRT' }).click();
  await expect.poll(() => page.getByTestId('feature-ret').textContent()).toBe('ioctl returned 0');
  await expect
    .poll(() => viewRow(page, 'virt / write').textContent())
    .toMatch(/virt 0x00000000 · write 0x00000000/);
  await page.getByLabel('value 0x').fill('12345678');
  await page.getByRole('button', { name: 'Write', exact: true }).click();
  await expect.poll(() => page.getByTestId('write-split').textContent()).toMatch(/dropped1{32}/);
  await screenshot(page, 'explorer-novirt');
});

it('imports a pasted dump, and explains a bad one with the failing line', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a dump' });
  await dialog.getByLabel('Dump text').fill('02:00.0 Network controller\n00: 8c 16 3c 00\nhello world\n');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect
    .poll(() => dialog.getByTestId('import-error').textContent())
    .toMatch(/^line 3: "hello world" is neither/);
  await expect.poll(() => dialog.locator('pre').textContent()).toBe('3: hello world');
  const axe = await new AxeBuilder({ page }).include('[role=dialog]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await dialog
    .getByLabel('Dump text')
    .fill(readFileSync(join(FIXTURES, '15b3-1019-connectx5-ex-nic.txt'), 'utf8'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect
    .poll(() => page.locator('.device-title').textContent())
    .toMatch(/^01:00\.0 Ethernet controller: Mellanox/);
  await expect
    .poll(() => page.getByRole('combobox', { name: 'Device', exact: true }).inputValue())
    .toBe('custom');
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/PCI_COMMAND @0x04/);
});

it('keyboard: arrows move the bit cursor, Enter selects, Ctrl+K runs a command', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await page.getByRole('grid', { name: 'Config space' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.getByTestId('bit-tooltip').textContent()).toMatch(/0x54 bit 6/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.getByTestId('bit-tooltip').textContent()).toMatch(/0x65 bit 6/);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => inspector(page).getByRole('heading', { level: 2 }).textContent())
    .toMatch(/@0x65, 1 byte/);
  await expect.poll(() => page.getByRole('gridcell', { selected: true }).textContent()).toMatch(/bit 6/);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.waitFor();
  const axe = await new AxeBuilder({ page }).include('[role=dialog]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await palette.getByRole('textbox', { name: 'Command' }).fill('compact');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('checkbox', { name: '256-byte map' }).isChecked()).toBe(true);
  await expect
    .poll(() => page.getByRole('grid', { name: 'Config space' }).getAttribute('aria-rowcount'))
    .toBe('16');
  await screenshot(page, 'explorer-keyboard');
});
