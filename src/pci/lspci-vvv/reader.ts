/**
 * What `lspci -F DUMP` can see of one device, and the small text helpers every formatter shares.
 *
 * lspci's dump back end (pciutils lib/dump.c, dump_read) answers a read only when the whole range lies inside
 * the bytes the dump holds; lspci asks for each range it is about to decode (config_fetch in lspci.c) and
 * skips or reports `<access denied>` when the answer is no. Library reads outside the dump (pci_read_byte &co.
 * in lib/access.c) come back as all ones. `has` and `u8/u16/u32` model exactly those two rules.
 */

import type { PciSlot } from '../lspci';

export type Slot = PciSlot;

/**
 * lspci dies ("Internal bug: Accessing non-read configuration byte") when it reads a byte it never fetched
 * (check_conf_range in lspci.c); everything printed until then stays, nothing after it is printed.
 */
export class LspciDied extends Error {
  constructor(readonly pos: number) {
    super(`lspci would stop: byte ${pos.toString(16)} read before it was fetched`);
  }
}

export class ConfigView {
  /** Bytes lspci has fetched so far: the first 64 at start (scan_device), then every range `has` granted. */
  private readonly present = new Uint8Array(4096);

  constructor(
    readonly bytes: Uint8Array,
    readonly slot: Slot,
  ) {
    if (bytes.length >= 64) this.present.fill(1, 0, 64);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** config_fetch on a dump: the range is readable when it ends inside the dump (an empty range always is). */
  has(pos: number, len: number): boolean {
    if (len <= 0) return true;
    if (pos < 0 || pos + len > this.bytes.length) return false;
    this.present.fill(1, pos, pos + len);
    return true;
  }

  private check(pos: number, len: number): void {
    for (let i = pos; i < pos + len; i++) if (!this.present[i]) throw new LspciDied(i);
  }

  /** lspci's get_conf_byte/word/long: only bytes fetched before may be read. */
  u8(pos: number): number {
    this.check(pos, 1);
    return this.bytes[pos];
  }

  u16(pos: number): number {
    this.check(pos, 2);
    return this.bytes[pos] | (this.bytes[pos + 1] << 8);
  }

  u32(pos: number): number {
    this.check(pos, 4);
    const b = this.bytes;
    return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
  }

  /** A 64-bit value from two dwords, low first. */
  u64(pos: number): bigint {
    return (BigInt(this.u32(pos + 4)) << 32n) | BigInt(this.u32(pos));
  }

  /** The library's pci_read_long (lib/access.c): no fetch needed, all ones outside the dump. */
  lib32(pos: number): number {
    if (pos < 0 || pos + 4 > this.bytes.length) return 0xffffffff;
    const b = this.bytes;
    return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
  }

  lib16(pos: number): number {
    if (pos < 0 || pos + 2 > this.bytes.length) return 0xffff;
    return this.bytes[pos] | (this.bytes[pos + 1] << 8);
  }

  lib8(pos: number): number {
    return pos >= 0 && pos < this.bytes.length ? this.bytes[pos] : 0xff;
  }
}

/** The text being built; lspci prints in pieces, so pieces are what formatters append. */
export class Out {
  private readonly parts: string[] = [];
  put(text: string): void {
    this.parts.push(text);
  }
  line(text: string): void {
    this.parts.push(text, '\n');
  }
  text(): string {
    return this.parts.join('');
  }
}

/** Everything a capability formatter needs: the config, the output, and the PCIe port type seen so far. */
export interface Ctx {
  readonly cfg: ConfigView;
  readonly out: Out;
  /** The port type from the last PCI Express capability (-1 before one is seen); extended caps depend on it. */
  expType: number;
}

/** lspci's `Name+` / `Name-` words. */
export const sign = (value: number, mask: number): string => ((value & mask) !== 0 ? '+' : '-');

/** A field of `width` bits starting at bit `at`. */
export const bits = (value: number, at: number, width: number): number =>
  width >= 32 ? value >>> at : (value >>> at) & ((1 << width) - 1);

/** Zero-padded lower-case hex, as printf's `%0Nx`. */
export const hx = (value: number | bigint, width = 0): string =>
  (typeof value === 'bigint' ? value : BigInt(value >>> 0)).toString(16).padStart(width, '0');

/** A run of flag words: `[['SrcValid', 0x1], ['TransBlk', 0x2]]` → `SrcValid+ TransBlk-`. */
export type FlagList = readonly (readonly [string, number])[];
export const flags = (value: number, list: FlagList): string =>
  list.map(([name, mask]) => `${name}${sign(value, mask)}`).join(' ');

/** A table lookup that prints `??N` past the end, like lspci's TABLE macro. */
export { tableName as table } from '../vocab';

/** A capability lspci only names: one fixed line. */
export const fixedLine =
  (text: string) =>
  ({ out }: Ctx): void =>
    out.line(text);
