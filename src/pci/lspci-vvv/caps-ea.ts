/** Enhanced Allocation (cap_ea in pciutils 3.9.0 ls-caps.c): one block per entry, sizes from the entry header. */
import { bits, hx, sign, type Ctx } from './reader';

const PROPERTIES: Record<number, string> = {
  0x00: 'memory space, non-prefetchable',
  0x01: 'memory space, prefetchable',
  0x02: 'I/O space',
  0x03: 'VF memory space, prefetchable',
  0x04: 'VF memory space, non-prefetchable',
  0x05: 'allocation behind bridge, non-prefetchable memory',
  0x06: 'allocation behind bridge, prefetchable memory',
  0x07: 'allocation behind bridge, I/O space',
  0xfd: 'memory space resource unavailable for use',
  0xfe: 'I/O space resource unavailable for use',
  0xff: 'entry unavailable for use',
};

function property(p: number, secondary: boolean): string {
  if (p === 0xff && secondary) return 'entry unavailable for use, PrimaryProperties should be used';
  return PROPERTIES[p] ?? `[${hx(p, 2)}]`;
}

function bei(b: number): string {
  if (b <= 5) return `BAR ${b}`;
  if (b === 6) return 'resource behind function';
  if (b === 7) return 'not indicated';
  if (b === 8) return 'expansion ROM';
  if (b <= 14) return `VF-BAR ${b - 9}`;
  return 'reserved';
}

export function capEa({ cfg, out }: Ctx, where: number, cap: number): void {
  const count = cap & 0x3f;
  let entry = where + 4;
  out.put(`Enhanced Allocation (EA): NumEntries=${count}`);
  if ((cfg.u8(0x0e) & 0x7f) === 1) {
    entry += 4;
    if (!cfg.has(where + 4, 2)) {
      out.line('');
      return;
    }
    out.put(`, secondary=${cfg.u8(where + 4)}, subordinate=${cfg.u8(where + 5)}`);
  }
  out.line('');
  for (let i = 0; i < count; i++) {
    if (!cfg.has(entry, 4)) return;
    const header = cfg.u32(entry);
    const size = header & 7;
    if (!cfg.has(entry + 4, size * 4)) return;
    out.line(
      `\t\tEntry ${i}: Enable${sign(header, 0x80000000)} Writable${sign(header, 0x40000000)} EntrySize=${size}`,
    );
    out.line(`\t\t\t BAR Equivalent Indicator: ${bei(bits(header, 4, 4))}`);
    out.line(`\t\t\t PrimaryProperties: ${property(bits(header, 8, 8), false)}`);
    out.line(`\t\t\t SecondaryProperties: ${property(bits(header, 16, 8), true)}`);
    // Printed piece by piece as lspci does, so a read it never fetched cuts the output where lspci stops.
    const base = cfg.u32(entry + 4);
    const maxOffset = cfg.u32(entry + 8);
    let highAt = entry + 12;
    out.put('\t\t\t Base: ');
    if (base & 2) {
      out.put(hx(cfg.u32(entry + 12)));
      highAt += 4;
    }
    out.line(hx((base & ~3) >>> 0, 8));
    out.put('\t\t\t MaxOffset: ');
    if (maxOffset & 2) out.put(hx(cfg.u32(highAt)));
    out.line(hx((maxOffset | 3) >>> 0, 8));
    entry += 4 + 4 * size;
  }
}
