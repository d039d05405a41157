/**
 * VFIO_DEVICE_FEATURE as vfio-pci answers it: the core checks of vfio_ioctl_device_feature, the
 * per-feature vfio_check_feature() rules, and the RFC's PCI_MSI_NOVIRT handler.
 */
import { EINVAL, ENOTTY } from '../errors';
import {
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY,
  VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP,
  VFIO_DEVICE_FEATURE_LOW_POWER_EXIT,
  VFIO_DEVICE_FEATURE_MASK,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_PCI_VF_TOKEN,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_SET,
} from './constants';
import { msiNovirtEntries } from './perm/msi';
import { writeLE } from '../util/bytes';
import { PCI_MSI_FLAGS } from '../pci/caps/msi';
import { note, type VfioState } from './state';

/** Features the vfio core handles itself; plain vfio-pci has no migration or dirty-logging ops for them. */
const CORE_FEATURES = new Set([1, 2, 6, 7, 8, 9]);
const HEADER_SIZE = 8; // struct vfio_device_feature: argsz + flags
/** struct vfio_device_feature_dma_buf: region_index, open_flags, flags, nr_ranges (then the ranges). */
const DMA_BUF_ARG_SIZE = 16;

/** vfio_check_feature(): -EINVAL for unsupported ops, 0 for a probe, 1 for "perform it". */
export function checkFeature(flags: number, payloadSize: number, supported: number, minsz: number): number {
  if (flags & (VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_SET) & ~supported) return -EINVAL;
  if (flags & VFIO_DEVICE_FEATURE_PROBE) return 0;
  if (!(flags & (VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_SET))) return -EINVAL;
  if (payloadSize < minsz) return -EINVAL;
  return 1;
}

/** The RFC's vfio_pci_msi_novirt(): address and data become read-only hardware in this device's MSI table. */
function applyNovirt(s: VfioState): void {
  const table = s.msiPerm!;
  const flags = s.hw.read(s.msiCap + PCI_MSI_FLAGS, 2);
  const edits = msiNovirtEntries(flags);
  for (const e of edits) {
    writeLE(table.virtBits, e.offset, e.size, e.virt);
    writeLE(table.writeBits, e.offset, e.size, e.write);
  }
  // Keep the per-register reasons in step with the bits.
  const replaced = new Set(edits.map((e) => e.offset));
  s.msiPerm = { ...table, entries: [...table.entries.filter((e) => !replaced.has(e.offset)), ...edits] };
  s.novirt = true;
}

function lowPowerEntry(s: VfioState, flags: number, payload: number, wakeup: boolean): number {
  const ret = checkFeature(flags, payload, VFIO_DEVICE_FEATURE_SET, wakeup ? 8 : 0);
  if (ret !== 1) return ret;
  if (s.lowPower !== 'off') return -EINVAL; // vfio_pci_runtime_pm_entry: already engaged
  s.lowPower = wakeup ? 'engaged-wakeup' : 'engaged';
  note(
    s,
    'low_power',
    'vfio_pci_runtime_pm_entry',
    `low-power entry${wakeup ? ' with wake-up eventfd' : ''}: the device may runtime-suspend`,
  );
  return 0;
}

/**
 * Feature number 11 is whatever the kernel says it is (KernelVersion.feature11): nothing on plain v6.11
 * (the switch's default: -ENOTTY), the RFC's PCI_MSI_NOVIRT on v6.11 + the RFC, DMA_BUF from v6.19.
 */
function feature11(s: VfioState, flags: number, payload: number): number {
  switch (s.kernel.feature11) {
    case 'msi-novirt': {
      // The RFC's vfio_pci_core_feature_msi_novirt(): msi_perm is checked before the flags, so a PROBE
      // of a device without MSI also gets -ENOTTY.
      if (!s.msiPerm) return -ENOTTY;
      const ret = checkFeature(flags, payload, VFIO_DEVICE_FEATURE_SET, 0);
      if (ret !== 1) return ret;
      applyNovirt(s);
      return 0;
    }
    case 'dma-buf':
      return dmaBufFeature(flags, payload);
    case 'none':
      return -ENOTTY;
  }
}

/**
 * v7.0's vfio_pci_core_feature_dma_buf() (5d74781ebc86, v6.19), for vfio-pci itself: vfio_pci_probe sets
 * pci_ops with get_dmabuf_phys, so the first check passes and vfio_check_feature() decides with GET as
 * the only supported op and sizeof(struct vfio_device_feature_dma_buf) = 16 as the minimum payload. The
 * RFC's call (SET, no payload) therefore fails with -EINVAL; a PROBE for GET answers 0. A GET with room
 * for the struct copies it from the caller: this model has no argument memory, so it reads zeros, and
 * nr_ranges == 0 is -EINVAL too. No dma-buf is ever created.
 */
function dmaBufFeature(flags: number, payload: number): number {
  const ret = checkFeature(flags, payload, VFIO_DEVICE_FEATURE_GET, DMA_BUF_ARG_SIZE);
  if (ret !== 1) return ret;
  return -EINVAL; // get_dma_buf.nr_ranges == 0
}

/** vfio_pci_core_ioctl_feature(). `payload` is argsz minus the 8-byte header. */
function pciCoreFeature(s: VfioState, flags: number, payload: number): number {
  switch (flags & VFIO_DEVICE_FEATURE_MASK) {
    case VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY:
      return lowPowerEntry(s, flags, payload, false);
    case VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP:
      return lowPowerEntry(s, flags, payload, true);
    case VFIO_DEVICE_FEATURE_LOW_POWER_EXIT: {
      const ret = checkFeature(flags, payload, VFIO_DEVICE_FEATURE_SET, 0);
      if (ret !== 1) return ret;
      if (s.lowPower !== 'off') note(s, 'low_power', 'vfio_pci_runtime_pm_exit', 'low-power exit');
      s.lowPower = 'off';
      return 0;
    }
    case VFIO_DEVICE_FEATURE_PCI_VF_TOKEN: {
      if (!s.hasVfToken) return -ENOTTY; // only an SR-IOV PF has a VF token
      const ret = checkFeature(flags, payload, VFIO_DEVICE_FEATURE_SET, 16);
      return ret === 1 ? 0 : ret; // the 16-byte UUID itself is not modelled
    }
    case VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT: // = VFIO_DEVICE_FEATURE_DMA_BUF
      return feature11(s, flags, payload);
    default:
      return -ENOTTY;
  }
}

/** vfio_ioctl_device_feature(): header checks, core-handled features, then the driver's handler. */
export function deviceFeature(s: VfioState, flags: number, argsz: number): number {
  if (!Number.isInteger(flags) || !Number.isInteger(argsz)) return -EINVAL;
  if (argsz < HEADER_SIZE) return -EINVAL;
  const known =
    VFIO_DEVICE_FEATURE_MASK | VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PROBE;
  if (flags < 0 || flags > 0xffffffff || (flags & ~known) >>> 0) return -EINVAL;
  if (
    !(flags & VFIO_DEVICE_FEATURE_PROBE) &&
    flags & VFIO_DEVICE_FEATURE_SET &&
    flags & VFIO_DEVICE_FEATURE_GET
  ) {
    return -EINVAL;
  }
  if (CORE_FEATURES.has(flags & VFIO_DEVICE_FEATURE_MASK)) return -ENOTTY;
  return pciCoreFeature(s, flags, argsz - HEADER_SIZE);
}
