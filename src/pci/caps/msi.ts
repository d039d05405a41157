/**
 * Message Signalled Interrupts (PCI_CAP_ID_MSI, 0x05). The layout depends on the flags word: a 64-bit
 * capability moves DATA to +0x0C, per-vector masking adds MASK and PENDING.
 */
import { bit, reg, withMeaning, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { flag, says } from '../meaning';
import { hexLabelled, hexWord } from '../vocab';

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

/** lspci's `Count=enabled/capable`: both vector counts are powers of two (QSIZE, QMASK). */
const COUNT = says('Count', (_v, ctx) => {
  const f = ctx.register;
  return `Count=${1 << ((f & PCI_MSI_FLAGS_QSIZE) >> 4)}/${1 << ((f & PCI_MSI_FLAGS_QMASK) >> 1)}`;
});

const FLAGS = reg('PCI_MSI_FLAGS', PCI_MSI_FLAGS, 2, [
  bit('PCI_MSI_FLAGS_ENABLE', PCI_MSI_FLAGS_ENABLE, 'rw', flag('Enable')),
  bit('PCI_MSI_FLAGS_QMASK', PCI_MSI_FLAGS_QMASK, COUNT),
  bit('PCI_MSI_FLAGS_QSIZE', PCI_MSI_FLAGS_QSIZE, 'rw', COUNT),
  bit('PCI_MSI_FLAGS_64BIT', PCI_MSI_FLAGS_64BIT, flag('64bit')),
  bit('PCI_MSI_FLAGS_MASKBIT', PCI_MSI_FLAGS_MASKBIT, flag('Maskable')),
]);

/** lspci's `Address:` — the upper dword first on a 64-bit capability, as one 64-bit address. */
const ADDRESS = says('Address', (_v, ctx) => {
  const hi = ctx.at(PCI_MSI_FLAGS, 2) & PCI_MSI_FLAGS_64BIT ? hexWord(ctx.at(PCI_MSI_ADDRESS_HI, 4), 8) : '';
  return `Address: ${hi}${hexWord(ctx.at(PCI_MSI_ADDRESS_LO, 4), 8)}`;
});
const DATA = says('Data', (v) => `Data: ${hexWord(v, 4)}`);

function registers(view: CapView): RegDef[] {
  const flags = view.u16(PCI_MSI_FLAGS);
  const is64 = (flags & PCI_MSI_FLAGS_64BIT) !== 0;
  const regs: RegDef[] = [
    FLAGS,
    withMeaning(
      reg('PCI_MSI_ADDRESS_LO', PCI_MSI_ADDRESS_LO, 4, undefined, 'rw', 'Message Address'),
      ADDRESS,
    ),
  ];
  if (is64)
    regs.push(
      withMeaning(
        reg('PCI_MSI_ADDRESS_HI', PCI_MSI_ADDRESS_HI, 4, undefined, 'rw', 'Message Upper Address'),
        ADDRESS,
      ),
    );
  regs.push(
    withMeaning(
      reg(
        is64 ? 'PCI_MSI_DATA_64' : 'PCI_MSI_DATA_32',
        msiDataOffset(flags),
        2,
        undefined,
        'rw',
        'Message Data',
      ),
      DATA,
    ),
  );
  if (flags & PCI_MSI_FLAGS_MASKBIT) {
    regs.push(
      withMeaning(
        reg(
          is64 ? 'PCI_MSI_MASK_64' : 'PCI_MSI_MASK_32',
          is64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32,
          4,
          undefined,
          'rw',
          'Mask Bits',
        ),
        hexLabelled('Masking', 8),
      ),
    );
    regs.push(
      withMeaning(
        reg(
          is64 ? 'PCI_MSI_PENDING_64' : 'PCI_MSI_PENDING_32',
          is64 ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32,
          4,
          undefined,
          'ro',
          'Pending Bits',
        ),
        hexLabelled('Pending', 8),
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
