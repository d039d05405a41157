/** Shared by the issue #16 UX tests: a page at a given size and theme, readiness, and axe's verdict. */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { openPage, type PageOptions } from './browser';

/** A page that records console errors and uncaught exceptions, at the given viewport and colour scheme. */
export const openAt = (
  browser: Browser,
  url: string,
  { width = 1280, height = 800, colorScheme = 'light' }: PageOptions = {},
): Promise<{ page: Page; errors: string[] }> => openPage(browser, url, { width, height, colorScheme });

/** The explorer is fully on screen: bitmap, hex dump, field tree and the interrupt path's timeline. */
export async function ready(page: Page): Promise<void> {
  await page.getByTestId('bitmap-canvas').waitFor();
  await page.getByRole('region', { name: 'Field tree' }).waitFor();
  await page.getByRole('slider', { name: 'Timeline' }).waitFor();
}

/** axe's serious and critical violations inside `include` (the whole page by default), one line each. */
export async function seriousViolations(page: Page, include?: string, exclude?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page });
  if (include) axe = axe.include(include);
  if (exclude) axe = axe.exclude(exclude);
  const r = await axe.analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(' | ')}`);
}

export const at = (base: string, fragment: string) => `${base}#${fragment}`;
