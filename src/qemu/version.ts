/**
 * The QEMU releases whose vfio-pci config virtualization differs, as data: every rule that depends on the
 * release reads it from here, and each field names the QEMU change it comes from. Everything not listed
 * is the same in all three (pci_init_wmask, vfio_setup_pcie_cap, vfio_add_ext_cap's drop list, the MSI
 * enable/retry path).
 */
import { EngineError } from '../errors';

export type QemuVersion = '8.0' | '9.1' | '10.1';

export interface QemuRules {
  readonly version: QemuVersion;
  readonly label: string;
  /**
   * vfio_add_ext_cap on a Resizable BAR capability: dropped up to 8.0 ("can't expose read-only"), emulated
   * by vfio_setup_rebar_ecap from 8.1 ("vfio/pci: Static Resizable BAR capability", May 2023).
   */
  readonly rebar: 'drop' | 'emulate';
  /**
   * PCI_REBAR_CAP_SIZES in QEMU's copy of linux/pci_regs.h: the CAP bits a current size may map to before
   * vfio_setup_rebar_ecap gives up. 0x00FFFFF0 (1 MB..512 GB) until QEMU 10.1 imported the Linux v6.15
   * headers ("linux-headers: Update to Linux v6.15-rc3"), which widened it to 0xFFFFFFF0 (1 MB..128 TB).
   */
  readonly rebarCapSizes: number;
  /**
   * vfio_add_std_cap adds the PM capability with pci_pm_init (8 bytes) and opens PMCSR's PowerState in
   * QEMU's wmask so the PCI core can track D3 for BAR mapping — QEMU 10.0 ("pci: Use PCI PM capability
   * initializer", Mar 2025). Before, a plain pci_add_capability left the whole capability read-only.
   */
  readonly pmStateWritable: boolean;
}

export const QEMU_VERSIONS: Readonly<Record<QemuVersion, QemuRules>> = {
  '8.0': {
    version: '8.0',
    label: 'QEMU 8.0 (ReBAR hidden)',
    rebar: 'drop',
    rebarCapSizes: 0x00fffff0,
    pmStateWritable: false,
  },
  '9.1': {
    version: '9.1',
    label: 'QEMU 9.1 (the RFC’s base)',
    rebar: 'emulate',
    rebarCapSizes: 0x00fffff0,
    pmStateWritable: false,
  },
  '10.1': {
    version: '10.1',
    label: 'QEMU 10.1',
    rebar: 'emulate',
    rebarCapSizes: 0xfffffff0,
    pmStateWritable: true,
  },
};

export const QEMU_VERSION_IDS = Object.keys(QEMU_VERSIONS) as QemuVersion[];

/** The QEMU the ath quirk RFC was posted against (Aug 2024). */
export const DEFAULT_QEMU_VERSION: QemuVersion = '9.1';

export function qemuRules(version: QemuVersion = DEFAULT_QEMU_VERSION): QemuRules {
  const rules = (QEMU_VERSIONS as Record<string, QemuRules | undefined>)[version];
  if (!rules)
    throw new EngineError(
      'option',
      `QEMU version must be one of ${Object.keys(QEMU_VERSIONS).join(', ')}, not ${JSON.stringify(version)}`,
    );
  return rules;
}
