/**
 * Message Signalled Interrupts (PCI_CAP_ID_MSI, 0x05). The layout depends on the flags word: a 64-bit
 * capability moves DATA to +0x0C, per-vector masking adds MASK and PENDING.
 */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';

export const PCI_CAP_ID_MSI = 0x05;
export const PCI_MSI_FLAGS = 2;
export const PCI_MSI_FLAGS_ENABLE = 0x0001;
export const PCI_MSI_FLAGS_QMASK = 0x000e;
export const PCI_MSI_FLAGS_QSIZE = 0x0070;
export const PCI_MSI_FLAGS_64BIT = 0x0080;
export const PCI_MSI_FLAGS_MASKBIT = 0x0100;
export const PCI_MSI_ADDRESS_LO = 4;
export const PCI_MSI_ADDRESS_HI = 8;
export const PCI_MSI_DATA_32 = 8;
export const PCI_MSI_MASK_32 = 12;
export const PCI_MSI_PENDING_32 = 16;
export const PCI_MSI_DATA_64 = 12;
export const PCI_MSI_MASK_64 = 16;
export const PCI_MSI_PENDING_64 = 20;

/** 10, +4 for 64-bit, +10 for per-vector masking: the kernel's vfio_msi_cap_len() arithmetic. */
export function msiLength(flags: number): number {
  return 10 + (flags & PCI_MSI_FLAGS_64BIT ? 4 : 0) + (flags & PCI_MSI_FLAGS_MASKBIT ? 10 : 0);
}

/** Offset of the data word for these flags. */
export function msiDataOffset(flags: number): number {
  return flags & PCI_MSI_FLAGS_64BIT ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32;
}

const FLAGS = reg('PCI_MSI_FLAGS', PCI_MSI_FLAGS, 2, [
  bit('PCI_MSI_FLAGS_ENABLE', PCI_MSI_FLAGS_ENABLE, 'rw'),
  bit('PCI_MSI_FLAGS_QMASK', PCI_MSI_FLAGS_QMASK),
  bit('PCI_MSI_FLAGS_QSIZE', PCI_MSI_FLAGS_QSIZE, 'rw'),
  bit('PCI_MSI_FLAGS_64BIT', PCI_MSI_FLAGS_64BIT),
  bit('PCI_MSI_FLAGS_MASKBIT', PCI_MSI_FLAGS_MASKBIT),
]);

function registers(view: CapView): RegDef[] {
  const flags = view.u16(PCI_MSI_FLAGS);
  const is64 = (flags & PCI_MSI_FLAGS_64BIT) !== 0;
  const regs: RegDef[] = [
    FLAGS,
    reg('PCI_MSI_ADDRESS_LO', PCI_MSI_ADDRESS_LO, 4, undefined, 'rw', 'Message Address'),
  ];
  if (is64)
    regs.push(reg('PCI_MSI_ADDRESS_HI', PCI_MSI_ADDRESS_HI, 4, undefined, 'rw', 'Message Upper Address'));
  regs.push(
    reg(
      is64 ? 'PCI_MSI_DATA_64' : 'PCI_MSI_DATA_32',
      msiDataOffset(flags),
      2,
      undefined,
      'rw',
      'Message Data',
    ),
  );
  if (flags & PCI_MSI_FLAGS_MASKBIT) {
    regs.push(
      reg(
        is64 ? 'PCI_MSI_MASK_64' : 'PCI_MSI_MASK_32',
        is64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32,
        4,
        undefined,
        'rw',
        'Mask Bits',
      ),
    );
    regs.push(
      reg(
        is64 ? 'PCI_MSI_PENDING_64' : 'PCI_MSI_PENDING_32',
        is64 ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32,
        4,
        undefined,
        'ro',
        'Pending Bits',
      ),
    );
  }
  return regs;
}

export const msi: CapabilityDef = {
  id: PCI_CAP_ID_MSI,
  macro: 'PCI_CAP_ID_MSI',
  name: 'MSI',
  length: (view) => msiLength(view.u16(PCI_MSI_FLAGS)),
  registers,
};
