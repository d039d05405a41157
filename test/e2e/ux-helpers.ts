/** Shared by the issue #16 UX tests: a page at a given size and theme, readiness, and axe's verdict. */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';

export interface PageOptions {
  readonly width?: number;
  readonly height?: number;
  readonly colorScheme?: 'light' | 'dark';
}

/** A page that records console errors and uncaught exceptions, at the given viewport and colour scheme. */
export async function openAt(
  browser: Browser,
  url: string,
  { width = 1280, height = 800, colorScheme = 'light' }: PageOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** The explorer is fully on screen: bitmap, hex dump, field tree and the interrupt path's timeline. */
export async function ready(page: Page): Promise<void> {
  await page.getByTestId('bitmap-canvas').waitFor({ timeout: 60_000 });
  await page.getByRole('region', { name: 'Field tree' }).waitFor({ timeout: 60_000 });
  await page.getByRole('slider', { name: 'Timeline' }).waitFor({ timeout: 60_000 });
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
