/**
 * The CXL DVSECs of a link and its flushes (CXL vendor 0x1e98; CXL 2.0/3.x §8.1.5–8.1.8): Extensions for
 * Ports (ID 3), GPF for a Port (4) and for a Device (5), and the Flex Bus Port (7). Names follow the kernel's
 * PCI_DVSEC_CXL_* macros (include/uapi/linux/pci_regs.h) where it has them and the same prefix with
 * pciutils' field names (lib/header.h PCI_CXL_PORT_*, _GPF_*, _FB_*) elsewhere; meanings are what
 * dvsec_cxl_port, dvsec_cxl_gpf_port/_device and dvsec_cxl_flex_bus in pciutils 3.9.0 ls-ecaps.c print.
 */
import { bit, reg, withMeaning, type BitDef, type RegDef } from '../layout';
import { flag, says } from '../meaning';
import { hexWord } from '../vocab';

export const PCI_DVSEC_CXL_PORT = 3;
export const PCI_DVSEC_CXL_PORT_GPF = 4;
export const PCI_DVSEC_CXL_DEVICE_GPF = 5;
export const PCI_DVSEC_CXL_FLEXBUS_PORT = 7;
/** dvsec_cxl_port prints nothing for a DVSEC shorter than this (PCI_CXL_PORT_EXT_LEN). */
export const PCI_DVSEC_CXL_PORT_LEN = 0x28;

/**
 * A GPF time (base in bits 3:0, scale in 11:8): base × 1, 10 or 100, in µs (scales 0–2), ms (3–5) or s (6–7,
 * though 7 is 10 s, lspci prints `<?>` as its unit). Scales from 8 are reserved: lspci says so on a line of
 * its own (`reserved`) and then prints the base raw.
 */
export function gpfTime(word: number): { text: string; reserved?: string } {
  const base = word & 0xf;
  const scale = (word >> 8) & 0xf;
  const factor = [1, 10, 100, 1, 10, 100, 1, 10][scale];
  const unit = scale < 3 ? 'us' : scale < 6 ? 'ms' : scale === 6 ? 's' : '<?>';
  return {
    text: `${base * (factor ?? 1)}${unit}`,
    ...(factor === undefined ? { reserved: `Reserved time scale encoding ${scale.toString(16)}` } : {}),
  };
}

/** A GPF time register: base and scale fields, read together as `word: 300us`. */
function gpfTimeRegister(name: string, offset: number, field: string, word: string, access?: 'rw'): RegDef {
  return withMeaning(
    reg(
      name,
      offset,
      2,
      [
        bit(`${field}_BASE`, 0x000f),
        bit(
          `${field}_SCALE`,
          0x0f00,
          says('Reserved time scale encoding', (v) => gpfTime(v << 8).reserved),
        ),
      ],
      access,
    ),
    says(word, (v) => `${word}: ${gpfTime(v).text}`),
  );
}

export const CXL_GPF_PORT_REGISTERS: readonly RegDef[] = [
  gpfTimeRegister(
    'PCI_DVSEC_CXL_PORT_GPF_PHASE_1_CONTROL',
    0x0c,
    'PCI_DVSEC_CXL_PORT_GPF_PHASE_1_TMO',
    'GPF Phase 1 Timeout',
    'rw',
  ),
  gpfTimeRegister(
    'PCI_DVSEC_CXL_PORT_GPF_PHASE_2_CONTROL',
    0x0e,
    'PCI_DVSEC_CXL_PORT_GPF_PHASE_2_TMO',
    'GPF Phase 2 Timeout',
    'rw',
  ),
];

export const CXL_GPF_DEVICE_REGISTERS: readonly RegDef[] = [
  gpfTimeRegister(
    'PCI_DVSEC_CXL_DEVICE_GPF_PHASE_2_DURATION',
    0x0a,
    'PCI_DVSEC_CXL_DEVICE_GPF_PHASE_2_TIME',
    'GPF Phase 2 Duration',
  ),
  withMeaning(
    reg('PCI_DVSEC_CXL_DEVICE_GPF_PHASE_2_POWER', 0x0c, 4),
    says('GPF Phase 2 Power', (v) => `GPF Phase 2 Power: ${v >>> 0}mW`),
  ),
];

/**
 * Extensions DVSEC for Ports. lspci 3.9.0 tests its PMComplete against the register's offset (0x0a) used
 * as a mask, not against bit 0; the meaning here reads bit 0, the spec's field.
 */
export const CXL_PORT_REGISTERS: readonly RegDef[] = [
  reg('PCI_DVSEC_CXL_PORT_STATUS', 0x0a, 2, [
    bit('PCI_DVSEC_CXL_PORT_STATUS_PM_INIT_COMPLETE', 0x0001, flag('PMComplete')),
  ]),
  reg(
    'PCI_DVSEC_CXL_PORT_CTL',
    0x0c,
    2,
    [
      bit('PCI_DVSEC_CXL_PORT_CTL_UNMASK_SBR', 0x0001, 'rw', flag('UnmaskSBR')),
      bit('PCI_DVSEC_CXL_PORT_CTL_UNMASK_LINK_DISABLE', 0x0002, 'rw', flag('UnmaskLinkDisable')),
      bit('PCI_DVSEC_CXL_PORT_CTL_ALT_MEMORY', 0x0004, 'rw', flag('AltMem')),
      bit('PCI_DVSEC_CXL_PORT_CTL_ALT_BME', 0x0008, 'rw', flag('AltBME')),
      bit('PCI_DVSEC_CXL_PORT_CTL_VIRAL_ENABLE', 0x4000, 'rw', flag('ViralEnable')),
    ],
    'rw',
  ),
  // lspci prints both alternate windows as `AlternateBus:`, the memory one as 16-bit base and limit words.
  withMeaning(
    reg('PCI_DVSEC_CXL_PORT_ALT_BUS_BASE', 0x0e, 1, undefined, 'rw'),
    says('AlternateBus', (v, c) => `AlternateBus: ${hexWord(v, 2)}-${hexWord(c.at(0x0f, 1), 2)}`),
  ),
  reg('PCI_DVSEC_CXL_PORT_ALT_BUS_LIMIT', 0x0f, 1, undefined, 'rw'),
  withMeaning(
    reg('PCI_DVSEC_CXL_PORT_ALT_MEM_BASE', 0x10, 2, undefined, 'rw'),
    says('AlternateBus', (v, c) => `AlternateBus: ${hexWord(v, 4)}-${hexWord(c.at(0x12, 2), 4)}`),
  ),
  reg('PCI_DVSEC_CXL_PORT_ALT_MEM_LIMIT', 0x12, 2, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_ALT_PREF_MEM_BASE', 0x14, 2, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_ALT_PREF_MEM_LIMIT', 0x16, 2, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_ALT_PREF_BASE_HIGH', 0x18, 4, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_ALT_PREF_LIMIT_HIGH', 0x1c, 4, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_RCRB_BASE', 0x20, 4, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_PORT_RCRB_BASE_HIGH', 0x24, 4, undefined, 'rw'),
];

/** The Flex Bus words by the DVSEC revision that brought them (revision 2: CXL 3.0's flit modes, NOP hints). */
type ByRevision<T> = Readonly<Record<number, readonly T[]>>;
const upTo = <T>(rev: number, table: ByRevision<T>): T[] =>
  Object.entries(table)
    .filter(([since]) => Number(since) <= rev)
    .flatMap(([, items]) => items);

const FB = 'PCI_DVSEC_CXL_FLEXBUS_PORT';
/** Flag bits of one Flex Bus word (`CAP`, `CTRL`, `STATUS`), named `${FB}_${word}_${name}`. */
const fbFlag =
  (word: string, access?: 'rw') =>
  (name: string, mask: number, say: string): BitDef =>
    bit(`${FB}_${word}_${name}`, mask, ...(access ? [access] : []), flag(say));

/** The capability, control and status words share their protocol and flit bits. */
function fbWord(word: 'CAP' | 'CTRL' | 'STATUS', rev: number, access?: 'rw'): BitDef[] {
  const b = fbFlag(word, access);
  // Sync header bypass and the drift buffer are controlled and reported, never advertised.
  const link =
    word === 'CAP' ? [] : [b('SYNC_HDR_BYPASS', 0x0008, 'SynHdrByp'), b('DRIFT_BUF', 0x0010, 'DrftBuf')];
  const ctrlOnly =
    word === 'CTRL'
      ? [b('RCD', 0x0080, 'RCD'), b('RETIMER1', 0x0100, 'Retimer1'), b('RETIMER2', 0x0200, 'Retimer2')]
      : [];
  return upTo<BitDef>(rev, {
    1: [
      b('CACHE', 0x0001, 'Cache'),
      b('IO', 0x0002, 'IO'),
      b('MEM', 0x0004, 'Mem'),
      ...link,
      b('68B_FLIT', 0x0020, '68BFlit'),
      b('MLD', 0x0040, 'MltLogDev'),
      ...ctrlOnly,
    ],
    2: [b('256B_FLIT', 0x2000, '256BFlit'), b('PBR_FLIT', 0x4000, 'PBRFlit')],
  });
}

/** The Flex Bus Port DVSEC as revision `rev` lays it out (lspci reads nothing of revision 0). */
export function cxlFlexBusRegisters(rev: number): RegDef[] {
  const r = Math.max(1, rev);
  return upTo<RegDef>(r, {
    1: [
      reg(`${FB}_CAP`, 0x0a, 2, fbWord('CAP', r)),
      reg(`${FB}_CTRL`, 0x0c, 2, fbWord('CTRL', r, 'rw'), 'rw'),
      reg(`${FB}_STATUS`, 0x0e, 2, fbWord('STATUS', r)),
      reg(`${FB}_RCVD_MOD_TS_DATA`, 0x10, 4, [
        bit(
          `${FB}_RCVD_MOD_TS_DATA_PHASE1`,
          0x00ffffff,
          says('Received FB Data', (v) => `Received FB Data: ${hexWord(v, 6)}`),
        ),
      ]),
    ],
    2: [
      reg(`${FB}_CAP2`, 0x14, 4, [fbFlag('CAP2')('NOP_HINT', 0x01, 'NOPHint')]),
      reg(`${FB}_CTRL2`, 0x18, 4, [fbFlag('CTRL2', 'rw')('NOP_HINT', 0x01, 'NOPHint')], 'rw'),
      reg(`${FB}_STATUS2`, 0x1c, 4, [
        bit(
          `${FB}_STATUS2_NOP_HINT_INFO`,
          0x03,
          says('NOPHintInfo', (v) => `NOPHintInfo: ${v.toString(16)}`),
        ),
      ]),
    ],
  });
}
