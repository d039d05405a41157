/**
 * Composite readings of the configuration header, as `lspci -vvv` prints them from a dump (pciutils 3.9.0
 * `show_bases`, `show_rom`, `show_htype1`, `show_htype2`): a BAR's region, the expansion ROM, a bridge's
 * windows and bus numbers. With a dump alone lspci knows no region sizes, so none are shown.
 */
import { says, type Meaning, type MeaningContext } from './meaning';
import { hexWord, regionSize } from './vocab';

const PCI_COMMAND = 0x04;
const PCI_COMMAND_IO = 0x1;
const PCI_COMMAND_MEMORY = 0x2;
const PCI_BASE_ADDRESS_0 = 0x10;
const PCI_BASE_ADDRESS_SPACE_IO = 0x1;
const PCI_BASE_ADDRESS_MEM_TYPE_MASK = 0x6;
const PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x4;
const PCI_BASE_ADDRESS_MEM_PREFETCH = 0x8;
const MEM_TYPES = ['32-bit', 'low-1M', '64-bit', 'type 3'];

const is64 = (bar: number) =>
  (bar & PCI_BASE_ADDRESS_SPACE_IO) === 0 &&
  (bar & PCI_BASE_ADDRESS_MEM_TYPE_MASK) === PCI_BASE_ADDRESS_MEM_TYPE_64;

/** Whether BAR `index` is the upper dword of the 64-bit BAR before it (pairs counted from BAR 0). */
function isUpperHalf(ctx: MeaningContext, index: number): boolean {
  for (let i = 0; i < index; i++) {
    if (is64(ctx.at(PCI_BASE_ADDRESS_0 + 4 * i, 4))) {
      if (i + 1 === index) return true;
      i++;
    }
  }
  return false;
}

/** `Region N`: "Memory at f7d00000 (64-bit, non-prefetchable)", "I/O ports at e000 [disabled]". */
export function barRegion(index: number, count: number): Meaning {
  return says(`Region ${index}`, (bar, ctx) => {
    if (isUpperHalf(ctx, index)) return `upper 32 bits of Region ${index - 1}`;
    const cmd = ctx.at(PCI_COMMAND, 2);
    if (bar === 0 || bar === 0xffffffff) return `Region ${index}: not implemented`;
    if (bar & PCI_BASE_ADDRESS_SPACE_IO) {
      const port = bar & 0xfffffffc;
      const at = port || cmd & PCI_COMMAND_IO ? hexWord(port, 4) : '<unassigned>';
      return `Region ${index}: I/O ports at ${at}${cmd & PCI_COMMAND_IO ? '' : ' [disabled]'}`;
    }
    const wide = is64(bar);
    const high = wide && index + 1 < count ? ctx.at(PCI_BASE_ADDRESS_0 + 4 * (index + 1), 4) : 0;
    const address = high * 2 ** 32 + ((bar & 0xfffffff0) >>> 0);
    const at =
      wide && index + 1 >= count ? '<broken-64-bit-slot>' : address ? hexWord(address, 8) : '<unassigned>';
    const type = MEM_TYPES[(bar & PCI_BASE_ADDRESS_MEM_TYPE_MASK) >> 1];
    const pf = bar & PCI_BASE_ADDRESS_MEM_PREFETCH ? '' : 'non-';
    const off = cmd & PCI_COMMAND_MEMORY ? '' : ' [disabled]';
    return `Region ${index}: Memory at ${at} (${type}, ${pf}prefetchable)${off}`;
  });
}

/** "Expansion ROM at fb000000 [disabled]". */
export const expansionRom = says('Expansion ROM', (rom, ctx) => {
  if (rom === 0) return 'Expansion ROM: not implemented';
  const base = (rom & 0xfffff800) >>> 0;
  const state =
    rom & 1 ? (ctx.at(PCI_COMMAND, 2) & PCI_COMMAND_MEMORY ? '' : ' [disabled by cmd]') : ' [disabled]';
  return `Expansion ROM at ${base ? hexWord(base, 8) : '<unassigned>'}${state}`;
});

/** "pin A" … "pin D"; 0 means the function uses no INTx pin. */
export const interruptPin = says('Interrupt', (pin) =>
  pin === 0
    ? 'no INTx pin'
    : pin <= 4
      ? `Interrupt: pin ${'ABCD'[pin - 1]}`
      : `Interrupt: pin ${pin} (invalid)`,
);

/** A bridge window, "Memory behind bridge: f7c00000-f7cfffff [size=1M] [32-bit]", from base and limit. */
function window(
  word: string,
  bits: (ctx: MeaningContext) => number,
  range: (ctx: MeaningContext) => [number, number] | null,
): Meaning {
  return says(word, (_v, ctx) => {
    const r = range(ctx);
    if (!r) return `${word}: unknown range type`;
    const [base, limit] = r;
    const width = bits(ctx);
    const digits = (width + 3) >> 2;
    // `lspci -vvv` prints the span even when it is empty (base above limit).
    const span = ` ${hexWord(base, digits)}-${hexWord(limit, digits)}`;
    const size = base <= limit ? ` [size=${regionSize(limit - base + 1)}]` : ' [disabled]';
    return `${word}:${span}${size} [${width}-bit]`;
  });
}

// Type 1 window registers (pci_regs.h).
const PCI_IO_BASE = 0x1c;
const PCI_IO_LIMIT = 0x1d;
const PCI_MEMORY_BASE = 0x20;
const PCI_MEMORY_LIMIT = 0x22;
const PCI_PREF_MEMORY_BASE = 0x24;
const PCI_PREF_MEMORY_LIMIT = 0x26;
const PCI_PREF_BASE_UPPER32 = 0x28;
const PCI_PREF_LIMIT_UPPER32 = 0x2c;
const PCI_IO_BASE_UPPER16 = 0x30;
const PCI_IO_LIMIT_UPPER16 = 0x32;

export const ioWindow = window(
  'I/O behind bridge',
  (c) => ((c.at(PCI_IO_BASE, 1) & 0xf) === 1 ? 32 : 16),
  (c) => {
    const b = c.at(PCI_IO_BASE, 1);
    const l = c.at(PCI_IO_LIMIT, 1);
    const type = b & 0xf;
    if (type !== (l & 0xf) || type > 1) return null;
    const hi = (off: number) => (type === 1 ? c.at(off, 2) * 0x10000 : 0);
    return [
      hi(PCI_IO_BASE_UPPER16) + (b & 0xf0) * 0x100,
      hi(PCI_IO_LIMIT_UPPER16) + (l & 0xf0) * 0x100 + 0xfff,
    ];
  },
);

export const memoryWindow = window(
  'Memory behind bridge',
  () => 32,
  (c) => {
    const b = c.at(PCI_MEMORY_BASE, 2);
    const l = c.at(PCI_MEMORY_LIMIT, 2);
    if ((b & 0xf) !== (l & 0xf) || b & 0xf) return null;
    return [(b & 0xfff0) * 0x10000, (l & 0xfff0) * 0x10000 + 0xfffff];
  },
);

export const prefetchWindow = window(
  'Prefetchable memory behind bridge',
  (c) => ((c.at(PCI_PREF_MEMORY_BASE, 2) & 0xf) === 1 ? 64 : 32),
  (c) => {
    const b = c.at(PCI_PREF_MEMORY_BASE, 2);
    const l = c.at(PCI_PREF_MEMORY_LIMIT, 2);
    const type = b & 0xf;
    if (type !== (l & 0xf) || type > 1) return null;
    const hi = (off: number) => (type === 1 ? c.at(off, 4) * 2 ** 32 : 0);
    return [
      hi(PCI_PREF_BASE_UPPER32) + (b & 0xfff0) * 0x10000,
      hi(PCI_PREF_LIMIT_UPPER32) + (l & 0xfff0) * 0x10000 + 0xfffff,
    ];
  },
);

/** "Latency: 0": the latency timer in PCI clocks. */
export const latencyTimer = says('Latency', (v) => `Latency: ${v}`);
/** MIN_GNT / MAX_LAT in units of 250 ns. */
export const quarterMicroseconds = (word: string) => says(word, (v) => `${word} ${v * 250}ns`);
/** "Cache Line Size: 64 bytes" (the register counts dwords). */
export const cacheLine = says('Cache Line Size', (v) => `Cache Line Size: ${v * 4} bytes`);
/** Bus numbers: "primary=00". */
export const busNumber = (word: string) => says(word, (v) => `${word}=${hexWord(v, 2)}`);
