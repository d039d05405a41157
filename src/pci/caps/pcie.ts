/**
 * PCI Express (PCI_CAP_ID_EXP, 0x10). Version 1 capabilities stop after the root registers; version 2
 * adds the "2" register set. Slot and root registers exist only for the port types that implement them,
 * but they occupy their offsets either way, so the layout keeps them.
 */
import { bit, reg, type CapabilityDef, type RegDef } from '../layout';

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

const V1: RegDef[] = [
  reg('PCI_EXP_FLAGS', PCI_EXP_FLAGS, 2, [
    bit('PCI_EXP_FLAGS_VERS', PCI_EXP_FLAGS_VERS),
    bit('PCI_EXP_FLAGS_TYPE', PCI_EXP_FLAGS_TYPE),
    bit('PCI_EXP_FLAGS_SLOT', 0x0100),
    bit('PCI_EXP_FLAGS_IRQ', 0x3e00),
  ]),
  reg('PCI_EXP_DEVCAP', PCI_EXP_DEVCAP, 4, [
    bit('PCI_EXP_DEVCAP_PAYLOAD', 0x00000007),
    bit('PCI_EXP_DEVCAP_PHANTOM', 0x00000018),
    bit('PCI_EXP_DEVCAP_EXT_TAG', 0x00000020),
    bit('PCI_EXP_DEVCAP_L0S', 0x000001c0),
    bit('PCI_EXP_DEVCAP_L1', 0x00000e00),
    bit('PCI_EXP_DEVCAP_ATN_BUT', 0x00001000),
    bit('PCI_EXP_DEVCAP_ATN_IND', 0x00002000),
    bit('PCI_EXP_DEVCAP_PWR_IND', 0x00004000),
    bit('PCI_EXP_DEVCAP_RBER', 0x00008000),
    bit('PCI_EXP_DEVCAP_PWR_VAL', 0x03fc0000),
    bit('PCI_EXP_DEVCAP_PWR_SCL', 0x0c000000),
    bit('PCI_EXP_DEVCAP_FLR', PCI_EXP_DEVCAP_FLR),
  ]),
  reg('PCI_EXP_DEVCTL', PCI_EXP_DEVCTL, 2, [
    bit('PCI_EXP_DEVCTL_CERE', 0x0001, 'rw'),
    bit('PCI_EXP_DEVCTL_NFERE', 0x0002, 'rw'),
    bit('PCI_EXP_DEVCTL_FERE', 0x0004, 'rw'),
    bit('PCI_EXP_DEVCTL_URRE', 0x0008, 'rw'),
    bit('PCI_EXP_DEVCTL_RELAX_EN', 0x0010, 'rw'),
    bit('PCI_EXP_DEVCTL_PAYLOAD', PCI_EXP_DEVCTL_PAYLOAD, 'rw'),
    bit('PCI_EXP_DEVCTL_EXT_TAG', 0x0100, 'rw'),
    bit('PCI_EXP_DEVCTL_PHANTOM', PCI_EXP_DEVCTL_PHANTOM, 'rw'),
    bit('PCI_EXP_DEVCTL_AUX_PME', 0x0400, 'rw'),
    bit('PCI_EXP_DEVCTL_NOSNOOP_EN', 0x0800, 'rw'),
    bit('PCI_EXP_DEVCTL_READRQ', PCI_EXP_DEVCTL_READRQ, 'rw'),
    bit('PCI_EXP_DEVCTL_BCR_FLR', PCI_EXP_DEVCTL_BCR_FLR, 'rw'),
  ]),
  reg('PCI_EXP_DEVSTA', 0x0a, 2, [
    bit('PCI_EXP_DEVSTA_CED', 0x0001, 'rw1c'),
    bit('PCI_EXP_DEVSTA_NFED', 0x0002, 'rw1c'),
    bit('PCI_EXP_DEVSTA_FED', 0x0004, 'rw1c'),
    bit('PCI_EXP_DEVSTA_URD', 0x0008, 'rw1c'),
    bit('PCI_EXP_DEVSTA_AUXPD', 0x0010),
    bit('PCI_EXP_DEVSTA_TRPND', 0x0020),
  ]),
  reg('PCI_EXP_LNKCAP', 0x0c, 4, [
    bit('PCI_EXP_LNKCAP_SLS', 0x0000000f),
    bit('PCI_EXP_LNKCAP_MLW', 0x000003f0),
    bit('PCI_EXP_LNKCAP_ASPMS', 0x00000c00),
    bit('PCI_EXP_LNKCAP_L0SEL', 0x00007000),
    bit('PCI_EXP_LNKCAP_L1EL', 0x00038000),
    bit('PCI_EXP_LNKCAP_CLKPM', 0x00040000),
    bit('PCI_EXP_LNKCAP_SDERC', 0x00080000),
    bit('PCI_EXP_LNKCAP_DLLLARC', 0x00100000),
    bit('PCI_EXP_LNKCAP_LBNC', 0x00200000),
    bit('PCI_EXP_LNKCAP_PN', 0xff000000),
  ]),
  reg('PCI_EXP_LNKCTL', 0x10, 2, [
    bit('PCI_EXP_LNKCTL_ASPMC', 0x0003, 'rw'),
    bit('PCI_EXP_LNKCTL_RCB', 0x0008, 'rw'),
    bit('PCI_EXP_LNKCTL_LD', 0x0010, 'rw'),
    bit('PCI_EXP_LNKCTL_RL', 0x0020, 'rw'),
    bit('PCI_EXP_LNKCTL_CCC', 0x0040, 'rw'),
    bit('PCI_EXP_LNKCTL_ES', 0x0080, 'rw'),
    bit('PCI_EXP_LNKCTL_CLKREQ_EN', 0x0100, 'rw'),
    bit('PCI_EXP_LNKCTL_HAWD', 0x0200, 'rw'),
    bit('PCI_EXP_LNKCTL_LBMIE', 0x0400, 'rw'),
    bit('PCI_EXP_LNKCTL_LABIE', 0x0800, 'rw'),
  ]),
  reg('PCI_EXP_LNKSTA', 0x12, 2, [
    bit('PCI_EXP_LNKSTA_CLS', 0x000f),
    bit('PCI_EXP_LNKSTA_NLW', 0x03f0),
    bit('PCI_EXP_LNKSTA_LT', 0x0800),
    bit('PCI_EXP_LNKSTA_SLC', 0x1000),
    bit('PCI_EXP_LNKSTA_DLLLA', 0x2000),
    bit('PCI_EXP_LNKSTA_LBMS', 0x4000, 'rw1c'),
    bit('PCI_EXP_LNKSTA_LABS', 0x8000, 'rw1c'),
  ]),
  reg('PCI_EXP_SLTCAP', 0x14, 4),
  reg('PCI_EXP_SLTCTL', 0x18, 2, undefined, 'rw'),
  reg('PCI_EXP_SLTSTA', 0x1a, 2, undefined, 'rw1c'),
  reg('PCI_EXP_RTCTL', 0x1c, 2, undefined, 'rw'),
  reg('PCI_EXP_RTCAP', 0x1e, 2),
  reg('PCI_EXP_RTSTA', 0x20, 4, undefined, 'rw1c'),
];

const V2: RegDef[] = [
  ...V1,
  reg('PCI_EXP_DEVCAP2', 0x24, 4),
  reg('PCI_EXP_DEVCTL2', PCI_EXP_DEVCTL2, 2, [
    bit('PCI_EXP_DEVCTL2_COMP_TIMEOUT', 0x000f, 'rw'),
    bit('PCI_EXP_DEVCTL2_COMP_TMOUT_DIS', 0x0010, 'rw'),
    bit('PCI_EXP_DEVCTL2_ARI', PCI_EXP_DEVCTL2_ARI, 'rw'),
    bit('PCI_EXP_DEVCTL2_ATOMIC_REQ', 0x0040, 'rw'),
    bit('PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK', 0x0080, 'rw'),
    bit('PCI_EXP_DEVCTL2_IDO_REQ_EN', 0x0100, 'rw'),
    bit('PCI_EXP_DEVCTL2_IDO_CMP_EN', 0x0200, 'rw'),
    bit('PCI_EXP_DEVCTL2_LTR_EN', 0x0400, 'rw'),
    bit('PCI_EXP_DEVCTL2_OBFF_MASK', 0x6000, 'rw'),
  ]),
  reg('PCI_EXP_DEVSTA2', 0x2a, 2),
  reg('PCI_EXP_LNKCAP2', 0x2c, 4),
  reg('PCI_EXP_LNKCTL2', 0x30, 2, [bit('PCI_EXP_LNKCTL2_TLS', 0x000f, 'rw')], 'rw'),
  reg('PCI_EXP_LNKSTA2', 0x32, 2),
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
