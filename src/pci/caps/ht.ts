/**
 * HyperTransport (PCI_CAP_ID_HT, 0x08): the top bits of the command word pick the layout (HT_3BIT_CAP_MASK:
 * slave/primary or host/secondary interface; HT_5BIT_CAP_MASK: the other types). Meanings are the words of
 * pciutils 3.9.0's cap_ht_pri / cap_ht_sec / cap_ht_msimap (ls-caps.c); registers pci_regs.h does not name
 * carry the names pciutils' lib/header.h gives them (PCI_HT_PRI_*, PCI_HT_SEC_*, PCI_HT_LCTR_* …). Words
 * lspci prints only for revision 2.2 and later say nothing on older links.
 */
import { bit, reg, withMeaning, type BitDef, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { equals, flag, says, type Meaning, type MeaningContext } from '../meaning';
import { hexWord } from '../vocab';

const HT_CAPTYPE_HOST = 0x2000;
const HT_CAPTYPE_REV = 0x8800;
const HT_CAPTYPE_MSI_MAPPING = 0xa800;

export const HT_WIDTHS = ['8bit', '16bit', '[2]', '32bit', '2bit', '4bit', '[6]', 'N/C'];
export const HT_FREQUENCIES = [
  ...['200MHz', '300MHz', '400MHz', '500MHz', '600MHz', '800MHz', '1.0GHz', '1.2GHz', '1.4GHz', '1.6GHz'],
  ...['[a]', '[b]', '[c]', '[d]', '[e]', 'Vend'],
];
/**
 * lspci's name for each capability type (cap_ht): the slave/primary and host/secondary interfaces by
 * HT_3BIT_CAP_MASK, the others by the 5-bit code (HT_5BIT_CAP_MASK >> 11); codes it has no name for print
 * as `#1a`.
 */
export const HT_INTERFACES = ['Slave or Primary Interface', 'Host or Secondary Interface'];
export const HT_KINDS: Readonly<Record<number, string>> = {
  0x08: 'Switch',
  0x10: 'Interrupt Discovery and Configuration',
  0x11: 'Revision ID',
  0x12: 'UnitID Clumping',
  0x13: 'Extended Configuration Space Access',
  0x14: 'Address Mapping',
  0x15: 'MSI Mapping',
  0x16: 'DirectRoute',
  0x17: 'VCSet',
  0x18: 'Retry Mode',
  0x19: 'X86 (reserved)',
};
export const htKind = (code: number) => HT_KINDS[code] ?? `#${hexWord(code, 2)}`;

/** A revision ID as lspci prints it: major.minor, the minor two digits ("3.00"). */
export const htRevision = (rid: number) => `${(rid >> 5) & 7}.${String(rid & 0x1f).padStart(2, '0')}`;

/** Revision 2.2 and later (the revision ID at `ridAt`) adds the words lspci prints only then. */
const rev22 = (ridAt: number) => (c: MeaningContext) => c.at(ridAt, 1) >= 0x22;
const flagIf = (word: string, when: (c: MeaningContext) => boolean): Meaning =>
  says(word, (v, c) => (when(c) ? `${word}${v ? '+' : '-'}` : undefined));

function linkControl(name: string, at: number, ridAt: number): RegDef {
  const is22 = rev22(ridAt);
  const flags: [string, number, string][] = [
    ['CFLE', 0x2, 'CFlE'],
    ['CST', 0x4, 'CST'],
    ['CFE', 0x8, 'CFE'],
    ['LKFAIL', 0x10, '<LkFail'],
    ['INIT', 0x20, 'Init'],
    ['EOC', 0x40, 'EOC'],
    ['TXO', 0x80, 'TXO'],
  ];
  const later: [string, number, string][] = [
    ['ISOCEN', 0x1000, 'IsocEn'],
    ['LSEN', 0x2000, 'LSEn'],
    ['EXTCTL', 0x4000, 'ExtCTL'],
    ['64B', 0x8000, '64b'],
  ];
  return reg(name, at, 2, [
    ...flags.map(([n, m, w]) => bit(`PCI_HT_LCTR_${n}`, m, 'rw', flag(w))),
    bit(
      'PCI_HT_LCTR_CRCERR',
      0xf00,
      'rw1c',
      says('<CRCErr', (v) => `<CRCErr=${v.toString(16)}`),
    ),
    ...later.map(([n, m, w]) => bit(`PCI_HT_LCTR_${n}`, m, 'rw', flagIf(w, is22))),
  ]);
}

function linkConfig(name: string, at: number, ridAt: number): RegDef {
  const is22 = rev22(ridAt);
  const width = (word: string) => equals(word, (v) => HT_WIDTHS[v]);
  const fields: BitDef[] = [
    bit('PCI_HT_LCNF_MLWI', 0x0007, width('MLWI')),
    bit('PCI_HT_LCNF_DFI', 0x0008, flagIf('DwFcIn', is22)),
    bit('PCI_HT_LCNF_MLWO', 0x0070, width('MLWO')),
    bit('PCI_HT_LCNF_DFO', 0x0080, flagIf('DwFcOut', is22)),
    bit('PCI_HT_LCNF_LWI', 0x0700, 'rw', width('LWI')),
    bit('PCI_HT_LCNF_DFIE', 0x0800, 'rw', flagIf('DwFcInEn', is22)),
    bit('PCI_HT_LCNF_LWO', 0x7000, 'rw', width('LWO')),
    bit('PCI_HT_LCNF_DFOE', 0x8000, 'rw', flagIf('DwFcOutEn', is22)),
  ];
  return reg(name, at, 2, fields);
}

const revisionId = (name: string, at: number) =>
  withMeaning(
    reg(name, at, 1),
    says('Revision ID', (v) => `Revision ID: ${htRevision(v)}`),
  );

/** Link frequency and errors: the frequency and error words of revision 2.2 links. */
function linkFrequencyError(name: string, at: number, ridAt: number, suffix: string): RegDef {
  const is22 = rev22(ridAt);
  const frequency = `Link Frequency${suffix}`;
  return reg(name, at, 1, [
    bit(
      'PCI_HT_LFRER_FREQ',
      0x0f,
      'rw',
      says(frequency, (v, c) => (is22(c) ? `${frequency}: ${HT_FREQUENCIES[v]}` : undefined)),
    ),
    bit('PCI_HT_LFRER_PROT', 0x10, 'rw1c', flagIf('<Prot', is22)),
    bit('PCI_HT_LFRER_OV', 0x20, 'rw1c', flagIf('<Ovfl', is22)),
    bit('PCI_HT_LFRER_EOC', 0x40, 'rw1c', flagIf('<EOC', is22)),
    bit('PCI_HT_LFRER_CTLT', 0x80, 'rw', flagIf('CTLTm', is22)),
  ]);
}

/** The interface type in a primary/secondary command register: lspci's title words. */
const interfaceType = bit(
  'HT_3BIT_CAP_MASK',
  0xe000,
  says('HyperTransport', (v) => HT_INTERFACES[v]),
);

/** Link frequency capability: which clock rates a link supports (revision 2.2 words). */
function linkFrequencyCapability(name: string, at: number, ridAt: number): RegDef {
  const is22 = rev22(ridAt);
  const rates = HT_FREQUENCIES.slice(0, 10).map((word, i) =>
    bit(
      `PCI_HT_LFCAP_${['200', '300', '400', '500', '600', '800', '1000', '1200', '1400', '1600'][i]}`,
      1 << i,
      flagIf(word, is22),
    ),
  );
  return reg(name, at, 2, [...rates, bit('PCI_HT_LFCAP_VEND', 0x8000, flagIf('Vend', is22))]);
}

/** Feature capability words common to both interfaces, bit 0 up (PCI_HT_FTR_*). */
export const HT_FEATURE_WORDS = ['IsocFC', 'LDTSTOP', 'CRCTM', 'ECTLT', '64bA', 'UIDRD'];
const FEATURE_NAMES = ['ISOCFC', 'LDTSTOP', 'CRCTM', 'ECTLT', '64BA', 'UIDRD'];
/** Error handling words, bit 0 up (PCI_HT_EH_*): flood, fatal, chain fail, response error, nonfatal. */
export const HT_ERROR_WORDS = [
  ...['PFlE', 'OFlE', 'PFE', 'OFE', 'EOCFE', 'RFE', 'CRCFE', 'SERRFE', 'CF', 'RE'],
  ...['PNFE', 'ONFE', 'EOCNFE', 'RNFE', 'CRCNFE', 'SERRNFE'],
];

/** The host/secondary feature register adds ExtRS and UCnfE to these. */
const features = (when: (c: MeaningContext) => boolean): BitDef[] =>
  FEATURE_NAMES.map((n, i) => bit(`PCI_HT_FTR_${n}`, 1 << i, flagIf(HT_FEATURE_WORDS[i], when)));

/** Error handling: the enables are read-write; Chain Fail is read-only and Response Error write-1-to-clear. */
function errorHandling(name: string, at: number, when: (c: MeaningContext) => boolean): RegDef {
  const access = (w: string) => (w === 'CF' ? 'ro' : w === 'RE' ? 'rw1c' : 'rw');
  return reg(
    name,
    at,
    2,
    HT_ERROR_WORDS.map((w, i) => bit(`PCI_HT_EH_${w.toUpperCase()}`, 1 << i, access(w), flagIf(w, when))),
  );
}

/** "Prefetchable memory behind bridge Upper: 00-aa": the upper bytes of the base and the limit together. */
function prefetchableUpper(baseAt: number, when: (c: MeaningContext) => boolean): Meaning {
  const word = 'Prefetchable memory behind bridge Upper';
  return says(word, (_v, c) =>
    when(c) ? `${word}: ${hexWord(c.at(baseAt, 1), 2)}-${hexWord(c.at(baseAt + 1, 1), 2)}` : undefined,
  );
}

function memoryUpper(prefix: string, at: number, when: (c: MeaningContext) => boolean): RegDef[] {
  const meaning = prefetchableUpper(at, when);
  return [
    withMeaning(reg(`${prefix}_MBU`, at, 1, undefined, 'rw'), meaning),
    withMeaning(reg(`${prefix}_MLU`, at + 1, 1, undefined, 'rw'), meaning),
  ];
}

/** cap_ht_pri: everything after the revision ID only for revision 2.2 and later. */
const PRIMARY_22 = rev22(12);
const PRIMARY: RegDef[] = [
  reg('PCI_HT_PRI_CMD', 2, 2, [
    bit('PCI_HT_PCMD_BUID', 0x001f, 'rw', equals('BaseUnitID')),
    bit('PCI_HT_PCMD_UC', 0x03e0, equals('UnitCnt')),
    bit('PCI_HT_PCMD_MH', 0x0400, flag('MastHost')),
    bit('PCI_HT_PCMD_DD', 0x0800, flag('DefDir')),
    bit('PCI_HT_PCMD_DUL', 0x1000, 'rw', flagIf('DUL', PRIMARY_22)),
    interfaceType,
  ]),
  linkControl('PCI_HT_PRI_LCTR0', 4, 12),
  linkConfig('PCI_HT_PRI_LCNF0', 6, 12),
  linkControl('PCI_HT_PRI_LCTR1', 8, 12),
  linkConfig('PCI_HT_PRI_LCNF1', 10, 12),
  revisionId('PCI_HT_PRI_RID', 12),
  linkFrequencyError('PCI_HT_PRI_LFRER0', 13, 12, ' 0'),
  linkFrequencyCapability('PCI_HT_PRI_LFCAP0', 14, 12),
  reg('PCI_HT_PRI_FTR', 16, 1, features(PRIMARY_22)),
  linkFrequencyError('PCI_HT_PRI_LFRER1', 17, 12, ' 1'),
  linkFrequencyCapability('PCI_HT_PRI_LFCAP1', 18, 12),
  reg('PCI_HT_PRI_ES', 20, 2, undefined, 'rw'),
  errorHandling('PCI_HT_PRI_EH', 22, PRIMARY_22),
  ...memoryUpper('PCI_HT_PRI', 24, PRIMARY_22),
  withMeaning(
    reg('PCI_HT_PRI_BN', 26, 1),
    says('Bus Number', (v, c) => (PRIMARY_22(c) ? `Bus Number: ${hexWord(v, 2)}` : undefined)),
  ),
];

/** cap_ht_sec: the error handling and memory upper registers only with the extended register set. */
const SECONDARY_22 = rev22(8);
const PCI_HT_SEC_FTR_EXTRS = 0x0100;
const EXTENDED_SET = (c: MeaningContext) => SECONDARY_22(c) && (c.at(12, 2) & PCI_HT_SEC_FTR_EXTRS) !== 0;
const SECONDARY: RegDef[] = [
  reg('PCI_HT_SEC_CMD', 2, 2, [
    bit('PCI_HT_SCMD_WR', 0x0001, 'rw', flag('WarmRst')),
    bit('PCI_HT_SCMD_DE', 0x0002, 'rw', flag('DblEnd')),
    bit(
      'PCI_HT_SCMD_DN',
      0x007c,
      'rw',
      says('DevNum', (v, c) => (SECONDARY_22(c) ? `DevNum=${v}` : undefined)),
    ),
    bit('PCI_HT_SCMD_CS', 0x0080, flagIf('ChainSide', SECONDARY_22)),
    bit('PCI_HT_SCMD_HH', 0x0100, 'rw', flagIf('HostHide', SECONDARY_22)),
    bit('PCI_HT_SCMD_AS', 0x0400, flagIf('Slave', SECONDARY_22)),
    bit('PCI_HT_SCMD_HIECE', 0x0800, 'rw', flagIf('<EOCErr', SECONDARY_22)),
    bit('PCI_HT_SCMD_DUL', 0x1000, 'rw', flagIf('DUL', SECONDARY_22)),
    interfaceType,
  ]),
  linkControl('PCI_HT_SEC_LCTR', 4, 8),
  linkConfig('PCI_HT_SEC_LCNF', 6, 8),
  revisionId('PCI_HT_SEC_RID', 8),
  linkFrequencyError('PCI_HT_SEC_LFRER', 9, 8, ''),
  linkFrequencyCapability('PCI_HT_SEC_LFCAP', 10, 8),
  reg('PCI_HT_SEC_FTR', 12, 2, [
    ...features(SECONDARY_22),
    bit('PCI_HT_SEC_FTR_EXTRS', PCI_HT_SEC_FTR_EXTRS, flagIf('ExtRS', SECONDARY_22)),
    bit('PCI_HT_SEC_FTR_UCNFE', 0x0200, flagIf('UCnfE', SECONDARY_22)),
  ]),
  reg('PCI_HT_SEC_ES', 16, 2, undefined, 'rw'),
  errorHandling('PCI_HT_SEC_EH', 18, EXTENDED_SET),
  ...memoryUpper('PCI_HT_SEC', 20, EXTENDED_SET),
];

/** "Mapping Address Base: 00000000fee00000", printed only when the mapping is not the fixed one. */
const MAPPING_BASE = says('Mapping Address Base', (_v, c) => {
  if (c.at(2, 2) & 0x2) return undefined;
  const base = (BigInt(c.at(8, 4)) << 32n) | BigInt((c.at(4, 4) & 0xfff00000) >>> 0);
  return `Mapping Address Base: ${base.toString(16).padStart(16, '0')}`;
});

/** The other capability types: lspci names them by the 5-bit code, on the title line. */
const kind = says('HyperTransport', (v) => htKind(v));

const MSI_MAPPING: RegDef[] = [
  reg('HT_MSI_FLAGS', 2, 1, [
    bit('HT_MSI_FLAGS_ENABLE', 0x1, 'rw', flag('Enable')),
    bit('HT_MSI_FLAGS_FIXED', 0x2, flag('Fixed')),
  ]),
  // pci_find_ht_capability() reads the type from this byte (HT_5BIT_CAP_MASK 0xf8).
  reg('HT_CAPTYPE', 3, 1, [bit('HT_5BIT_CAP_MASK', 0xf8, kind)]),
  withMeaning(reg('HT_MSI_ADDR_LO', 4, 4, [bit('HT_MSI_ADDR_LO_MASK', 0xfff00000, 'rw')]), MAPPING_BASE),
  withMeaning(reg('HT_MSI_ADDR_HI', 8, 4, undefined, 'rw'), MAPPING_BASE),
];

function registers(v: CapView): RegDef[] {
  const cmd = v.u16(2);
  if ((cmd & 0xe000) === 0) return PRIMARY;
  if ((cmd & 0xe000) === HT_CAPTYPE_HOST) return SECONDARY;
  if ((cmd & 0xf800) === HT_CAPTYPE_MSI_MAPPING) return MSI_MAPPING;
  const command = reg('PCI_HT_CAP_COMMAND', 2, 2, [
    bit('HT_3BIT_CAP_MASK', 0xe000),
    bit('HT_5BIT_CAP_MASK', 0xf800, kind),
  ]);
  if ((cmd & 0xf800) !== HT_CAPTYPE_REV) return [command];
  return [
    withMeaning(
      command,
      says('Revision ID', (w) => `Revision ID: ${htRevision(w & 0xff)}`),
    ),
  ];
}

/**
 * Bytes each capability type occupies, by 5-bit code: the *_SIZEOF values of pciutils' lib/header.h
 * (PCI_HT_SW_SIZEOF, PCI_HT_IDC_SIZEOF, PCI_HT_RID_SIZEOF …). Address mapping depends on its map type:
 * 64-bit is 16 bytes, 40-bit 12 plus 8 per DMA window (PCI_HT_AM_CMD_NDMA).
 */
const HT_TYPE_SIZES: Readonly<Record<number, number>> = {
  0x08: 24,
  0x10: 8,
  0x11: 4,
  0x12: 12,
  0x13: 12,
  0x15: 12,
  0x16: 12,
  0x17: 16,
  0x18: 12,
};
const HT_TYPE_ADDRESS_MAPPING = 0x14;

/**
 * The slave/primary layout is 28 bytes, host/secondary 24; the other types by their own size. Types no
 * header names a size for take the host's 24, as vfio_cap_len() sizes every type that is not slave/primary.
 */
function length(v: CapView): number {
  const cmd = v.u16(2);
  if ((cmd & 0xe000) === 0) return 28;
  const type = (cmd & 0xf800) >> 11;
  if ((cmd & 0xe000) === HT_CAPTYPE_HOST) return 24;
  if (type !== HT_TYPE_ADDRESS_MAPPING) return HT_TYPE_SIZES[type] ?? 24;
  const mapType = cmd & 0x0600;
  return mapType === 0x0200 ? 16 : mapType === 0 ? 12 + 8 * (cmd & 0x000f) : 24;
}

export const hyperTransport: CapabilityDef = {
  id: 0x08,
  macro: 'PCI_CAP_ID_HT',
  name: 'HyperTransport',
  length,
  registers,
};
