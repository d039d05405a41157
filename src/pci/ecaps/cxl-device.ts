/**
 * The PCIe DVSEC for CXL Device (CXL vendor 0x1e98, DVSEC ID 0; CXL 2.0/3.x §8.1.3): capability, control and
 * status words, the cache size, and the two HDM ranges. Names follow the kernel's PCI_DVSEC_CXL_* macros
 * (include/uapi/linux/pci_regs.h, moved there from drivers/cxl/cxlpci.h in 2026) where it has them, and the
 * same prefix with pciutils' field names (lib/header.h PCI_CXL_DEV_*) where it has none. Meanings are what
 * dvsec_cxl_device and cxl_range in pciutils 3.9.0 ls-ecaps.c print.
 */
import { bit, reg, withMeaning, type RegDef } from '../layout';
import { equals, flag, measured, says, type MeaningContext } from '../meaning';
import { hexWord } from '../vocab';

export const PCI_DVSEC_CXL_DEVICE = 0;
/** dvsec_cxl_device prints nothing for a DVSEC shorter than this (PCI_CXL_DEV_LEN) or of revision 0. */
export const PCI_DVSEC_CXL_DEVICE_LEN = 0x38;

// Range type, class and interleave codes (CXL 2.0 Table 8-6's encodings as lspci's tables hold them); a code
// past a table is read out of bounds by lspci 3.9.0 (garbage or a crash) and shown as `<?>` here.
export const CXL_RANGE_TYPES = ['Volatile', 'Non-volatile', 'CDAT'];
export const CXL_RANGE_CLASSES = ['DRAM', 'Storage', 'CDAT'];
export const CXL_RANGE_INTERLEAVE = [0, 256, 4096, 512, 1024, 2048, 8192, 16384];
const tableOr = (table: readonly (string | number)[], code: number) => String(table[code] ?? '<?>');

/** Memory Range n (1-based as lspci numbers it): base and last byte, 64-bit, from the four range dwords. */
export function cxlRangeText(sizeHiLo: bigint, baseHiLo: bigint, n: number): string {
  const span = sizeHiLo & ~0x0fffffffn;
  const end = BigInt.asUintN(64, baseHiLo + span - 1n);
  return `Range${n}: ${baseHiLo.toString(16).padStart(16, '0')}-${end.toString(16).padStart(16, '0')}`;
}

const hiLo = (c: MeaningContext, at: number) => (BigInt(c.at(at, 4)) << 32n) | BigInt(c.at(at + 4, 4));

/**
 * Cache Size as dvsec_cxl_device words it: unit 1 = 64 KiB, 2 = 1 MiB, 0 = not reported; other units are
 * printed raw.
 */
export function cxlCacheSizeText(unit: number, size: number): string {
  if (unit === 2) return `Cache Size: ${hexWord(size * (1 << 20), 8)}`;
  if (unit === 1) return `Cache Size: ${hexWord(size * (64 << 10), 8)}`;
  if (unit === 0) return 'Cache Size Not Reported';
  return `Cache Size: ${size} of unknown unit size (${unit})`;
}

const number = (word: string) => measured(word, String);

/** The two HDM ranges: 0x18 + 0x10·i (size high, size low with the range's flags, base high, base low). */
function range(i: number): RegDef[] {
  const at = 0x18 + 0x10 * i;
  return [
    reg(`PCI_DVSEC_CXL_RANGE_SIZE_HIGH(${i})`, at, 4),
    reg(`PCI_DVSEC_CXL_RANGE_SIZE_LOW(${i})`, at + 4, 4, [
      bit('PCI_DVSEC_CXL_MEM_INFO_VALID', 0x00000001, flag('Valid')),
      bit('PCI_DVSEC_CXL_MEM_ACTIVE', 0x00000002, flag('Active')),
      bit(
        'PCI_DVSEC_CXL_MEM_TYPE',
        0x0000001c,
        equals('Type', (v) => tableOr(CXL_RANGE_TYPES, v)),
      ),
      bit(
        'PCI_DVSEC_CXL_MEM_CLASS',
        0x000000e0,
        equals('Class', (v) => tableOr(CXL_RANGE_CLASSES, v)),
      ),
      bit(
        'PCI_DVSEC_CXL_MEM_INTERLEAVE',
        0x00001f00,
        equals('interleave', (v) => tableOr(CXL_RANGE_INTERLEAVE, v)),
      ),
      bit(
        'PCI_DVSEC_CXL_MEM_ACTIVE_TIMEOUT',
        0x0000e000,
        equals('timeout', (v) => `${2 ** (2 * v)}s`),
      ),
      bit('PCI_DVSEC_CXL_MEM_SIZE_LOW', 0xf0000000),
    ]),
    withMeaning(
      reg(`PCI_DVSEC_CXL_RANGE_BASE_HIGH(${i})`, at + 8, 4),
      says(`Range${i + 1}`, (_v, c) => cxlRangeText(hiLo(c, at), hiLo(c, at + 8), i + 1)),
    ),
    reg(`PCI_DVSEC_CXL_RANGE_BASE_LOW(${i})`, at + 12, 4, [bit('PCI_DVSEC_CXL_MEM_BASE_LOW', 0xf0000000)]),
  ];
}

/** The layout of a CXL Device DVSEC (the same words since revision 1; lspci reads nothing of revision 0). */
export const CXL_DEVICE_REGISTERS: readonly RegDef[] = [
  reg('PCI_DVSEC_CXL_CAP', 0x0a, 2, [
    bit('PCI_DVSEC_CXL_CACHE_CAPABLE', 0x0001, flag('Cache')),
    bit('PCI_DVSEC_CXL_IO_CAPABLE', 0x0002, flag('IO')),
    bit('PCI_DVSEC_CXL_MEM_CAPABLE', 0x0004, flag('Mem')),
    bit('PCI_DVSEC_CXL_MEM_HWINIT_MODE', 0x0008, flag('Mem HW Init')),
    bit('PCI_DVSEC_CXL_HDM_COUNT', 0x0030, number('HDMCount')),
    bit('PCI_DVSEC_CXL_VIRAL_CAPABLE', 0x4000, flag('Viral')),
  ]),
  reg(
    'PCI_DVSEC_CXL_CTRL',
    0x0c,
    2,
    [
      bit('PCI_DVSEC_CXL_CACHE_ENABLE', 0x0001, 'rw', flag('Cache')),
      bit('PCI_DVSEC_CXL_IO_ENABLE', 0x0002, flag('IO')),
      bit('PCI_DVSEC_CXL_MEM_ENABLE', 0x0004, 'rw', flag('Mem')),
      bit('PCI_DVSEC_CXL_CACHE_SF_COVERAGE', 0x00f8, 'rw', number('Cache SF Cov')),
      bit('PCI_DVSEC_CXL_CACHE_SF_GRANULARITY', 0x0700, 'rw', number('Cache SF Gran')),
      bit('PCI_DVSEC_CXL_CACHE_CLEAN_EVICTION', 0x0800, 'rw', flag('Cache Clean')),
      bit('PCI_DVSEC_CXL_VIRAL_ENABLE', 0x4000, 'rw', flag('Viral')),
    ],
    'rw',
  ),
  reg('PCI_DVSEC_CXL_STATUS', 0x0e, 2, [bit('PCI_DVSEC_CXL_VIRAL_STATUS', 0x4000, 'rw1c', flag('Viral'))]),
  reg('PCI_DVSEC_CXL_CTRL2', 0x10, 2, undefined, 'rw'),
  reg('PCI_DVSEC_CXL_STATUS2', 0x12, 2, [
    bit('PCI_DVSEC_CXL_CACHE_INVALID', 0x0001),
    bit('PCI_DVSEC_CXL_RESET_COMPLETE', 0x0002, flag('ResetComplete')),
    bit('PCI_DVSEC_CXL_RESET_ERROR', 0x0004, flag('ResetError')),
    bit('PCI_DVSEC_CXL_PM_INIT_COMPLETE', 0x8000, flag('PMComplete')),
  ]),
  reg('PCI_DVSEC_CXL_LOCK', 0x14, 2, undefined, 'rw'),
  withMeaning(
    reg('PCI_DVSEC_CXL_CAP2', 0x16, 2, [
      bit('PCI_DVSEC_CXL_CACHE_SIZE_UNIT', 0x000f),
      bit('PCI_DVSEC_CXL_CACHE_SIZE', 0xff00),
    ]),
    says('Cache Size', (v) => cxlCacheSizeText(v & 0xf, (v >> 8) & 0xff)),
  ),
  ...range(0),
  ...range(1),
];
