/**
 * PCI Express device/port types (PCI_EXP_TYPE_* in pci_regs.h) and which of the capability's lines lspci
 * (pciutils 3.9.0 ls-caps.c, cap_express and its cap_express_* helpers) prints for each: the `lspci -vvv`
 * formatter and the field meanings in pcie.ts read the same rules.
 */
import { shownWhen, type Meaning, type MeaningContext } from '../meaning';

export const EXP = {
  ENDPOINT: 0,
  LEG_END: 1,
  ROOT_PORT: 4,
  UPSTREAM: 5,
  DOWNSTREAM: 6,
  PCI_BRIDGE: 7,
  PCIE_BRIDGE: 8,
  ROOT_INT_EP: 9,
  ROOT_EC: 10,
} as const;

export const isType = (type: number, ...types: number[]): boolean => types.includes(type);

/** exp_downstream_port: the ports with a slot bit in PCI_EXP_FLAGS and a DRS/DownstreamComp line. */
export const downstreamPort = (type: number): boolean =>
  isType(type, EXP.ROOT_PORT, EXP.DOWNSTREAM, EXP.PCIE_BRIDGE);
/** The slot registers: a downstream port whose PCI_EXP_FLAGS_SLOT says a slot is implemented. */
export const hasSlot = (type: number, flags: number): boolean =>
  downstreamPort(type) && (flags & 0x0100) !== 0;
/** Link registers: every type but the root-complex-integrated ones. */
export const hasLink = (type: number): boolean => !isType(type, EXP.ROOT_INT_EP, EXP.ROOT_EC);
/** Root registers: root ports and event collectors. */
export const hasRoot = (type: number): boolean => isType(type, EXP.ROOT_PORT, EXP.ROOT_EC);
/** Multicast's window size and overlay registers (cap_multicast): the endpoint side of the capability. */
export const multicastEndpoint = (type: number): boolean => isType(type, EXP.ENDPOINT, EXP.ROOT_INT_EP);
/** Multicast's ECRC regeneration bit (cap_multicast): root and switch ports. */
export const multicastEcrcPort = (type: number): boolean =>
  isType(type, EXP.ROOT_PORT, EXP.UPSTREAM, EXP.DOWNSTREAM);
/** DEVCAP's endpoint L0s/L1 acceptable latencies. */
export const devcapLatencies = (type: number): boolean => isType(type, EXP.ENDPOINT, EXP.LEG_END);
/** DEVCAP's attention button/indicator and power indicator bits. */
export const devcapIndicators = (type: number): boolean =>
  isType(type, EXP.ENDPOINT, EXP.LEG_END, EXP.UPSTREAM, EXP.PCI_BRIDGE);
/** Function Level Reset: DEVCAP's capability bit (and DEVCTL's initiate bit when capable). */
export const flrType = (type: number): boolean => isType(type, EXP.ENDPOINT, EXP.LEG_END, EXP.ROOT_INT_EP);
/** DEVCAP's captured slot power limit. */
export const devcapPowerLimit = (type: number): boolean =>
  isType(type, EXP.ENDPOINT, EXP.UPSTREAM, EXP.PCI_BRIDGE);
/** LNKCTL's read completion boundary. */
export const linkRcb = (type: number): boolean =>
  isType(type, EXP.ROOT_PORT, EXP.ENDPOINT, EXP.LEG_END, EXP.PCI_BRIDGE);
/**
 * Link Capabilities/Control 2 were reserved before PCIe r3.0 on endpoints' non-zero device or function
 * numbers, so lspci skips them there (and LNKCAP2 altogether when it reads 0).
 */
export const linkCtl2Read = (type: number, dev: number, fn: number): boolean =>
  !(isType(type, EXP.ENDPOINT, EXP.LEG_END) && (dev !== 0 || fn !== 0));

/** The port type a PCIe register's meaning sees: PCI_EXP_FLAGS[7:4] of its own capability. */
export const portTypeIn = (ctx: MeaningContext): number => (ctx.at(0x02, 2) >> 4) & 0xf;

/** `meaning` on the port types `rule` accepts, nothing elsewhere (as lspci prints it). */
export const forPorts = (rule: (type: number) => boolean, meaning: Meaning): Meaning =>
  shownWhen((ctx) => rule(portTypeIn(ctx)), meaning);
