/**
 * PCI Express (PCI_CAP_ID_EXP, 0x10). Version 1 capabilities stop after the root registers; version 2
 * adds the "2" register set. Slot and root registers exist only for the port types that implement them,
 * but they occupy their offsets either way, so the layout keeps them.
 */
import { bit, reg, shownRegister, type CapabilityDef, type RegDef } from '../layout';
import { chosen, counted, flag, measured, named, says, shownWhen, type MeaningContext } from '../meaning';
import { L0S_LATENCY, L1_LATENCY, linkSpeed, pow2Bytes, powerLimit } from '../vocab';
import {
  devcapIndicators,
  devcapLatencies,
  devcapPowerLimit,
  downstreamPort,
  EXP,
  flrType,
  forPorts,
  hasLink,
  hasRoot,
  hasSlot,
  linkRcb,
  portTypeIn,
} from './pcie-ports';
import { PCIE_V2_REGISTERS } from './pcie2';

export { PCI_EXP_DEVCTL2, PCI_EXP_DEVCTL2_ARI } from './pcie2';

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

// Meanings: the DevCap/DevCtl/DevSta, LnkCap/LnkCtl/LnkSta, SltCap/SltCtl/SltSta and Root lines of
// `lspci -vvv` (pciutils 3.9.0 cap_express_*), each only where lspci prints it (pcie-ports.ts: by port
// type, slot bit, supported ASPM states); elsewhere a field has no meaning, as lspci prints none.
const PORT_TYPE = named(undefined, PCIE_PORT_TYPES, (v) => `Unknown type ${v}`);
const DEVCAP_POWER = says('SlotPowerLimit', (_v, c) => {
  const r = c.register;
  return `SlotPowerLimit ${powerLimit((r >>> 18) & 0xff, (r >>> 26) & 3)}`;
});
const SLTCAP_POWER = says('PowerLimit', (_v, c) => {
  const r = c.register;
  return `PowerLimit ${powerLimit((r >>> 7) & 0xff, (r >>> 15) & 3)}`;
});
const linkShown = (c: MeaningContext) => hasLink(portTypeIn(c));
const slotShown = (c: MeaningContext) => hasSlot(portTypeIn(c), c.at(PCI_EXP_FLAGS, 2));
const rootShown = (c: MeaningContext) => hasRoot(portTypeIn(c));
/** LNKCAP's exit latencies: lspci names only those of the ASPM states the link supports (LNKCAP[11:10]). */
const aspmSupports = (state: 1 | 2) => (c: MeaningContext) => ((c.register >> 10) & state) !== 0;
/**
 * DEVCTL bit 15: Bridge Configuration Retry Enable on a PCIe-to-PCI bridge, Initiate FLR on an endpoint
 * whose DEVCAP says it can (cap_express_dev); lspci prints neither on other types.
 */
const BCR_FLR = chosen('FLReset', (c) => {
  const type = portTypeIn(c);
  if (type === EXP.PCI_BRIDGE) return flag('BrConfRtry');
  return flrType(type) && c.at(PCI_EXP_DEVCAP, 4) & PCI_EXP_DEVCAP_FLR ? flag('FLReset') : undefined;
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
      // lspci's capability title carries it: "Express (v2) Endpoint".
      says('version', (v) => `Express (v${v})`),
    ),
    bit('PCI_EXP_FLAGS_TYPE', PCI_EXP_FLAGS_TYPE, PORT_TYPE),
    bit('PCI_EXP_FLAGS_SLOT', 0x0100, forPorts(downstreamPort, flag('Slot'))),
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
    bit('PCI_EXP_DEVCAP_L0S', 0x000001c0, forPorts(devcapLatencies, named('Latency L0s', L0S_LATENCY))),
    bit('PCI_EXP_DEVCAP_L1', 0x00000e00, forPorts(devcapLatencies, named('L1', L1_LATENCY))),
    bit('PCI_EXP_DEVCAP_ATN_BUT', 0x00001000, forPorts(devcapIndicators, flag('AttnBtn'))),
    bit('PCI_EXP_DEVCAP_ATN_IND', 0x00002000, forPorts(devcapIndicators, flag('AttnInd'))),
    bit('PCI_EXP_DEVCAP_PWR_IND', 0x00004000, forPorts(devcapIndicators, flag('PwrInd'))),
    bit('PCI_EXP_DEVCAP_RBER', 0x00008000, flag('RBE')),
    bit('PCI_EXP_DEVCAP_PWR_VAL', 0x03fc0000, forPorts(devcapPowerLimit, DEVCAP_POWER)),
    bit('PCI_EXP_DEVCAP_PWR_SCL', 0x0c000000, forPorts(devcapPowerLimit, DEVCAP_POWER)),
    bit('PCI_EXP_DEVCAP_FLR', PCI_EXP_DEVCAP_FLR, forPorts(flrType, flag('FLReset'))),
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
    bit('PCI_EXP_DEVCTL_BCR_FLR', PCI_EXP_DEVCTL_BCR_FLR, 'rw', BCR_FLR),
  ]),
  reg('PCI_EXP_DEVSTA', 0x0a, 2, [
    bit('PCI_EXP_DEVSTA_CED', 0x0001, 'rw1c', flag('CorrErr')),
    bit('PCI_EXP_DEVSTA_NFED', 0x0002, 'rw1c', flag('NonFatalErr')),
    bit('PCI_EXP_DEVSTA_FED', 0x0004, 'rw1c', flag('FatalErr')),
    bit('PCI_EXP_DEVSTA_URD', 0x0008, 'rw1c', flag('UnsupReq')),
    bit('PCI_EXP_DEVSTA_AUXPD', 0x0010, flag('AuxPwr')),
    bit('PCI_EXP_DEVSTA_TRPND', 0x0020, flag('TransPend')),
  ]),
  shownRegister(
    linkShown,
    reg('PCI_EXP_LNKCAP', 0x0c, 4, [
      bit('PCI_EXP_LNKCAP_SLS', 0x0000000f, linkSpeed('Speed')),
      bit('PCI_EXP_LNKCAP_MLW', 0x000003f0, width('Width')),
      bit('PCI_EXP_LNKCAP_ASPMS', 0x00000c00, ASPM_SUPPORT),
      bit(
        'PCI_EXP_LNKCAP_L0SEL',
        0x00007000,
        shownWhen(aspmSupports(1), named('Exit Latency L0s', L0S_LATENCY)),
      ),
      bit('PCI_EXP_LNKCAP_L1EL', 0x00038000, shownWhen(aspmSupports(2), named('L1', L1_LATENCY))),
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
  ),
  shownRegister(
    linkShown,
    reg('PCI_EXP_LNKCTL', 0x10, 2, [
      bit('PCI_EXP_LNKCTL_ASPMC', 0x0003, 'rw', ASPM_CONTROL),
      bit(
        'PCI_EXP_LNKCTL_RCB',
        0x0008,
        'rw',
        forPorts(
          linkRcb,
          measured('RCB', (v) => `${v ? 128 : 64} bytes`),
        ),
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
  ),
  shownRegister(
    linkShown,
    reg('PCI_EXP_LNKSTA', 0x12, 2, [
      bit('PCI_EXP_LNKSTA_CLS', 0x000f, linkSpeed('Speed')),
      bit('PCI_EXP_LNKSTA_NLW', 0x03f0, width('Width')),
      bit('PCI_EXP_LNKSTA_LT', 0x0800, flag('Train')),
      bit('PCI_EXP_LNKSTA_SLC', 0x1000, flag('SlotClk')),
      bit('PCI_EXP_LNKSTA_DLLLA', 0x2000, flag('DLActive')),
      bit('PCI_EXP_LNKSTA_LBMS', 0x4000, 'rw1c', flag('BWMgmt')),
      bit('PCI_EXP_LNKSTA_LABS', 0x8000, 'rw1c', flag('ABWMgmt')),
    ]),
  ),
  shownRegister(
    slotShown,
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
  ),
  shownRegister(
    slotShown,
    reg('PCI_EXP_SLTCTL', 0x18, 2, [
      bit('PCI_EXP_SLTCTL_ABPE', 0x0001, 'rw', flag('AttnBtn')),
      bit('PCI_EXP_SLTCTL_PFDE', 0x0002, 'rw', flag('PwrFlt')),
      bit('PCI_EXP_SLTCTL_MRLSCE', 0x0004, 'rw', flag('MRL')),
      bit('PCI_EXP_SLTCTL_PDCE', 0x0008, 'rw', flag('PresDet')),
      bit('PCI_EXP_SLTCTL_CCIE', 0x0010, 'rw', flag('CmdCplt')),
      bit('PCI_EXP_SLTCTL_HPIE', 0x0020, 'rw', flag('HPIrq')),
      bit('PCI_EXP_SLTCTL_AIC', 0x00c0, 'rw', named('AttnInd', INDICATOR)),
      bit('PCI_EXP_SLTCTL_PIC', 0x0300, 'rw', named('PwrInd', INDICATOR)),
      // lspci prints the bit as it stands: "Power+" is Power Controller Control set, i.e. the slot powered OFF.
      bit('PCI_EXP_SLTCTL_PCC', 0x0400, 'rw', flag('Power')),
      bit('PCI_EXP_SLTCTL_EIC', 0x0800, 'rw', flag('Interlock')),
      bit('PCI_EXP_SLTCTL_DLLSCE', 0x1000, 'rw', flag('LinkChg')),
    ]),
  ),
  shownRegister(
    slotShown,
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
  ),
  shownRegister(
    rootShown,
    reg('PCI_EXP_RTCTL', 0x1c, 2, [
      bit('PCI_EXP_RTCTL_SECEE', 0x0001, 'rw', flag('ErrCorrectable')),
      bit('PCI_EXP_RTCTL_SENFEE', 0x0002, 'rw', flag('ErrNon-Fatal')),
      bit('PCI_EXP_RTCTL_SEFEE', 0x0004, 'rw', flag('ErrFatal')),
      bit('PCI_EXP_RTCTL_PMEIE', 0x0008, 'rw', flag('PMEIntEna')),
      bit('PCI_EXP_RTCTL_CRSSVE', 0x0010, 'rw', flag('CRSVisible')),
    ]),
  ),
  shownRegister(
    rootShown,
    reg('PCI_EXP_RTCAP', 0x1e, 2, [bit('PCI_EXP_RTCAP_CRSVIS', 0x0001, flag('CRSVisible'))]),
  ),
  shownRegister(
    rootShown,
    reg('PCI_EXP_RTSTA', 0x20, 4, [
      bit('PCI_EXP_RTSTA_PME_RQ_ID', 0x0000ffff, counted('PME ReqID', 16, 4)),
      bit('PCI_EXP_RTSTA_PME', 0x00010000, 'rw1c', flag('PMEStatus')),
      bit('PCI_EXP_RTSTA_PENDING', 0x00020000, flag('PMEPending')),
    ]),
  ),
];

const V2: RegDef[] = [...V1, ...PCIE_V2_REGISTERS];

export const pcieVersion = (flags: number): number => flags & PCI_EXP_FLAGS_VERS;
export const pciePortType = (flags: number): number => (flags & PCI_EXP_FLAGS_TYPE) >> 4;

export const pcie: CapabilityDef = {
  id: PCI_CAP_ID_EXP,
  macro: 'PCI_CAP_ID_EXP',
  name: 'Express',
  length: (v) => (pcieVersion(v.u16(PCI_EXP_FLAGS)) === 1 ? 0x24 : 0x3c),
  registers: (v) => (pcieVersion(v.u16(PCI_EXP_FLAGS)) === 1 ? V1 : V2),
};
