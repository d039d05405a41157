/**
 * Built-in patches, written in the notation like any reviewer's: the RFC's vfio_pci_msi_novirt() and the
 * kernel differences src/vfio/kernel.ts models. Tests hold each to the engine's own rule on every fixture.
 */
import { EngineError } from '../../errors';
import { formatPatchError, parsePermPatch } from './parse';
import type { PermPatch } from './types';

export interface BuiltinPatch {
  readonly name: string;
  /** One sentence for a menu. */
  readonly title: string;
  readonly text: string;
}

export const BUILTIN_PATCHES: readonly BuiltinPatch[] = [
  {
    name: 'novirt',
    title: "The RFC's vfio_pci_msi_novirt(): MSI address and data read the device and drop writes",
    text: `# [RFC/RFT] vfio/pci: Create feature to disable MSI virtualization (Aug 2024, against v6.11)
# vfio_pci_msi_novirt() clears virt and write for the message address and data of the device's MSI table.
msi PCI_MSI_ADDRESS_LO p_setd NO_VIRT NO_WRITE
msi PCI_MSI_ADDRESS_HI p_setd NO_VIRT NO_WRITE if PCI_MSI_FLAGS_64BIT
msi PCI_MSI_DATA_64    p_setw NO_VIRT NO_WRITE if PCI_MSI_FLAGS_64BIT
msi PCI_MSI_DATA_32    p_setw NO_VIRT NO_WRITE if !PCI_MSI_FLAGS_64BIT
`,
  },
  {
    name: 'exp-length',
    title: 'v7.0 (39195990e4c0): PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 back to 0x34, so LNKCTL2/LNKSTA2 are mapped',
    text: `# 39195990e4c0 ("PCI: Correct PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 value", v7.0): the v5.17 hex
# conversion had turned 52 into 0x32; vfio_cap_len() gives version-2 endpoints 0x34 bytes again.
sizeof PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 0x34
`,
  },
];

export const builtinPatch = (name: string): BuiltinPatch | undefined =>
  BUILTIN_PATCHES.find((b) => b.name === name);

/** Parse a patch, or throw one EngineError naming the first bad line and column (CLI, API). */
export function permPatchOrThrow(text: string, name: string): PermPatch {
  const r = parsePermPatch(text, name);
  if (r.ok) return r.patch;
  throw new EngineError(
    'patch',
    `${name}: ${r.errors.map(formatPatchError).join('; ')}`,
    undefined,
    r.errors[0].line,
  );
}
