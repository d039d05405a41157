/**
 * Virtual channels and root-complex topology (cap_vc, cap_rclink, cap_rcec in pciutils 3.9.0 ls-ecaps.c).
 */
import { deviceRuns } from '../ecaps/root-complex';
import { PORT_ARBITRATION, VC_ARBITRATION, VC_REF_CLOCKS } from '../ecaps/vc';
import { bits, hx, sign, table, type Ctx } from './reader';

/** An arbitration list: the named schemes always, a reserved one only when its bit is set. */
function arbitration(value: number, names: readonly string[]): string {
  return names
    .map((name, i) =>
      name[0] !== '?' || value & (1 << i) ? `${i ? ' ' : '\t'}${name}${sign(value, 1 << i)}` : '',
    )
    .join('');
}

export function capVc({ cfg, out }: Ctx, where: number): void {
  out.line('Virtual Channel');
  if (!cfg.has(where + 4, 0x1c - 4)) return;
  const cr1 = cfg.u32(where + 4);
  const cr2 = cfg.u32(where + 8);
  const ctrl = cfg.u16(where + 12);
  const status = cfg.u16(where + 14);
  out.line(
    `\t\tCaps:\tLPEVC=${bits(cr1, 4, 3)} RefClk=${table(VC_REF_CLOCKS, bits(cr1, 8, 2))} PATEntryBits=${1 << bits(cr1, 10, 2)}`,
  );
  out.line(`\t\tArb:${arbitration(cr2, VC_ARBITRATION)}`);
  out.line(`\t\tCtrl:\tArbSelect=${table(VC_ARBITRATION, bits(ctrl, 1, 3))}`);
  out.line(`\t\tStatus:\tInProgress${sign(status, 1)}`);
  const table0 = bits(cr2, 24, 8);
  if (table0) out.line(`\t\tPort Arbitration Table [${hx(where + 16 * table0)}] <?>`);
  for (let i = 0; i <= bits(cr1, 0, 3); i++) {
    const pos = where + 16 + 12 * i;
    out.put(`\t\tVC${i}:\t`);
    if (!cfg.has(pos, 12)) {
      out.line('<unreadable>');
      continue;
    }
    const rcap = cfg.u32(pos);
    const rctrl = cfg.u32(pos + 4);
    const rstatus = cfg.u16(pos + 10);
    const pat = bits(rcap, 24, 8);
    out.line(
      `Caps:\tPATOffset=${hx(pat, 2)} MaxTimeSlots=${bits(rcap, 16, 7) + 1} RejSnoopTrans${sign(rcap, 1 << 15)}`,
    );
    out.line(`\t\t\tArb:${arbitration(rcap, PORT_ARBITRATION)}`);
    out.line(
      `\t\t\tCtrl:\tEnable${sign(rctrl, 1 << 31)} ID=${bits(rctrl, 24, 3)} ArbSelect=${table(PORT_ARBITRATION, bits(rctrl, 17, 3))} TC/VC=${hx(bits(rctrl, 0, 8), 2)}`,
    );
    out.line(`\t\t\tStatus:\tNegoPending${sign(rstatus, 2)} InProgress${sign(rstatus, 1)}`);
    if (pat) out.line('\t\t\tPort Arbitration Table <?>');
  }
}

export function capRclink({ cfg, out }: Ctx, where: number): void {
  out.line('Root Complex Link');
  if (!cfg.has(where + 4, 16 - 4)) return;
  const esd = cfg.u32(where + 4);
  out.line(
    `\t\tDesc:\tPortNumber=${hx(bits(esd, 24, 8), 2)} ComponentID=${hx(bits(esd, 16, 8), 2)} EltType=${table(['Config', 'Egress', 'Internal'], bits(esd, 0, 8))}`,
  );
  for (let i = 0; i < bits(esd, 8, 8); i++) {
    const pos = where + 16 + 16 * i;
    out.put(`\t\tLink${i}:\t`);
    if (!cfg.has(pos, 16)) {
      out.line('<unreadable>');
      return;
    }
    const desc = cfg.u32(pos);
    const lo = cfg.u32(pos + 8);
    const hi = cfg.u32(pos + 12);
    out.line(
      `Desc:\tTargetPort=${hx(bits(desc, 24, 8), 2)} TargetComponent=${hx(bits(desc, 16, 8), 2)} AssocRCRB${sign(desc, 4)} LinkType=${desc & 2 ? 'Config' : 'MemMapped'} LinkValid${sign(desc, 1)}`,
    );
    if (desc & 2) {
      const busBits = lo & 7 || 8;
      out.line(
        `\t\t\tAddr:\t${hx(bits(lo, 20, busBits), 2)}:${hx(bits(lo, 15, 5), 2)}.${bits(lo, 12, 3)}  CfgSpace=${hx(hi, 8)}${hx(lo, 8)}`,
      );
    } else {
      out.line(`\t\t\tAddr:\t${hx(hi, 8)}${hx(lo, 8)}`);
    }
  }
}

export function capRcec({ cfg, out }: Ctx, where: number): void {
  out.line('Root Complex Event Collector Endpoint Association');
  if (!cfg.has(where, 12)) return;
  const version = bits(cfg.u32(where), 16, 4);
  const bmap = cfg.u32(where + 4);
  out.line(`\t\tRCiEPBitmap: ${bmap ? `RCiEP at Device(s):${deviceRuns(bmap)}` : '00000000 [none]'}`);
  if (version < 2) return;
  const busn = cfg.u32(where + 8);
  const last = bits(busn, 16, 8);
  const next = bits(busn, 8, 8);
  out.line(
    `\t\tAssociatedBusNumbers: ${last === 0 && next === 0xff ? 'ff-00 [none]' : `${hx(next, 2)}-${hx(last, 2)}`}`,
  );
}
