/** PCI Express device/port types (PCI_EXP_TYPE_* in pci_regs.h): many lspci lines appear only for some. */
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
