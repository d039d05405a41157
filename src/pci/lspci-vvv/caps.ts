/**
 * The standard capability list as `lspci -vvv` walks it (show_caps in pciutils 3.9.0 ls-caps.c): every
 * hazard is printed where it is met — `<access denied>` past the dump, `<chain looped>`, `<chain broken>` —
 * and a PCI Express or PCI-X capability opens the extended list.
 */
import {
  capAf,
  capAgp,
  capDebugPort,
  capMsi,
  capMsix,
  capPm,
  capSata,
  capSlotId,
  capSsvid,
  capVendor,
  capVpd,
} from './caps-basic';
import { capEa } from './caps-ea';
import { capHt, capPcix } from './caps-pcix-ht';
import { capExpress } from './express';
import { showExtendedCaps } from './ecaps';
import { fixedLine, hx, type Ctx } from './reader';

type CapFormatter = (ctx: Ctx, where: number, cap: number) => void;

/** By capability ID (PCI_CAP_ID_* in pci_regs.h). PCI Express and PCI-X are handled by the walk itself. */
const FORMATTERS: Record<number, CapFormatter> = {
  0x00: fixedLine('Null'),
  0x01: capPm,
  0x02: capAgp,
  0x03: capVpd,
  0x04: capSlotId,
  0x05: capMsi,
  0x06: fixedLine('CompactPCI hot-swap <?>'),
  0x08: capHt,
  0x09: capVendor,
  0x0a: capDebugPort,
  0x0b: fixedLine('CompactPCI central resource control <?>'),
  0x0c: fixedLine('Hot-plug capable'),
  0x0d: capSsvid,
  0x0e: fixedLine('AGP3 <?>'),
  0x0f: fixedLine('Secure device <?>'),
  0x11: capMsix,
  0x12: capSata,
  0x13: capAf,
  0x14: capEa,
};

const CAP_ID_PCIX = 0x07;
const CAP_ID_EXP = 0x10;

/** C's `%#02x`: `0x` and the digits, or a bare `0`. */
export const altHex = (v: number) => (v ? `0x${hx(v)}` : '0');

export function showCaps(ctx: Ctx, pointerAt: number): void {
  const { cfg, out } = ctx;
  let extended = false;
  if (cfg.u16(0x06) & 0x10) {
    const seen = new Set<number>();
    let where = cfg.u8(pointerAt) & ~3;
    while (where) {
      out.put('\tCapabilities: ');
      if (!cfg.has(where, 4)) {
        out.line('<access denied>');
        break;
      }
      const id = cfg.u8(where);
      const next = cfg.u8(where + 1) & ~3;
      const cap = cfg.u16(where + 2);
      out.put(`[${hx(where, 2)}] `);
      if (seen.has(where)) {
        out.line('<chain looped>');
        break;
      }
      seen.add(where);
      if (id === 0xff) {
        out.line('<chain broken>');
        break;
      }
      if (id === CAP_ID_EXP) {
        ctx.expType = capExpress(ctx, where, cap);
        extended = true;
      } else if (id === CAP_ID_PCIX) {
        capPcix(ctx, where);
        extended = true;
      } else if (FORMATTERS[id]) {
        FORMATTERS[id](ctx, where, cap);
      } else {
        out.line(`Capability ID ${altHex(id)} [${hx(cap, 4)}]`);
      }
      where = next;
    }
  }
  if (extended) showExtendedCaps(ctx);
}
