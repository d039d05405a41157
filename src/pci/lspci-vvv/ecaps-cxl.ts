/**
 * Designated Vendor-Specific capabilities and the CXL DVSECs lspci decodes (cap_dvsec, cap_dvsec_cxl and the
 * dvsec_cxl_* functions in pciutils 3.9.0 ls-ecaps.c). Offsets are CXL 2.0/3.0's, as in pciutils' header.h.
 */
import {
  CXL_RANGE_CLASSES,
  CXL_RANGE_INTERLEAVE,
  CXL_RANGE_TYPES,
  cxlCacheSizeText,
  cxlRangeText,
} from '../ecaps/cxl-device';
import { cxlRegisterBlockText, PCI_VENDOR_ID_CXL } from '../ecaps/cxl';
import { gpfTime } from '../ecaps/cxl-port';
import { bits, flags, hx, sign, type ConfigView, type Ctx, type Out } from './reader';

function cxlRange(out: Out, base: bigint, size: bigint, n: number): void {
  const w = Number(size & 0xffffn);
  // Type, class and interleave codes past the tables read out of bounds in 3.9.0; shown as `<?>` here.
  const type = CXL_RANGE_TYPES[(w >> 2) & 7] ?? '<?>';
  const cls = CXL_RANGE_CLASSES[(w >> 5) & 7] ?? '<?>';
  const interleave = CXL_RANGE_INTERLEAVE[(w >> 8) & 0x1f] ?? '<?>';
  out.line(`\t\t${cxlRangeText(size, base, n)}`);
  out.line(
    `\t\t\tValid${sign(w, 1)} Active${sign(w, 2)} Type=${type} Class=${cls} interleave=${interleave} timeout=${1 << (((w >> 13) & 7) * 2)}s`,
  );
}

const hiLo = (cfg: ConfigView, at: number) => (BigInt(cfg.u32(at)) << 32n) | BigInt(cfg.u32(at + 4));

function cxlDevice({ cfg, out }: Ctx, rev: number, where: number, len: number): void {
  if (len < 0x38 || rev < 1) return;
  let w = cfg.u16(where + 0x0a);
  out.line(
    `\t\tCXLCap:\tCache${sign(w, 1)} IO${sign(w, 2)} Mem${sign(w, 4)} Mem HW Init${sign(w, 8)} HDMCount ${(w >> 4) & 3} Viral${sign(w, 0x4000)}`,
  );
  w = cfg.u16(where + 0x0c);
  out.line(
    `\t\tCXLCtl:\tCache${sign(w, 1)} IO${sign(w, 2)} Mem${sign(w, 4)} Cache SF Cov ${(w >> 3) & 0x1f} Cache SF Gran ${(w >> 8) & 7} Cache Clean${sign(w, 0x800)} Viral${sign(w, 0x4000)}`,
  );
  out.line(`\t\tCXLSta:\tViral${sign(cfg.u16(where + 0x0e), 0x4000)}`);
  w = cfg.u16(where + 0x12);
  out.line(`\t\tCXLSta2:\tResetComplete${sign(w, 2)} ResetError${sign(w, 4)} PMComplete${sign(w, 0x8000)}`);
  w = cfg.u16(where + 0x16);
  out.line(`\t\t${cxlCacheSizeText(bits(w, 0, 4), bits(w, 8, 8))}`);
  cxlRange(out, hiLo(cfg, where + 0x20), hiLo(cfg, where + 0x18), 1);
  cxlRange(out, hiLo(cfg, where + 0x30), hiLo(cfg, where + 0x28), 2);
}

function cxlPort({ cfg, out }: Ctx, where: number, len: number): void {
  if (len < 0x28) return;
  // 3.9.0 tests PMComplete against the register offset 0x0a as a mask: reproduced as printed.
  out.line(`\t\tCXLPortSta:\tPMComplete${sign(cfg.u16(where + 0x0a), 0x0a)}`);
  const w = cfg.u16(where + 0x0c);
  out.line(
    `\t\tCXLPortCtl:\t${flags(w, [
      ['UnmaskSBR', 1],
      ['UnmaskLinkDisable', 2],
      ['AltMem', 4],
      ['AltBME', 8],
      ['ViralEnable', 0x4000],
    ])}`,
  );
  out.line(`\t\tAlternateBus:\t${hx(cfg.u8(where + 0x0e), 2)}-${hx(cfg.u8(where + 0x0f), 2)}`);
  out.line(`\t\tAlternateBus:\t${hx(cfg.u16(where + 0x10), 4)}-${hx(cfg.u16(where + 0x12), 4)}`);
}

function cxlRegisterLocator({ cfg, out }: Ctx, where: number, len: number): void {
  for (let i = 0; ; i++) {
    const pos = where + 0x0c + 8 * i;
    if (pos + 7 >= where + len) break;
    const text = cxlRegisterBlockText(i, cfg.u32(pos), cfg.u32(pos + 4));
    if (text) out.line(`\t\t${text}`);
  }
}

/** A GPF time; a reserved scale is reported on a line of its own first. */
function gpfTimeText(out: Out, w: number): string {
  const { text, reserved } = gpfTime(w);
  if (reserved) out.line(`\t\t${reserved}`);
  return text;
}

function cxlGpfPort({ cfg, out }: Ctx, where: number): void {
  out.line(`\t\tGPF Phase 1 Timeout: ${gpfTimeText(out, cfg.u16(where + 0x0c))}`);
  out.line(`\t\tGPF Phase 2 Timeout: ${gpfTimeText(out, cfg.u16(where + 0x0e))}`);
}

function cxlGpfDevice({ cfg, out }: Ctx, where: number): void {
  out.line(`\t\tGPF Phase 2 Duration: ${gpfTimeText(out, cfg.u16(where + 0x0a))}`);
  out.line(`\t\tGPF Phase 2 Power: ${cfg.u32(where + 0x0c)}mW`);
}

function cxlFlexBus({ cfg, out }: Ctx, where: number, rev: number): void {
  if (rev < 1) {
    out.line(`\t\tRevision ${rev} not supported`);
    return;
  }
  const v2 = rev > 1;
  const flit = (w: number) => (v2 ? ` 256BFlit${sign(w, 0x2000)} PBRFlit${sign(w, 0x4000)}` : '');
  const base = (w: number) => `Cache${sign(w, 1)} IO${sign(w, 2)} Mem${sign(w, 4)}`;
  // Printed in lspci's pieces (each newline opens the next piece), so a short DVSEC stops where lspci stops.
  let w = cfg.u16(where + 0x0a);
  out.put(`\t\tFBCap:\t${base(w)} 68BFlit${sign(w, 0x20)} MltLogDev${sign(w, 0x40)}${flit(w)}`);
  w = cfg.u16(where + 0x0c);
  out.put(
    `\n\t\tFBCtl:\t${base(w)} ${flags(w, [
      ['SynHdrByp', 0x8],
      ['DrftBuf', 0x10],
      ['68BFlit', 0x20],
      ['MltLogDev', 0x40],
      ['RCD', 0x80],
      ['Retimer1', 0x100],
      ['Retimer2', 0x200],
    ])}${flit(w)}`,
  );
  w = cfg.u16(where + 0x0e);
  out.put(
    `\n\t\tFBSta:\t${base(w)} ${flags(w, [
      ['SynHdrByp', 0x8],
      ['DrftBuf', 0x10],
      ['68BFlit', 0x20],
      ['MltLogDev', 0x40],
    ])}${flit(w)}`,
  );
  out.put(`\n\t\tFBModTS:\tReceived FB Data: ${hx(bits(cfg.u32(where + 0x10), 0, 24), 6)}`);
  out.line('');
  if (!v2) return;
  out.line(`\t\tFBCap2:\tNOPHint${sign(cfg.u32(where + 0x14), 1)}`);
  out.line(`\t\tFBCtl2:\tNOPHint${sign(cfg.u32(where + 0x18), 1)}`);
  out.line(`\t\tFBSta2:\tNOPHintInfo: ${hx(bits(cfg.u32(where + 0x1c), 0, 2))}`);
}

function cxlMld({ cfg, out }: Ctx, where: number): void {
  const n = cfg.u16(where + 0x0a);
  if (n && n <= 16) out.line(`\t\tNumLogDevs: ${n}`);
}

function cxlFunctionMap({ cfg, out }: Ctx, where: number): void {
  for (let i = 0; i < 8; i++) out.line(`\t\tFuncMap ${i}: ${hx(cfg.u16(where + 0x0c + 4 * i), 8)}`);
}

function cxl(ctx: Ctx, id: number, rev: number, where: number, len: number): void {
  ctx.out.line(': CXL');
  if (!ctx.cfg.has(where, len)) return;
  if (id === 0) cxlDevice(ctx, rev, where, len);
  else if (id === 2) cxlFunctionMap(ctx, where);
  else if (id === 3) cxlPort(ctx, where, len);
  else if (id === 4) cxlGpfPort(ctx, where);
  else if (id === 5) cxlGpfDevice(ctx, where);
  else if (id === 7) cxlFlexBus(ctx, where, rev);
  else if (id === 8) cxlRegisterLocator(ctx, where, len);
  else if (id === 9) cxlMld(ctx, where);
  else ctx.out.line(`\t\tUnknown ID ${hx(id, 4)}`);
}

export function capDvsec(ctx: Ctx, where: number): void {
  const { cfg, out } = ctx;
  out.put('Designated Vendor-Specific: ');
  if (!cfg.has(where + 4, 8)) {
    out.line('<unreadable>');
    return;
  }
  const h = cfg.u32(where + 4);
  const vendor = bits(h, 0, 16);
  const rev = bits(h, 16, 4);
  const len = bits(h, 20, 12);
  const id = cfg.u32(where + 8) & 0xffff;
  out.put(`Vendor=${hx(vendor, 4)} ID=${hx(id, 4)} Rev=${rev} Len=${len}`);
  if (vendor === PCI_VENDOR_ID_CXL && len >= 16) cxl(ctx, id, rev, where, len);
  else out.line(' <?>');
}
