/**
 * x86 MSI messages: the compatibility format (arch/x86/include/asm/msi.h x86_msi_addr_lo / x86_msi_data),
 * Intel VT-d's remappable format (dmar_* fields; intel/irq_remapping.c fill_msi_msg) and AMD's
 * data-indexed remapping (amd/iommu.c fill_msi_msg). decodeMsi names every field.
 */

export const X86_MSI_BASE_ADDRESS_LOW = 0xfee00000;

export type MsiFormat = 'compatibility' | 'remappable' | 'not-msi';
export type RemapFlavour = 'none' | 'intel' | 'amd';

export interface MsiField {
  readonly name: string;
  /** Which word and bits: `address[19:12]`, `data[7:0]`. */
  readonly bits: string;
  readonly value: number;
  readonly meaning: string;
}

export interface DecodedMsi {
  readonly address: number;
  readonly addressHi: number;
  readonly data: number;
  readonly format: MsiFormat;
  readonly fields: readonly MsiField[];
  /** Compatibility format: destination APIC id (with the extended id bits when `extDestId`). */
  readonly destApicId?: number;
  readonly vector?: number;
  /** Intel remappable: the IRTE index the message selects; AMD: data[10:0]. */
  readonly irteIndex?: number;
}

export const DELIVERY_MODES = [
  'fixed',
  'lowest priority',
  'SMI',
  'reserved',
  'NMI',
  'INIT',
  'reserved',
  'ExtINT',
];

const bitsOf = (v: number, hi: number, lo: number) => Math.floor((v >>> 0) / 2 ** lo) % 2 ** (hi - lo + 1);

/** A one-bit field of the address or data word, whose meaning is one of two phrases. */
function flagField(
  name: string,
  word: 'address' | 'data',
  v: number,
  bit: number,
  set: string,
  clear: string,
): MsiField {
  const value = bitsOf(v, bit, bit);
  return { name, bits: `${word}[${bit}]`, value, meaning: value ? set : clear };
}
const hex = (v: number) => `0x${v.toString(16)}`;

function dataFields(data: number): MsiField[] {
  const mode = bitsOf(data, 10, 8);
  return [
    {
      name: 'vector',
      bits: 'data[7:0]',
      value: bitsOf(data, 7, 0),
      meaning: `vector ${hex(bitsOf(data, 7, 0))}`,
    },
    { name: 'delivery_mode', bits: 'data[10:8]', value: mode, meaning: DELIVERY_MODES[mode] },
    {
      name: 'dest_mode_logical',
      bits: 'data[11]',
      value: bitsOf(data, 11, 11),
      meaning: 'Linux bookkeeping; reserved in the SDM layout',
    },
    flagField('active_low', 'data', data, 14, 'assert', 'deassert (edge: ignored)'),
    flagField('is_level', 'data', data, 15, 'level-triggered', 'edge-triggered'),
  ];
}

export interface DecodeOptions {
  /** How the platform reads the message: Intel VT-d looks at address bit 4, AMD indexes by data. */
  readonly remap?: RemapFlavour;
  /** The hypervisor offers the 15-bit extended destination id (address bits 11:5). */
  readonly extDestId?: boolean;
}

export function decodeMsi(
  address: number,
  data: number,
  addressHi = 0,
  opts: DecodeOptions = {},
): DecodedMsi {
  const base = { address: address >>> 0, addressHi: addressHi >>> 0, data: data & 0xffff };
  if (bitsOf(address, 31, 20) !== 0xfee) {
    return {
      ...base,
      format: 'not-msi',
      fields: [
        {
          name: 'base',
          bits: 'address[31:20]',
          value: bitsOf(address, 31, 20),
          meaning: 'not the 0xFEE interrupt window: an ordinary memory write',
        },
      ],
    };
  }
  if (opts.remap === 'intel' && bitsOf(address, 4, 4)) {
    const handle = bitsOf(address, 19, 5) + bitsOf(address, 2, 2) * 0x8000;
    const shv = bitsOf(address, 3, 3);
    const subhandle = shv ? data & 0xffff : 0;
    const irteIndex = handle + subhandle;
    return {
      ...base,
      format: 'remappable',
      irteIndex,
      fields: [
        {
          name: 'handle',
          bits: 'address[19:5]+[2]',
          value: handle,
          meaning: `interrupt handle ${hex(handle)}`,
        },
        {
          name: 'interrupt_format',
          bits: 'address[4]',
          value: 1,
          meaning: 'remappable: looked up in the IRTE table',
        },
        {
          name: 'SHV',
          bits: 'address[3]',
          value: shv,
          meaning: shv ? 'subhandle valid: data holds the subhandle' : 'no subhandle',
        },
        {
          name: 'subhandle',
          bits: 'data[15:0]',
          value: subhandle,
          meaning: `IRTE index = handle + subhandle = ${hex(irteIndex)}`,
        },
      ],
    };
  }
  const destLow = bitsOf(address, 19, 12);
  const ext = bitsOf(address, 11, 5);
  const destApicId = opts.extDestId ? destLow + ext * 256 : destLow;
  const fields: MsiField[] = [
    {
      name: 'destid_0_7',
      bits: 'address[19:12]',
      value: destLow,
      meaning: `destination APIC id bits 7:0 = ${hex(destLow)}`,
    },
    {
      name: 'virt_destid_8_14',
      bits: 'address[11:5]',
      value: ext,
      meaning: opts.extDestId
        ? `extended destination id: APIC id bits 14:8 = ${hex(ext)}`
        : ext
          ? 'reserved bits set (no extended destination id here)'
          : 'reserved',
    },
    {
      name: 'dmar_format',
      bits: 'address[4]',
      value: bitsOf(address, 4, 4),
      meaning: 'compatibility format',
    },
    flagField('redirect_hint', 'address', address, 3, 'redirection hint set', 'no redirection'),
    flagField('dest_mode_logical', 'address', address, 2, 'logical destination', 'physical destination'),
    ...dataFields(data),
  ];
  const decoded: DecodedMsi = {
    ...base,
    format: 'compatibility',
    fields,
    destApicId,
    vector: bitsOf(data, 7, 0),
  };
  if (opts.remap === 'amd') {
    // AMD looks every MSI up in the device's table by data[10:0]; the address is not consulted.
    const irteIndex = bitsOf(data, 10, 0);
    return {
      ...decoded,
      irteIndex,
      fields: [
        ...fields,
        {
          name: 'irte_index',
          bits: 'data[10:0]',
          value: irteIndex,
          meaning: `AMD IRTE index ${hex(irteIndex)}`,
        },
      ],
    };
  }
  return decoded;
}

export interface CompatMessage {
  readonly destApicId: number;
  readonly vector: number;
  readonly deliveryMode?: number;
  readonly logical?: boolean;
  readonly level?: boolean;
  /** Put APIC id bits 14:8 in address[11:5] (only meaningful where a hypervisor reads them). */
  readonly extDestId?: boolean;
}

/** __irq_msi_compose_msg: a compatibility-format message. */
export function composeCompat(m: CompatMessage): { address: number; data: number } {
  const ext = m.extDestId ? Math.floor(m.destApicId / 256) & 0x7f : 0;
  const address =
    (X86_MSI_BASE_ADDRESS_LOW | ((m.destApicId & 0xff) << 12) | (ext << 5) | (m.logical ? 4 : 0)) >>> 0;
  const data = (m.vector & 0xff) | ((m.deliveryMode ?? 0) << 8) | (m.level ? 0xc000 : 0);
  return { address, data };
}

/** Intel fill_msi_msg: remappable format, SHV=1, per-vector subhandle in data. */
export function composeRemappable(handle: number, subhandle = 0): { address: number; data: number } {
  const address =
    (X86_MSI_BASE_ADDRESS_LOW | ((handle & 0x7fff) << 5) | 0x10 | 0x8 | (handle & 0x8000 ? 0x4 : 0)) >>> 0;
  return { address, data: subhandle & 0xffff };
}

/**
 * QEMU kvm_swizzle_msi_ext_dest_id: when address[11:5] carry extended destination bits of a compatibility
 * message with no high dword, move them to address_hi[14:8] so KVM reads dest = addr[19:12] | hi[31:8] << 8.
 */
export function swizzleExtDestId(address: number, addressHi: number): { address: number; addressHi: number } {
  if (addressHi !== 0 || (address & 0x10) !== 0 || (address & 0xff0) === 0) return { address, addressHi };
  return { address: (address & ~0xfe0) >>> 0, addressHi: ((address & 0xfe0) >>> 5) << 8 };
}
