/**
 * Issue #16, dark mode and accessibility: the Theme toggle overrides the system's colour scheme and is
 * remembered; axe finds no serious or critical violation on any screen, dialog or embed in either theme,
 * whether the theme comes from the system (emulated prefers-color-scheme) or from the toggle.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { at, openAt, ready, seriousViolations } from './ux-helpers';

const browser = useBrowser();

/** How a page gets its theme: the system's scheme (emulated), or the toggle over the opposite scheme. */
type ThemeSource = 'system light' | 'system dark' | 'toggle dark' | 'toggle light';
/**
 * Every screen light (from the system) and dark (from the toggle over a light system, so the toggle must
 * win); the main screen also dark from the system and light from the toggle over a dark system. System dark
 * paints the same colours as toggle dark (the toggle's own test holds that), so scanning every screen in
 * both would only double the suite's slowest file.
 */
const THEMES: ThemeSource[] = ['system light', 'toggle dark'];
const MAIN_THEMES: ThemeSource[] = [...THEMES, 'system dark', 'toggle light'];

/** The page's background (the root paints it) as the browser computes it: light or dark. */
const paintedTheme = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g)!.map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128 ? 'light' : 'dark';
  });

/**
 * A page in the given theme. The toggle's choice is set the way the toggle keeps it (localStorage), over
 * the opposite system scheme, so the toggle must win; the toggle's own UI is tested below.
 */
async function openThemed(fragment: string, theme: ThemeSource, width = 1280) {
  const [source, scheme] = theme.split(' ') as ['system' | 'toggle', 'light' | 'dark'];
  const system = source === 'system' ? scheme : scheme === 'dark' ? 'light' : 'dark';
  const { page, errors } = await openAt(browser, 'about:blank', { width, colorScheme: system });
  if (source === 'toggle')
    await page.addInitScript((t) => localStorage.setItem('vfio-explorer.theme', t), scheme);
  await page.goto(at(inject('baseUrl'), fragment));
  return { page, errors, scheme };
}

it('the Theme toggle overrides the system scheme, is keyboard-reachable and remembered, and stays out of the link', async () => {
  const { page, errors } = await openAt(browser, inject('baseUrl'), { colorScheme: 'light' });
  await ready(page);
  const toggle = page.getByRole('combobox', { name: 'Theme' });
  await expect.poll(() => toggle.inputValue()).toBe('system');
  await expect.poll(() => paintedTheme(page)).toBe('light');
  const hash = new URL(page.url()).hash;
  // By keyboard: focus the toggle, pick "dark".
  await toggle.focus();
  await toggle.selectOption('dark');
  await expect.poll(() => paintedTheme(page)).toBe('dark');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('vfio-explorer.theme'))).toBe('dark');
  // A viewer preference: the link does not change, nor does the history grow.
  expect(new URL(page.url()).hash).toBe(hash);
  // Remembered across a reload, and wins over the system's light scheme.
  await page.reload();
  await ready(page);
  await expect.poll(() => page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');
  await expect.poll(() => paintedTheme(page)).toBe('dark');
  // Following the system again: the emulated scheme decides, live.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect.poll(() => paintedTheme(page)).toBe('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => paintedTheme(page)).toBe('dark');
  // The command palette offers the same choices.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox').fill('Theme: light');
  await palette.getByRole('option', { name: /Theme: light/ }).click();
  await expect.poll(() => paintedTheme(page)).toBe('light');
  expect(errors).toEqual([]);
});

it('the bitmap repaints in the theme’s palette and the legend shows the same swatches', async () => {
  const { page } = await openThemed('overlay=perm', 'toggle dark');
  await ready(page);
  const sample = () =>
    page.getByTestId('bitmap-canvas').evaluate((c: HTMLCanvasElement) => {
      // Byte 0x08's bit 0 (revision ID: hardware, read-only) at its top-left pixel.
      const x = (8 * 8 + 7) * 2;
      return [...c.getContext('2d')!.getImageData(x, 0, 1, 1).data.slice(0, 3)].join(',');
    });
  const legendSwatch = () =>
    page
      .getByRole('list', { name: 'Legend' })
      .getByRole('listitem')
      .filter({ hasText: 'hardware, read-only' })
      .locator('.swatch')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  await expect.poll(() => sample()).toBe('93,95,97');
  await expect.poll(() => legendSwatch()).toBe('rgb(93, 95, 97)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect.poll(sample).toBe('212,212,212');
  await expect.poll(() => legendSwatch()).toBe('rgb(212, 212, 212)');
});

/** Screens: a link, how to know it is up, and (for dialogs) how to open it and what axe scans. */
interface Screen {
  name: string;
  fragment: string;
  up: (page: Page) => Promise<unknown>;
  open?: (page: Page) => Promise<unknown>;
  /** A dialog's accessible name: axe scans that dialog alone. */
  scan?: string;
  /**
   * What changed on an otherwise main screen (a CSS selector): axe scans that part alone, as the main
   * screen's own scans cover the rest — a whole-page scan takes ~30 s, and this is the suite's slowest file.
   */
  part?: string;
}
const dialog = (name: string) => (page: Page) => page.getByRole('dialog', { name }).waitFor();
const click = (name: string) => (page: Page) => page.getByRole('button', { name, exact: true }).click();
const SCREENS: Screen[] = [
  { name: 'main explorer', fragment: 'select=CAP_MSI+4.L', up: ready },
  {
    // The permission patch editor rides on two screens already scanned whole: its summary, replay and
    // reach list here, its error list (a patch that does not parse) with the comparison below.
    name: 'interrupt path (scenario S3 at a delivery) with the permission patch editor',
    fragment: 'scenario=S3&step=20&flight=1&patch=novirt',
    up: async (p) => {
      await ready(p);
      await p.getByRole('region', { name: 'Permission patch' }).getByTestId('patch-summary').waitFor();
      await expect.poll(() => p.getByTestId('reach-summary').textContent()).toMatch(/touches \d+ of/);
    },
  },
  {
    name: 'compare S3 with S2, a permission patch with errors',
    fragment: 'scenario=S3&vs=S2&step=20&patch=novirt',
    up: ready,
    open: async (p) => {
      const editor = p.getByRole('region', { name: 'Permission patch' });
      await editor
        .getByRole('textbox', { name: 'Patch text' })
        .fill('msi PCI_MSI_ADDRESS_LO p_setw ALL_VIRT NO_WRITE\nbogus line');
      await expect
        .poll(() => editor.getByRole('list', { name: 'Patch errors' }).getByRole('listitem').count())
        .toBe(2);
    },
  },
  {
    name: 'a walkthrough open',
    fragment: 'walk=novirt-review&wstep=2',
    up: (p) => p.getByRole('complementary', { name: 'Walkthrough' }).waitFor(),
  },
  {
    name: 'presentation mode',
    fragment: 'walk=novirt-review&wstep=2&present=1',
    up: (p) => p.getByRole('main').waitFor(),
  },
  {
    name: 'embed of the explorer',
    fragment: 'device=8086-095a-wireless-7265-wifi&select=CAP_MSI+4.L&embed=1',
    up: (p) => p.getByTestId('bitmap-canvas').waitFor(),
  },
  {
    name: 'embed of the interrupt path',
    fragment: 'scenario=S3&step=20&embed=1',
    up: (p) => p.getByRole('slider', { name: 'Timeline' }).waitFor(),
  },
  { name: 'Share dialog', fragment: '', up: ready, open: click('Share…'), scan: 'Share this view' },
  { name: 'Import dialog', fragment: '', up: ready, open: click('Import…'), scan: 'Import a dump' },
  {
    name: 'Export figure dialog',
    fragment: '',
    up: ready,
    open: click('Export figure…'),
    scan: 'Export figure',
  },
  {
    name: 'command palette',
    fragment: '',
    up: ready,
    open: async (p) => {
      await p.locator('body').click({ position: { x: 2, y: 2 } });
      await p.keyboard.press('Control+k');
      await p.getByRole('dialog', { name: 'Command palette' }).getByRole('textbox').fill('msi');
    },
    scan: 'Command palette',
  },
  {
    name: 'toolbar search with its results',
    fragment: '',
    up: ready,
    open: async (p) => {
      await p.getByRole('combobox', { name: 'Find a register or field' }).fill('MSI');
      await p.getByRole('listbox').first().waitFor();
    },
    part: '[role=toolbar]',
  },
  {
    name: 'walkthrough menu: a new walkthrough from this screen',
    fragment: '',
    up: ready,
    open: async (p) => {
      await p.getByRole('combobox', { name: 'Walkthrough' }).selectOption('new');
      await p.getByRole('complementary', { name: 'Walkthrough' }).waitFor();
    },
    part: '[role=toolbar], aside[aria-label="Walkthrough"]',
  },
];

for (const screen of SCREENS)
  it.each(screen === SCREENS[0] ? MAIN_THEMES : THEMES)(
    `${screen.name}: no serious axe violation, %s`,
    async (theme) => {
      const { page, errors, scheme } = await openThemed(screen.fragment, theme);
      await screen.up(page);
      await screen.open?.(page);
      if (screen.scan) await dialog(screen.scan)(page);
      await expect.poll(() => paintedTheme(page)).toBe(scheme);
      const scope = screen.scan ? `[role=dialog][aria-label="${screen.scan}"]` : screen.part;
      expect(await seriousViolations(page, scope)).toEqual([]);
      if (theme.startsWith('toggle'))
        await screenshot(page, `theme-${theme.replace(' ', '-')}-${screen.name.replace(/\W+/g, '-')}`);
      expect(errors).toEqual([]);
    },
  );
