/**
 * Extended capabilities with small, fixed bodies: serial number, timing (PTM, readiness, FRS), mailboxes
 * and security (DOE, IDE), enclosure management, and the reserved or rarely seen IDs lspci still names.
 * Where a body is not decoded yet, the capability is still named, placed and sized.
 */
import { bit, fixedCap, reg, withMeaning } from '../layout';
import { flag, says } from '../meaning';
import { hexWord } from '../vocab';

/** The serial number as lspci prints it: eight bytes, most significant first, dash-separated. */
const SERIAL = says('Device Serial Number', (_v, c) => {
  const hi = c.at(0x08, 4);
  const lo = c.at(0x04, 4);
  const bytes = [24, 16, 8, 0]
    .map((s) => (hi >>> s) & 0xff)
    .concat([24, 16, 8, 0].map((s) => (lo >>> s) & 0xff));
  return `Device Serial Number ${bytes.map((b) => hexWord(b, 2)).join('-')}`;
});
/** PTM's "Requester:+" style flags. */
const colonFlag = (word: string) => says(word, (v) => `${word}:${v ? '+' : '-'}`);
const granularity = (word: string, zero: string) =>
  says(word, (v) => `${word}: ${v === 0 ? zero : v === 0xff ? 'Greater than 254ns' : `${v}ns`}`);

export const dsn = fixedCap(0x03, 'PCI_EXT_CAP_ID_DSN', 'Device Serial Number', 12, [
  withMeaning(reg('PCI_DSN_LOW', 0x04, 4), SERIAL),
  withMeaning(reg('PCI_DSN_HIGH', 0x08, 4), SERIAL),
]);

export const cac = fixedCap(0x0c, 'PCI_EXT_CAP_ID_CAC', 'Configuration Access Correlation', 8, []);
export const amdReserved = fixedCap(0x14, 'PCI_EXT_CAP_ID_AMD_XXX', 'Reserved for AMD', 4, []);
export const pmux = fixedCap(0x1a, 'PCI_EXT_CAP_ID_PMUX', 'Protocol Multiplexing', 8, []);
export const lnr = fixedCap(0x1c, 'PCI_EXT_CAP_ID_LNR', 'LN Requester', 8, [
  reg('PCI_LNR_CAP', 0x04, 2),
  reg('PCI_LNR_CTRL', 0x06, 2, undefined, 'rw'),
]);

export const ptm = fixedCap(0x1f, 'PCI_EXT_CAP_ID_PTM', 'Precision Time Measurement', 12, [
  reg('PCI_PTM_CAP', 0x04, 4, [
    bit('PCI_PTM_CAP_REQ', 0x01, colonFlag('Requester')),
    bit('PCI_PTM_CAP_RES', 0x02, colonFlag('Responder')),
    bit('PCI_PTM_CAP_ROOT', 0x04, colonFlag('Root')),
    bit('PCI_PTM_GRANULARITY_MASK', 0xff00, granularity('PTMClockGranularity', 'Unimplemented')),
  ]),
  reg('PCI_PTM_CTRL', 0x08, 4, [
    bit('PCI_PTM_CTRL_ENABLE', 0x01, 'rw', colonFlag('Enabled')),
    bit('PCI_PTM_CTRL_ROOT', 0x02, 'rw', colonFlag('RootSelected')),
    bit('PCI_PTM_CTRL_GRANULARITY', 0xff00, 'rw', granularity('PTMEffectiveGranularity', 'Unknown')),
  ]),
]);

export const mpcie = fixedCap(0x20, 'PCI_EXT_CAP_ID_MPCIE', 'M-PCIe', 0x1c, []);
export const frs = fixedCap(0x21, 'PCI_EXT_CAP_ID_FRS', 'FRS Queueing', 0x10, []);
export const rtr = fixedCap(0x22, 'PCI_EXT_CAP_ID_RTR', 'Readiness Time Reporting', 0x0c, [
  reg('PCI_RTR_TIME1', 0x04, 4),
  reg('PCI_RTR_TIME2', 0x08, 4),
]);
export const hierarchyId = fixedCap(0x28, 'PCI_EXT_CAP_ID_HIER_ID', 'Hierarchy ID', 0x10, []);
export const npem = fixedCap(0x29, 'PCI_EXT_CAP_ID_NPEM', 'Native PCIe Enclosure Management', 0x10, [
  reg('PCI_NPEM_CAP', 0x04, 4),
  reg('PCI_NPEM_CTRL', 0x08, 4, undefined, 'rw'),
  reg('PCI_NPEM_STATUS', 0x0c, 4, undefined, 'rw1c'),
]);
export const altProtocol = fixedCap(0x2b, 'PCI_EXT_CAP_ID_ALT_PROTOCOL', 'Alternate Protocol', 0x14, []);
export const sfi = fixedCap(0x2c, 'PCI_EXT_CAP_ID_SFI', 'System Firmware Intermediary', 0x10, []);
export const shadowFunctions = fixedCap(0x2d, 'PCI_EXT_CAP_ID_SHDW', 'Shadow Functions', 0x0c, []);

// DOE in the words of pciutils 3.9.0's cap_doe. Its "Error" flag there tests Busy|IntSta (mask 3) rather
// than PCI_DOE_STATUS_ERROR; the meaning here reads the Error bit itself.
export const doe = fixedCap(0x2e, 'PCI_EXT_CAP_ID_DOE', 'Data Object Exchange', 0x18, [
  reg('PCI_DOE_CAP', 0x04, 4, [
    bit('PCI_DOE_CAP_INT_SUP', 0x1, flag('IntSup')),
    bit(
      'PCI_DOE_CAP_INT_MSG_NUM',
      0xffe,
      says('Interrupt Message Number', (v, c) =>
        c.register & 1 ? `Interrupt Message Number ${hexWord(v, 3)}` : undefined,
      ),
    ),
  ]),
  reg('PCI_DOE_CTRL', 0x08, 4, [
    bit('PCI_DOE_CTRL_ABORT', 0x1, 'rw'),
    bit('PCI_DOE_CTRL_INT_EN', 0x2, 'rw', flag('IntEn')),
    bit('PCI_DOE_CTRL_GO', 0x80000000, 'rw'),
  ]),
  reg('PCI_DOE_STATUS', 0x0c, 4, [
    bit('PCI_DOE_STATUS_BUSY', 0x1, flag('Busy')),
    bit('PCI_DOE_STATUS_INT_STATUS', 0x2, 'rw1c', flag('IntSta')),
    bit('PCI_DOE_STATUS_ERROR', 0x4, flag('Error')),
    bit('PCI_DOE_STATUS_DATA_OBJECT_READY', 0x80000000, flag('ObjectReady')),
  ]),
  reg('PCI_DOE_WRITE', 0x10, 4, undefined, 'rw'),
  reg('PCI_DOE_READ', 0x14, 4, undefined, 'rw'),
]);

export const device3 = fixedCap(0x2f, 'PCI_EXT_CAP_ID_DEV3', 'Device 3', 0x10, []);

export const ide = fixedCap(0x30, 'PCI_EXT_CAP_ID_IDE', 'Integrity & Data Encryption', 0x0c, [
  reg('PCI_IDE_CAP', 0x04, 4),
  reg('PCI_IDE_CTL', 0x08, 4, undefined, 'rw'),
]);
