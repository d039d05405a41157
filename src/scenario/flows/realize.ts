/**
 * vfio_pci_realize as the timeline shows it: the BAR quirks first (vfio_bar_quirk_setup, where the ath
 * RFC probes its feature), then vfio_pci_interrupt_setup, which starts the device in INTx mode.
 */
import type { World } from '../world';
import { qemuIntxEnable } from './intx';
import { probeAthQuirk } from './ath-quirk';

export function qemuRealize(w: World): void {
  if (w.opts.quirk) probeAthQuirk(w);
  qemuIntxEnable(w, 'QEMU realizes the device');
}
