#!/usr/bin/env node
/**
 * Writes the curated synthetic dumps in test/fixtures/lspci-golden/synthetic/: one file per standard capability ID and
 * one per five extended IDs lspci 3.9.0 knows (several devices each, of different header and port types, with
 * random register contents), and one per hazard (truncated dumps, loops, broken chains, odd pointers,
 * unknown header types). Deterministic: rerunning rewrites the same bytes. Goldens: scripts/regen-lspci-golden.mjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXT_IDS, STD_IDS, dumpText, makeDevice, rng, slotName } from './lspci-synth.mjs';

const OUT = fileURLToPath(new URL('../test/fixtures/lspci-golden/synthetic/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const h2 = (v) => v.toString(16).padStart(2, '0');

function shuffle(r, list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** A file of `count` devices, each built by `options(i, r)`, on distinct slots (some non-zero functions). */
function write(name, seed, count, options) {
  const r = rng(seed);
  let text = '';
  for (let i = 0; i < count; i++) {
    const slot = slotName(i >> 1, i % 2 ? 3 : 0, i % 3 === 2 ? 1 : 0);
    text += dumpText(slot, `Synthetic ${name} #${i}`, makeDevice(r, options(i, r)));
  }
  writeFileSync(join(OUT, `${name}.txt`), text);
}

const TYPES = [0, 1, 0, 2, 0, 1];
// Standard capabilities live in the first 256 bytes; PCI Express and PCI-X also get 4096-byte dumps.
for (const id of STD_IDS) {
  write(`cap-${h2(id)}`, 0x1000 + id, 6, (i, r) => ({
    type: TYPES[i],
    size: (id === 0x10 || id === 0x07) && i < 2 ? 4096 : 256,
    std: [id, ...(r.chance(0.5) ? [id] : []), ...(id === 0x10 || i % 2 ? [] : [0x10])],
    clean: true,
  }));
}
// Extended capabilities five IDs to a file, each ID once or twice per device, in a different order each time.
for (let g = 0; g < EXT_IDS.length; g += 5) {
  const group = EXT_IDS.slice(g, g + 5);
  write(`ecaps-${h2(group[0])}-${h2(group.at(-1))}`, 0x2000 + g, 6, (i, r) => ({
    type: TYPES[i],
    size: 4096,
    std: [0x10],
    ext: shuffle(
      r,
      group.flatMap((id) => (r.chance(0.3) ? [id, id] : [id])),
    ),
    clean: true,
  }));
}
// Random mixes with every hazard the builder knows, at each dump size.
for (const size of [64, 256, 4096]) {
  write(`mixed-${size}`, 0x3000 + size, size === 4096 ? 8 : 12, () => ({ size }));
}
// More devices where one register decides the whole decode: HyperTransport's command type, EA entries,
// CXL DVSEC IDs and revisions, VC/RC link counts.
write('cap-08-more', 0x4100, 16, () => ({ type: 0, size: 256, std: [0x08, 0x08, 0x08], clean: true }));
write('ecap-23-cxl', 0x4200, 12, (i) => ({
  type: TYPES[i % 6],
  size: 4096,
  std: [0x10],
  ext: [0x23, 0x23, 0x23, 0x23],
  clean: true,
}));
write('ecap-vc-rclink', 0x4300, 8, (i) => ({
  type: TYPES[i % 6],
  std: [0x10],
  ext: [0x02, 0x05, 0x09, 0x05],
  clean: true,
}));
write('loops', 0x4400, 6, (i) => ({ type: TYPES[i], size: 4096, loop: true, clean: true }));
// Shorter than a header: lspci could not read 64 bytes, so it shows only what its library reads.
write('short-dumps', 0x4500, 6, (i) => ({ type: i % 3, size: [16, 32, 48][i % 3], clean: true }));
// lspci dies ("Accessing non-read configuration byte") on an EA entry too short for its base word: its
// output stops there, and the device after it is never shown.
{
  const r = rng(0x4600);
  const dies = new Uint8Array(4096);
  dies.set([0x86, 0x80, 0x01, 0x10, 0x06, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x02], 0);
  dies[0x34] = 0xc0;
  dies.set([0x10, 0x40, 0x02, 0x00], 0xc0); // PCIe v2 endpoint: lspci fetches up to 0xf4 first
  dies.set([0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x80], 0x40); // EA, one entry of size 0, enabled
  const text =
    dumpText('00:00.0', 'Synthetic lspci-dies #0', makeDevice(r, { type: 0, clean: true })) +
    dumpText('00:01.0', 'Synthetic lspci-dies #1', dies) +
    dumpText('00:02.0', 'Synthetic lspci-dies #2 (never shown)', makeDevice(r, { type: 0, clean: true }));
  writeFileSync(join(OUT, 'lspci-dies.txt'), text);
}
write('unknown-header-type', 0x4000, 4, (i) => ({ type: 3 + i * 40, clean: true }));
write('cardbus', 0x4001, 6, (i) => ({ type: 2, size: [64, 256, 4096][i % 3] }));
write('bridges', 0x4002, 10, () => ({ type: 1 }));
/**
 * A file of crafted devices: each `cases` entry builds a clean 256-byte device with one capability `id` and
 * `patch(bytes, at)` sets the registers that pick its decode (`at` = where the capability sits).
 */
function crafted(name, seed, id, cases) {
  const r = rng(seed);
  let text = '';
  cases.forEach(({ type, patch }, i) => {
    const b = makeDevice(r, { type, size: 256, std: [id], clean: true });
    b[0x06] |= 0x10; // PCI_STATUS_CAP_LIST: the builder drops it now and then, these devices need their list
    patch(b, b[type === 2 ? 0x14 : 0x34] & ~3);
    text += dumpText(slotName(i >> 3, i & 7, 0), `Synthetic ${name} #${i}`, b);
  });
  writeFileSync(join(OUT, `${name}.txt`), text);
}
// HyperTransport of every kind lspci 3.9.0 names: both interfaces before, around and after revision 2.2 (the
// secondary with and without the extended register set), every 5-bit type, MSI mapping fixed and not.
const htType = (hi, rid, ridAt, ftr) => ({
  type: 0,
  patch: (b, at) => {
    b[at + 3] = (b[at + 3] & 0x1f) | hi;
    b[at + ridAt] = rid;
    if (ftr !== undefined) b[at + 13] = (b[at + 13] & ~1) | ftr;
  },
});
crafted('cap-08-kinds', 0x4700, 0x08, [
  ...[0x22, 0x25, 0x60, 0x11, 0x15].map((rid) => htType(0x00, rid, 12)),
  ...[0x22, 0x60].flatMap((rid) => [htType(0x20, rid, 8, 1), htType(0x20, rid, 8, 0)]),
  ...[0x11, 0x21].map((rid) => htType(0x20, rid, 8)),
  ...[0x40, 0x60, 0x80, 0x88, 0x90, 0x98, 0xa0, 0xb0, 0xb8, 0xc0, 0xc8, 0xd0, 0xf8].map((hi) => ({
    type: 0,
    patch: (b, at) => (b[at + 3] = (b[at + 3] & 0x07) | hi),
  })),
  ...[0, 2].map((fixed) => ({
    type: 0,
    patch: (b, at) => {
      b[at + 3] = 0xa8;
      b[at + 2] = (b[at + 2] & ~2) | fixed;
    },
  })),
]);
// PCI-X bridges (header type 1) with every secondary clock code, beside a device and a CardBus function.
crafted('cap-07-bridges', 0x4800, 0x07, [
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((clock) => ({
    type: 1,
    // The clock is bits 8:6 of the secondary status word at +2.
    patch: (b, at) => {
      b[at + 2] = (b[at + 2] & 0x3f) | ((clock & 3) << 6);
      b[at + 3] = (b[at + 3] & ~1) | (clock >> 2);
    },
  })),
  { type: 0, patch: () => {} },
  { type: 2, patch: () => {} },
]);
