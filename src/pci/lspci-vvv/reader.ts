/**
 * What `lspci -F DUMP` can see of one device, and the small text helpers every formatter shares.
 *
 * lspci's dump back end (pciutils lib/dump.c, dump_read) answers a read only when the whole range lies inside
 * the bytes the dump holds; lspci asks for each range it is about to decode (config_fetch in lspci.c) and
 * skips or reports `<access denied>` when the answer is no. Library reads outside the dump (pci_read_byte &co.
 * in lib/access.c) come back as all ones. `has` and `u8/u16/u32` model exactly those two rules.
 */

export interface Slot {
  readonly domain: number;
  readonly bus: number;
  readonly dev: number;
  readonly fn: number;
}

export class ConfigView {
  constructor(
    readonly bytes: Uint8Array,
    readonly slot: Slot,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  /** config_fetch on a dump: the range is readable when it ends inside the dump (an empty range always is). */
  has(pos: number, len: number): boolean {
    return len <= 0 || (pos >= 0 && pos + len <= this.bytes.length);
  }

  u8(pos: number): number {
    return pos >= 0 && pos < this.bytes.length ? this.bytes[pos] : 0xff;
  }

  u16(pos: number): number {
    return this.has(pos, 2) ? this.bytes[pos] | (this.bytes[pos + 1] << 8) : 0xffff;
  }

  u32(pos: number): number {
    if (!this.has(pos, 4)) return 0xffffffff;
    const b = this.bytes;
    return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
  }

  /** A 64-bit value from two dwords, low first. */
  u64(pos: number): bigint {
    return (BigInt(this.u32(pos + 4)) << 32n) | BigInt(this.u32(pos));
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
export const table = (names: readonly string[], i: number): string => names[i] ?? `??${i}`;
