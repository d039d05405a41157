/**
 * Lighthouse accessibility and best-practices scores for a shared-link screen, run offline against
 * Debian's Chromium with the same flags as the tests (about 20 s, so bench only, never in npm test).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, FLAGS } from '../test/e2e/browser';

/** Async: the preview server answering Lighthouse runs in this same process. */
export async function lighthouseScores(url: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'lighthouse-')), 'report.json');
  const bin = join(import.meta.dirname, '..', 'node_modules', '.bin', 'lighthouse');
  const run = promisify(execFile);
  const failed = await run(
    bin,
    [
      url,
      '--only-categories=accessibility,best-practices',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      `--chrome-flags=${FLAGS.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: 'utf8', timeout: 180_000 },
  ).then(
    () => null,
    (e: Error & { stderr?: string }) => `lighthouse failed: ${(e.stderr || e.message).trim().slice(-300)}`,
  );
  if (failed) return { error: failed };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const failing = Object.values(
    report.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>,
  )
    .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
    .map((a) => a.id);
  return {
    accessibility: report.categories.accessibility.score as number,
    bestPractices: report.categories['best-practices'].score as number,
    failing,
    target: { accessibility: 0.95, bestPractices: 0.95 },
  };
}
