/**
 * PCI Express (PCI_CAP_ID_EXP, 0x10). Version 1 capabilities stop after the root registers; version 2
 * adds the "2" register set. Slot and root registers exist only for the port types that implement them,
 * but they occupy their offsets either way, so the layout keeps them.
 */
import { bit, reg, type CapabilityDef, type RegDef } from '../layout';
import { counted, flag, measured, named, says } from '../meaning';
import { L0S_LATENCY, L1_LATENCY, LINK_SPEEDS, linkSpeed, pow2Bytes, powerLimit } from '../vocab';
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

export const PCI_CAP_ID_EXP = 0x10;
export const PCI_EXP_FLAGS = 2;
export const PCI_EXP_FLAGS_VERS = 0x000f;
export const PCI_EXP_FLAGS_TYPE = 0x00f0;
export const PCI_EXP_DEVCAP = 4;
export const PCI_EXP_DEVCAP_FLR = 0x10000000;
export const PCI_EXP_DEVCTL = 8;
export const PCI_EXP_DEVCTL_PAYLOAD = 0x00e0;
export const PCI_EXP_DEVCTL_PHANTOM = 0x0200;
export const PCI_EXP_DEVCTL_READRQ = 0x7000;
export const PCI_EXP_DEVCTL_BCR_FLR = 0x8000;
export const PCI_EXP_DEVCTL2 = 0x28;
export const PCI_EXP_DEVCTL2_ARI = 0x0020;
export const PCI_EXP_TYPE_RC_END = 0x9;

export const PCIE_PORT_TYPES: Record<number, string> = {
  0x0: 'Endpoint',
  0x1: 'Legacy Endpoint',
  0x4: 'Root Port',
  0x5: 'Upstream Port',
  0x6: 'Downstream Port',
  0x7: 'PCI-Express to PCI/PCI-X Bridge',
  0x8: 'PCI/PCI-X to PCI-Express Bridge',
  0x9: 'Root Complex Integrated Endpoint',
  0xa: 'Root Complex Event Collector',
};

// Meanings: the DevCap/DevCtl/DevSta, LnkCap/LnkCtl/LnkSta, SltCap/SltCtl/SltSta, Root and "2" lines of
// `lspci -vvv` (pciutils 3.9.0 cap_express_*). Fields lspci shows only for some port types carry their
// meaning everywhere: the decoder shows what the bits say, lspci chooses which lines to print.
const PORT_TYPE = named(undefined, PCIE_PORT_TYPES, (v) => `Unknown type ${v}`);
const DEVCAP_POWER = says('SlotPowerLimit', (_v, c) => {
  const r = c.register;
  return `SlotPowerLimit ${powerLimit((r >>> 18) & 0xff, (r >>> 26) & 3)}`;
});
const SLTCAP_POWER = says('PowerLimit', (_v, c) => {
  const r = c.register;
  return `PowerLimit ${powerLimit((r >>> 7) & 0xff, (r >>> 15) & 3)}`;
});
const ASPM_SUPPORT = named('ASPM', ['not supported', 'L0s', 'L1', 'L0s L1']);
const ASPM_CONTROL = named('ASPM', ['Disabled', 'L0s Enabled', 'L1 Enabled', 'L0s L1 Enabled']);
const INDICATOR = ['Unknown', 'On', 'Blink', 'Off'];
const width = (word: string) => measured(word, (v) => `x${v}`);

const V1: RegDef[] = [
  reg('PCI_EXP_FLAGS', PCI_EXP_FLAGS, 2, [
    bit(
      'PCI_EXP_FLAGS_VERS',
      PCI_EXP_FLAGS_VERS,
      says('version', (v) => `(v${v})`),
    ),
    bit('PCI_EXP_FLAGS_TYPE', PCI_EXP_FLAGS_TYPE, PORT_TYPE),
    bit('PCI_EXP_FLAGS_SLOT', 0x0100, flag('Slot')),
    bit('PCI_EXP_FLAGS_IRQ', 0x3e00, counted('MSI', 16, 2)),
  ]),
  reg('PCI_EXP_DEVCAP', PCI_EXP_DEVCAP, 4, [
    bit('PCI_EXP_DEVCAP_PAYLOAD', 0x00000007, pow2Bytes('MaxPayload')),
    bit(
      'PCI_EXP_DEVCAP_PHANTOM',
      0x00000018,
      measured('PhantFunc', (v) => `${(1 << v) - 1}`),
    ),
    bit('PCI_EXP_DEVCAP_EXT_TAG', 0x00000020, flag('ExtTag')),
    bit('PCI_EXP_DEVCAP_L0S', 0x000001c0, named('Latency L0s', L0S_LATENCY)),
    bit('PCI_EXP_DEVCAP_L1', 0x00000e00, named('L1', L1_LATENCY)),
    bit('PCI_EXP_DEVCAP_ATN_BUT', 0x00001000, flag('AttnBtn')),
    bit('PCI_EXP_DEVCAP_ATN_IND', 0x00002000, flag('AttnInd')),
    bit('PCI_EXP_DEVCAP_PWR_IND', 0x00004000, flag('PwrInd')),
    bit('PCI_EXP_DEVCAP_RBER', 0x00008000, flag('RBE')),
    bit('PCI_EXP_DEVCAP_PWR_VAL', 0x03fc0000, DEVCAP_POWER),
    bit('PCI_EXP_DEVCAP_PWR_SCL', 0x0c000000, DEVCAP_POWER),
    bit('PCI_EXP_DEVCAP_FLR', PCI_EXP_DEVCAP_FLR, flag('FLReset')),
  ]),
  reg('PCI_EXP_DEVCTL', PCI_EXP_DEVCTL, 2, [
    bit('PCI_EXP_DEVCTL_CERE', 0x0001, 'rw', flag('CorrErr')),
    bit('PCI_EXP_DEVCTL_NFERE', 0x0002, 'rw', flag('NonFatalErr')),
    bit('PCI_EXP_DEVCTL_FERE', 0x0004, 'rw', flag('FatalErr')),
    bit('PCI_EXP_DEVCTL_URRE', 0x0008, 'rw', flag('UnsupReq')),
    bit('PCI_EXP_DEVCTL_RELAX_EN', 0x0010, 'rw', flag('RlxdOrd')),
    bit('PCI_EXP_DEVCTL_PAYLOAD', PCI_EXP_DEVCTL_PAYLOAD, 'rw', pow2Bytes('MaxPayload')),
    bit('PCI_EXP_DEVCTL_EXT_TAG', 0x0100, 'rw', flag('ExtTag')),
    bit('PCI_EXP_DEVCTL_PHANTOM', PCI_EXP_DEVCTL_PHANTOM, 'rw', flag('PhantFunc')),
    bit('PCI_EXP_DEVCTL_AUX_PME', 0x0400, 'rw', flag('AuxPwr')),
    bit('PCI_EXP_DEVCTL_NOSNOOP_EN', 0x0800, 'rw', flag('NoSnoop')),
    bit('PCI_EXP_DEVCTL_READRQ', PCI_EXP_DEVCTL_READRQ, 'rw', pow2Bytes('MaxReadReq')),
    // FLR on an endpoint, Bridge Configuration Retry Enable on a PCIe-to-PCI bridge.
    bit('PCI_EXP_DEVCTL_BCR_FLR', PCI_EXP_DEVCTL_BCR_FLR, 'rw', flag('FLReset')),
  ]),
  reg('PCI_EXP_DEVSTA', 0x0a, 2, [
    bit('PCI_EXP_DEVSTA_CED', 0x0001, 'rw1c', flag('CorrErr')),
    bit('PCI_EXP_DEVSTA_NFED', 0x0002, 'rw1c', flag('NonFatalErr')),
    bit('PCI_EXP_DEVSTA_FED', 0x0004, 'rw1c', flag('FatalErr')),
    bit('PCI_EXP_DEVSTA_URD', 0x0008, 'rw1c', flag('UnsupReq')),
    bit('PCI_EXP_DEVSTA_AUXPD', 0x0010, flag('AuxPwr')),
    bit('PCI_EXP_DEVSTA_TRPND', 0x0020, flag('TransPend')),
  ]),
  reg('PCI_EXP_LNKCAP', 0x0c, 4, [
    bit('PCI_EXP_LNKCAP_SLS', 0x0000000f, linkSpeed('Speed')),
    bit('PCI_EXP_LNKCAP_MLW', 0x000003f0, width('Width')),
    bit('PCI_EXP_LNKCAP_ASPMS', 0x00000c00, ASPM_SUPPORT),
    bit('PCI_EXP_LNKCAP_L0SEL', 0x00007000, named('Exit Latency L0s', L0S_LATENCY)),
    bit('PCI_EXP_LNKCAP_L1EL', 0x00038000, named('L1', L1_LATENCY)),
    bit('PCI_EXP_LNKCAP_CLKPM', 0x00040000, flag('ClockPM')),
    bit('PCI_EXP_LNKCAP_SDERC', 0x00080000, flag('Surprise')),
    bit('PCI_EXP_LNKCAP_DLLLARC', 0x00100000, flag('LLActRep')),
    bit('PCI_EXP_LNKCAP_LBNC', 0x00200000, flag('BwNot')),
    bit('PCI_EXP_LNKCAP_ASPM_OPT_COMP', 0x00400000, flag('ASPMOptComp')),
    bit(
      'PCI_EXP_LNKCAP_PN',
      0xff000000,
      measured('Port', (v) => `#${v}`),
    ),
  ]),
  reg('PCI_EXP_LNKCTL', 0x10, 2, [
    bit('PCI_EXP_LNKCTL_ASPMC', 0x0003, 'rw', ASPM_CONTROL),
    bit(
      'PCI_EXP_LNKCTL_RCB',
      0x0008,
      'rw',
      measured('RCB', (v) => `${v ? 128 : 64} bytes`),
    ),
    bit('PCI_EXP_LNKCTL_LD', 0x0010, 'rw', flag('Disabled')),
    bit('PCI_EXP_LNKCTL_RL', 0x0020, 'rw', flag('Retrain')),
    bit('PCI_EXP_LNKCTL_CCC', 0x0040, 'rw', flag('CommClk')),
    bit('PCI_EXP_LNKCTL_ES', 0x0080, 'rw', flag('ExtSynch')),
    bit('PCI_EXP_LNKCTL_CLKREQ_EN', 0x0100, 'rw', flag('ClockPM')),
    bit('PCI_EXP_LNKCTL_HAWD', 0x0200, 'rw', flag('AutWidDis')),
    bit('PCI_EXP_LNKCTL_LBMIE', 0x0400, 'rw', flag('BWInt')),
    bit('PCI_EXP_LNKCTL_LABIE', 0x0800, 'rw', flag('AutBWInt')),
  ]),
  reg('PCI_EXP_LNKSTA', 0x12, 2, [
    bit('PCI_EXP_LNKSTA_CLS', 0x000f, linkSpeed('Speed')),
    bit('PCI_EXP_LNKSTA_NLW', 0x03f0, width('Width')),
    bit('PCI_EXP_LNKSTA_LT', 0x0800, flag('Train')),
    bit('PCI_EXP_LNKSTA_SLC', 0x1000, flag('SlotClk')),
    bit('PCI_EXP_LNKSTA_DLLLA', 0x2000, flag('DLActive')),
    bit('PCI_EXP_LNKSTA_LBMS', 0x4000, 'rw1c', flag('BWMgmt')),
    bit('PCI_EXP_LNKSTA_LABS', 0x8000, 'rw1c', flag('ABWMgmt')),
  ]),
  reg('PCI_EXP_SLTCAP', 0x14, 4, [
    bit('PCI_EXP_SLTCAP_ABP', 0x00000001, flag('AttnBtn')),
    bit('PCI_EXP_SLTCAP_PCP', 0x00000002, flag('PwrCtrl')),
    bit('PCI_EXP_SLTCAP_MRLSP', 0x00000004, flag('MRL')),
    bit('PCI_EXP_SLTCAP_AIP', 0x00000008, flag('AttnInd')),
    bit('PCI_EXP_SLTCAP_PIP', 0x00000010, flag('PwrInd')),
    bit('PCI_EXP_SLTCAP_HPS', 0x00000020, flag('Surprise')),
    bit('PCI_EXP_SLTCAP_HPC', 0x00000040, flag('HotPlug')),
    bit('PCI_EXP_SLTCAP_SPLV', 0x00007f80, SLTCAP_POWER),
    bit('PCI_EXP_SLTCAP_SPLS', 0x00018000, SLTCAP_POWER),
    bit('PCI_EXP_SLTCAP_EIP', 0x00020000, flag('Interlock')),
    bit('PCI_EXP_SLTCAP_NCCS', 0x00040000, flag('NoCompl')),
    bit(
      'PCI_EXP_SLTCAP_PSN',
      0xfff80000,
      measured('Slot', (v) => `#${v}`),
    ),
  ]),
  reg('PCI_EXP_SLTCTL', 0x18, 2, [
    bit('PCI_EXP_SLTCTL_ABPE', 0x0001, 'rw', flag('AttnBtn')),
    bit('PCI_EXP_SLTCTL_PFDE', 0x0002, 'rw', flag('PwrFlt')),
    bit('PCI_EXP_SLTCTL_MRLSCE', 0x0004, 'rw', flag('MRL')),
    bit('PCI_EXP_SLTCTL_PDCE', 0x0008, 'rw', flag('PresDet')),
    bit('PCI_EXP_SLTCTL_CCIE', 0x0010, 'rw', flag('CmdCplt')),
    bit('PCI_EXP_SLTCTL_HPIE', 0x0020, 'rw', flag('HPIrq')),
    bit('PCI_EXP_SLTCTL_AIC', 0x00c0, 'rw', named('AttnInd', INDICATOR)),
    bit('PCI_EXP_SLTCTL_PIC', 0x0300, 'rw', named('PwrInd', INDICATOR)),
    // The bit powers the slot off when set: lspci's "Power+" means the slot is powered.
    bit(
      'PCI_EXP_SLTCTL_PCC',
      0x0400,
      'rw',
      says('Power', (v) => `Power${v ? '-' : '+'}`),
    ),
    bit('PCI_EXP_SLTCTL_EIC', 0x0800, 'rw', flag('Interlock')),
    bit('PCI_EXP_SLTCTL_DLLSCE', 0x1000, 'rw', flag('LinkChg')),
  ]),
  reg('PCI_EXP_SLTSTA', 0x1a, 2, [
    bit('PCI_EXP_SLTSTA_ABP', 0x0001, 'rw1c', flag('AttnBtn')),
    bit('PCI_EXP_SLTSTA_PFD', 0x0002, 'rw1c', flag('PowerFlt')),
    bit('PCI_EXP_SLTSTA_MRLSC', 0x0004, 'rw1c', flag('MRL')),
    bit('PCI_EXP_SLTSTA_PDC', 0x0008, 'rw1c', flag('PresDet')),
    bit('PCI_EXP_SLTSTA_CC', 0x0010, 'rw1c', flag('CmdCplt')),
    bit('PCI_EXP_SLTSTA_MRLSS', 0x0020, flag('MRL')),
    bit('PCI_EXP_SLTSTA_PDS', 0x0040, flag('PresDet')),
    bit('PCI_EXP_SLTSTA_EIS', 0x0080, flag('Interlock')),
    bit('PCI_EXP_SLTSTA_DLLSC', 0x0100, 'rw1c', flag('LinkState')),
  ]),
  reg('PCI_EXP_RTCTL', 0x1c, 2, [
    bit('PCI_EXP_RTCTL_SECEE', 0x0001, 'rw', flag('ErrCorrectable')),
    bit('PCI_EXP_RTCTL_SENFEE', 0x0002, 'rw', flag('ErrNon-Fatal')),
    bit('PCI_EXP_RTCTL_SEFEE', 0x0004, 'rw', flag('ErrFatal')),
    bit('PCI_EXP_RTCTL_PMEIE', 0x0008, 'rw', flag('PMEIntEna')),
    bit('PCI_EXP_RTCTL_CRSSVE', 0x0010, 'rw', flag('CRSVisible')),
  ]),
  reg('PCI_EXP_RTCAP', 0x1e, 2, [bit('PCI_EXP_RTCAP_CRSVIS', 0x0001, flag('CRSVisible'))]),
  reg('PCI_EXP_RTSTA', 0x20, 4, [
    bit('PCI_EXP_RTSTA_PME_RQ_ID', 0x0000ffff, counted('PME ReqID', 16, 4)),
    bit('PCI_EXP_RTSTA_PME', 0x00010000, 'rw1c', flag('PMEStatus')),
    bit('PCI_EXP_RTSTA_PENDING', 0x00020000, flag('PMEPending')),
  ]),
];

const V2: RegDef[] = [
  ...V1,
  reg('PCI_EXP_DEVCAP2', 0x24, 4, [
    bit(
      'PCI_EXP_DEVCAP2_COMP_TMOUT_RANGES',
      0x0000000f,
      named('Completion Timeout:', TIMEOUT_RANGES, () => 'Unknown'),
    ),
    bit('PCI_EXP_DEVCAP2_COMP_TMOUT_DIS', 0x00000010, flag('TimeoutDis')),
    bit('PCI_EXP_DEVCAP2_ARI', 0x00000020, flag('ARIFwd')),
    bit('PCI_EXP_DEVCAP2_ATOMIC_ROUTE', 0x00000040, flag('Routing')),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP32', 0x00000080, flag('32bit')),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP64', 0x00000100, flag('64bit')),
    bit('PCI_EXP_DEVCAP2_ATOMIC_COMP128', 0x00000200, flag('128bitCAS')),
    bit('PCI_EXP_DEVCAP2_NROPRPRP', 0x00000400, flag('NROPrPrP')),
    bit('PCI_EXP_DEVCAP2_LTR', 0x00000800, flag('LTR')),
    bit('PCI_EXP_DEVCAP2_TPH_COMP_MASK', 0x00003000, named(undefined, TPH_COMPLETER)),
    bit('PCI_EXP_DEVCAP2_LN_CLS', 0x0000c000, named('LN System CLS', LN_CLS)),
    bit('PCI_EXP_DEVCAP2_10BIT_TAG_COMP', 0x00010000, flag('10BitTagComp')),
    bit('PCI_EXP_DEVCAP2_10BIT_TAG_REQ', 0x00020000, flag('10BitTagReq')),
    bit('PCI_EXP_DEVCAP2_OBFF_MASK', 0x000c0000, named('OBFF', OBFF_SUPPORT)),
    bit('PCI_EXP_DEVCAP2_EXT_FMT', 0x00100000, flag('ExtFmt')),
    bit('PCI_EXP_DEVCAP2_EE_PREFIX', 0x00200000, flag('EETLPPrefix')),
    bit(
      'PCI_EXP_DEVCAP2_EE_PREFIX_MAX',
      0x00c00000,
      measured('MaxEETLPPrefixes', (v) => `${v || 4}`),
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
    bit('PCI_EXP_DEVCTL2_ARI', PCI_EXP_DEVCTL2_ARI, 'rw', flag('ARIFwd')),
    bit('PCI_EXP_DEVCTL2_ATOMIC_REQ', 0x0040, 'rw', flag('ReqEn')),
    bit('PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK', 0x0080, 'rw', flag('EgressBlck')),
    bit('PCI_EXP_DEVCTL2_IDO_REQ_EN', 0x0100, 'rw', flag('IDOReq')),
    bit('PCI_EXP_DEVCTL2_IDO_CMP_EN', 0x0200, 'rw', flag('IDOCompl')),
    bit('PCI_EXP_DEVCTL2_LTR_EN', 0x0400, 'rw', flag('LTR')),
    bit('PCI_EXP_DEVCTL2_10BIT_TAG_REQ', 0x1000, 'rw', flag('10BitTagReq')),
    bit('PCI_EXP_DEVCTL2_OBFF_MASK', 0x6000, 'rw', named('OBFF', OBFF_CONTROL)),
  ]),
  reg('PCI_EXP_DEVSTA2', 0x2a, 2),
  reg('PCI_EXP_LNKCAP2', 0x2c, 4, [
    bit('PCI_EXP_LNKCAP2_SLS', 0x000000fe, measured('Supported Link Speeds:', speedVector)),
    bit('PCI_EXP_LNKCAP2_CROSSLINK', 0x00000100, flag('Crosslink')),
    bit('PCI_EXP_LNKCAP2_RETIMER', 0x00800000, flag('Retimer')),
    bit('PCI_EXP_LNKCAP2_2RETIMERS', 0x01000000, flag('2Retimers')),
    bit('PCI_EXP_LNKCAP2_DRS', 0x80000000, flag('DRS')),
  ]),
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
      bit('PCI_EXP_LNKCTL2_SEL_DEEMPH', 0x0040, 'rw', named('Selectable De-emphasis:', DEEMPHASIS)),
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
      named('DownstreamComp:', COMPONENT, () => 'Reserved'),
    ),
    bit('PCI_EXP_LNKSTA2_DRS_RCVD', 0x8000, 'rw1c', flag('DRS')),
  ]),
  reg('PCI_EXP_SLTCAP2', 0x34, 4),
  reg('PCI_EXP_SLTCTL2', 0x38, 2, undefined, 'rw'),
  reg('PCI_EXP_SLTSTA2', 0x3a, 2),
];

export const pcieVersion = (flags: number): number => flags & PCI_EXP_FLAGS_VERS;
export const pciePortType = (flags: number): number => (flags & PCI_EXP_FLAGS_TYPE) >> 4;

export const pcie: CapabilityDef = {
  id: PCI_CAP_ID_EXP,
  macro: 'PCI_CAP_ID_EXP',
  name: 'Express',
  length: (v) => (pcieVersion(v.u16(PCI_EXP_FLAGS)) === 1 ? 0x24 : 0x3c),
  registers: (v) => (pcieVersion(v.u16(PCI_EXP_FLAGS)) === 1 ? V1 : V2),
};
