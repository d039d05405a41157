/**
 * The PCI Express capability, first half (cap_express, cap_express_dev, cap_express_link, cap_express_slot,
 * cap_express_root in pciutils 3.9.0 ls-caps.c). Which words appear depends on the port type, as there.
 */
import { expressV2 } from './express2';
import { L0S_LATENCY as L0S, L1_LATENCY as L1, LINK_SPEEDS, powerLimit } from '../vocab';
import {
  devcapIndicators,
  devcapLatencies,
  devcapPowerLimit,
  downstreamPort,
  EXP,
  flrType,
  hasLink,
  hasRoot,
  hasSlot,
  linkRcb,
} from '../caps/pcie-ports';
import { flags, hx, sign, type Ctx } from './reader';

function expressDev({ cfg, out }: Ctx, where: number, type: number): void {
  const t = cfg.u32(where + 4);
  let line = `\t\tDevCap:\tMaxPayload ${128 << (t & 7)} bytes, PhantFunc ${(1 << ((t >> 3) & 3)) - 1}`;
  if (devcapLatencies(type)) line += `, Latency L0s ${L0S[(t >> 6) & 7]}, L1 ${L1[(t >> 9) & 7]}`;
  out.line(line);
  line = `\t\t\tExtTag${sign(t, 0x20)}`;
  if (devcapIndicators(type)) {
    line += ` AttnBtn${sign(t, 0x1000)} AttnInd${sign(t, 0x2000)} PwrInd${sign(t, 0x4000)}`;
  }
  line += ` RBE${sign(t, 0x8000)}`;
  const flrCapable = flrType(type);
  if (flrCapable) line += ` FLReset${sign(t, 0x10000000)}`;
  if (devcapPowerLimit(type)) {
    line += ` SlotPowerLimit ${powerLimit((t >>> 18) & 0xff, (t >>> 26) & 3)}`;
  }
  out.line(line);
  let w = cfg.u16(where + 8);
  out.line(
    `\t\tDevCtl:\t${flags(w, [
      ['CorrErr', 1],
      ['NonFatalErr', 2],
      ['FatalErr', 4],
      ['UnsupReq', 8],
    ])}`,
  );
  line = `\t\t\t${flags(w, [
    ['RlxdOrd', 0x10],
    ['ExtTag', 0x100],
    ['PhantFunc', 0x200],
    ['AuxPwr', 0x400],
    ['NoSnoop', 0x800],
  ])}`;
  if (type === EXP.PCI_BRIDGE) line += ` BrConfRtry${sign(w, 0x8000)}`;
  if (flrCapable && t & 0x10000000) line += ` FLReset${sign(w, 0x8000)}`;
  out.line(line);
  out.line(`\t\t\tMaxPayload ${128 << ((w >> 5) & 7)} bytes, MaxReadReq ${128 << ((w >> 12) & 7)} bytes`);
  w = cfg.u16(where + 10);
  out.line(
    `\t\tDevSta:\t${flags(w, [
      ['CorrErr', 1],
      ['NonFatalErr', 2],
      ['FatalErr', 4],
      ['UnsupReq', 8],
      ['AuxPwr', 0x10],
      ['TransPend', 0x20],
    ])}`,
  );
}

const linkSpeed = (s: number) => LINK_SPEEDS[s] ?? 'unknown';
const ASPM_SUPPORT = ['not supported', 'L0s', 'L1', 'L0s L1'];
const ASPM_ENABLED = ['Disabled', 'L0s Enabled', 'L1 Enabled', 'L0s L1 Enabled'];

function compare(type: number, sta: number, cap: number): string {
  if (sta > cap) return ' (overdriven)';
  if (sta === cap || downstreamPort(type)) return '';
  return ' (downgraded)';
}

function expressLink({ cfg, out }: Ctx, where: number, type: number): void {
  const t = cfg.u32(where + 12);
  const aspm = (t >> 10) & 3;
  const capSpeed = t & 0xf;
  const capWidth = (t >> 4) & 0x3f;
  let line = `\t\tLnkCap:\tPort #${t >>> 24}, Speed ${linkSpeed(capSpeed)}, Width x${capWidth}, ASPM ${ASPM_SUPPORT[aspm]}`;
  if (aspm) {
    const parts = [];
    if (aspm & 1) parts.push(`L0s ${L0S[(t >> 12) & 7]}`);
    if (aspm & 2) parts.push(`L1 ${L1[(t >> 15) & 7]}`);
    line += `, Exit Latency ${parts.join(', ')}`;
  }
  out.line(line);
  out.line(
    `\t\t\t${flags(t, [
      ['ClockPM', 0x40000],
      ['Surprise', 0x80000],
      ['LLActRep', 0x100000],
      ['BwNot', 0x200000],
      ['ASPMOptComp', 0x400000],
    ])}`,
  );
  let w = cfg.u16(where + 16);
  line = `\t\tLnkCtl:\tASPM ${ASPM_ENABLED[w & 3]};`;
  if (linkRcb(type)) line += ` RCB ${w & 8 ? 128 : 64} bytes,`;
  out.line(`${line} Disabled${sign(w, 0x10)} CommClk${sign(w, 0x40)}`);
  out.line(
    `\t\t\t${flags(w, [
      ['ExtSynch', 0x80],
      ['ClockPM', 0x100],
      ['AutWidDis', 0x200],
      ['BWInt', 0x400],
      ['AutBWInt', 0x800],
    ])}`,
  );
  w = cfg.u16(where + 18);
  const speed = w & 0xf;
  const width = (w >> 4) & 0x3f;
  out.line(
    `\t\tLnkSta:\tSpeed ${linkSpeed(speed)}${compare(type, speed, capSpeed)}, Width x${width}${compare(type, width, capWidth)}`,
  );
  out.line(
    `\t\t\t${flags(w, [
      ['TrErr', 0x400],
      ['Train', 0x800],
      ['SlotClk', 0x1000],
      ['DLActive', 0x2000],
      ['BWMgmt', 0x4000],
      ['ABWMgmt', 0x8000],
    ])}`,
  );
}

const INDICATOR = ['Unknown', 'On', 'Blink', 'Off'];

function expressSlot({ cfg, out }: Ctx, where: number): void {
  const t = cfg.u32(where + 20);
  out.line(
    `\t\tSltCap:\t${flags(t, [
      ['AttnBtn', 0x1],
      ['PwrCtrl', 0x2],
      ['MRL', 0x4],
      ['AttnInd', 0x8],
      ['PwrInd', 0x10],
      ['HotPlug', 0x40],
      ['Surprise', 0x20],
    ])}`,
  );
  out.line(
    `\t\t\tSlot #${t >>> 19}, PowerLimit ${powerLimit((t >> 7) & 0xff, (t >> 15) & 3)}; Interlock${sign(t, 0x20000)} NoCompl${sign(t, 0x40000)}`,
  );
  let w = cfg.u16(where + 24);
  out.line(
    `\t\tSltCtl:\tEnable: ${flags(w, [
      ['AttnBtn', 0x1],
      ['PwrFlt', 0x2],
      ['MRL', 0x4],
      ['PresDet', 0x8],
      ['CmdCplt', 0x10],
      ['HPIrq', 0x20],
      ['LinkChg', 0x1000],
    ])}`,
  );
  out.line(
    `\t\t\tControl: AttnInd ${INDICATOR[(w >> 6) & 3]}, PwrInd ${INDICATOR[(w >> 8) & 3]}, Power${sign(w, 0x400)} Interlock${sign(w, 0x800)}`,
  );
  w = cfg.u16(where + 26);
  out.line(
    `\t\tSltSta:\tStatus: ${flags(w, [
      ['AttnBtn', 0x1],
      ['PowerFlt', 0x2],
      ['MRL', 0x20],
      ['CmdCplt', 0x10],
      ['PresDet', 0x40],
      ['Interlock', 0x80],
    ])}`,
  );
  out.line(
    `\t\t\tChanged: ${flags(w, [
      ['MRL', 0x4],
      ['PresDet', 0x8],
      ['LinkState', 0x100],
    ])}`,
  );
}

function expressRoot({ cfg, out }: Ctx, where: number): void {
  out.line(`\t\tRootCap: CRSVisible${sign(cfg.u16(where + 30), 1)}`);
  const w = cfg.u16(where + 28);
  out.line(
    `\t\tRootCtl: ${flags(w, [
      ['ErrCorrectable', 1],
      ['ErrNon-Fatal', 2],
      ['ErrFatal', 4],
      ['PMEIntEna', 8],
      ['CRSVisible', 0x10],
    ])}`,
  );
  const s = cfg.u32(where + 32);
  out.line(
    `\t\tRootSta: PME ReqID ${hx(s & 0xffff, 4)}, PMEStatus${sign(s, 0x10000)} PMEPending${sign(s, 0x20000)}`,
  );
}

const TYPE_NAMES: Record<number, (cap: number) => string> = {
  [EXP.ENDPOINT]: () => 'Endpoint',
  [EXP.LEG_END]: () => 'Legacy Endpoint',
  [EXP.ROOT_PORT]: (c) => `Root Port (Slot${sign(c, 0x100)})`,
  [EXP.UPSTREAM]: () => 'Upstream Port',
  [EXP.DOWNSTREAM]: (c) => `Downstream Port (Slot${sign(c, 0x100)})`,
  [EXP.PCI_BRIDGE]: () => 'PCI-Express to PCI/PCI-X Bridge',
  [EXP.PCIE_BRIDGE]: (c) => `PCI/PCI-X to PCI-Express Bridge (Slot${sign(c, 0x100)})`,
  [EXP.ROOT_INT_EP]: () => 'Root Complex Integrated Endpoint',
  [EXP.ROOT_EC]: () => 'Root Complex Event Collector',
};

/** Returns the port type, which the extended capabilities (AER, multicast) need. */
export function capExpress(ctx: Ctx, where: number, cap: number): number {
  const { cfg, out } = ctx;
  const type = (cap >> 4) & 0xf;
  const name = TYPE_NAMES[type]?.(cap) ?? `Unknown type ${type}`;
  out.line(`Express (v${cap & 0xf}) ${name}, MSI ${hx((cap >> 9) & 0x1f, 2)}`);
  const slot = hasSlot(type, cap);
  const link = hasLink(type);
  const root = hasRoot(type);
  if (!cfg.has(where + 4, root ? 32 : slot ? 24 : 16)) return type;
  expressDev(ctx, where, type);
  if (link) expressLink(ctx, where, type);
  if (slot) expressSlot(ctx, where);
  if (root) expressRoot(ctx, where);
  if ((cap & 0xf) < 2) return type;
  if (!cfg.has(where + 0x24, slot ? 24 : 16)) return type;
  expressV2(ctx, where, type, link);
  return type;
}
