// Browser benchmarks on the built app served by `vite preview`: full bitmap repaint and hover feedback.
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runBrowserBench() {
  await build({ logLevel: 'silent' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.resolvedUrls.local[0]);
    await page.getByTestId('bitmap-canvas').waitFor();
    const overlays = ['values', 'diff-views', 'diff-novirt', 'perm'];
    const repaint = [];
    for (let i = 0; i < 12; i++) {
      await page.getByLabel('Overlay').selectOption(overlays[i % overlays.length]);
      await page.waitForTimeout(30);
      repaint.push(Number(await page.getByTestId('bitmap-canvas').getAttribute('data-paint-ms')));
    }
    const hover = await page.evaluate(async () => {
      const canvas = document.querySelector('[data-testid=bitmap-canvas]');
      const status = document.querySelector('[data-testid=bit-tooltip]');
      const box = canvas.getBoundingClientRect();
      const times = [];
      for (let i = 0; i < 20; i++) {
        const before = status.textContent;
        const t0 = performance.now();
        canvas.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: box.left + 5 + i * 13, clientY: box.top + 20 + i * 3 }));
        // Time until React has committed the new highlight to the DOM; the browser paints it at the next frame.
        await new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (status.textContent !== before) {
              obs.disconnect();
              resolve();
            }
          });
          obs.observe(status, { subtree: true, characterData: true, childList: true });
        });
        times.push(performance.now() - t0);
      }
      return times;
    });
    return {
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
