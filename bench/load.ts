/**
 * Time to interactive for a shared link, against a blank page of the same stack served the same way.
 * An init script (which runs before any page script) watches the DOM and stamps the moment the page's
 * "ready" element appears; each run uses a fresh context, so nothing is cached. Both are the DOM's
 * moment, not a painted frame: the explorer paints its bitmap's pixels in a layout effect, before the
 * browser paints that frame, as the blank page's element is in the DOM before it is painted.
 */
import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, preview } from 'vite';

/** The explorer is interactive once the link's device is decoded and the bitmap has painted. */
const EXPLORER_READY = '.device-title ~ * [data-testid="bitmap-canvas"][data-paint-ms]';
const BLANK_READY = '[data-ready]';
// Page loads on this 2-core VM swing by ±50 ms from one to the next; 21 of each keep the medians steady.
const RUNS = 21;
export const SHARED_LINK = '#device=qca6390&novirt=1&select=0x54.L&overlay=diff-novirt&scenario=S3&step=12';

const stampReady = (selector: string) => `(() => {
  const check = () => {
    if (window.__readyAt === undefined && document.querySelector(${JSON.stringify(selector)})) {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})()`;

/** One load: when the page's scripts had all arrived, when the explorer's own code began, when it was ready. */
interface Load {
  readonly scriptsArrived: number;
  readonly codeStarted: number | null;
  readonly ready: number;
}

async function load(browser: Browser, url: string, selector: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(stampReady(selector));
  await page.goto(url);
  await page.waitForFunction(() => (window as { __readyAt?: number }).__readyAt !== undefined);
  const times = await page.evaluate(() => {
    const ready = (window as unknown as { __readyAt: number }).__readyAt;
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.startTime < ready) as PerformanceResourceTiming[];
    const main = performance.getEntriesByName('explorer:main')[0];
    return {
      scriptsArrived: Math.max(...scripts.map((e) => e.responseEnd)),
      codeStarted: main ? main.startTime : null,
      ready,
    };
  });
  await context.close();
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Builds and serves the blank baseline (bench/blank) beside the explorer, and times both. */
export async function loadTimes(browser: Browser, explorerUrl: string) {
  const root = join(import.meta.dirname, 'blank');
  const outDir = join(import.meta.dirname, '..', 'dist-blank');
  await build({
    root,
    configFile: false,
    plugins: [react()],
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  const server = await preview({
    root,
    configFile: false,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
  });
  try {
    // Alternate the two pages, so a slow spell of the machine weighs on both medians alike.
    const explorerRuns: Load[] = [];
    const blankRuns: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      explorerRuns.push(await load(browser, `${explorerUrl}${SHARED_LINK}`, EXPLORER_READY));
      blankRuns.push(await load(browser, server.resolvedUrls!.local[0], BLANK_READY));
    }
    const ms = (runs: Load[], pick: (l: Load) => number) => Number(median(runs.map(pick)).toFixed(1));
    const explorer = ms(explorerRuns, (l) => l.ready);
    const blank = ms(blankRuns, (l) => l.ready);
    return {
      msToInteractive: explorer,
      blankMsToInteractive: blank,
      ratio: Number((explorer / blank).toFixed(2)),
      // Where the time goes (medians): the scripts' last byte, the explorer's main module starting (all
      // modules evaluated), and ready.
      phases: {
        explorer: {
          scriptsArrivedMs: ms(explorerRuns, (l) => l.scriptsArrived),
          codeStartedMs: ms(explorerRuns, (l) => l.codeStarted ?? NaN),
          interactiveMs: explorer,
        },
        blank: { scriptsArrivedMs: ms(blankRuns, (l) => l.scriptsArrived), interactiveMs: blank },
      },
      runs: RUNS,
      link: SHARED_LINK,
      target: { ratio: 1.5 },
    };
  } finally {
    await server.close();
  }
}
