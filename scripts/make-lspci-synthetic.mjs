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
/**
 * CXL DVSECs (vendor 0x1e98) of every ID lspci 3.9.0 decodes, each at 0x100 of a clean 4096-byte device with its
 * revision and length set and `patch(put)` setting the registers that pick its decode (`put(offset, size,
 * value)`, offsets from the DVSEC's start): cache size units, range types/classes/interleaves/timeouts
 * inside lspci's tables, every GPF time scale (reserved ones too), Flex Bus revisions 0–3, every register
 * block ID, MLD counts at and past the defined range, and lengths just short of what lspci reads.
 */
function craftedCxl(name, seed, cases) {
  const r = rng(seed);
  let text = '';
  cases.forEach(({ id, rev, len, patch }, i) => {
    const b = makeDevice(r, { type: 0, size: 4096, std: [0x10], ext: [0x23], clean: true });
    const put = (off, size, value) => {
      for (let k = 0; k < size; k++) b[0x100 + off + k] = Number((BigInt(value) >> BigInt(8 * k)) & 0xffn);
    };
    put(0, 4, 0x23 | (1 << 16)); // the only extended capability: DVSEC v1, no next
    put(4, 4, (0x1e98 | (rev << 16) | (len << 20)) >>> 0);
    put(8, 2, id);
    patch?.(put, r);
    text += dumpText(slotName(i >> 3, i & 7, 0), `Synthetic ${name} #${i}`, b);
  });
  writeFileSync(join(OUT, `${name}.txt`), text);
}
/** A CXL Device DVSEC range's size-low word: flags, type, class, interleave and timeout codes. */
const cxlRange = (valid, active, type, cls, ways, timeout) =>
  (0x30000000 | valid | (active << 1) | (type << 2) | (cls << 5) | (ways << 8) | (timeout << 13)) >>> 0;
const gpf = (base, scale) => base | (scale << 8);
craftedCxl('ecap-23-cxl-each', 0x4900, [
  // CXL Device: revisions 1 and 2, every cache size unit lspci names and one it does not, ranges of every
  // type/class/interleave/timeout code in its tables; then a revision 0 and a short one (nothing decoded).
  ...[0, 1, 2, 5].map((unit, k) => ({
    id: 0,
    rev: 1 + (k & 1),
    len: 0x38,
    patch: (put, r) => {
      put(0x0a, 2, r.int(0x10000));
      put(0x0c, 2, r.int(0x10000));
      put(0x16, 2, unit | (r.int(256) << 8));
      put(0x18, 4, r.int(16));
      put(0x1c, 4, cxlRange(k & 1, (k >> 1) & 1, k % 3, (k + 1) % 3, 2 * k, 2 * k + 1));
      put(0x20, 4, r.int(0x100));
      put(0x24, 4, r.int(16) << 28);
      put(0x2c, 4, cxlRange(1 - (k & 1), 1, (k + 2) % 3, k % 3, 2 * k + 1, 2 * k));
    },
  })),
  { id: 0, rev: 0, len: 0x38 },
  { id: 0, rev: 1, len: 0x30 },
  // Non-CXL Function Map.
  { id: 2, rev: 1, len: 0x2c },
  // Extensions for Ports: PMComplete as the spec's bit 0 and as lspci's mask 0x0a, each control bit; short.
  ...[0x0001, 0x0002, 0x0008, 0x000b].map((status, k) => ({
    id: 3,
    rev: 2,
    len: 0x28,
    patch: (put) => {
      put(0x0a, 2, status);
      put(0x0c, 2, [0x0001, 0x0002, 0x0004, 0x4008][k]);
    },
  })),
  { id: 3, rev: 1, len: 0x24 },
  // GPF for a port and a device: every time scale, 8 and 15 reserved.
  ...[0, 2, 4, 6, 8].map((scale) => ({
    id: 4,
    rev: 1,
    len: 0x10,
    patch: (put) => {
      put(0x0c, 2, gpf(scale + 3, scale));
      put(0x0e, 2, gpf(15 - scale, scale === 8 ? 15 : scale + 1));
    },
  })),
  ...[1, 3, 5, 7, 9].map((scale) => ({
    id: 5,
    rev: 1,
    len: 0x10,
    patch: (put) => {
      put(0x0a, 2, gpf(scale, scale));
      put(0x0c, 4, scale * 1000);
    },
  })),
  // Flex Bus Port: revisions 0 to 3 (2 adds the flit modes and the NOP hint words), and a CXL 1.1-length one.
  ...[0, 1, 2, 3].map((rev) => ({ id: 7, rev, len: 0x20 })),
  { id: 7, rev: 1, len: 0x14 },
  // Register Locator: six blocks, every block ID lspci names, an unnamed and a vendor-specific one, an empty one.
  ...[
    [1, 2, 3, 4, 5, 0xff],
    [0, 3, 0x40, 1, 0, 2],
  ].map((ids) => ({
    id: 8,
    rev: 1,
    len: 0x3c,
    patch: (put, r) =>
      ids.forEach((blockId, k) => {
        put(0x0c + 8 * k, 4, (r.int(6) | (blockId << 8) | (r.int(0x10000) << 16)) >>> 0);
        put(0x10 + 8 * k, 4, k ? r.int(0x100) : 0);
      }),
  })),
  // MLD: logical device counts at and past the defined 1–16.
  ...[0, 1, 16, 17, 0xffff].map((n) => ({ id: 9, rev: 1, len: 0x10, patch: (put) => put(0x0a, 2, n) })),
]);
