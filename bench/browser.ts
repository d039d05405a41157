/**
 * Browser benchmarks on the built app served by `vite preview` in headless Chromium: bitmap repaint,
 * hover feedback, time to switch scenario, and animation frame times while a timeline plays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { lighthouseScores } from './lighthouse';
import { loadTimes, SHARED_LINK } from './load';
import { launch } from '../test/e2e/browser';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// In-page samplers are passed as source text: tsx would otherwise wrap their functions in a helper the page lacks.
/** Pointer move → React has committed the new highlight (the browser paints it at the next frame). */
const HOVER_SAMPLER = `(async () => {
  const canvas = document.querySelector('[data-testid=bitmap-canvas]');
  const status = document.querySelector('[data-testid=bit-tooltip]');
  const box = canvas.getBoundingClientRect();
  const times = [];
  for (let i = 0; i < 20; i++) {
    const before = status.textContent;
    const t0 = performance.now();
    canvas.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: box.left + 5 + i * 13, clientY: box.top + 20 + i * 3 }));
    await new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (status.textContent !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(status, { subtree: true, characterData: true, childList: true });
    });
    times.push(performance.now() - t0);
  }
  return times;
})()`;

/** Gaps between animation frames for 2.5 s. */
const FRAME_SAMPLER = `new Promise((resolve) => {
  const gaps = [];
  let last = performance.now();
  const end = last + 2500;
  function tick(now) {
    gaps.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else resolve(gaps);
  }
  requestAnimationFrame(tick);
})`;

/**
 * Gzipped JavaScript of the first screen — the entry and every chunk index.html preloads with it — plus
 * the entry alone and all chunks (lazy ones included).
 */
function bundleSizes() {
  const dist = join(import.meta.dirname, '..', 'dist');
  const dir = join(dist, 'assets');
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const firstScreen = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const entry = firstScreen.find((f) => f.startsWith('index-'))!;
  return {
    jsGzipBytes: firstScreen.reduce((n, f) => n + gz(f), 0),
    firstScreenChunks: firstScreen.length,
    entryGzipBytes: gz(entry),
    allChunksGzipBytes: js.reduce((n, f) => n + gz(f), 0),
    target: { jsGzipBytes: 130_000 },
  };
}

export async function runBrowserBench() {
  await build({ logLevel: 'silent' });
  const bundle = bundleSizes();
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  const browser = await launch();
  try {
    const load = await loadTimes(browser, server.resolvedUrls!.local[0]);
    const lighthouse = await lighthouseScores(`${server.resolvedUrls!.local[0]}${SHARED_LINK}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.resolvedUrls!.local[0]);
    await page.getByTestId('bitmap-canvas').waitFor();
    const overlays = ['values', 'diff-views', 'diff-novirt', 'perm'];
    const repaint: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.getByLabel('Overlay').selectOption(overlays[i % overlays.length]);
      await page.waitForTimeout(30);
      repaint.push(Number(await page.getByTestId('bitmap-canvas').getAttribute('data-paint-ms')));
    }
    const hover = (await page.evaluate(HOVER_SAMPLER)) as number[];

    const paths = page.getByRole('region', { name: 'Interrupt path' });
    await paths.getByRole('slider', { name: 'Timeline' }).waitFor();
    const scenario = paths.getByRole('combobox', { name: /^Scenario/ });
    const switches: number[] = [];
    for (const id of ['S3', 'S1', 'S7', 'S2']) {
      const t0 = Date.now();
      await scenario.selectOption(id);
      await paths.locator('.summary-line').filter({ hasText: /\w/ }).waitFor();
      switches.push(Date.now() - t0);
    }
    // Frame times with 32 sources in flight: S1 (16 sources) beside itself, every source's packet moving at once.
    await scenario.selectOption('S1');
    await paths.getByRole('combobox', { name: /^Compare with/ }).selectOption('S1');
    await paths.getByRole('checkbox', { name: 'All sources at once' }).check();
    const inFlight = await paths
      .getByTestId('flight')
      .evaluateAll((gs) => gs.reduce((n, g) => n + Number(g.getAttribute('data-packets')), 0));
    await paths.getByRole('combobox', { name: /^speed/ }).selectOption('1');
    await paths.getByRole('button', { name: 'Play' }).click();
    const frames = (await page.evaluate(FRAME_SAMPLER)) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      animation: {
        p95FrameMs: Number(sorted[Math.floor(sorted.length * 0.95)].toFixed(2)),
        frames: frames.length,
        sourcesInFlight: inFlight,
        note: 'S1 beside S1, all sources at once',
        target: { p95FrameMs: 20 },
      },
      scenario: { switchMs: median(switches) },
      load,
      lighthouse,
      bundle,
      bitmap: {
        repaintMs: Number(median(repaint).toFixed(3)),
        hoverMs: Number(median(hover).toFixed(2)),
        target: { repaintMs: 2, hoverMs: 16 },
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
