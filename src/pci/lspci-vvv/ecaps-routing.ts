/**
 * Routing and translation capabilities (cap_acs, cap_ari, cap_ats, cap_pri, cap_pasid, cap_multicast in
 * pciutils 3.9.0 ls-ecaps.c).
 */
import { shl } from '../ecaps/routing';
import { multicastEcrcPort, multicastEndpoint } from '../caps/pcie-ports';
import { flags, hx, sign, type Ctx, type FlagList } from './reader';

const ACS: FlagList = [
  ['SrcValid', 0x1],
  ['TransBlk', 0x2],
  ['ReqRedir', 0x4],
  ['CmpltRedir', 0x8],
  ['UpstreamFwd', 0x10],
  ['EgressCtrl', 0x20],
  ['DirectTrans', 0x40],
];

export function capAcs({ cfg, out }: Ctx, where: number): void {
  out.line('Access Control Services');
  if (!cfg.has(where + 4, 4)) return;
  out.line(`\t\tACSCap:\t${flags(cfg.u16(where + 4), ACS)}`);
  out.line(`\t\tACSCtl:\t${flags(cfg.u16(where + 6), ACS)}`);
}

export function capAri({ cfg, out }: Ctx, where: number): void {
  out.line('Alternative Routing-ID Interpretation (ARI)');
  if (!cfg.has(where + 4, 4)) return;
  const c = cfg.u16(where + 4);
  out.line(`\t\tARICap:\tMFVC${sign(c, 1)} ACS${sign(c, 2)}, Next Function: ${(c >> 8) & 0xff}`);
  const w = cfg.u16(where + 6);
  out.line(`\t\tARICtl:\tMFVC${sign(w, 1)} ACS${sign(w, 2)}, Function Group: ${(w >> 4) & 7}`);
}

export function capAts({ cfg, out }: Ctx, where: number): void {
  out.line('Address Translation Service (ATS)');
  if (!cfg.has(where + 4, 4)) return;
  out.line(`\t\tATSCap:\tInvalidate Queue Depth: ${hx(cfg.u16(where + 4) & 0x1f, 2)}`);
  const w = cfg.u16(where + 6);
  out.line(`\t\tATSCtl:\tEnable${sign(w, 0x8000)}, Smallest Translation Unit: ${hx(w & 0x1f, 2)}`);
}

export function capPri({ cfg, out }: Ctx, where: number): void {
  out.line('Page Request Interface (PRI)');
  if (!cfg.has(where + 4, 0xc)) return;
  const c = cfg.u16(where + 4);
  out.line(`\t\tPRICtl: Enable${sign(c, 1)} Reset${sign(c, 2)}`);
  const s = cfg.u16(where + 6);
  out.line(`\t\tPRISta: RF${sign(s, 1)} UPRGI${sign(s, 2)} Stopped${sign(s, 0x100)}`);
  out.line(
    `\t\tPage Request Capacity: ${hx(cfg.u32(where + 8), 8)}, Page Request Allocation: ${hx(cfg.u32(where + 12), 8)}`,
  );
}

export function capPasid({ cfg, out }: Ctx, where: number): void {
  out.line('Process Address Space ID (PASID)');
  if (!cfg.has(where + 4, 4)) return;
  const c = cfg.u16(where + 4);
  out.line(`\t\tPASIDCap: Exec${sign(c, 2)} Priv${sign(c, 4)}, Max PASID Width: ${hx((c >> 8) & 0x1f, 2)}`);
  const w = cfg.u16(where + 6);
  out.line(`\t\tPASIDCtl: Enable${sign(w, 1)} Exec${sign(w, 2)} Priv${sign(w, 4)}`);
}

/** C's `1 << n` for an int on x86: the shift count wraps at 32 and bit 31 makes it negative — as in JS. */

export function capMulticast({ cfg, out, expType }: Ctx, where: number): void {
  out.line('Multicast');
  if (!cfg.has(where + 4, 0x30)) return;
  const c = cfg.u16(where + 4);
  const endpoint = multicastEndpoint(expType);
  // lspci ends this line only for switch and root ports; otherwise the control word follows on the same line.
  out.put(`\t\tMcastCap: MaxGroups ${(c & 0x3f) + 1}`);
  if (endpoint) out.put(`, WindowSz ${(c >> 8) & 0x3f} (${shl((c >> 8) & 0x3f)} bytes)`);
  if (multicastEcrcPort(expType)) out.line(`, ECRCRegen${sign(c, 0x8000)}`);
  const w = cfg.u16(where + 6);
  out.line(`\t\tMcastCtl: NumGroups ${(w & 0x3f) + 1}, Enable${sign(w, 0x8000)}`);
  const bar = cfg.u64(where + 8);
  out.line(`\t\tMcastBAR: IndexPos ${Number(bar & 0x3fn)}, BaseAddr ${hx(bar & ~0xfffn, 16)}`);
  out.line(`\t\tMcastReceiveVec:      ${hx(cfg.u64(where + 0x10), 16)}`);
  out.line(`\t\tMcastBlockAllVec:     ${hx(cfg.u64(where + 0x18), 16)}`);
  out.line(`\t\tMcastBlockUntransVec: ${hx(cfg.u64(where + 0x20), 16)}`);
  if (endpoint) return;
  const ovl = cfg.u64(where + 0x28);
  const size = Number(ovl & 0x3fn);
  const sizeText = size >= 6 ? `(${shl(size)} bytes)` : '(disabled)';
  out.line(`\t\tMcastOverlayBAR: OverlaySize ${size} ${sizeText}, BaseAddr ${hx(ovl & ~0x3fn, 16)}`);
}
