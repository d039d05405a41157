/** Headless Debian Chromium through playwright-core, one browser per file, a fresh context per test. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

/**
 * The test file's browser: launched before its first test, closed after its last. Call it at the top of
 * the file; what it returns stands for that browser in every test (a Browser whose calls go to it).
 */
export function useBrowser(): Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return new Proxy({} as Browser, {
    get(_, key) {
      if (!browser) throw new Error('useBrowser: the browser is launched in beforeAll, before the tests');
      const value: unknown = Reflect.get(browser, key, browser);
      return typeof value === 'function' ? value.bind(browser) : value;
    },
  });
}

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export interface PageOptions {
  readonly width?: number;
  readonly height?: number;
  readonly colorScheme?: 'light' | 'dark';
  readonly reducedMotion?: 'reduce' | 'no-preference';
}

/**
 * `E2E_CPU_THROTTLE=10 npx vitest run test/e2e/x.test.ts` runs every page N times slower (Chrome's own CPU
 * throttling): a race that only a busy CI machine loses shows up here too.
 */
const THROTTLE = Number(process.env.E2E_CPU_THROTTLE ?? 1);

/**
 * A page in a fresh context. Playwright's actions wait for the app up to this long (its default, 30 s,
 * is a wall clock a busy machine can lose to): the limit only catches a page that never gets there.
 */
export async function newPage(
  browser: Browser,
  { width = 1400, height = 900, colorScheme, reducedMotion }: PageOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion });
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  if (THROTTLE > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  }
  return page;
}

/** A page that fails the test on any console error or uncaught exception. */
export async function openPage(
  browser: Browser,
  url: string,
  options?: PageOptions,
): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
