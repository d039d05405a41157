/**
 * vfio_setup_pcie_cap (hw/vfio/pci.c): what the guest sees of the PCIe capability for the VM topology.
 * Unchanged across the releases modelled here (8.0–10.1) except vfio_pci_enable_rp_atomics (8.1), which
 * only touches the parent root port.
 */
import { EngineError } from '../errors';
import { readLE } from '../util/bytes';
import type { FoundCap } from './chain';
import type { QemuTopology, QemuVfioPci } from './config';

const PCI_CAP_FLAGS = 0x02;
const PCI_EXP_FLAGS_VERS = 0x000f;
const PCI_EXP_FLAGS_TYPE = 0x00f0;
const PCI_EXP_TYPE_ENDPOINT = 0x0;
const PCI_EXP_TYPE_LEG_END = 0x1;
const PCI_EXP_TYPE_RC_END = 0x9;
const PCI_EXP_LNKCAP = 0x0c;
const PCI_EXP_LNKCTL = 0x10;
const PCI_EXP_LNKSTA = 0x12;
const PCI_EXP_LNKCAP2 = 0x2c;
const PCI_EXP_LNKCTL2 = 0x30;
const PCI_EXP_LNKSTA2 = 0x32;
/** QEMU_PCI_EXP_LNKCAP_MLW(X1) | QEMU_PCI_EXP_LNKCAP_MLS(2_5GT): the link QEMU invents for an RC endpoint. */
const LNKCAP_X1_2_5GT = 0x00000011;

const WHY_RC_END =
  'vfio_setup_pcie_cap: on the q35 root bus an endpoint is shown as a root-complex integrated endpoint (type 9).';
const WHY_NO_LINK =
  'vfio_setup_pcie_cap: an integrated endpoint has no link, so the link registers read 0 on the q35 root bus.';
const WHY_ENDPOINT =
  'vfio_setup_pcie_cap: behind a root port an integrated endpoint is shown as an endpoint with a made-up x1 2.5 GT/s link.';
const WHY_VERSION_1 =
  'vfio_setup_pcie_cap: a version-0 PCIe capability (82599 VF erratum #35) is shown as version 1 on any bus where it is kept, i440fx included.';

/**
 * Emulates what the topology changes and returns null, or returns why the capability is hidden (not added
 * to the chain; its bytes stay readable by offset).
 */
export function setupPcie(q: QemuVfioPci, cap: FoundCap, topology: QemuTopology): string | null {
  const pos = cap.offset;
  const flags = readLE(q.copy, pos + PCI_CAP_FLAGS, 2);
  const type = (flags & PCI_EXP_FLAGS_TYPE) >> 4;
  if (![PCI_EXP_TYPE_ENDPOINT, PCI_EXP_TYPE_LEG_END, PCI_EXP_TYPE_RC_END].includes(type)) {
    throw new EngineError(
      'device',
      `QEMU vfio-pci cannot assign a PCIe device of type 0x${type.toString(16)} (only endpoints)`,
    );
  }
  if (topology === 'i440fx') {
    // A conventional bus under a conventional root: exposed as it is (drivers such as tg3 expect it).
  } else if (topology === 'q35-root') {
    if (type === PCI_EXP_TYPE_LEG_END) return 'legacy endpoint on the q35 root bus: PCIe capability hidden';
    if (type === PCI_EXP_TYPE_ENDPOINT) {
      // On a root complex bus an endpoint becomes an integrated endpoint, which has no link.
      q.emulate(pos + PCI_CAP_FLAGS, 2, PCI_EXP_TYPE_RC_END << 4, PCI_EXP_FLAGS_TYPE, WHY_RC_END);
      if (cap.size > PCI_EXP_LNKCTL) {
        q.emulate(pos + PCI_EXP_LNKCAP, 4, 0, 0xffffffff, WHY_NO_LINK);
        q.emulate(pos + PCI_EXP_LNKCTL, 2, 0, 0xffff, WHY_NO_LINK);
        q.emulate(pos + PCI_EXP_LNKSTA, 2, 0, 0xffff, WHY_NO_LINK);
        if (cap.size > PCI_EXP_LNKCAP2) {
          q.emulate(pos + PCI_EXP_LNKCAP2, 4, 0, 0xffffffff, WHY_NO_LINK);
          q.emulate(pos + PCI_EXP_LNKCTL2, 2, 0, 0xffff, WHY_NO_LINK);
          q.emulate(pos + PCI_EXP_LNKSTA2, 2, 0, 0xffff, WHY_NO_LINK);
        }
      }
    }
  } else if (type === PCI_EXP_TYPE_RC_END) {
    // Behind a root port an integrated endpoint becomes an endpoint with a made-up x1 2.5 GT/s link.
    // (vfio_pci_enable_rp_atomics may also set AtomicOp completer bits in the root port's own DEVCAP2.)
    q.emulate(pos + PCI_CAP_FLAGS, 2, PCI_EXP_TYPE_ENDPOINT << 4, PCI_EXP_FLAGS_TYPE, WHY_ENDPOINT);
    q.emulate(pos + PCI_EXP_LNKCAP, 4, LNKCAP_X1_2_5GT, 0xffffffff, WHY_ENDPOINT);
    q.emulate(pos + PCI_EXP_LNKCTL, 2, 0, 0xffff, WHY_ENDPOINT);
  }
  // Version 0 (82599 VF erratum #35) is shown as version 1 wherever the capability is kept — i440fx too;
  // only the hidden cases above return before this.
  if ((flags & PCI_EXP_FLAGS_VERS) === 0)
    q.emulate(pos + PCI_CAP_FLAGS, 2, 1, PCI_EXP_FLAGS_VERS, WHY_VERSION_1);
  return null;
}
