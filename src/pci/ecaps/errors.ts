/** Error reporting and containment: AER (PCI_EXT_CAP_ID_ERR) and DPC (PCI_EXT_CAP_ID_DPC). */
import { bit, fixedCap, reg, withMeaning, type CapabilityDef, type BitDef } from '../layout';
import { counted, flag, says, shownWhen, type Meaning } from '../meaning';
import { hasRoot } from '../caps/pcie-ports';
import { expressPortType } from '../caps/pcie-vocab';
import { hexLabelled, hexWord } from '../vocab';

const HEADER_LOG_WORD = says('HeaderLog', (v) => hexWord(v, 8));
/**
 * The root error registers (RootCmd, RootSta, ErrorSrc) mean something only on a root port or an event
 * collector, and lspci 3.9.0's cap_aer prints them only there (by the PCIe capability's port type).
 */
const rootOnly = (m: Meaning): Meaning => shownWhen((c) => hasRoot(expressPortType(c)), m);

export const PCI_EXT_CAP_ID_ERR = 0x01;
export const PCI_ERR_UNCOR_STATUS = 0x04;
export const PCI_ERR_UNCOR_MASK = 0x08;
export const PCI_ERR_UNCOR_SEVER = 0x0c;
export const PCI_ERR_COR_STATUS = 0x10;
export const PCI_ERR_COR_MASK = 0x14;
export const PCI_ERR_CAP = 0x18;
export const PCI_ERR_ROOT_COMMAND = 0x2c;

// Each error bit with lspci's word for it: the UESta/UEMsk/UESvrt and CESta/CEMsk lines of `lspci -vvv`
// (the same bit reads as status, mask or severity by the register it sits in). Bits pciutils 3.9.0 does
// not print carry the words later pciutils releases use.
const UNC: [string, number, string?][] = [
  ['PCI_ERR_UNC_UND', 0x00000001],
  ['PCI_ERR_UNC_DLP', 0x00000010, 'DLP'],
  ['PCI_ERR_UNC_SURPDN', 0x00000020, 'SDES'],
  ['PCI_ERR_UNC_POISON_TLP', 0x00001000, 'TLP'],
  ['PCI_ERR_UNC_FCP', 0x00002000, 'FCP'],
  ['PCI_ERR_UNC_COMP_TIME', 0x00004000, 'CmpltTO'],
  ['PCI_ERR_UNC_COMP_ABORT', 0x00008000, 'CmpltAbrt'],
  ['PCI_ERR_UNC_UNX_COMP', 0x00010000, 'UnxCmplt'],
  ['PCI_ERR_UNC_RX_OVER', 0x00020000, 'RxOF'],
  ['PCI_ERR_UNC_MALF_TLP', 0x00040000, 'MalfTLP'],
  ['PCI_ERR_UNC_ECRC', 0x00080000, 'ECRC'],
  ['PCI_ERR_UNC_UNSUP', 0x00100000, 'UnsupReq'],
  ['PCI_ERR_UNC_ACSV', 0x00200000, 'ACSViol'],
  ['PCI_ERR_UNC_INTN', 0x00400000, 'UncorrIntErr'],
  ['PCI_ERR_UNC_MCBTLP', 0x00800000, 'BlockedTLP'],
  ['PCI_ERR_UNC_ATOMEG', 0x01000000, 'AtomicOpBlocked'],
  ['PCI_ERR_UNC_TLPPRE', 0x02000000, 'TLPBlockedErr'],
];
const COR: [string, number, string?][] = [
  ['PCI_ERR_COR_RCVR', 0x00000001, 'RxErr'],
  ['PCI_ERR_COR_BAD_TLP', 0x00000040, 'BadTLP'],
  ['PCI_ERR_COR_BAD_DLLP', 0x00000080, 'BadDLLP'],
  ['PCI_ERR_COR_REP_ROLL', 0x00000100, 'Rollover'],
  ['PCI_ERR_COR_REP_TIMER', 0x00001000, 'Timeout'],
  ['PCI_ERR_COR_ADV_NFAT', 0x00002000, 'AdvNonFatalErr'],
  ['PCI_ERR_COR_INTERNAL', 0x00004000, 'CorrIntErr'],
  ['PCI_ERR_COR_LOG_OVER', 0x00008000, 'HeaderOF'],
];
const bits = (list: [string, number, string?][], access: 'rw' | 'rw1c'): BitDef[] =>
  list.map(([n, m, word]) => (word ? bit(n, m, access, flag(word)) : bit(n, m, access)));

export const aer = fixedCap(PCI_EXT_CAP_ID_ERR, 'PCI_EXT_CAP_ID_ERR', 'Advanced Error Reporting', 0x48, [
  reg('PCI_ERR_UNCOR_STATUS', PCI_ERR_UNCOR_STATUS, 4, bits(UNC, 'rw1c')),
  reg('PCI_ERR_UNCOR_MASK', PCI_ERR_UNCOR_MASK, 4, bits(UNC, 'rw')),
  reg('PCI_ERR_UNCOR_SEVER', PCI_ERR_UNCOR_SEVER, 4, bits(UNC, 'rw')),
  reg('PCI_ERR_COR_STATUS', PCI_ERR_COR_STATUS, 4, bits(COR, 'rw1c')),
  reg('PCI_ERR_COR_MASK', PCI_ERR_COR_MASK, 4, bits(COR, 'rw')),
  reg('PCI_ERR_CAP', PCI_ERR_CAP, 4, [
    bit(
      'PCI_ERR_CAP_FEP',
      0x0000001f,
      says('First Error Pointer', (v) => `First Error Pointer: ${hexWord(v, 2)}`),
    ),
    bit('PCI_ERR_CAP_ECRC_GENC', 0x00000020, flag('ECRCGenCap')),
    bit('PCI_ERR_CAP_ECRC_GENE', 0x00000040, 'rw', flag('ECRCGenEn')),
    bit('PCI_ERR_CAP_ECRC_CHKC', 0x00000080, flag('ECRCChkCap')),
    bit('PCI_ERR_CAP_ECRC_CHKE', 0x00000100, 'rw', flag('ECRCChkEn')),
    bit('PCI_ERR_CAP_MULT_HDRC', 0x00000200, flag('MultHdrRecCap')),
    bit('PCI_ERR_CAP_MULT_HDRE', 0x00000400, 'rw', flag('MultHdrRecEn')),
    bit('PCI_ERR_CAP_TLP_PFX', 0x00000800, flag('TLPPfxPres')),
    bit('PCI_ERR_CAP_HDR_LOG', 0x00001000, flag('HdrLogCap')),
  ]),
  withMeaning(reg('PCI_ERR_HEADER_LOG', 0x1c, 4), hexLabelled('HeaderLog', 8)),
  // lspci (cap_aer) prints the four log dwords on one line, "HeaderLog: w0 w1 w2 w3": the later ones read as
  // their word of it.
  withMeaning(reg('PCI_ERR_HEADER_LOG1', 0x20, 4), HEADER_LOG_WORD),
  withMeaning(reg('PCI_ERR_HEADER_LOG2', 0x24, 4), HEADER_LOG_WORD),
  withMeaning(reg('PCI_ERR_HEADER_LOG3', 0x28, 4), HEADER_LOG_WORD),
  reg(
    'PCI_ERR_ROOT_COMMAND',
    PCI_ERR_ROOT_COMMAND,
    4,
    [
      bit('PCI_ERR_ROOT_CMD_COR_EN', 0x1, 'rw', rootOnly(flag('CERptEn'))),
      bit('PCI_ERR_ROOT_CMD_NONFATAL_EN', 0x2, 'rw', rootOnly(flag('NFERptEn'))),
      bit('PCI_ERR_ROOT_CMD_FATAL_EN', 0x4, 'rw', rootOnly(flag('FERptEn'))),
    ],
    'rw',
  ),
  reg(
    'PCI_ERR_ROOT_STATUS',
    0x30,
    4,
    [
      bit('PCI_ERR_ROOT_COR_RCV', 0x01, 'rw1c', rootOnly(flag('CERcvd'))),
      bit('PCI_ERR_ROOT_MULTI_COR_RCV', 0x02, 'rw1c', rootOnly(flag('MultCERcvd'))),
      bit('PCI_ERR_ROOT_UNCOR_RCV', 0x04, 'rw1c', rootOnly(flag('UERcvd'))),
      bit('PCI_ERR_ROOT_MULTI_UNCOR_RCV', 0x08, 'rw1c', rootOnly(flag('MultUERcvd'))),
      bit('PCI_ERR_ROOT_FIRST_FATAL', 0x10, 'rw1c', rootOnly(flag('FirstFatal'))),
      bit('PCI_ERR_ROOT_NONFATAL_RCV', 0x20, 'rw1c', rootOnly(flag('NonFatalMsg'))),
      bit('PCI_ERR_ROOT_FATAL_RCV', 0x40, 'rw1c', rootOnly(flag('FatalMsg'))),
      bit('PCI_ERR_ROOT_AER_IRQ', 0xf8000000, rootOnly(counted('IntMsg'))),
    ],
    'rw1c',
  ),
  reg('PCI_ERR_ROOT_ERR_SRC', 0x34, 4, [
    bit('PCI_ERR_ROOT_COR_SRC', 0x0000ffff, rootOnly(says('ERR_COR', (v) => `ERR_COR: ${hexWord(v, 4)}`))),
    bit(
      'PCI_ERR_ROOT_SRC',
      0xffff0000,
      rootOnly(says('ERR_FATAL/NONFATAL', (v) => `ERR_FATAL/NONFATAL: ${hexWord(v, 4)}`)),
    ),
  ]),
  withMeaning(reg('PCI_ERR_PREFIX_LOG', 0x38, 4), hexLabelled('TLP prefix log', 8)),
]);

const PCI_EXP_DPC_CAP_RP_EXT = 0x0020;

export const dpc: CapabilityDef = {
  id: 0x1d,
  macro: 'PCI_EXT_CAP_ID_DPC',
  name: 'Downstream Port Containment',
  length: (v) => (v.u16(4) & PCI_EXP_DPC_CAP_RP_EXT ? 0x5c : 0x0c),
  // lspci's DpcCap/DpcCtl/DpcSta/Source lines (pci_regs.h PCI_EXP_DPC_*).
  registers: () => [
    reg('PCI_EXP_DPC_CAP', 0x04, 2, [
      bit(
        'PCI_EXP_DPC_IRQ',
        0x001f,
        says('INT Msg', (v) => `INT Msg #${v}`),
      ),
      bit('PCI_EXP_DPC_CAP_RP_EXT', PCI_EXP_DPC_CAP_RP_EXT, flag('RPExt')),
      bit('PCI_EXP_DPC_CAP_POISONED_TLP', 0x0040, flag('PoisonedTLP')),
      bit('PCI_EXP_DPC_CAP_SW_TRIGGER', 0x0080, flag('SwTrigger')),
      bit(
        'PCI_EXP_DPC_RP_PIO_LOG_SIZE',
        0x0f00,
        says('RP PIO Log', (v) => `RP PIO Log ${v}`),
      ),
      bit('PCI_EXP_DPC_CAP_DL_ACTIVE', 0x1000, flag('DL_ActiveErr')),
    ]),
    reg('PCI_EXP_DPC_CTL', 0x06, 2, [
      bit(
        'PCI_EXP_DPC_CTL_EN_MASK',
        0x0003,
        'rw',
        says('Trigger', (v) => `Trigger:${v.toString(16)}`),
      ),
      bit('PCI_EXP_DPC_CTL_CMPL', 0x0004, 'rw', flag('Cmpl')),
      bit('PCI_EXP_DPC_CTL_INT_EN', 0x0008, 'rw', flag('INT')),
      bit('PCI_EXP_DPC_CTL_ERR_COR', 0x0010, 'rw', flag('ErrCor')),
      bit('PCI_EXP_DPC_CTL_POISONED_TLP', 0x0020, 'rw', flag('PoisonedTLP')),
      bit('PCI_EXP_DPC_CTL_SW_TRIGGER', 0x0040, 'rw', flag('SwTrigger')),
      bit('PCI_EXP_DPC_CTL_DL_ACTIVE', 0x0080, 'rw', flag('DL_ActiveErr')),
    ]),
    reg('PCI_EXP_DPC_STATUS', 0x08, 2, [
      bit('PCI_EXP_DPC_STATUS_TRIGGER', 0x0001, 'rw1c', flag('Trigger')),
      bit(
        'PCI_EXP_DPC_STATUS_TRIGGER_RSN',
        0x0006,
        says('Reason', (v) => `Reason:${hexWord(v, 2)}`),
      ),
      bit('PCI_EXP_DPC_STATUS_INTERRUPT', 0x0008, 'rw1c', flag('INT')),
      bit('PCI_EXP_DPC_RP_BUSY', 0x0010, flag('RPBusy')),
      bit(
        'PCI_EXP_DPC_STATUS_TRIGGER_RSN_EXT',
        0x0060,
        says('TriggerExt', (v) => `TriggerExt:${hexWord(v, 2)}`),
      ),
      bit(
        'PCI_EXP_DPC_RP_PIO_FEP',
        0x1f00,
        says('RP PIO ErrPtr', (v) => `RP PIO ErrPtr:${hexWord(v, 2)}`),
      ),
    ]),
    withMeaning(
      reg('PCI_EXP_DPC_SOURCE_ID', 0x0a, 2),
      says('Source', (v) => `Source: ${hexWord(v, 4)}`),
    ),
  ],
};
