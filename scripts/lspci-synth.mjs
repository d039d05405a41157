/**
 * Synthetic config-space dumps for checking `decode --format lspci` against the real lspci: random but
 * well-formed headers (types 0, 1, 2 and unknown), capability chains composed from per-capability builders
 * (every standard and extended ID lspci 3.9.0 decodes, plus unknown ones), and the hazards a real dump can
 * hold (loops, broken chains, pointers past a 64/256-byte dump, extended pointers below 0x100).
 * Deterministic for a seed, so a dump can be rebuilt from its name.
 */

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    byte: () => Math.floor(next() * 256),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const put16 = (b, at, v) => {
  b[at] = v & 0xff;
  b[at + 1] = (v >> 8) & 0xff;
};
const put32 = (b, at, v) => {
  for (let i = 0; i < 4; i++) b[at + i] = (v >>> (8 * i)) & 0xff;
};

/** Standard capabilities: ID → body length (including the 2-byte ID/next header) and a shaper for the body. */
const STD = {
  0x01: { len: 8, shape: () => {} },
  0x02: { len: 12, shape: (b, r) => (b[2] = r.pick([0x10, 0x20, 0x30, 0x35])) },
  0x03: { len: 8, shape: () => {} },
  0x04: { len: 4, shape: () => {} },
  0x05: { len: 24, shape: () => {} },
  0x06: { len: 4, shape: () => {} },
  0x07: { len: 24, shape: () => {} },
  0x08: {
    len: 28,
    shape: (b, r) => {
      b[3] =
        r.pick([
          0x00,
          0x20,
          0x40,
          0x80,
          0x88,
          0x90,
          0x98,
          0xa0,
          0xa8,
          0xb0,
          0xb8,
          0xc0,
          0xc8,
          0xd0,
          r.byte(),
        ]) |
        (b[3] & 7);
      if (r.chance(0.6)) b[r.chance(0.5) ? 12 : 8] = r.pick([0x22, 0x23, 0x25, 0x11, 0x15, 0x60]);
    },
  },
  0x09: {
    len: 20,
    shape: (b, r) => {
      b[2] = r.pick([16, 20, 8, 24, r.byte()]);
      b[3] = r.int(6);
    },
  },
  0x0a: { len: 4, shape: () => {} },
  0x0b: { len: 4, shape: () => {} },
  0x0c: { len: 4, shape: () => {} },
  0x0d: { len: 8, shape: () => {} },
  0x0e: { len: 4, shape: () => {} },
  0x0f: { len: 4, shape: () => {} },
  0x10: {
    len: 0x3c,
    shape: (b, r) => {
      b[2] = r.pick([1, 2, 2, 2, 3]) | (r.pick([0, 1, 4, 5, 6, 7, 8, 9, 10, 0, 4, 15]) << 4);
      b[3] = r.byte() & 0x3f;
    },
  },
  0x11: { len: 12, shape: () => {} },
  0x12: { len: 8, shape: () => {} },
  0x13: { len: 6, shape: () => {} },
  0x14: {
    len: 48,
    // Entries sized to hold their base and max offset words (lspci reads past a shorter entry: undefined there).
    shape: (b, r, type) => {
      let at = type === 1 ? 8 : 4;
      let n = 0;
      const want = r.int(4);
      for (; n < want; n++) {
        const base = r.chance(0.3) ? 2 : 0;
        const max = r.chance(0.3) ? 2 : 0;
        const size = 2 + (base ? 1 : 0) + (max ? 1 : 0);
        if (at + 4 + 4 * size > 48) break;
        b[at] = size | (b[at] & 0xf0);
        b[at + 4] = (b[at + 4] & ~2) | base;
        b[at + 8] = (b[at + 8] & ~2) | max;
        at += 4 + 4 * size;
      }
      b[2] = n;
    },
  },
  0x15: { len: 4, shape: () => {} },
  0x33: { len: 4, shape: () => {} },
};

const CXL_LENGTHS = { 0: 0x38, 2: 0x2c, 3: 0x28, 4: 0x10, 5: 0x10, 7: 0x20, 8: 0x24, 9: 0x10 };

/** Extended capabilities: ID → length and shaper (offsets from the capability start). */
const EXT = {
  0x00: { len: 8, shape: () => {} },
  0x01: { len: 0x38, shape: () => {} },
  0x02: { len: 0x40, shape: (b, r) => (b[4] = (b[4] & ~7) | r.int(4)) },
  0x03: { len: 12, shape: () => {} },
  0x04: { len: 16, shape: () => {} },
  0x05: { len: 0x30, shape: (b, r) => (b[5] = r.int(3)) },
  0x06: { len: 8, shape: () => {} },
  0x07: { len: 12, shape: () => {} },
  0x08: { len: 16, shape: () => {} },
  0x09: { len: 0x40, shape: (b, r) => (b[4] = (b[4] & ~7) | r.int(4)) },
  0x0a: { len: 8, shape: () => {} },
  0x0b: { len: 12, shape: () => {} },
  0x0c: { len: 8, shape: () => {} },
  0x0d: { len: 8, shape: () => {} },
  0x0e: { len: 8, shape: () => {} },
  0x0f: { len: 8, shape: () => {} },
  0x10: { len: 0x40, shape: () => {} },
  0x11: { len: 8, shape: () => {} },
  0x12: { len: 0x30, shape: () => {} },
  0x13: { len: 16, shape: () => {} },
  0x15: { len: 0x34, shape: (b, r) => (b[8] = (b[8] & 0x1f) | (r.int(8) << 5)) },
  0x16: { len: 16, shape: () => {} },
  0x17: { len: 12, shape: () => {} },
  0x18: { len: 8, shape: () => {} },
  0x19: { len: 16, shape: () => {} },
  0x1a: { len: 8, shape: () => {} },
  0x1b: { len: 8, shape: () => {} },
  0x1c: { len: 8, shape: () => {} },
  0x1d: { len: 16, shape: () => {} },
  0x1e: { len: 16, shape: () => {} },
  0x1f: { len: 12, shape: () => {} },
  0x20: { len: 8, shape: () => {} },
  0x21: { len: 8, shape: () => {} },
  0x22: { len: 8, shape: () => {} },
  0x23: {
    len: 0x40,
    shape: (b, r) => {
      const cxl = r.chance(0.8);
      const id = r.pick([0, 2, 3, 4, 5, 7, 8, 9, 1, 6]);
      const len = cxl ? (r.chance(0.8) ? (CXL_LENGTHS[id] ?? 16) : r.int(0x40)) : r.int(0x1000);
      put32(b, 4, ((cxl ? 0x1e98 : r.int(0x10000)) | (r.int(4) << 16) | (len << 20)) >>> 0);
      put16(b, 8, id);
      // Range type/class/interleave codes past 3.9.0's tables read out of bounds there (garbage or a crash).
      if (cxl && id === 0) {
        for (const at of [0x1c, 0x2c]) {
          b[at] = r.int(4) | (r.int(3) << 2) | (r.int(3) << 5);
          b[at + 1] = r.int(8) | (r.int(8) << 5);
        }
      }
    },
  },
  0x24: { len: 0x34, shape: (b, r) => (b[8] = (b[8] & 0x1f) | (r.int(8) << 5)) },
  0x25: { len: 12, shape: () => {} },
  0x26: { len: 0x20, shape: () => {} },
  0x27: { len: 0x20, shape: () => {} },
  0x28: { len: 8, shape: () => {} },
  0x29: { len: 16, shape: () => {} },
  0x2a: { len: 8, shape: () => {} },
  0x2e: { len: 0x18, shape: () => {} },
  0x30: { len: 8, shape: () => {} },
};

export const STD_IDS = Object.keys(STD).map(Number);
export const EXT_IDS = Object.keys(EXT).map(Number);

function randomBody(r, len) {
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = r.chance(0.35) ? 0 : r.byte();
  return b;
}

function header(r, type, size) {
  const b = randomBody(r, size);
  for (let i = 0x40; i < size; i++) b[i] = 0;
  b[0x0e] = type | (r.chance(0.3) ? 0x80 : 0);
  const classes = type === 0 ? [0x0200, 0x0280, 0x0106, 0x0300, 0x0c03, 0x0604] : [0x0604, 0x0607, 0x0200];
  put16(b, 0x0a, r.pick(classes));
  if (r.chance(0.15)) {
    put16(b, 0, 0x1af4); // virtio: lspci decodes its vendor capabilities
    put16(b, 2, 0x1000 + r.int(0x90));
  }
  // BARs: a mix of I/O, 32- and 64-bit memory, zero and all-ones words.
  const bars = type === 0 ? 6 : type === 1 ? 2 : 1;
  for (let i = 0; i < bars; i++) {
    const kind = r.int(6);
    const at = 0x10 + 4 * i;
    if (kind === 0) put32(b, at, 0);
    else if (kind === 1) put32(b, at, (r.int(0x10000) << 2) | 1);
    else if (kind === 2) put32(b, at, ((r.int(0x100000) << 12) | (r.chance(0.5) ? 8 : 0)) >>> 0);
    else if (kind === 3) put32(b, at, ((r.int(0x100000) << 12) | 4 | (r.chance(0.5) ? 8 : 0)) >>> 0);
    else if (kind === 4) put32(b, at, 0xffffffff);
  }
  if (type === 1) {
    b[0x1c] = (b[0x1c] & 0xf0) | r.pick([0, 1, 0, 1, 2]);
    b[0x1d] = (b[0x1d] & 0xf0) | (r.chance(0.9) ? b[0x1c] & 0xf : 3);
    b[0x20] &= r.chance(0.9) ? 0xf0 : 0xff;
    b[0x22] = (b[0x22] & 0xf0) | (b[0x20] & 0xf);
    b[0x24] = (b[0x24] & 0xf0) | r.pick([0, 1, 1, 2]);
    b[0x26] = (b[0x26] & 0xf0) | (b[0x24] & 0xf);
  }
  return b;
}

/** Places standard capabilities in 0x40–0xff and links them; returns the first pointer. */
function placeStandard(b, r, ids, limit, type, loop) {
  const used = new Uint8Array(256);
  const placed = [];
  for (const id of ids) {
    const spec = STD[id] ?? { len: 4, shape: () => {} };
    const len = Math.min(spec.len, 0xc0);
    for (let tries = 0; tries < 20; tries++) {
      const at = 0x40 + 4 * r.int((0x100 - 0x40 - len) / 4 + 1);
      if (r.chance(0.05) && at + 4 > 0xf0) continue;
      let free = true;
      for (let i = at; i < at + len; i++) if (used[i]) free = false;
      if (!free) continue;
      for (let i = at; i < at + len; i++) used[i] = 1;
      const body = randomBody(r, len);
      body[0] = id;
      spec.shape(body, r, type);
      if (at + len <= limit) b.set(body.subarray(0, Math.min(len, limit - at)), at);
      placed.push(at);
      break;
    }
  }
  for (let i = 0; i < placed.length; i++) {
    const next = i + 1 < placed.length ? placed[i + 1] | (r.chance(0.05) ? 1 : 0) : loop ? placed[0] : 0;
    if (placed[i] < limit) b[placed[i] + 1] = next;
  }
  return placed[0] ?? 0;
}

function placeExtended(b, r, ids, loop) {
  let at = 0x100;
  const placed = [];
  for (const id of ids) {
    const spec = EXT[id] ?? { len: 8, shape: () => {} };
    if (at + spec.len > 0x1000) break;
    const body = randomBody(r, spec.len);
    spec.shape(body, r);
    b.set(body, at);
    placed.push([at, id]);
    at += spec.len + 4 * r.int(4);
    at = Math.ceil(at / 4) * 4;
  }
  placed.forEach(([pos, id], i) => {
    const next = i + 1 < placed.length ? placed[i + 1][0] : loop ? 0x100 : 0;
    put32(b, pos, (id | (r.int(4) << 16) | (next << 20)) >>> 0);
  });
}

/**
 * One device: `options` may force the header type, dump size and capability IDs, and `loop` (each chain's last
 * capability points back to its first); hazards are added at random unless `clean` is set.
 */
export function makeDevice(r, options = {}) {
  const type = options.type ?? r.pick([0, 0, 0, 0, 1, 1, 2, 3]);
  const size = options.size ?? r.pick([4096, 4096, 4096, 256, 64]);
  const b = header(r, type, size);
  const stdIds = options.std ?? Array.from({ length: 1 + r.int(6) }, () => r.pick(STD_IDS));
  if (!stdIds.includes(0x10) && r.chance(0.7) && !options.std) stdIds.push(0x10);
  const loop = options.loop ?? (!options.clean && r.chance(0.05));
  const first = placeStandard(b, r, stdIds, size >= 256 ? 256 : 64, type, loop);
  const status = b[0x06] & ~0x10;
  b[0x06] = r.chance(0.95) ? status | 0x10 : status;
  const pointerAt = type === 2 ? 0x14 : 0x34;
  b[pointerAt] = first | (r.chance(0.1) ? r.int(4) : 0);
  if (size === 4096) {
    const extIds = options.ext ?? Array.from({ length: 1 + r.int(8) }, () => r.pick(EXT_IDS));
    placeExtended(b, r, extIds, options.loop ?? (!options.clean && r.chance(0.05)));
  }
  if (!options.clean) addHazard(b, r, size, pointerAt);
  return b;
}

function addHazard(b, r, size, pointerAt) {
  const roll = r.int(20);
  if (roll === 0) b[pointerAt] = r.pick([0x44, 0xfc, 0x10, 0x3c]);
  else if (roll === 1 && size === 4096)
    put32(b, 0x100, (b[0x100] | (b[0x101] << 8) | (r.pick([0x40, 0x100, 0x80]) << 20)) >>> 0);
  else if (roll === 2 && size === 4096) put32(b, 0x100, 0xffffffff);
  else if (roll === 3) b[pointerAt] = b[pointerAt] ? b[pointerAt] : 0x40;
}

const hex2 = (v) => v.toString(16).padStart(2, '0');

/** lspci's text form of a device: slot line, then 16 bytes per line. */
export function dumpText(slot, title, bytes) {
  let text = `${slot} ${title}\n`;
  for (let off = 0; off < bytes.length; off += 16) {
    text += `${hex2(off)}:`;
    for (let i = off; i < off + 16; i++) text += ` ${hex2(bytes[i])}`;
    text += '\n';
  }
  return `${text}\n`;
}

export const slotName = (bus, dev, fn) => `${hex2(bus)}:${hex2(dev)}.${fn}`;
