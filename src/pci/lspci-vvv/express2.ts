/**
 * The PCI Express capability's second-generation registers (cap_express_dev2 and cap_express_link2 in pciutils
 * 3.9.0 ls-caps.c): printed for capability version 2 and later.
 */
import {
  COMPONENT,
  CROSSLINK,
  DEEMPHASIS,
  EPR,
  LN_CLS,
  OBFF_CONTROL,
  OBFF_SUPPORT,
  PRESETS,
  TIMEOUT_RANGES,
  TIMEOUT_VALUES,
  TPH_COMPLETER,
  TRANSMIT_MARGIN,
  speedVector,
} from '../caps/pcie-vocab';
import { LINK_SPEEDS } from '../vocab';
import { hasMemoryBar } from '../header';
import { downstreamPort, EXP, isType as is, linkCtl2Read } from '../caps/pcie-ports';
import { flags, sign, type Ctx } from './reader';

const { ROOT_PORT, UPSTREAM, DOWNSTREAM, ENDPOINT, LEG_END, ROOT_INT_EP } = EXP;

const hasMemBar = ({ cfg }: Ctx) => hasMemoryBar((o) => cfg.lib32(o), cfg.u8(0x0e) & 0x7f);

function dev2(ctx: Ctx, where: number, type: number): void {
  const { cfg, out } = ctx;
  const l = cfg.u32(where + 0x24);
  out.line(
    `\t\tDevCap2: Completion Timeout: ${TIMEOUT_RANGES[l & 0xf] ?? 'Unknown'}, ${flags(l, [
      ['TimeoutDis', 0x10],
      ['NROPrPrP', 0x400],
      ['LTR', 0x800],
    ])}`,
  );
  let line = `\t\t\t 10BitTagComp${sign(l, 0x10000)} 10BitTagReq${sign(l, 0x20000)} OBFF ${OBFF_SUPPORT[(l >> 18) & 3]}, ExtFmt${sign(l, 0x100000)} EETLPPrefix${sign(l, 0x200000)}`;
  if (l & 0x200000) line += `, MaxEETLPPrefixes ${(l >> 22) & 3 || 4}`;
  out.line(line);
  out.line(
    `\t\t\t EmergencyPowerReduction ${EPR[(l >> 24) & 3]}, EmergencyPowerReductionInit${sign(l, 0x4000000)}`,
  );
  line = `\t\t\t FRS${sign(l, 0x80000000)}`;
  if (type === ROOT_PORT) line += ` LN System CLS ${LN_CLS[(l >> 14) & 3]},`;
  if (is(type, ROOT_PORT, ENDPOINT)) line += ` ${TPH_COMPLETER[(l >> 12) & 3]}`;
  if (is(type, ROOT_PORT, DOWNSTREAM)) line += ` ARIFwd${sign(l, 0x20)}`;
  out.line(line);
  const memBar = hasMemBar(ctx);
  const switchPort = is(type, ROOT_PORT, UPSTREAM, DOWNSTREAM);
  if (switchPort || memBar) {
    line = '\t\t\t AtomicOpsCap:';
    if (switchPort) line += ` Routing${sign(l, 0x40)}`;
    if (type === ROOT_PORT || memBar) {
      line += ` ${flags(l, [
        ['32bit', 0x80],
        ['64bit', 0x100],
        ['128bitCAS', 0x200],
      ])}`;
    }
    out.line(line);
  }
  const w = cfg.u16(where + 0x28);
  line = `\t\tDevCtl2: Completion Timeout: ${TIMEOUT_VALUES[w & 0xf] ?? 'Unknown'}, ${flags(w, [
    ['TimeoutDis', 0x10],
    ['LTR', 0x400],
    ['10BitTagReq', 0x1000],
  ])} OBFF ${OBFF_CONTROL[(w >> 13) & 3]},`;
  if (is(type, ROOT_PORT, DOWNSTREAM)) line += ` ARIFwd${sign(w, 0x20)}`;
  out.line(line);
  const requester = is(type, ROOT_PORT, ENDPOINT, ROOT_INT_EP, LEG_END);
  if (switchPort || requester) {
    line = '\t\t\t AtomicOpsCtl:';
    if (requester) line += ` ReqEn${sign(w, 0x40)}`;
    if (switchPort) line += ` EgressBlck${sign(w, 0x80)}`;
    out.line(line);
  }
}

function link2({ cfg, out }: Ctx, where: number, type: number): void {
  let l = 0;
  const { dev, fn } = cfg.slot;
  if (linkCtl2Read(type, dev, fn)) {
    l = cfg.u32(where + 0x2c);
    if (l) {
      out.line(
        `\t\tLnkCap2: Supported Link Speeds: ${speedVector((l >> 1) & 0x7f)}, ${flags(l, [
          ['Crosslink', 0x100],
          ['Retimer', 0x800000],
          ['2Retimers', 0x1000000],
          ['DRS', 0x80000000],
        ])}`,
      );
    }
    const w = cfg.u16(where + 0x30);
    let line = `\t\tLnkCtl2: Target Link Speed: ${w & 0xf ? (LINK_SPEEDS[w & 0xf] ?? 'Unknown') : '2.5GT/s'}, EnterCompliance${sign(w, 0x10)} SpeedDis${sign(w, 0x20)}`;
    if (type === DOWNSTREAM) line += `, Selectable De-emphasis: ${DEEMPHASIS[(w >> 6) & 1]}`;
    out.line(line);
    out.line(
      `\t\t\t Transmit Margin: ${TRANSMIT_MARGIN[(w >> 7) & 7] ?? 'Unknown'}, EnterModifiedCompliance${sign(w, 0x400)} ComplianceSOS${sign(w, 0x800)}`,
    );
    out.line(`\t\t\t Compliance Preset/De-emphasis: ${PRESETS[(w >> 12) & 0xf] ?? 'Unknown'}`);
  }
  const w = cfg.u16(where + 0x32);
  out.line(
    `\t\tLnkSta2: Current De-emphasis Level: ${DEEMPHASIS[w & 1]}, EqualizationComplete${sign(w, 2)} EqualizationPhase1${sign(w, 4)}`,
  );
  out.line(
    `\t\t\t EqualizationPhase2${sign(w, 8)} EqualizationPhase3${sign(w, 0x10)} LinkEqualizationRequest${sign(w, 0x20)}`,
  );
  let line = `\t\t\t Retimer${sign(w, 0x40)} 2Retimers${sign(w, 0x80)} CrosslinkRes: ${CROSSLINK[(w >> 8) & 3]}`;
  if (downstreamPort(type) && l & 0x80000000) {
    out.line(`${line}, DRS${sign(w, 0x8000)}`);
    line = `\t\t\t DownstreamComp: ${COMPONENT[(w >> 12) & 7] ?? 'Reserved'}`;
  }
  out.line(line);
}

export function expressV2(ctx: Ctx, where: number, type: number, link: boolean): void {
  dev2(ctx, where, type);
  if (link) link2(ctx, where, type);
}
