/**
 * The PCI Express capability's version 2 registers (DEVCAP2 … SLTSTA2), with the meanings lspci prints in
 * its DevCap2/DevCtl2/LnkCap2/LnkCtl2/LnkSta2 lines (pciutils 3.9.0 cap_express_dev2, cap_express_link2) and
 * only where it prints them: by port type, by device/function number, by LNKCAP2's own bits.
 */
import { bit, reg, shownRegister, type RegDef } from '../layout';
import { flag, measured, named, shownWhen, type Meaning, type MeaningContext } from '../meaning';
import { hasMemoryBar } from '../header';
import { LINK_SPEEDS } from '../vocab';
import { EXP, forPorts, hasLink, isType, linkCtl2Read, portTypeIn, downstreamPort } from './pcie-ports';
import {
  COMPONENT,
  CROSSLINK,
  DEEMPHASIS,
  EPR,
  LN_CLS,
  OBFF_CONTROL,
  OBFF_SUPPORT,
  PRESETS,
  speedVector,
  TIMEOUT_RANGES,
  TIMEOUT_VALUES,
  TPH_COMPLETER,
  TRANSMIT_MARGIN,
} from './pcie-vocab';

export const PCI_EXP_DEVCTL2 = 0x28;
export const PCI_EXP_DEVCTL2_ARI = 0x0020;
const PCI_EXP_DEVCAP2_EE_PREFIX = 0x00200000;
const PCI_EXP_LNKCAP2 = 0x2c;
const PCI_EXP_LNKCAP2_DRS = 0x80000000;

const rootPort = (t: number) => t === EXP.ROOT_PORT;
const ariPort = (t: number) => isType(t, EXP.ROOT_PORT, EXP.DOWNSTREAM);
const tphPort = (t: number) => isType(t, EXP.ROOT_PORT, EXP.ENDPOINT);
/** Ports that route AtomicOps (Routing) and may block them at egress (EgressBlck). */
const switchPort = (t: number) => isType(t, EXP.ROOT_PORT, EXP.UPSTREAM, EXP.DOWNSTREAM);
const atomicRequester = (t: number) => isType(t, EXP.ROOT_PORT, EXP.ENDPOINT, EXP.ROOT_INT_EP, EXP.LEG_END);
/** AtomicOp completer sizes: on a root port or a function with a memory BAR (device_has_memory_space_bar). */
const atomicCompleter = (m: Meaning) =>
  shownWhen(
    (c) => portTypeIn(c) === EXP.ROOT_PORT || hasMemoryBar((o) => c.config(o, 4), c.config(0x0e, 1) & 0x7f),
    m,
  );
const linkShown = (c: MeaningContext) => hasLink(portTypeIn(c));
const linkCtl2Shown = (c: MeaningContext) =>
  linkShown(c) && linkCtl2Read(portTypeIn(c), c.slot.dev, c.slot.fn);
/** DRS and DownstreamComp: on downstream ports whose LNKCAP2 says they support DRS messages. */
const drsShown = (m: Meaning) =>
  shownWhen(
    (c) => downstreamPort(portTypeIn(c)) && (c.at(PCI_EXP_LNKCAP2, 4) & PCI_EXP_LNKCAP2_DRS) !== 0,
    m,
  );

export const PCIE_V2_REGISTERS: readonly RegDef[] = [
  reg('PCI_EXP_DEVCAP2', 0x24, 4, [
    bit(
      'PCI_EXP_DEVCAP2_COMP_TMOUT_RANGES',
      0x0000000f,
      named('Completion Timeout:', TIMEOUT_RANGES, () => 'Unknown'),
    ),
    bit('PCI_EXP_DEVCAP2_COMP_TMOUT_DIS', 0x00000010, flag('TimeoutDis')),
    bit('PCI_EXP_DEVCAP2_ARI', 0x00000020, forPorts(ariPort, flag('ARIFwd'))),
    bit('PCI_EXP_DEVCAP2_ATOMIC_ROUTE', 0x00000040, forPorts(switchPort, flag('Routing'))),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP32', 0x00000080, atomicCompleter(flag('32bit'))),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP64', 0x00000100, atomicCompleter(flag('64bit'))),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP128', 0x00000200, atomicCompleter(flag('128bitCAS'))),
    bit('PCI_EXP_DEVCAP2_NROPRPRP', 0x00000400, flag('NROPrPrP')),
    bit('PCI_EXP_DEVCAP2_LTR', 0x00000800, flag('LTR')),
    bit('PCI_EXP_DEVCAP2_TPH_COMP_MASK', 0x00003000, forPorts(tphPort, named(undefined, TPH_COMPLETER))),
    bit('PCI_EXP_DEVCAP2_LN_CLS', 0x0000c000, forPorts(rootPort, named('LN System CLS', LN_CLS))),
    bit('PCI_EXP_DEVCAP2_10BIT_TAG_COMP', 0x00010000, flag('10BitTagComp')),
    bit('PCI_EXP_DEVCAP2_10BIT_TAG_REQ', 0x00020000, flag('10BitTagReq')),
    bit('PCI_EXP_DEVCAP2_OBFF_MASK', 0x000c0000, named('OBFF', OBFF_SUPPORT)),
    bit('PCI_EXP_DEVCAP2_EXT_FMT', 0x00100000, flag('ExtFmt')),
    bit('PCI_EXP_DEVCAP2_EE_PREFIX', PCI_EXP_DEVCAP2_EE_PREFIX, flag('EETLPPrefix')),
    bit(
      'PCI_EXP_DEVCAP2_EE_PREFIX_MAX',
      0x00c00000,
      shownWhen(
        (c) => (c.register & PCI_EXP_DEVCAP2_EE_PREFIX) !== 0,
        measured('MaxEETLPPrefixes', (v) => `${v || 4}`),
      ),
    ),
    bit('PCI_EXP_DEVCAP2_EPR', 0x03000000, named('EmergencyPowerReduction', EPR)),
    bit('PCI_EXP_DEVCAP2_EPR_INIT', 0x04000000, flag('EmergencyPowerReductionInit')),
    bit('PCI_EXP_DEVCAP2_FRS', 0x80000000, flag('FRS')),
  ]),
  reg('PCI_EXP_DEVCTL2', PCI_EXP_DEVCTL2, 2, [
    bit(
      'PCI_EXP_DEVCTL2_COMP_TIMEOUT',
      0x000f,
      'rw',
      named('Completion Timeout:', TIMEOUT_VALUES, () => 'Unknown'),
    ),
    bit('PCI_EXP_DEVCTL2_COMP_TMOUT_DIS', 0x0010, 'rw', flag('TimeoutDis')),
    bit('PCI_EXP_DEVCTL2_ARI', PCI_EXP_DEVCTL2_ARI, 'rw', forPorts(ariPort, flag('ARIFwd'))),
    bit('PCI_EXP_DEVCTL2_ATOMIC_REQ', 0x0040, 'rw', forPorts(atomicRequester, flag('ReqEn'))),
    bit('PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK', 0x0080, 'rw', forPorts(switchPort, flag('EgressBlck'))),
    bit('PCI_EXP_DEVCTL2_IDO_REQ_EN', 0x0100, 'rw', flag('IDOReq')),
    bit('PCI_EXP_DEVCTL2_IDO_CMP_EN', 0x0200, 'rw', flag('IDOCompl')),
    bit('PCI_EXP_DEVCTL2_LTR_EN', 0x0400, 'rw', flag('LTR')),
    bit('PCI_EXP_DEVCTL2_10BIT_TAG_REQ', 0x1000, 'rw', flag('10BitTagReq')),
    bit('PCI_EXP_DEVCTL2_OBFF_MASK', 0x6000, 'rw', named('OBFF', OBFF_CONTROL)),
  ]),
  reg('PCI_EXP_DEVSTA2', 0x2a, 2),
  shownRegister(
    (c) => linkCtl2Shown(c) && c.register !== 0,
    reg('PCI_EXP_LNKCAP2', 0x2c, 4, [
      bit('PCI_EXP_LNKCAP2_SLS', 0x000000fe, measured('Supported Link Speeds:', speedVector)),
      bit('PCI_EXP_LNKCAP2_CROSSLINK', 0x00000100, flag('Crosslink')),
      bit('PCI_EXP_LNKCAP2_RETIMER', 0x00800000, flag('Retimer')),
      bit('PCI_EXP_LNKCAP2_2RETIMERS', 0x01000000, flag('2Retimers')),
      bit('PCI_EXP_LNKCAP2_DRS', 0x80000000, flag('DRS')),
    ]),
  ),
  shownRegister(
    linkCtl2Shown,
    reg(
      'PCI_EXP_LNKCTL2',
      0x30,
      2,
      [
        bit(
          'PCI_EXP_LNKCTL2_TLS',
          0x000f,
          'rw',
          named('Target Link Speed:', { 0: '2.5GT/s', ...LINK_SPEEDS }, () => 'Unknown'),
        ),
        bit('PCI_EXP_LNKCTL2_ENTER_COMP', 0x0010, 'rw', flag('EnterCompliance')),
        bit('PCI_EXP_LNKCTL2_HASD', 0x0020, 'rw', flag('SpeedDis')),
        bit(
          'PCI_EXP_LNKCTL2_SEL_DEEMPH',
          0x0040,
          'rw',
          forPorts((t) => t === EXP.DOWNSTREAM, named('Selectable De-emphasis:', DEEMPHASIS)),
        ),
        bit(
          'PCI_EXP_LNKCTL2_TX_MARGIN',
          0x0380,
          'rw',
          named('Transmit Margin:', TRANSMIT_MARGIN, () => 'Unknown'),
        ),
        bit('PCI_EXP_LNKCTL2_MOD_COMP', 0x0400, 'rw', flag('EnterModifiedCompliance')),
        bit('PCI_EXP_LNKCTL2_COMP_SOS', 0x0800, 'rw', flag('ComplianceSOS')),
        bit(
          'PCI_EXP_LNKCTL2_COMP_PRESET',
          0xf000,
          'rw',
          named('Compliance Preset/De-emphasis:', PRESETS, () => 'Unknown'),
        ),
      ],
      'rw',
    ),
  ),
  shownRegister(
    linkShown,
    reg('PCI_EXP_LNKSTA2', 0x32, 2, [
      bit('PCI_EXP_LNKSTA2_DEEMPH', 0x0001, named('Current De-emphasis Level:', DEEMPHASIS)),
      bit('PCI_EXP_LNKSTA2_EQ_COMPLETE', 0x0002, flag('EqualizationComplete')),
      bit('PCI_EXP_LNKSTA2_EQ_PHASE1', 0x0004, flag('EqualizationPhase1')),
      bit('PCI_EXP_LNKSTA2_EQ_PHASE2', 0x0008, flag('EqualizationPhase2')),
      bit('PCI_EXP_LNKSTA2_EQ_PHASE3', 0x0010, flag('EqualizationPhase3')),
      bit('PCI_EXP_LNKSTA2_EQ_REQUEST', 0x0020, 'rw1c', flag('LinkEqualizationRequest')),
      bit('PCI_EXP_LNKSTA2_RETIMER', 0x0040, flag('Retimer')),
      bit('PCI_EXP_LNKSTA2_2RETIMERS', 0x0080, flag('2Retimers')),
      bit('PCI_EXP_LNKSTA2_CROSSLINK', 0x0300, named('CrosslinkRes:', CROSSLINK)),
      bit(
        'PCI_EXP_LNKSTA2_COMPONENT',
        0x7000,
        drsShown(named('DownstreamComp:', COMPONENT, () => 'Reserved')),
      ),
      bit('PCI_EXP_LNKSTA2_DRS_RCVD', 0x8000, 'rw1c', drsShown(flag('DRS'))),
    ]),
  ),
  reg('PCI_EXP_SLTCAP2', 0x34, 4),
  reg('PCI_EXP_SLTCTL2', 0x38, 2, undefined, 'rw'),
  reg('PCI_EXP_SLTSTA2', 0x3a, 2),
];
