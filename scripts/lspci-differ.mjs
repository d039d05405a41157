#!/usr/bin/env node
/**
 * Local differ: builds random synthetic dumps (scripts/lspci-synth.mjs), runs the real `lspci -F DUMP -vvv -n`
 * and `decode --format lspci` on each, and reports every device whose lines differ (title lines excluded: they
 * come from the dump by design). Needs lspci (pciutils 3.9.0). Failing dumps are kept in the output folder.
 *
 *   node scripts/lspci-differ.mjs [COUNT=200] [SEED=1] [OUTDIR=/tmp/lspci-differ]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { dumpText, makeDevice, rng, slotName } from './lspci-synth.mjs';

register();
const { parseLspciDump } = await import('../src/pci/lspci.ts');
const { formatLspciVvv } = await import('../src/pci/lspci-vvv/index.ts');

const [count = 200, seed = 1, outDir = '/tmp/lspci-differ'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

/** Title lines (not indented, not empty) are masked: lspci names the device, the formatter copies the dump. */
const mask = (text) => text.split('\n').map((l) => (l && !l.startsWith('\t') ? '<title>' : l));

let failures = 0;
const classes = new Map();
for (let n = 0; n < Number(count); n++) {
  const s = Number(seed) * 100000 + n;
  const r = rng(s);
  const devices = 1 + r.int(3);
  let text = '';
  for (let i = 0; i < devices; i++) {
    const slot = slotName(r.int(4), r.chance(0.5) ? 0 : r.int(32), r.chance(0.7) ? 0 : r.int(8));
    // One in five devices is pure noise: pointers anywhere, chains through the header, overlapping caps.
    const noise = r.chance(0.2);
    const bytes = noise
      ? Uint8Array.from({ length: r.pick([64, 256, 4096]) }, () => r.byte())
      : makeDevice(r);
    if (noise && r.chance(0.5)) bytes[0x0e] &= 0x83;
    text += dumpText(slot, `Synthetic device ${s}.${i}`, bytes);
  }
  const file = join(outDir, `dump-${s}.txt`);
  writeFileSync(file, text);
  // lspci exits 2 after library warnings (e.g. a 64-bit BAR in the last slot); its output still counts.
  const want = mask(spawnSync('lspci', ['-F', file, '-vvv', '-n'], { encoding: 'latin1' }).stdout);
  const got = mask(formatLspciVvv(parseLspciDump(text)));
  const len = Math.max(want.length, got.length);
  let first = -1;
  for (let i = 0; i < len; i++)
    if (want[i] !== got[i]) {
      first = i;
      break;
    }
  if (first < 0) continue;
  failures++;
  const key = (want[first] ?? '<eof>').replace(/[0-9a-f]{2,}/g, '#').slice(0, 40);
  classes.set(key, (classes.get(key) ?? 0) + 1);
  if (failures <= 5) {
    console.log(`--- ${file} line ${first + 1}`);
    console.log(`lspci: ${JSON.stringify(want[first])}`);
    console.log(`ours:  ${JSON.stringify(got[first])}`);
  }
}
console.log(`${count} dumps, ${failures} with differences`);
for (const [k, v] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
process.exitCode = failures ? 1 : 0;
