#!/usr/bin/env node
// `npm run fuzz`: the property and fuzz suites with 100,000 cases per target (fixed seeds), then a plain
// "N passed, N failed" line. `npm test` runs the same targets with a quick case count.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const runs = process.env.FUZZ_RUNS ?? '100000';
const targets = [
  'test/engine/bad-input.test.ts',
  'test/engine/vfio-properties.test.ts',
  'test/engine/msi-format.test.ts',
  'test/engine/share-link.test.ts',
];
mkdirSync('test/artifacts', { recursive: true });
const report = 'test/artifacts/fuzz.json';
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'engine',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    '--testTimeout=0',
    ...targets,
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs },
  },
);
let passed = 0;
let failed = r.status ? 1 : 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (r.status && !j.numFailedTests ? 1 : 0);
}
console.log(`\nfuzz (${runs} cases per target): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
