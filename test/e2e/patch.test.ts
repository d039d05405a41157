/**
 * The Permission patch editor in the built app (issue #17): parse errors name their line and column and
 * put the caret there; the novirt example's overlay marks exactly the bits the engine's diffPatch reports,
 * in the bitmap, the inspector and the field tree; the patch travels in the link and survives a reload
 * even while it does not parse.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import {
  BUILTIN_PATCHES,
  builtinPatch,
  DEFAULT_KERNEL,
  diffPatch,
  formatPatchError,
  parsePermPatch,
  permPatchOrThrow,
} from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const INTEL_7265 = '8086-095a-wireless-7265-wifi';

async function ready(page: Page) {
  await page.getByTestId('bitmap-canvas').waitFor();
  await page.getByRole('region', { name: 'Field tree' }).waitFor();
}
const editor = (page: Page) => page.getByRole('region', { name: 'Permission patch' });
const patchText = (page: Page) => editor(page).getByRole('textbox', { name: 'Patch text' });

async function openEditor(page: Page) {
  await page.getByRole('button', { name: 'Permission patch…' }).click();
  await editor(page).waitFor();
}

/** Every bit the canvas paints unlike an unchanged bit (byte 0 bit 0, the vendor ID), as "offset:bit". */
const markedBits = (page: Page) =>
  page.evaluate(() => {
    const c = document.querySelector('[data-testid=bitmap-canvas]') as HTMLCanvasElement;
    const img = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const at = (o: number, b: number) => {
      const i = ((Math.floor(o / 16) * 2 * img.width + ((o % 16) * 8 + 7 - b) * 2) * 4) as number;
      return `${img.data[i]},${img.data[i + 1]},${img.data[i + 2]}`;
    };
    const unchanged = at(0, 0);
    const out: string[] = [];
    for (let o = 0; o < (c.height / 2) * 16; o++)
      for (let b = 0; b < 8; b++) if (at(o, b) !== unchanged) out.push(`${o}:${b}`);
    return out;
  });

it('a parse error names its line, column and what was expected, tints the line and moves the caret there', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await openEditor(page);
  const text = 'msi PCI_MSI_ADDRESS_LO p_setd NO_VIRT NO_WRITE\nmsi PCI_MSI_ADDRESS_LO p_setd NO_VIRT';
  await patchText(page).fill(text);
  // The write mask is missing: the error is at the end of line 2, column 38, and says what was expected.
  const parse = parsePermPatch(text);
  expect(parse.ok).toBe(false);
  const shown = parse.ok ? '' : formatPatchError(parse.errors[0]);
  expect(shown).toMatch(/^line 2, column 38: expected .*NO_WRITE/);
  const list = editor(page).getByRole('list', { name: 'Patch errors' });
  await expect.poll(() => list.textContent()).toBe(shown);
  await expect.poll(() => patchText(page).getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => editor(page).locator('.patch-backdrop .bad').count()).toBe(1);
  await list.getByRole('button').click();
  // Line 2 starts after line 1 and its newline; column 38 is 37 characters in.
  await expect
    .poll(() => patchText(page).evaluate((t: HTMLTextAreaElement) => t.selectionStart))
    .toBe(text.indexOf('\n') + 1 + 37);
  await expect.poll(() => editor(page).getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
  await screenshot(page, 'patch-editor-error');
  // Clear never loses typed text: it offers the text back until the next edit.
  await editor(page).getByRole('button', { name: 'Clear' }).click();
  await expect.poll(() => patchText(page).inputValue()).toBe('');
  await editor(page).getByRole('button', { name: 'Restore the cleared text' }).click();
  await expect.poll(() => patchText(page).inputValue()).toBe(text);
  await expect
    .poll(() => editor(page).getByRole('button', { name: 'Restore the cleared text' }).count())
    .toBe(0);
  expect(errors).toEqual([]);
});

it('novirt on the Intel 7265: the overlay marks exactly diffPatch’s bits; inspector and field tree say before → after', async () => {
  const novirt = builtinPatch('novirt')!;
  const engine = diffPatch(fixtureBytes(INTEL_7265), permPatchOrThrow(novirt.text, 'novirt'), {
    kernel: DEFAULT_KERNEL,
  });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#device=${INTEL_7265}`);
  await ready(page);
  await openEditor(page);
  // Each example says beside its button which kernel change it models, in the example's own words.
  for (const b of BUILTIN_PATCHES) {
    const describedBy = await editor(page)
      .getByRole('button', { name: `Load ${b.name}` })
      .getAttribute('aria-describedby');
    expect(await editor(page).locator(`[id="${describedBy}"]`).textContent()).toBe(b.title);
  }
  await editor(page).getByRole('button', { name: 'Load novirt' }).click();
  await expect.poll(() => patchText(page).inputValue()).toBe(novirt.text);
  await editor(page).getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.getByLabel('Overlay').inputValue()).toBe('diff-patch');
  await expect
    .poll(() =>
      editor(page)
        .getByRole('list', { name: 'What the patch changes' })
        .getByRole('listitem')
        .allTextContents(),
    )
    .toEqual(engine.summary);
  // The engine's bits, and one exact value: the 64-bit capability's address register at 0xd4, all 32 bits.
  const want = engine.bits.map((b) => `${b.offset}:${b.bit}`).sort();
  expect(
    want.filter(
      (k) =>
        k.startsWith(`${0xd4}:`) ||
        k.startsWith(`${0xd5}:`) ||
        k.startsWith(`${0xd6}:`) ||
        k.startsWith(`${0xd7}:`),
    ),
  ).toHaveLength(32);
  expect(engine.summary.at(-1)).toBe('80 bits change class in 3 registers.');
  await expect.poll(async () => (await markedBits(page)).sort()).toEqual(want);
  // Apply selected the first register the patch changes: the inspector shows its masks before and after.
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await expect
    .poll(() => inspector.getByRole('heading', { level: 2 }).textContent())
    .toMatch(/PCI_MSI_ADDRESS_LO/);
  await expect
    .poll(() => inspector.getByTestId('perm-change').textContent())
    .toBe('before → aftervirt 0xffffffff → 0x00000000 · write 0xffffffff → 0x00000000');
  const tree = page.getByRole('region', { name: 'Field tree' });
  await expect.poll(() => tree.getByTestId('perm-delta').count()).toBe(engine.registers.length);
  await screenshot(page, 'patch-novirt-overlay');
  // The bit under the cursor says how its class changes.
  await expect
    .poll(() => page.getByTestId('bit-change').textContent())
    .toBe('changes: virtualized, writable (vconfig) → hardware, read-only (writes dropped)');
  expect(errors).toEqual([]);
});

it('the link carries a typed patch exactly, and a reload keeps a patch that does not parse', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await ready(page);
  await openEditor(page);
  const typed = '# mine\ncap PCI_CAP_ID_EXP PCI_EXP_DEVCTL2 p_setw (u16)ALL_VIRT (u16)ALL_WRITE\nbogus line';
  await patchText(page).fill(typed);
  await expect.poll(() => page.url()).toMatch(/patch=custom/);
  // A fresh page on the same link: the editor opens with the same text, errors and all.
  const again = await openPage(browser, page.url());
  await ready(again.page);
  await editor(again.page).waitFor();
  await expect.poll(() => patchText(again.page).inputValue()).toBe(typed);
  await expect
    .poll(() => editor(again.page).getByRole('list', { name: 'Patch errors' }).textContent())
    .toMatch(/^line 3, column 1: expected a table/);
  // A reload of the same page keeps it too (the page asks before leaving typed work: agree).
  page.on('dialog', (d) => void d.accept());
  await page.reload();
  await ready(page);
  await editor(page).waitFor();
  await expect.poll(() => patchText(page).inputValue()).toBe(typed);
  expect([...errors, ...again.errors]).toEqual([]);
});

const walkPosition = (page: Page) => page.getByTestId('walk-position');
const walkPanel = (page: Page) => page.getByRole('complementary', { name: 'Walkthrough' });

it('the review’s patch step opens the editor with novirt on plain v6.11 and the overlay on the MSI registers', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#walk=novirt-review&wstep=26`);
  await expect.poll(() => walkPosition(page).textContent()).toBe('26 / 27');
  await ready(page);
  await walkPanel(page).getByRole('button', { name: 'Next ▶' }).click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('27 / 27');
  await editor(page).waitFor();
  await ready(page);
  await expect.poll(() => patchText(page).inputValue()).toBe(builtinPatch('novirt')!.text);
  await expect.poll(() => page.getByLabel('Overlay').inputValue()).toBe('diff-patch');
  const engine = diffPatch(
    fixtureBytes(INTEL_7265),
    permPatchOrThrow(builtinPatch('novirt')!.text, 'novirt'),
    {
      kernel: 'v6.11',
    },
  );
  await expect
    .poll(async () => (await markedBits(page)).sort())
    .toEqual(engine.bits.map((b) => `${b.offset}:${b.bit}`).sort());
  await screenshot(page, 'patch-review-step');
  // Back one step: that step carries no patch, so the patch and its editor go.
  await walkPanel(page).getByRole('button', { name: '◀ Previous' }).click();
  await expect.poll(() => editor(page).count()).toBe(0);
  expect(errors).toEqual([]);
});

it('a walkthrough of one’s own keeps each step’s patch: stepping back applies it again', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#device=${INTEL_7265}`);
  await ready(page);
  await openEditor(page);
  const typed = 'msi PCI_MSI_DATA_64 p_setw NO_VIRT NO_WRITE if PCI_MSI_FLAGS_64BIT';
  await patchText(page).fill(typed);
  await page
    .getByRole('combobox', { name: 'Walkthrough' })
    .selectOption({ label: 'New walkthrough from this screen' });
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 1');
  await editor(page).getByRole('button', { name: 'Clear' }).click();
  await walkPanel(page).getByRole('button', { name: 'Add current state as step' }).click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 2');
  await expect.poll(() => patchText(page).inputValue()).toBe('');
  await walkPanel(page).getByRole('button', { name: '◀ Previous' }).click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 2');
  await expect.poll(() => patchText(page).inputValue()).toBe(typed);
  expect(errors).toEqual([]);
});
