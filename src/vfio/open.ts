/**
 * vfio_pci_core_enable's steps before vfio_config_init, applied to the physical device: D0, decode
 * enabled for the BARs the host assigned, bus mastering off, interrupts owned by nobody, and INTx-disable
 * set (nointx quirk) or cleared (PCI 2.3 masking). "Initial hardware" for the config engine means this state.
 */
import { readLE } from '../util/bytes';
import { PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_IO, PCI_COMMAND_MEMORY } from '../pci/header';
import { PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE } from '../pci/caps/msi';
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE } from '../pci/caps/msix';
import type { DecodedConfig } from '../pci/decode';
import type { HostResource } from './hardware';
import { pciIntx } from './host';
import { PCI_D0, vfioSetPowerState } from './power';
import { note, type VfioState } from './state';

const PCI_COMMAND_MASTER = 0x4;

function clearBits(s: VfioState, offset: number, bits: number, fn: string, what: string): void {
  const v = s.hw.read(offset, 2);
  if (v & bits) {
    s.hw.write(offset, 2, v & ~bits);
    note(s, 'enable', fn, what);
  }
}

export function enableDevice(s: VfioState, decoded: DecodedConfig, resources: readonly HostResource[]): void {
  // vfio_pci_core_enable() starts with vfio_pci_set_power_state(vdev, PCI_D0), which returns at once for
  // a device already in D0.
  if (s.powerState !== PCI_D0) vfioSetPowerState(s, PCI_D0);
  let decode = 0;
  if (resources.some((r) => r.index < 6 && r.start && r.type !== 'io')) decode |= PCI_COMMAND_MEMORY;
  if (resources.some((r) => r.index < 6 && r.start && r.type === 'io')) decode |= PCI_COMMAND_IO;
  const cmd = s.hw.read(PCI_COMMAND, 2);
  if ((cmd & decode) !== decode) {
    s.hw.write(PCI_COMMAND, 2, cmd | decode);
    note(s, 'enable', 'pci_enable_device', 'memory/I-O decode enabled for the assigned BARs');
  }
  clearBits(
    s,
    PCI_COMMAND,
    PCI_COMMAND_MASTER,
    'pci_clear_master',
    'bus mastering disabled until the user enables it',
  );
  const msi = decoded.capabilities.find((c) => c.id === 0x05);
  if (msi)
    clearBits(
      s,
      msi.offset + PCI_MSI_FLAGS,
      PCI_MSI_FLAGS_ENABLE,
      'pci_disable_msi',
      'MSI left disabled by the unbound host driver',
    );
  const msix = decoded.capabilities.find((c) => c.id === 0x11);
  if (msix)
    clearBits(
      s,
      msix.offset + PCI_MSIX_FLAGS,
      PCI_MSIX_FLAGS_ENABLE,
      'pci_disable_msix',
      'MSI-X left disabled by the unbound host driver',
    );
  if (s.nointx) pciIntx(s, false);
  else if (s.pci23 && readLE(s.hw.bytes, PCI_COMMAND, 2) & PCI_COMMAND_INTX_DISABLE) pciIntx(s, true);
}
