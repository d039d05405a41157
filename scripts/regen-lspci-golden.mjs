#!/usr/bin/env node
/**
 * Regenerates the lspci goldens in test/fixtures/lspci-golden/ with the real lspci (pciutils 3.9.0; Debian
 * `apt-get install -y pciutils`): for every dump in test/fixtures/lspci/ (into real/) and in
 * test/fixtures/lspci-golden/synthetic/ and pciutils-tests/ (beside the dump), NAME.vvv = `lspci -F DUMP -vvv` and
 * NAME.vvvn = `lspci -F DUMP -vvv -n`. stderr is dropped (libkmod noise about the build machine).
 *
 *   npm run golden:lspci
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL = join(ROOT, 'test', 'fixtures', 'lspci');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'lspci-golden');
const SYNTHETIC = join(GOLDEN, 'synthetic');
const PCIUTILS_TESTS = join(GOLDEN, 'pciutils-tests');
const VERSION = 'lspci version 3.9.0';

const version = spawnSync('lspci', ['--version'], { encoding: 'utf8' });
if (version.error || version.stdout.trim() !== VERSION) {
  console.error(`regen-lspci-golden: needs ${VERSION} on PATH (found: ${version.stdout?.trim() || 'none'})`);
  process.exit(1);
}

/** lspci's stdout as bytes-as-text (latin1 round-trips every byte); exit 2 only reports library warnings. */
const lspci = (dump, ...flags) =>
  spawnSync('lspci', ['-F', dump, '-vvv', ...flags], { encoding: 'latin1' }).stdout;

const dumps = (dir) => readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'));

mkdirSync(join(GOLDEN, 'real'), { recursive: true });
let n = 0;
for (const [dir, outDir] of [
  [REAL, join(GOLDEN, 'real')],
  [SYNTHETIC, SYNTHETIC],
  [PCIUTILS_TESTS, PCIUTILS_TESTS],
]) {
  for (const file of dumps(dir)) {
    const name = basename(file, '.txt');
    writeFileSync(join(outDir, `${name}.vvv`), lspci(join(dir, file)), 'latin1');
    writeFileSync(join(outDir, `${name}.vvvn`), lspci(join(dir, file), '-n'), 'latin1');
    n++;
  }
}
console.log(`regen-lspci-golden: ${n} dumps, goldens written by ${VERSION}`);
