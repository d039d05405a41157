/**
 * How many bytes vfio-pci gives each capability: pci_cap_length[] / pci_ext_cap_length[] (0 hides the
 * capability, 0xff asks vfio_cap_len / vfio_ext_cap_len to read the length from the device).
 */
import { msiLength, PCI_MSI_FLAGS } from '../pci/caps/msi';
import { PCI_X_CMD, pcixVersion } from '../pci/caps/pcix';
import { PCI_EXP_TYPE_RC_END, pciePortType, pcieVersion } from '../pci/caps/pcie';
import { PCI_SATA_REGS, PCI_SATA_REGS_INLINE, PCI_SATA_REGS_MASK } from '../pci/caps/sata';
import { rebarLength } from '../pci/ecaps/bars';
import { dpaLength } from '../pci/ecaps/power';
import { acsLength } from '../pci/ecaps/routing';
import { tphLength } from '../pci/ecaps/tph';
import { vcLength } from '../pci/ecaps/vc';
import type { CapView } from '../pci/layout';
import type { KernelVersion } from './kernel';

/** pci_regs.h sizes vfio_cap_len() returns for PCIe capabilities that do not depend on the kernel. */
const PCI_CAP_EXP_RC_ENDPOINT_SIZEOF_V1 = 0x0c; // "All Devices" registers only, no link
const PCI_CAP_EXP_ENDPOINT_SIZEOF_V1 = 20;
const PCI_CAP_EXP_RC_ENDPOINT_SIZEOF_V2 = 0x2c; // no link

const VAR = 0xff;

/** pci_cap_length[], IDs 0x01–0x14. IDs missing here (and 0, and > 0x14) are hidden. */
export const PCI_CAP_LENGTH: Record<number, number> = {
  0x01: 8, // PM
  0x02: 12, // AGP
  0x03: 8, // VPD
  0x04: 0, // SLOTID: bridge - don't care
  0x05: VAR, // MSI: 10, 14, 20 or 24
  0x06: 0, // CHSWP: cpci - not yet
  0x07: VAR, // PCIX: 8 or 24
  0x08: VAR, // HT
  0x09: VAR, // VNDR
  0x0a: 0, // DBG
  0x0b: 0, // CCRC
  0x0c: 0, // SHPC
  0x0d: 0, // SSVID
  0x0e: 0, // AGP3
  0x0f: 0, // SECDEV
  0x10: VAR, // EXP: 0x0c, 20, 0x2c or PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 (by kernel)
  0x11: 12, // MSIX
  0x12: VAR, // SATA
  0x13: 6, // AF
};

/** pci_ext_cap_length[]. Every ID not listed (DPC, L1SS, PTM, DLF, 16/32 GT/s, DOE, …) is hidden. */
export const PCI_EXT_CAP_LENGTH: Record<number, number> = {
  0x01: 0x2c, // ERR, up to PCI_ERR_ROOT_COMMAND
  0x02: VAR, // VC
  0x03: 12, // DSN
  0x04: 16, // PWR
  0x08: VAR, // MFVC
  0x09: VAR, // VC9
  0x0b: VAR, // VNDR
  0x0d: VAR, // ACS
  0x0e: 8, // ARI
  0x0f: 8, // ATS
  0x10: 0x40, // SRIOV
  0x12: 40, // MCAST (endpoint)
  0x13: 16, // PRI
  0x15: VAR, // REBAR
  0x16: VAR, // DPA
  0x17: VAR, // TPH
  0x18: 8, // LTR
  0x23: VAR, // DVSEC
};

export interface LengthContext {
  readonly view: CapView;
  readonly kernel: KernelVersion;
  /** pcie_caps_reg(pdev): the PCI core's copy of PCI_EXP_FLAGS (0 when it found no PCIe capability). */
  readonly pcieFlags: () => number;
  readonly warn: (msg: string) => void;
  /** vfio_cap_len may also decide that extended capabilities exist. */
  readonly setExtendedCaps: () => void;
}

/** vfio_cap_len() for the variable-length standard capabilities (MSI is handled by its caller). */
export function variableCapLength(id: number, pos: number, c: LengthContext): number {
  const v = c.view;
  switch (id) {
    case 0x05:
      return msiLength(v.u16(PCI_MSI_FLAGS));
    case 0x07:
      if (pcixVersion(v.u16(PCI_X_CMD))) {
        c.setExtendedCaps();
        return 24;
      }
      return 8;
    case 0x09:
      return v.u8(2);
    case 0x10: {
      c.setExtendedCaps();
      // vfio_cap_len() takes version and type from pcie_caps_reg(pdev), i.e. the flags of the capability
      // pci_find_capability() found at enumeration, not from the one at `pos`. Only version 1 is "v1"
      // (0 and 3..15 take the v2 sizes), and only an RC Integrated Endpoint is told apart: ports, legacy
      // endpoints and event collectors all get the endpoint size (slot registers are never covered).
      const flags = c.pcieFlags();
      const rcEnd = pciePortType(flags) === PCI_EXP_TYPE_RC_END;
      if (pcieVersion(flags) === 1)
        return rcEnd ? PCI_CAP_EXP_RC_ENDPOINT_SIZEOF_V1 : PCI_CAP_EXP_ENDPOINT_SIZEOF_V1;
      // 52 up to v5.16; 0x32 from fb82437fdd8c (v5.17), so LNKSTA2 falls outside; 0x34 from 39195990e4c0 (v7.0).
      return rcEnd ? PCI_CAP_EXP_RC_ENDPOINT_SIZEOF_V2 : c.kernel.expEndpointSizeofV2;
    }
    case 0x08:
      return v.u8(3) & 0xe0 ? 24 : 28;
    case 0x12:
      return (v.u8(PCI_SATA_REGS) & PCI_SATA_REGS_MASK) === PCI_SATA_REGS_INLINE ? 16 : 8;
    default:
      c.warn(`vfio_cap_len: unknown length for PCI cap 0x${id.toString(16)}@0x${pos.toString(16)}`);
      return 0;
  }
}

/** vfio_ext_cap_len(). */
export function variableExtCapLength(id: number, pos: number, c: LengthContext): number {
  const v = c.view;
  switch (id) {
    case 0x0b:
      return v.u32(4) >>> 20;
    case 0x02:
    case 0x08:
    case 0x09:
      return vcLength(v);
    case 0x0d:
      return acsLength(v);
    case 0x15:
      return rebarLength(v);
    case 0x16:
      return dpaLength(v);
    case 0x17:
      return tphLength(v);
    case 0x23:
      return (v.u32(4) >>> 20) & 0xfff;
    default:
      c.warn(`vfio_ext_cap_len: unknown length for PCI ecap 0x${id.toString(16)}@0x${pos.toString(16)}`);
      return 0;
  }
}
