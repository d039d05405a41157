#!/usr/bin/env node
// `npm test`: type-check, lint, then every Vitest project (engine + e2e in headless Chromium), ending with
// a plain "N passed, N failed" line. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';

if (!ensureChromium()) process.exit(1);

const run = (label, cmd, args) => {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
};

let failed = 0;
failed += run('type-check', 'npx', ['tsc', '-p', '.']) ? 1 : 0;
failed += run('lint', 'npx', ['eslint', '.']) ? 1 : 0;

mkdirSync('test/artifacts', { recursive: true });
const report = 'test/artifacts/vitest.json';
const status = run('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
let passed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed += r.numFailedTests;
  if (status && !r.numFailedTests) failed += 1; // a suite that failed to load counts
} else {
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
