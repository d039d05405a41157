/**
 * Small extended capabilities (cap_dsn, cap_evendor, cap_tph, cap_ltr, cap_sec, cap_l1pm, cap_ptm, cap_doe in
 * pciutils 3.9.0 ls-ecaps.c).
 */
import { ltrNs } from '../ecaps/power';
import { bits, flags, hx, sign, type Ctx } from './reader';

export function capDsn({ cfg, out }: Ctx, where: number): void {
  if (!cfg.has(where + 4, 8)) return;
  const bytes = [...cfg.bytes.subarray(where + 4, where + 12)].reverse();
  out.line(`Device Serial Number ${bytes.map((b) => hx(b, 2)).join('-')}`);
}

export function capVendorExt({ cfg, out }: Ctx, where: number): void {
  out.put('Vendor Specific Information: ');
  if (!cfg.has(where + 4, 4)) {
    out.line('<unreadable>');
    return;
  }
  const h = cfg.u32(where + 4);
  out.line(`ID=${hx(bits(h, 0, 16), 4)} Rev=${bits(h, 16, 4)} Len=${hx(bits(h, 20, 12), 3)} <?>`);
}

const STEERING = [
  'No steering table available',
  'Steering table in TPH capability structure',
  'Steering table in MSI-X table',
  'Reserved steering table location',
];

export function capTph({ cfg, out }: Ctx, where: number): void {
  out.line('Transaction Processing Hints');
  if (!cfg.has(where + 4, 4)) return;
  const c = cfg.u32(where + 4);
  if (c & 0x2) out.line('\t\tInterrupt vector mode supported');
  if (c & 0x4) out.line('\t\tDevice specific mode supported');
  if (c & 0x100) out.line('\t\tExtended requester support');
  out.line(`\t\t${STEERING[(c >> 9) & 3]}`);
}

/** A latency scale: 1, 32, 1024 … ns per unit; C's int shift wraps at 32 for the reserved scales, as JS does. */
const ltrLatency = (v: number) => ltrNs(v & 0x3ff, (v >> 10) & 7);

export function capLtr({ cfg, out }: Ctx, where: number): void {
  out.line('Latency Tolerance Reporting');
  if (!cfg.has(where + 4, 4)) return;
  out.line(`\t\tMax snoop latency: ${ltrLatency(cfg.u16(where + 4))}ns`);
  out.line(`\t\tMax no snoop latency: ${ltrLatency(cfg.u16(where + 6))}ns`);
}

export function capSecondaryPcie({ cfg, out }: Ctx, where: number): void {
  out.line('Secondary PCI Express');
  if (!cfg.has(where + 4, 12)) return;
  const ctl = cfg.u16(where + 4);
  out.line(`\t\tLnkCtl3: LnkEquIntrruptEn${sign(ctl, 2)} PerformEqu${sign(ctl, 1)}`);
  const errs = cfg.u16(where + 8);
  const lanes = [...Array(16).keys()].filter((l) => (errs >> l) & 1);
  out.line(`\t\tLaneErrStat: ${errs ? `LaneErr at lane: ${lanes.join(' ')}` : '0'}`);
}

/** T_PowerOn: value × 2, 10 or 100 µs; scale 3 is reserved. */
function powerOn(scale: number, value: number): string {
  const unit = [2, 10, 100][scale];
  return unit === undefined ? '<error>' : `${unit * value}us`;
}

export function capL1pm({ cfg, out }: Ctx, where: number): void {
  out.line('L1 PM Substates');
  if (!cfg.has(where + 4, 12)) {
    out.line('\t\t<unreadable>');
    return;
  }
  const c = cfg.u32(where + 4);
  out.line(
    `\t\tL1SubCap: ${flags(c, [
      ['PCI-PM_L1.2', 1],
      ['PCI-PM_L1.1', 2],
      ['ASPM_L1.2', 4],
      ['ASPM_L1.1', 8],
      ['L1_PM_Substates', 0x10],
    ])}`,
  );
  const l12 = (c & 5) !== 0;
  if (l12) {
    out.line(
      `\t\t\t  PortCommonModeRestoreTime=${bits(c, 8, 8)}us PortTPowerOnTime=${powerOn(bits(c, 16, 2), bits(c, 19, 5))}`,
    );
  }
  let v = cfg.u32(where + 8);
  out.line(
    `\t\tL1SubCtl1: ${flags(v, [
      ['PCI-PM_L1.2', 1],
      ['PCI-PM_L1.1', 2],
      ['ASPM_L1.2', 4],
      ['ASPM_L1.1', 8],
    ])}`,
  );
  if (l12) {
    let line = `\t\t\t   T_CommonMode=${bits(v, 8, 8)}us`;
    if (c & 4) {
      const scale = bits(v, 29, 3);
      line += ` LTR1.2_Threshold=${scale > 5 ? '<error>' : `${ltrNs(bits(v, 16, 10), scale)}ns`}`;
    }
    out.line(line);
  }
  v = cfg.u32(where + 12);
  out.line(`\t\tL1SubCtl2:${l12 ? ` T_PwrOn=${powerOn(bits(v, 0, 2), bits(v, 3, 5))}` : ''}`);
}

function granularity(clock: number, zero: string): string {
  if (clock === 0) return zero;
  return clock === 0xff ? 'Greater than 254ns' : `${clock}ns`;
}

export function capPtm({ cfg, out }: Ctx, where: number): void {
  out.line('Precision Time Measurement');
  if (!cfg.has(where + 4, 8)) {
    out.line('\t\t<unreadable>');
    return;
  }
  const c = cfg.u32(where + 4);
  out.line(`\t\tPTMCap: Requester:${sign(c, 1)} Responder:${sign(c, 2)} Root:${sign(c, 4)}`);
  out.line(`\t\tPTMClockGranularity: ${granularity(bits(c, 8, 8), 'Unimplemented')}`);
  const ctl = cfg.u32(where + 8);
  out.line(`\t\tPTMControl: Enabled:${sign(ctl, 1)} RootSelected:${sign(ctl, 2)}`);
  out.line(`\t\tPTMEffectiveGranularity: ${granularity(bits(ctl, 8, 8), 'Unknown')}`);
}

export function capDoe({ cfg, out }: Ctx, where: number): void {
  out.line('Data Object Exchange');
  if (!cfg.has(where + 4, 0x14)) {
    out.line('\t\t<unreadable>');
    return;
  }
  const c = cfg.u32(where + 4);
  out.line(`\t\tDOECap: IntSup${sign(c, 1)}`);
  if (c & 1) out.line(`\t\t\tInterrupt Message Number ${hx((c >> 1) & 0x7ff, 3)}`);
  out.line(`\t\tDOECtl: IntEn${sign(cfg.u32(where + 8), 2)}`);
  const s = cfg.u32(where + 12);
  // 3.9.0 tests the Error flag with mask 3 (Busy|IntSta), not bit 2: reproduced as printed.
  out.line(
    `\t\tDOESta: Busy${sign(s, 1)} IntSta${sign(s, 2)} Error${sign(s, 3)} ObjectReady${sign(s, 0x80000000)}`,
  );
}
