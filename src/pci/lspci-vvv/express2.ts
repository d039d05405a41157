/**
 * The PCI Express capability's second-generation registers (cap_express_dev2 and cap_express_link2 in pciutils
 * 3.9.0 ls-caps.c): printed for capability version 2 and later.
 */
import { barAddresses } from './header';
import { EXP, isType as is } from './port-types';
import { flags, sign, type Ctx } from './reader';

const { ROOT_PORT, UPSTREAM, DOWNSTREAM, PCIE_BRIDGE, ENDPOINT, LEG_END, ROOT_INT_EP } = EXP;

const TIMEOUT_RANGES: Record<number, string> = {
  0: 'Not Supported',
  1: 'Range A',
  2: 'Range B',
  3: 'Range AB',
  6: 'Range BC',
  7: 'Range ABC',
  14: 'Range BCD',
  15: 'Range ABCD',
};
const TIMEOUT_VALUES: Record<number, string> = {
  0: '50us to 50ms',
  1: '50us to 100us',
  2: '1ms to 10ms',
  5: '16ms to 55ms',
  6: '65ms to 210ms',
  9: '260ms to 900ms',
  10: '1s to 3.5s',
  13: '4s to 13s',
  14: '17s to 64s',
};
const OBFF_CAP = ['Not Supported', 'Via message', 'Via WAKE#', 'Via message/WAKE#'];
const EPR = ['Not Supported', 'Dev Specific', 'Form Factor Dev Specific', 'Reserved'];
const LN_CLS = ['Not Supported', '64byte cachelines', '128byte cachelines', 'Reserved'];
const TPH_COMP = ['TPHComp- ExtTPHComp-', 'TPHComp+ ExtTPHComp-', '', 'TPHComp+ ExtTPHComp+'];
const OBFF_CTL = ['Disabled', 'Via message A', 'Via message B', 'Via WAKE#'];

/** device_has_memory_space_bar: any BAR address the library recorded that is not an I/O one. */
function hasMemoryBar(ctx: Ctx): boolean {
  const type = ctx.cfg.u8(0x0e) & 0x7f;
  const count = type === 0 ? 6 : type === 1 ? 2 : type === 2 ? 1 : 0;
  return barAddresses(ctx.cfg, count).some((a) => a !== 0n && (a & 1n) === 0n);
}

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
  let line = `\t\t\t 10BitTagComp${sign(l, 0x10000)} 10BitTagReq${sign(l, 0x20000)} OBFF ${OBFF_CAP[(l >> 18) & 3]}, ExtFmt${sign(l, 0x100000)} EETLPPrefix${sign(l, 0x200000)}`;
  if (l & 0x200000) line += `, MaxEETLPPrefixes ${(l >> 22) & 3 || 4}`;
  out.line(line);
  out.line(
    `\t\t\t EmergencyPowerReduction ${EPR[(l >> 24) & 3]}, EmergencyPowerReductionInit${sign(l, 0x4000000)}`,
  );
  line = `\t\t\t FRS${sign(l, 0x80000000)}`;
  if (type === ROOT_PORT) line += ` LN System CLS ${LN_CLS[(l >> 14) & 3]},`;
  if (is(type, ROOT_PORT, ENDPOINT)) line += ` ${TPH_COMP[(l >> 12) & 3]}`;
  if (is(type, ROOT_PORT, DOWNSTREAM)) line += ` ARIFwd${sign(l, 0x20)}`;
  out.line(line);
  const memBar = hasMemoryBar(ctx);
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
  ])} OBFF ${OBFF_CTL[(w >> 13) & 3]},`;
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

const SPEED_VECTORS: readonly (readonly [number, string])[] = [
  [0x10, '2.5-32GT/s'],
  [0x08, '2.5-16GT/s'],
  [0x04, '2.5-8GT/s'],
  [0x02, '2.5-5GT/s'],
  [0x01, '2.5GT/s'],
];
/** Supported Link Speeds: the highest bit set (3.9.0 calls the 64GT/s bit reserved). */
function speedVector(v: number): string {
  if (v & 0x60) return 'RsvdP';
  return SPEED_VECTORS.find(([b]) => v & b)?.[1] ?? 'Unknown';
}
const TARGET_SPEED = ['2.5GT/s', '2.5GT/s', '5GT/s', '8GT/s', '16GT/s', '32GT/s', '64GT/s'];
const DEEMPHASIS = ['-6dB', '-3.5dB'];
const PRESETS = [
  '-6dB de-emphasis, 0dB preshoot',
  '-3.5dB de-emphasis, 0dB preshoot',
  '-4.4dB de-emphasis, 0dB preshoot',
  '-2.5dB de-emphasis, 0dB preshoot',
  '0dB de-emphasis, 0dB preshoot',
  '0dB de-emphasis, 1.9dB preshoot',
  '0dB de-emphasis, 2.5dB preshoot',
  '-6.0dB de-emphasis, 3.5dB preshoot',
  '-3.5dB de-emphasis, 3.5dB preshoot',
  '0dB de-emphasis, 3.5dB preshoot',
];
const MARGINS = [
  'Normal Operating Range',
  '800-1200mV(full-swing)/400-700mV(half-swing)',
  ...Array<string>(4).fill('200-400mV(full-swing)/100-200mV(half-swing)'),
];
const CROSSLINK = ['unsupported', 'Upstream Port', 'Downstream Port', 'incomplete'];
const COMPONENT: Record<number, string> = {
  0: 'Link Down - Not Determined',
  1: 'Link Down - Not Present',
  2: 'Link Down - Present',
  4: 'Link Up - Present',
  5: 'Link Up - Present and DRS Received',
};

function link2({ cfg, out }: Ctx, where: number, type: number): void {
  let l = 0;
  // Link Capabilities/Control 2 were reserved before PCIe r3.0 on non-zero functions of endpoints.
  const { dev, fn } = cfg.slot;
  if (!(is(type, ENDPOINT, LEG_END) && (dev !== 0 || fn !== 0))) {
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
    let line = `\t\tLnkCtl2: Target Link Speed: ${TARGET_SPEED[w & 0xf] ?? 'Unknown'}, EnterCompliance${sign(w, 0x10)} SpeedDis${sign(w, 0x20)}`;
    if (type === DOWNSTREAM) line += `, Selectable De-emphasis: ${DEEMPHASIS[(w >> 6) & 1]}`;
    out.line(line);
    out.line(
      `\t\t\t Transmit Margin: ${MARGINS[(w >> 7) & 7] ?? 'Unknown'}, EnterModifiedCompliance${sign(w, 0x400)} ComplianceSOS${sign(w, 0x800)}`,
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
  if (is(type, ROOT_PORT, DOWNSTREAM, PCIE_BRIDGE) && l & 0x80000000) {
    out.line(`${line}, DRS${sign(w, 0x8000)}`);
    line = `\t\t\t DownstreamComp: ${COMPONENT[(w >> 12) & 7] ?? 'Reserved'}`;
  }
  out.line(line);
}

export function expressV2(ctx: Ctx, where: number, type: number, link: boolean): void {
  dev2(ctx, where, type);
  if (link) link2(ctx, where, type);
}
