/**
 * The CXL DVSECs (Designated Vendor-Specific capabilities of vendor 0x1e98, CXL 2.0/3.x §8.1): which body
 * layout a DVSEC ID has, and when lspci reads it. The IDs are the ones cap_dvsec_cxl in pciutils 3.9.0
 * ls-ecaps.c decodes; the device and port families live in cxl-device.ts and cxl-port.ts, the small ones
 * here (Non-CXL Function Map, Register Locator, MLD). Names follow the kernel's PCI_DVSEC_CXL_* macros.
 */
import { bit, reg, withMeaning, type CapView, type RegDef } from '../layout';
import { says } from '../meaning';
import { hexWord } from '../vocab';
import { CXL_DEVICE_REGISTERS, PCI_DVSEC_CXL_DEVICE, PCI_DVSEC_CXL_DEVICE_LEN } from './cxl-device';
import {
  CXL_GPF_DEVICE_REGISTERS,
  CXL_GPF_PORT_REGISTERS,
  CXL_PORT_REGISTERS,
  PCI_DVSEC_CXL_DEVICE_GPF,
  PCI_DVSEC_CXL_FLEXBUS_PORT,
  PCI_DVSEC_CXL_PORT,
  PCI_DVSEC_CXL_PORT_GPF,
  PCI_DVSEC_CXL_PORT_LEN,
  cxlFlexBusRegisters,
} from './cxl-port';

export const PCI_VENDOR_ID_CXL = 0x1e98;
export const PCI_DVSEC_CXL_FUNCTION_MAP = 2;
export const PCI_DVSEC_CXL_REG_LOCATOR = 8;
export const PCI_DVSEC_CXL_MLD = 9;
/** cap_dvsec reads no CXL body from a DVSEC shorter than this. */
const CXL_MIN_LEN = 16;

/** Non-CXL Function Map: eight 32-bit words; lspci reads only the low 16 bits of each (a word read). */
const FUNCTION_MAP_REGISTERS: readonly RegDef[] = Array.from({ length: 8 }, (_, i) =>
  withMeaning(
    reg(`PCI_DVSEC_CXL_FUNCTION_MAP_REG(${i})`, 0x0c + 4 * i, 4),
    says('FuncMap', (v) => `FuncMap ${i}: ${hexWord(v & 0xffff, 8)}`),
  ),
);

/** Register Block Identifiers (CXL 2.0 Table 8-22) as lspci names them; 0xff is vendor-specific. */
export const CXL_REGISTER_BLOCK_IDS = [
  'empty',
  'component registers',
  'BAR virtualization',
  'CXL device registers',
  'CPMU registers',
];
export const cxlRegisterBlockName = (id: number): string =>
  CXL_REGISTER_BLOCK_IDS[id] ?? (id === 0xff ? 'vendor-specific' : '<?>');

/** Block i's line as dvsec_cxl_register_locator prints it; `undefined` for an empty block (ID 0: skipped). */
export function cxlRegisterBlockText(i: number, lo: number, hi: number): string | undefined {
  const id = (lo >>> 8) & 0xff;
  if (!id) return undefined;
  const offset = (BigInt(hi >>> 0) << 32n) | BigInt((lo & 0xffff0000) >>> 0);
  return `Block${i + 1}: BIR: bar${lo & 7}, ID: ${cxlRegisterBlockName(id)}, offset: ${offset.toString(16).padStart(16, '0')}`;
}

/** Register Locator: one 8-byte entry per register block, as many as fit in the DVSEC's length. */
function registerLocator(len: number): RegDef[] {
  const regs: RegDef[] = [];
  for (let i = 0; 0x0c + 8 * i + 7 < len; i++) {
    const at = 0x0c + 8 * i;
    const named = (v: number) => ((v >>> 8) & 0xff) !== 0;
    regs.push(
      withMeaning(
        reg(`PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_LO(${i})`, at, 4, [
          bit(
            'PCI_DVSEC_CXL_REG_LOCATOR_BIR',
            0x00000007,
            says('BIR', (v, c) => (named(c.register) ? `BIR: bar${v}` : undefined)),
          ),
          bit(
            'PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_ID',
            0x0000ff00,
            says('ID', (v) => (v ? `ID: ${cxlRegisterBlockName(v)}` : undefined)),
          ),
          bit('PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_OFF_LOW', 0xffff0000),
        ]),
        says(`Block${i + 1}`, (v, c) => cxlRegisterBlockText(i, v, c.at(at + 4, 4))),
      ),
      reg(`PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_HI(${i})`, at + 4, 4),
    );
  }
  return regs;
}

/** MLD: lspci prints the number of logical devices only for the defined encodings 1–16. */
const MLD_REGISTERS: readonly RegDef[] = [
  withMeaning(
    reg('PCI_DVSEC_CXL_MLD_NUM_LD', 0x0a, 2),
    says('NumLogDevs', (v) => (v >= 1 && v <= 16 ? `NumLogDevs: ${v}` : undefined)),
  ),
  reg('PCI_DVSEC_CXL_MLD_LD_ID_HOT_RESET', 0x0c, 2, undefined, 'rw'),
];

export interface CxlDvsec {
  readonly id: number;
  /** The kernel's macro for the DVSEC ID (`PCI_DVSEC_CXL_DEVICE`). */
  readonly macro: string;
  /** What the CXL specification calls it. */
  readonly name: string;
  /** The body's registers for a DVSEC of this revision and length. */
  registers(rev: number, len: number): readonly RegDef[];
  /** Whether lspci 3.9.0 decodes this body at all (its revision and length checks); if not, no meanings. */
  decodedByLspci(rev: number, len: number): boolean;
}

const always = () => true;

/** Every CXL DVSEC ID lspci 3.9.0 decodes, by ID. */
export const CXL_DVSECS: ReadonlyMap<number, CxlDvsec> = new Map(
  (
    [
      {
        id: PCI_DVSEC_CXL_DEVICE,
        macro: 'PCI_DVSEC_CXL_DEVICE',
        name: 'CXL Device',
        registers: () => CXL_DEVICE_REGISTERS,
        decodedByLspci: (rev, len) => rev >= 1 && len >= PCI_DVSEC_CXL_DEVICE_LEN,
      },
      {
        id: PCI_DVSEC_CXL_FUNCTION_MAP,
        macro: 'PCI_DVSEC_CXL_FUNCTION_MAP',
        name: 'Non-CXL Function Map',
        registers: () => FUNCTION_MAP_REGISTERS,
        decodedByLspci: always,
      },
      {
        id: PCI_DVSEC_CXL_PORT,
        macro: 'PCI_DVSEC_CXL_PORT',
        name: 'CXL Extensions for Ports',
        registers: () => CXL_PORT_REGISTERS,
        decodedByLspci: (_rev, len) => len >= PCI_DVSEC_CXL_PORT_LEN,
      },
      {
        id: PCI_DVSEC_CXL_PORT_GPF,
        macro: 'PCI_DVSEC_CXL_PORT_GPF',
        name: 'GPF for CXL Port',
        registers: () => CXL_GPF_PORT_REGISTERS,
        decodedByLspci: always,
      },
      {
        id: PCI_DVSEC_CXL_DEVICE_GPF,
        macro: 'PCI_DVSEC_CXL_DEVICE_GPF',
        name: 'GPF for CXL Device',
        registers: () => CXL_GPF_DEVICE_REGISTERS,
        decodedByLspci: always,
      },
      {
        id: PCI_DVSEC_CXL_FLEXBUS_PORT,
        macro: 'PCI_DVSEC_CXL_FLEXBUS_PORT',
        name: 'CXL Flex Bus Port',
        registers: (rev) => cxlFlexBusRegisters(rev),
        decodedByLspci: (rev) => rev >= 1,
      },
      {
        id: PCI_DVSEC_CXL_REG_LOCATOR,
        macro: 'PCI_DVSEC_CXL_REG_LOCATOR',
        name: 'CXL Register Locator',
        registers: (_rev, len) => registerLocator(len),
        decodedByLspci: always,
      },
      {
        id: PCI_DVSEC_CXL_MLD,
        macro: 'PCI_DVSEC_CXL_MLD',
        name: 'CXL MLD',
        registers: () => MLD_REGISTERS,
        decodedByLspci: always,
      },
    ] satisfies CxlDvsec[]
  ).map((d) => [d.id, d]),
);

/** The same registers with no meanings: what lspci leaves unread is laid out but not interpreted. */
const unread = (regs: readonly RegDef[]): RegDef[] =>
  regs.map(({ meaning: _m, ...r }) => ({ ...r, bits: r.bits?.map(({ meaning: _b, ...b }) => b) }));

/** The CXL DVSEC a DVSEC header names (vendor 0x1e98 and an ID lspci decodes), or undefined. */
export function cxlDvsecOf(v: CapView): { dvsec: CxlDvsec; rev: number; len: number } | undefined {
  const header1 = v.u32(0x04);
  if ((header1 & 0xffff) !== PCI_VENDOR_ID_CXL) return undefined;
  const dvsec = CXL_DVSECS.get(v.u16(0x08));
  return dvsec && { dvsec, rev: (header1 >>> 16) & 0xf, len: (header1 >>> 20) & 0xfff };
}

/** The body registers of a CXL DVSEC; none for any other DVSEC (its header is all anyone can read). */
export function cxlDvsecBody(v: CapView): RegDef[] {
  const found = cxlDvsecOf(v);
  if (!found) return [];
  const { dvsec, rev, len } = found;
  const regs = dvsec.registers(rev, len);
  // cap_dvsec_cxl fetches the whole DVSEC first: a body running past the dump is not decoded at all.
  const fetched = v.available === undefined || len <= v.available;
  return fetched && len >= CXL_MIN_LEN && dvsec.decodedByLspci(rev, len) ? [...regs] : unread(regs);
}
