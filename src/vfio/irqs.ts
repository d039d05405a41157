/**
 * VFIO_DEVICE_SET_IRQS and GET_IRQ_INFO as vfio-pci answers them: the IRQ counts per index
 * (vfio_pci_get_irq_count), the header checks of vfio_set_irqs_validate_and_prepare, and which action
 * handler exists per index (vfio_pci_set_irqs_ioctl's table; a missing one is -ENOTTY).
 */
import { EINVAL, ENOTTY } from '../errors';
import { decodeConfig } from '../pci/decode';
import type { VfioDevice } from './device';

export const VFIO_PCI_INTX_IRQ_INDEX = 0;
export const VFIO_PCI_MSI_IRQ_INDEX = 1;
export const VFIO_PCI_MSIX_IRQ_INDEX = 2;
export const VFIO_PCI_ERR_IRQ_INDEX = 3;
export const VFIO_PCI_REQ_IRQ_INDEX = 4;
export const VFIO_PCI_NUM_IRQS = 5;

export const VFIO_IRQ_SET_DATA_NONE = 1 << 0;
export const VFIO_IRQ_SET_DATA_BOOL = 1 << 1;
export const VFIO_IRQ_SET_DATA_EVENTFD = 1 << 2;
export const VFIO_IRQ_SET_ACTION_MASK = 1 << 3;
export const VFIO_IRQ_SET_ACTION_UNMASK = 1 << 4;
export const VFIO_IRQ_SET_ACTION_TRIGGER = 1 << 5;
const DATA_TYPE_MASK = 0x07;
const ACTION_TYPE_MASK = 0x38;
const HEADER_SIZE = 20; // argsz, flags, index, start, count

export interface IrqSetHeader {
  readonly argsz: number;
  readonly flags: number;
  readonly index: number;
  readonly start: number;
  readonly count: number;
}

/** vfio_pci_get_irq_count(): how many vectors each index offers. */
export function irqCount(dev: VfioDevice, index: number): number {
  const decoded = decodeConfig(dev.physical.subarray(0, dev.cfgSize));
  const cap = (id: number) => decoded.capabilities.find((c) => c.id === id);
  switch (index) {
    case VFIO_PCI_INTX_IRQ_INDEX:
      return dev.state.nointx || dev.vconfig[0x3d] === 0 ? 0 : 1;
    case VFIO_PCI_MSI_IRQ_INDEX: {
      const msi = cap(0x05);
      return msi ? 1 << ((dev.physical[msi.offset + 2] & 0x0e) >> 1) : 0;
    }
    case VFIO_PCI_MSIX_IRQ_INDEX: {
      const msix = cap(0x11);
      return msix ? ((dev.physical[msix.offset + 2] | (dev.physical[msix.offset + 3] << 8)) & 0x7ff) + 1 : 0;
    }
    case VFIO_PCI_ERR_IRQ_INDEX:
      return cap(0x10) ? 1 : 0;
    case VFIO_PCI_REQ_IRQ_INDEX:
      return 1;
    default:
      return 0;
  }
}

const DATA_SIZE: Record<number, number> = {
  [VFIO_IRQ_SET_DATA_NONE]: 0,
  [VFIO_IRQ_SET_DATA_BOOL]: 1,
  [VFIO_IRQ_SET_DATA_EVENTFD]: 4,
};

/** vfio_set_irqs_validate_and_prepare(): 0 and the payload size, or -EINVAL. */
export function validateSetIrqs(
  h: IrqSetHeader,
  maxIrqs: number,
): { ret: 0; dataSize: number } | { ret: number } {
  if (h.argsz < HEADER_SIZE || h.index >= VFIO_PCI_NUM_IRQS || h.count >= 0xffffffff - h.start)
    return { ret: -EINVAL };
  if (h.flags & ~(DATA_TYPE_MASK | ACTION_TYPE_MASK)) return { ret: -EINVAL };
  if (h.start >= maxIrqs || h.start + h.count > maxIrqs) return { ret: -EINVAL };
  const size = DATA_SIZE[h.flags & DATA_TYPE_MASK];
  if (size === undefined) return { ret: -EINVAL };
  if (h.argsz - HEADER_SIZE < h.count * size) return { ret: -EINVAL };
  return { ret: 0, dataSize: h.count * size };
}

/** Which SET_IRQS actions have a handler (vfio_pci_set_irqs_ioctl); the rest are -ENOTTY. */
export function hasIrqHandler(index: number, action: number): boolean {
  if (index === VFIO_PCI_INTX_IRQ_INDEX) return true;
  if (index === VFIO_PCI_MSI_IRQ_INDEX || index === VFIO_PCI_MSIX_IRQ_INDEX)
    return action === VFIO_IRQ_SET_ACTION_TRIGGER;
  return action === VFIO_IRQ_SET_ACTION_TRIGGER;
}

/** The full header check plus dispatch table: 0 to proceed, or the errno the ioctl returns. */
export function checkSetIrqs(dev: VfioDevice, h: IrqSetHeader): number {
  const v = validateSetIrqs(h, irqCount(dev, h.index));
  if (v.ret) return v.ret;
  return hasIrqHandler(h.index, h.flags & ACTION_TYPE_MASK) ? 0 : -ENOTTY;
}

/** msi_qmax for nvec vectors: fls(2·nvec − 1) − 1, i.e. ceil(log2 nvec). */
export const msiQmax = (nvec: number): number => Math.ceil(Math.log2(Math.max(1, nvec)));
