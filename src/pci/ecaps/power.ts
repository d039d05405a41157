/** Power: budgeting (0x04), dynamic power allocation (0x16), latency tolerance (0x18), L1 substates (0x1e). */
import { bit, fixedCap, reg, withMeaning, type CapabilityDef, type CapView } from '../layout';
import { flag, named, says } from '../meaning';
import { powerLimit } from '../vocab';

export const PCI_EXT_CAP_ID_PWR = 0x04;
export const PCI_PWR_DSR = 0x04;
export const PCI_PWR_DATA = 0x08;

/**
 * LTR values count in units of 32^scale ns. Scales 6 and 7 are reserved; lspci (cap_ltr_scale) still shifts
 * 1 by 5 × scale in 32 bits, which on x86 wraps the count (35 → 3): 2^30 ns for 6, 8 ns for 7. Its numbers.
 */
export const ltrNs = (value: number, scale: number): number => value * 2 ** ((5 * scale) % 32);
const ltrLatency = (word: string) => says(word, (v) => `${word}: ${ltrNs(v & 0x3ff, (v >> 10) & 7)}ns`);
/** L1SS power-on times: value × 2, 10 or 100 µs by scale (3 is reserved). */
const powerOn = (scale: number, value: number) =>
  scale < 3 ? `${[2, 10, 100][scale] * value}us` : '<error>';
const PORT_POWER_ON = says(
  'PortTPowerOnTime',
  (_v, c) => `PortTPowerOnTime=${powerOn((c.register >> 16) & 3, (c.register >> 19) & 0x1f)}`,
);
const POWER_ON = says('T_PwrOn', (_v, c) => `T_PwrOn=${powerOn(c.register & 3, (c.register >> 3) & 0x1f)}`);
const LTR_L12 = says('LTR1.2_Threshold', (_v, c) => {
  // Here lspci (cap_l1pm) checks the scale first.
  const scale = c.register >>> 29;
  return `LTR1.2_Threshold=${scale > 5 ? '<error>' : `${ltrNs((c.register >> 16) & 0x3ff, scale)}ns`}`;
});

/** Base power × 10^-scale watts (the 0xf0+ encodings above 239 W are the same as PCIe's slot power). */
const POWER = says('Power', (_v, c) => `Power ${powerLimit(c.register & 0xff, (c.register >> 8) & 3)}`);

export const powerBudgeting = fixedCap(PCI_EXT_CAP_ID_PWR, 'PCI_EXT_CAP_ID_PWR', 'Power Budgeting', 16, [
  reg('PCI_PWR_DSR', PCI_PWR_DSR, 1, undefined, 'rw', 'Data Select'),
  // lspci 3.9.0 prints only "Power Budgeting <?>"; these readings follow the register's own encoding.
  reg('PCI_PWR_DATA', PCI_PWR_DATA, 4, [
    bit('PCI_PWR_DATA_BASE', 0x000000ff, POWER),
    bit('PCI_PWR_DATA_SCALE', 0x00000300, POWER),
    bit(
      'PCI_PWR_DATA_PM_SUB',
      0x00001c00,
      says('PM Sub State', (v) => `PM Sub State ${v}`),
    ),
    bit('PCI_PWR_DATA_PM_STATE', 0x00006000, named('PM State', ['D0', 'D1', 'D2', 'D3'])),
    bit(
      'PCI_PWR_DATA_TYPE',
      0x00038000,
      named('Type', [
        'PME Aux',
        'Auxiliary',
        'Idle',
        'Sustained',
        'Sustained (Emergency Power Reduction)',
        'Maximum (Emergency Power Reduction)',
        '[6]',
        'Maximum',
      ]),
    ),
    bit(
      'PCI_PWR_DATA_RAIL',
      0x001c0000,
      named('Power Rail', [
        'Power (12V)',
        'Power (3.3V)',
        'Power (1.5V or 1.8V)',
        '[3]',
        '[4]',
        '[5]',
        '[6]',
        'Thermal',
      ]),
    ),
  ]),
  reg('PCI_PWR_CAP', 0x0c, 1, [bit('PCI_PWR_CAP_BUDGET', 0x01, flag('System budget'))]),
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
  withMeaning(
    reg('PCI_LTR_MAX_SNOOP_LAT', 0x04, 2, [
      bit('PCI_LTR_VALUE_MASK', 0x03ff, 'rw'),
      bit('PCI_LTR_SCALE_MASK', 0x1c00, 'rw'),
    ]),
    ltrLatency('Max snoop latency'),
  ),
  withMeaning(
    reg('PCI_LTR_MAX_NOSNOOP_LAT', 0x06, 2, [
      bit('PCI_LTR_VALUE_MASK', 0x03ff, 'rw'),
      bit('PCI_LTR_SCALE_MASK', 0x1c00, 'rw'),
    ]),
    ltrLatency('Max no snoop latency'),
  ),
]);

export const l1ss = fixedCap(0x1e, 'PCI_EXT_CAP_ID_L1SS', 'L1 PM Substates', 16, [
  reg('PCI_L1SS_CAP', 0x04, 4, [
    bit('PCI_L1SS_CAP_PCIPM_L1_2', 0x01, flag('PCI-PM_L1.2')),
    bit('PCI_L1SS_CAP_PCIPM_L1_1', 0x02, flag('PCI-PM_L1.1')),
    bit('PCI_L1SS_CAP_ASPM_L1_2', 0x04, flag('ASPM_L1.2')),
    bit('PCI_L1SS_CAP_ASPM_L1_1', 0x08, flag('ASPM_L1.1')),
    bit('PCI_L1SS_CAP_L1_PM_SS', 0x10, flag('L1_PM_Substates')),
    bit(
      'PCI_L1SS_CAP_CM_RESTORE_TIME',
      0xff00,
      says('PortCommonModeRestoreTime', (v) => `PortCommonModeRestoreTime=${v}us`),
    ),
    bit('PCI_L1SS_CAP_P_PWR_ON_SCALE', 0x30000, PORT_POWER_ON),
    bit('PCI_L1SS_CAP_P_PWR_ON_VALUE', 0xf80000, PORT_POWER_ON),
  ]),
  reg(
    'PCI_L1SS_CTL1',
    0x08,
    4,
    [
      bit('PCI_L1SS_CTL1_PCIPM_L1_2', 0x01, 'rw', flag('PCI-PM_L1.2')),
      bit('PCI_L1SS_CTL1_PCIPM_L1_1', 0x02, 'rw', flag('PCI-PM_L1.1')),
      bit('PCI_L1SS_CTL1_ASPM_L1_2', 0x04, 'rw', flag('ASPM_L1.2')),
      bit('PCI_L1SS_CTL1_ASPM_L1_1', 0x08, 'rw', flag('ASPM_L1.1')),
      bit(
        'PCI_L1SS_CTL1_CM_RESTORE_TIME',
        0xff00,
        'rw',
        says('T_CommonMode', (v) => `T_CommonMode=${v}us`),
      ),
      bit('PCI_L1SS_CTL1_LTR_L12_TH_VALUE', 0x03ff0000, 'rw', LTR_L12),
      bit('PCI_L1SS_CTL1_LTR_L12_TH_SCALE', 0xe0000000, 'rw', LTR_L12),
    ],
    'rw',
  ),
  reg(
    'PCI_L1SS_CTL2',
    0x0c,
    4,
    [
      bit('PCI_L1SS_CTL2_T_PWR_ON_SCALE', 0x03, 'rw', POWER_ON),
      bit('PCI_L1SS_CTL2_T_PWR_ON_VALUE', 0xf8, 'rw', POWER_ON),
    ],
    'rw',
  ),
]);
