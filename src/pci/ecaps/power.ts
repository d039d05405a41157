/** Power: budgeting (0x04), dynamic power allocation (0x16), latency tolerance (0x18), L1 substates (0x1e). */
import { bit, fixedCap, reg, type CapabilityDef, type CapView } from '../layout';

export const PCI_EXT_CAP_ID_PWR = 0x04;
export const PCI_PWR_DSR = 0x04;
export const PCI_PWR_DATA = 0x08;

export const powerBudgeting = fixedCap(PCI_EXT_CAP_ID_PWR, 'PCI_EXT_CAP_ID_PWR', 'Power Budgeting', 16, [
  reg('PCI_PWR_DSR', PCI_PWR_DSR, 1, undefined, 'rw', 'Data Select'),
  reg('PCI_PWR_DATA', PCI_PWR_DATA, 4, [
    bit('PCI_PWR_DATA_BASE', 0x000000ff),
    bit('PCI_PWR_DATA_SCALE', 0x00000300),
    bit('PCI_PWR_DATA_PM_SUB', 0x00001c00),
    bit('PCI_PWR_DATA_PM_STATE', 0x00006000),
    bit('PCI_PWR_DATA_TYPE', 0x00038000),
    bit('PCI_PWR_DATA_RAIL', 0x001c0000),
  ]),
  reg('PCI_PWR_CAP', 0x0c, 1, [bit('PCI_PWR_CAP_BUDGET', 0x01)]),
]);

const PCI_DPA_CAP_SUBSTATE_MASK = 0x1f;

/** vfio_ext_cap_len(): 16 + substates + 1. */
export const dpaLength = (v: CapView) => 16 + (v.u8(4) & PCI_DPA_CAP_SUBSTATE_MASK) + 1;

export const dpa: CapabilityDef = {
  id: 0x16,
  macro: 'PCI_EXT_CAP_ID_DPA',
  name: 'Dynamic Power Allocation',
  length: dpaLength,
  registers: () => [
    reg('PCI_DPA_CAP', 0x04, 4, [bit('PCI_DPA_CAP_SUBSTATE_MASK', PCI_DPA_CAP_SUBSTATE_MASK)]),
    reg('PCI_DPA_LATENCY', 0x08, 4),
    reg('PCI_DPA_STATUS', 0x0c, 2),
    reg('PCI_DPA_CONTROL', 0x0e, 2, undefined, 'rw'),
  ],
};

export const ltr = fixedCap(0x18, 'PCI_EXT_CAP_ID_LTR', 'Latency Tolerance Reporting', 8, [
  reg('PCI_LTR_MAX_SNOOP_LAT', 0x04, 2, [
    bit('PCI_LTR_VALUE_MASK', 0x03ff, 'rw'),
    bit('PCI_LTR_SCALE_MASK', 0x1c00, 'rw'),
  ]),
  reg('PCI_LTR_MAX_NOSNOOP_LAT', 0x06, 2, [
    bit('PCI_LTR_VALUE_MASK', 0x03ff, 'rw'),
    bit('PCI_LTR_SCALE_MASK', 0x1c00, 'rw'),
  ]),
]);

export const l1ss = fixedCap(0x1e, 'PCI_EXT_CAP_ID_L1SS', 'L1 PM Substates', 16, [
  reg('PCI_L1SS_CAP', 0x04, 4, [
    bit('PCI_L1SS_CAP_PCIPM_L1_2', 0x01),
    bit('PCI_L1SS_CAP_PCIPM_L1_1', 0x02),
    bit('PCI_L1SS_CAP_ASPM_L1_2', 0x04),
    bit('PCI_L1SS_CAP_ASPM_L1_1', 0x08),
    bit('PCI_L1SS_CAP_L1_PM_SS', 0x10),
    bit('PCI_L1SS_CAP_CM_RESTORE_TIME', 0xff00),
    bit('PCI_L1SS_CAP_P_PWR_ON_SCALE', 0x30000),
    bit('PCI_L1SS_CAP_P_PWR_ON_VALUE', 0xf80000),
  ]),
  reg('PCI_L1SS_CTL1', 0x08, 4, undefined, 'rw'),
  reg('PCI_L1SS_CTL2', 0x0c, 4, undefined, 'rw'),
]);
