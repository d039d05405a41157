/**
 * The short standard capabilities of pciutils 3.9.0 ls-caps.c (cap_pm, cap_agp, cap_msi, cap_msix,
 * cap_slotid, cap_ssvid, cap_debug_port, cap_af, cap_sata_hba), the vendor-specific one with its virtio
 * decode (ls-caps-vendor.c) and VPD (ls-vpd.c, which a dump can never read).
 */
import { bits, flags, hx, sign, type Ctx } from './reader';

const PM_AUX_CURRENT_MA = [0, 55, 100, 160, 220, 270, 320, 375];

export function capPm({ cfg, out }: Ctx, where: number, cap: number): void {
  out.line(`Power Management version ${cap & 7}`);
  const pme = flags(cap, [
    ['D0', 0x800],
    ['D1', 0x1000],
    ['D2', 0x2000],
    ['D3hot', 0x4000],
    ['D3cold', 0x8000],
  ]).replace(/ /g, ',');
  out.line(
    `\t\tFlags: ${flags(cap, [
      ['PMEClk', 0x8],
      ['DSI', 0x20],
      ['D1', 0x200],
      ['D2', 0x400],
    ])} AuxCurrent=${PM_AUX_CURRENT_MA[(cap >> 6) & 7]}mA PME(${pme})`,
  );
  if (!cfg.has(where + 4, 4)) return;
  const t = cfg.u16(where + 4);
  out.line(
    `\t\tStatus: D${t & 3} NoSoftRst${sign(t, 0x8)} PME-Enable${sign(t, 0x100)} DSel=${(t >> 9) & 0xf} DScale=${(t >> 13) & 3} PME${sign(t, 0x8000)}`,
  );
  const b = cfg.u8(where + 6);
  if (b) out.line(`\t\tBridge: PM${sign(b, 0x80)} B3${sign(~b, 0x40)}`);
}

function agpRate(rate: number, agp3: boolean): string {
  const names = [0, 1, 2].filter((i) => rate & (1 << i)).map((i) => `x${1 << (i + (agp3 ? 2 : 0))}`);
  return names.length ? names.join(',') : '<none>';
}

export function capAgp({ cfg, out }: Ctx, where: number, cap: number): void {
  const ver = (cap >> 4) & 0xf;
  out.line(`AGP version ${hx(ver)}.${hx(cap & 0xf)}`);
  if (!cfg.has(where + 4, 8)) return;
  let t = cfg.u32(where + 4);
  const agp3 = ver >= 3 && (t & 0x8) !== 0;
  const rq = (v: number) => (v >>> 24) + 1;
  out.line(
    `\t\tStatus: RQ=${rq(t)} Iso${sign(t, 0x10000)} ArqSz=${(t >> 13) & 7} Cal=${(t >> 10) & 7} ${flags(t, [
      ['SBA', 0x200],
      ['ITACoh', 0x100],
      ['GART64', 0x80],
      ['HTrans', 0x40],
      ['64bit', 0x20],
      ['FW', 0x10],
      ['AGP3', 0x8],
    ])} Rate=${agpRate(t & 7, agp3)}`,
  );
  t = cfg.u32(where + 8);
  out.line(
    `\t\tCommand: RQ=${rq(t)} ArqSz=${(t >> 13) & 7} Cal=${(t >> 10) & 7} ${flags(t, [
      ['SBA', 0x200],
      ['AGP', 0x100],
      ['GART64', 0x80],
      ['64bit', 0x20],
      ['FW', 0x10],
    ])} Rate=${agpRate(t & 7, agp3)}`,
  );
}

export function capMsi({ cfg, out }: Ctx, where: number, cap: number): void {
  const is64 = (cap & 0x80) !== 0;
  out.line(
    `MSI: Enable${sign(cap, 1)} Count=${1 << ((cap >> 4) & 7)}/${1 << ((cap >> 1) & 7)} Maskable${sign(cap, 0x100)} 64bit${sign(cap, 0x80)}`,
  );
  if (!cfg.has(where + 4, (is64 ? 14 : 10) - 4)) return;
  const upper = is64 ? hx(cfg.u32(where + 8), 8) : '';
  const data = cfg.u16(where + (is64 ? 12 : 8));
  out.line(`\t\tAddress: ${upper}${hx(cfg.u32(where + 4), 8)}  Data: ${hx(data, 4)}`);
  if (!(cap & 0x100)) return;
  const maskAt = where + (is64 ? 16 : 12);
  if (!cfg.has(maskAt, 8)) return;
  out.line(`\t\tMasking: ${hx(cfg.u32(maskAt), 8)}  Pending: ${hx(cfg.u32(maskAt + 4), 8)}`);
}

export function capMsix({ cfg, out }: Ctx, where: number, cap: number): void {
  out.line(`MSI-X: Enable${sign(cap, 0x8000)} Count=${(cap & 0x7ff) + 1} Masked${sign(cap, 0x4000)}`);
  if (!cfg.has(where + 4, 8)) return;
  for (const [label, at] of [
    ['Vector table', 4],
    ['PBA', 8],
  ] as const) {
    const off = cfg.u32(where + at);
    out.line(`\t\t${label}: BAR=${off & 7} offset=${hx((off & ~7) >>> 0, 8)}`);
  }
}

export function capSlotId({ out }: Ctx, _where: number, cap: number): void {
  out.line(`Slot ID: ${cap & 0x1f} slots, First${sign(cap, 0x20)}, chassis ${hx(cap >> 8, 2)}`);
}

/** lspci names the subsystem from pci.ids; without the database (`-n`) it prints the two IDs. */
export function capSsvid({ cfg, out }: Ctx, where: number): void {
  if (!cfg.has(where, 8)) return;
  out.line(`Subsystem: ${hx(cfg.u16(where + 4), 4)}:${hx(cfg.u16(where + 6), 4)}`);
}

export function capDebugPort({ out }: Ctx, _where: number, cap: number): void {
  out.line(`Debug port: BAR=${cap >> 13} offset=${hx(cap & 0x1fff, 4)}`);
}

export function capAf({ cfg, out }: Ctx, where: number): void {
  out.line('PCI Advanced Features');
  if (!cfg.has(where + 3, 3)) return;
  const cap = cfg.u8(where + 3);
  out.line(`\t\tAFCap: TP${sign(cap, 1)} FLR${sign(cap, 2)}`);
  out.line(`\t\tAFCtrl: FLR${sign(cfg.u8(where + 4), 1)}`);
  out.line(`\t\tAFStatus: TP${sign(cfg.u8(where + 5), 1)}`);
}

export function capSata({ cfg, out }: Ctx, where: number, cap: number): void {
  out.put(`SATA HBA v${bits(cap, 4, 4)}.${bits(cap, 0, 4)}`);
  if (!cfg.has(where + 4, 4)) {
    out.line('');
    return;
  }
  const bars = cfg.u32(where + 4);
  const bar = bars & 0xf;
  if (bar >= 4 && bar <= 9) out.line(` BAR${bar - 4} Offset=${hx(bits(bars, 4, 20), 8)}`);
  else if (bar === 15) out.line(' InCfgSpace');
  else out.line(` BAR??${bar}`);
}

const VIRTIO_TYPES = ['<unknown>', 'CommonCfg', 'Notify', 'ISR', 'DeviceCfg'];

/** Red Hat's virtio devices (1af4:1000–107f) describe their BAR windows in vendor capabilities. */
function virtio({ cfg, out }: Ctx, where: number, cap: number): boolean {
  const length = cap & 0xff;
  const type = (cap >> 8) & 0xff;
  if (length < 16 || !cfg.has(where, length)) return false;
  out.line(`VirtIO: ${VIRTIO_TYPES[type] ?? VIRTIO_TYPES[0]}`);
  let line = `\t\tBAR=${cfg.u8(where + 4)} offset=${hx(cfg.u32(where + 8), 8)} size=${hx(cfg.u32(where + 12), 8)}`;
  if (type === 2 && length >= 20) line += ` multiplier=${hx(cfg.u32(where + 16), 8)}`;
  out.line(line);
  return true;
}

export function capVendor(ctx: Ctx, where: number, cap: number): void {
  ctx.out.put('Vendor Specific Information: ');
  const device = ctx.cfg.u16(2);
  const isVirtio = ctx.cfg.u16(0) === 0x1af4 && device >= 0x1000 && device <= 0x107f;
  if (!(isVirtio && virtio(ctx, where, cap))) ctx.out.line(`Len=${hx(cap & 0xff, 2)} <?>`);
}

/** VPD lives behind the capability's address/data window, which a dump file cannot drive. */
export function capVpd({ out }: Ctx): void {
  out.line('Vital Product Data');
  out.line('\t\tNot readable');
}
