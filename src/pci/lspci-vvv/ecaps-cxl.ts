/**
 * Designated Vendor-Specific capabilities and the CXL DVSECs lspci decodes (cap_dvsec, cap_dvsec_cxl and the
 * dvsec_cxl_* functions in pciutils 3.9.0 ls-ecaps.c). Offsets are CXL 2.0/3.0's, as in pciutils' header.h.
 */
import { bits, flags, hx, sign, type ConfigView, type Ctx, type Out } from './reader';

const CXL_VENDOR = 0x1e98;

const RANGE_TYPES = ['Volatile', 'Non-volatile', 'CDAT'];
const RANGE_CLASSES = ['DRAM', 'Storage', 'CDAT'];
const INTERLEAVE = [0, 256, 4096, 512, 1024, 2048, 8192, 16384];

function cxlRange(out: Out, base: bigint, size: bigint, n: number): void {
  const w = Number(size & 0xffffn);
  const span = size & ~0x0fffffffn;
  const end = BigInt.asUintN(64, base + span - 1n);
  out.line(`\t\tRange${n}: ${hx(base, 16)}-${hx(end, 16)}`);
  // Type, class and interleave codes past the tables read out of bounds in 3.9.0; shown as `<?>` here.
  out.line(
    `\t\t\tValid${sign(w, 1)} Active${sign(w, 2)} Type=${RANGE_TYPES[(w >> 2) & 7] ?? '<?>'} Class=${RANGE_CLASSES[(w >> 5) & 7] ?? '<?>'} interleave=${INTERLEAVE[(w >> 8) & 0x1f] ?? '<?>'} timeout=${1 << (((w >> 13) & 7) * 2)}s`,
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
  const unit = bits(w, 0, 4);
  const size = bits(w, 8, 8);
  if (unit === 2) out.line(`\t\tCache Size: ${hx(size * (1 << 20), 8)}`);
  else if (unit === 1) out.line(`\t\tCache Size: ${hx(size * (64 << 10), 8)}`);
  else if (unit === 0) out.line('\t\tCache Size Not Reported');
  else out.line(`\t\tCache Size: ${size} of unknown unit size (${unit})`);
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

const BLOCK_IDS = [
  'empty',
  'component registers',
  'BAR virtualization',
  'CXL device registers',
  'CPMU registers',
];

function cxlRegisterLocator({ cfg, out }: Ctx, where: number, len: number): void {
  for (let i = 0; ; i++) {
    const pos = where + 0x0c + 8 * i;
    if (pos + 7 >= where + len) break;
    const lo = cfg.u32(pos);
    const id = bits(lo, 8, 8);
    if (!id) continue;
    const name = BLOCK_IDS[id] ?? (id === 0xff ? 'vendor-specific' : '<?>');
    const base = (BigInt(bits(lo, 16, 16)) << 16n) | (BigInt(cfg.u32(pos + 4)) << 32n);
    out.line(`\t\tBlock${i + 1}: BIR: bar${lo & 7}, ID: ${name}, offset: ${hx(base, 16)}`);
  }
}

/** A GPF time: base × 1, 10 or 100 in µs, ms or s by scale; reserved scales are reported and shown raw. */
function gpfTime(out: Out, w: number): string {
  const base = bits(w, 0, 4);
  const scale = bits(w, 8, 4);
  const factor = [1, 10, 100, 1, 10, 100, 1, 10][scale];
  if (factor === undefined) out.line(`\t\tReserved time scale encoding ${hx(scale)}`);
  const unit = scale < 3 ? 'us' : scale < 6 ? 'ms' : scale === 6 ? 's' : '<?>';
  return `${base * (factor ?? 1)}${unit}`;
}

function cxlGpfPort({ cfg, out }: Ctx, where: number): void {
  out.line(`\t\tGPF Phase 1 Timeout: ${gpfTime(out, cfg.u16(where + 0x0c))}`);
  out.line(`\t\tGPF Phase 2 Timeout: ${gpfTime(out, cfg.u16(where + 0x0e))}`);
}

function cxlGpfDevice({ cfg, out }: Ctx, where: number): void {
  out.line(`\t\tGPF Phase 2 Duration: ${gpfTime(out, cfg.u16(where + 0x0a))}`);
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
  if (vendor === CXL_VENDOR && len >= 16) cxl(ctx, id, rev, where, len);
  else out.line(' <?>');
}
