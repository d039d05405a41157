/** Issue #16, keyboard and focus: the task in a few keys, the tree's roving tabindex, skip links, zoom, history. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { at, openAt, ready } from './ux-helpers';

const browser = useBrowser();

const inspector = (page: Page) => page.getByRole('region', { name: 'Register inspector' });
const heading = (page: Page) => inspector(page).getByRole('heading').first();
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') || el?.id || el?.textContent || '';
  });

it('select the MSI address, set NOVIRT, run S3 to its first delivery: under 20 keystrokes', async () => {
  const { page, errors } = await openAt(
    browser,
    at(inject('baseUrl'), 'device=8086-095a-wireless-7265-wifi'),
  );
  await ready(page);
  let keys = 0;
  const press = async (k: string) => {
    keys++;
    await page.keyboard.press(k);
  };
  // The 7265 opens on its MSI address too; start elsewhere so "select" is a real step.
  await page.getByRole('combobox', { name: 'Find a register or field' }).fill('PCI_COMMAND');
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_COMMAND @0x04/);
  await press('m');
  await expect.poll(() => heading(page).textContent()).toMatch(/^MSI › PCI_MSI_ADDRESS_LO @0xd4, 4 bytes/);
  await expect.poll(() => focused(page)).toBe('Register inspector');
  await press('Shift+N');
  await expect.poll(() => inspector(page).textContent()).toContain('virt 0x00000000 · write 0x00000000');
  await press('s');
  await expect.poll(() => focused(page)).toBe('scenario-menu');
  // ↓ to the next scenario. (Typing "S3" would race a clock: a menu's type-ahead forgets a key after a
  // second, which a busy machine can take between two keys.)
  await press('ArrowDown');
  await expect.poll(() => page.locator('#scenario-menu').inputValue()).toBe('S3');
  await press('Enter');
  await expect.poll(() => focused(page)).toBe('Timeline');
  await press('d');
  const log = page.getByRole('list', { name: 'Event log', exact: true });
  await expect.poll(() => log.locator('[aria-current="step"]').textContent()).toMatch(/· delivered/);
  // It is the first delivery: no delivered event comes before the cursor.
  const before = await log.evaluate((ol) => {
    const items = [...ol.querySelectorAll('li')];
    const i = items.findIndex((li) => li.getAttribute('aria-current') === 'step');
    return items.slice(0, i).filter((li) => li.classList.contains('delivered')).length;
  });
  expect(before).toBe(0);
  expect(keys).toBeLessThan(20);
  expect(errors).toEqual([]);
});

it('the field tree is one tab stop; arrows move through it, → opens, Enter selects', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const tree = page.getByRole('tree', { name: 'Decoded registers' });
  await expect.poll(() => tree.locator('[role=treeitem][tabindex="0"]').count()).toBe(1);
  // Skip link to the tree: the focus lands on the selected register.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the field tree' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toMatch(/^PCI_MSI_ADDRESS_LO = /);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focused(page)).toMatch(/^PCI_MSI_DATA_32 = /);
  await expect.poll(() => tree.locator('[role=treeitem][tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_MSI_DATA_32 @0x58/);
  // ← goes to the structure, End to the last item, ↑ to a closed structure, → opens it.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focused(page)).toMatch(/^0x50 MSI/);
  // End then ↑ in one task, faster than any frame: ↑ must start from where End went.
  await page.evaluate(() => {
    for (const key of ['End', 'ArrowUp'])
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
  const closed = page.locator('[role=treeitem][aria-expanded="false"]:focus');
  await expect.poll(() => closed.count()).toBe(1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.locator('[role=treeitem]:focus').getAttribute('aria-expanded')).toBe('true');
  // Tab leaves the tree in one step.
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[role=tree]'))).toBe(false);
});

it('skip links reach each region; I, T and / reach inspector, timeline and search', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  await page.keyboard.press('Tab');
  await expect.poll(() => focused(page)).toBe('Skip to the config space bitmap');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('Config space');
  for (const [link, target] of [
    ['Skip to the Register inspector', 'Register inspector'],
    ['Skip to the interrupt path', 'scenario-menu'],
    ['Skip to the timeline', 'Timeline'],
  ]) {
    await page.getByRole('button', { name: link }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(target);
  }
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('i');
  await expect.poll(() => focused(page)).toBe('Register inspector');
  await page.keyboard.press('t');
  await expect.poll(() => focused(page)).toBe('Timeline');
  await page.keyboard.press('/');
  await expect.poll(() => focused(page)).toBe('Find a register or field');
});

it('zoom has buttons and a hint; zoomed in, every row has its offset and registers their names', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const bitmap = page.getByRole('region', { name: 'Bitmap' });
  await expect.poll(() => bitmap.textContent()).toMatch(/\+ \/ − \(or Ctrl\+wheel\) zoom/);
  const gutter = bitmap.locator('.gutter');
  await expect.poll(() => gutter.textContent()).not.toContain('10:');
  await expect.poll(() => page.getByTestId('field-names').count()).toBe(0);
  await page.getByRole('button', { name: 'Zoom in' }).waitFor();
  // d3-zoom loads on demand: keep pressing until the names appear.
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Zoom in' }).click();
      return page.getByTestId('field-names').count();
    })
    .toBe(1);
  await expect.poll(() => gutter.textContent()).toContain('10:');
  await expect.poll(() => page.getByTestId('field-names').textContent()).toContain('MSI_ADDRESS_LO');
  await screenshot(page, 'bitmap-zoomed');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect.poll(() => page.getByTestId('field-names').count()).toBe(0);
  // The keyboard zooms too.
  await page.getByRole('grid', { name: 'Config space' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  await expect.poll(() => page.getByTestId('field-names').count()).toBe(1);
});

it('the write panel shows the last write to this register only', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const write = page.getByRole('form', { name: 'Write a register' });
  await write.getByRole('textbox').fill('fee00000');
  await write.getByRole('button', { name: 'Write' }).click();
  await expect.poll(() => page.getByTestId('write-split').count()).toBe(1);
  const box = page.getByRole('combobox', { name: 'Find a register or field' });
  await box.fill('PCI_MSI_FLAGS');
  await box.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_MSI_FLAGS @0x52/);
  await expect.poll(() => page.getByTestId('write-split').count()).toBe(0);
  await box.fill('PCI_MSI_ADDRESS_LO');
  await box.press('Enter');
  await expect.poll(() => page.getByTestId('write-split').count()).toBe(1);
});

it('Back and Forward step through device, register and scenario changes; leaving presentation is one entry', async () => {
  const { page } = await openAt(browser, inject('baseUrl'));
  await ready(page);
  const box = page.getByRole('combobox', { name: 'Find a register or field' });
  await box.fill('PCI_COMMAND');
  await box.press('Enter');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_COMMAND @0x04/);
  await expect.poll(() => new URL(page.url()).hash).toContain('select=0x4.W');
  const scenario = page.locator('#scenario-menu');
  await scenario.selectOption('S3');
  await expect.poll(() => new URL(page.url()).hash).toContain('scenario=S3');
  // A fine-grained change (the overlay) replaces the entry instead of adding one.
  await page.getByRole('combobox', { name: 'Overlay' }).selectOption('values');
  await expect.poll(() => new URL(page.url()).hash).toContain('overlay=values');
  await page.goBack();
  await expect.poll(() => scenario.inputValue()).toBe('S2');
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_COMMAND @0x04/);
  await page.goBack();
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_MSI_ADDRESS_LO @0x54/);
  await page.goForward();
  await expect.poll(() => heading(page).textContent()).toMatch(/PCI_COMMAND @0x04/);
  await page
    .getByRole('combobox', { name: 'Device', exact: true })
    .selectOption('8086-095a-wireless-7265-wifi');
  await expect.poll(() => new URL(page.url()).hash).toContain('device=8086-095a');
  await page.goBack();
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/QCA6390/);

  // Presentation: entering and leaving are an entry each, so Back re-enters once and Back again leaves.
  await page.goto(at(inject('baseUrl'), 'walk=novirt-review'));
  await page.getByTestId('walk-position').waitFor();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Shift+P');
  await page.getByRole('main', { name: 'Presentation' }).waitFor();
  await expect.poll(() => new URL(page.url()).hash).toContain('present=1');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('main', { name: 'Presentation' }).count()).toBe(0);
  await expect.poll(() => new URL(page.url()).hash).not.toContain('present=1');
  await page.goBack();
  await page.getByRole('main', { name: 'Presentation' }).waitFor();
  await page.goBack();
  await expect.poll(() => page.getByRole('main', { name: 'Presentation' }).count()).toBe(0);
  await expect.poll(() => page.getByTestId('walk-position').textContent()).toBe('1 / 27');
});
