/** Enhanced Allocation (cap_ea in pciutils 3.9.0 ls-caps.c): one block per entry, sizes from the entry header. */
import { eaBei as bei, eaProperty as property } from '../caps/ea';
import { bits, hx, sign, type Ctx } from './reader';

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
