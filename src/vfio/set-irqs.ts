/**
 * VFIO_DEVICE_SET_IRQS with vfio-pci's interrupt state (drivers/vfio/pci/vfio_pci_intrs.c): the header
 * checks and handler table of irqs.ts, then what vfio_pci_set_intx_{trigger,mask,unmask} and
 * vfio_pci_set_msi_trigger do with irq_type. Only one interrupt type is active at a time: enabling MSI
 * while INTx is set up is -EINVAL, which is why QEMU tears INTx down first. These checks read the same in
 * the v5.x and v6.x sources (the context storage moved to an xarray in between; the rules did not).
 */
import { EINVAL, ENOTTY } from '../errors';
import type { IrqType } from './constants';
import type { VfioDevice } from './device';
import {
  checkSetIrqs,
  msiQmax,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_INTX_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type IrqSetHeader,
} from './irqs';

const ACTION_TYPE_MASK = 0x38;

/** What the host's MSI core grants: pci_alloc_irq_vectors(pdev, 1, nvec, flag)'s return value. */
export interface HostMsiPlatform {
  /**
   * Multi-MSI needs an irq domain with MSI_FLAG_MULTI_PCI_MSI (on x86 only the Intel and AMD remapping
   * domains): otherwise msi_capability_init answers 1 and __pci_enable_msi_range retries with one vector.
   */
  readonly multiMsi: boolean;
}

/** vdev->num_ctx: the vectors the MSI/MSI-X index was enabled with (vfio_msi_set_block checks against it). */
const numCtx = new WeakMap<VfioDevice, number>();

const INDEX_TYPE: Record<number, IrqType> = {
  [VFIO_PCI_INTX_IRQ_INDEX]: 'intx',
  [VFIO_PCI_MSI_IRQ_INDEX]: 'msi',
  [VFIO_PCI_MSIX_IRQ_INDEX]: 'msix',
};

/** pci_alloc_irq_vectors(pdev, 1, nvec, PCI_IRQ_MSI or PCI_IRQ_MSIX) on the host. */
export function hostMsiGrant(nvec: number, index: number, platform: HostMsiPlatform): number {
  return index === VFIO_PCI_MSI_IRQ_INDEX && nvec > 1 && !platform.multiMsi ? 1 : nvec;
}

function intx(dev: VfioDevice, h: IrqSetHeader, action: number): number {
  const type = dev.state.irqType;
  if (action === VFIO_IRQ_SET_ACTION_TRIGGER) {
    // vfio_pci_set_intx_trigger
    if (type === 'intx' && h.count === 0 && h.flags & VFIO_IRQ_SET_DATA_NONE) {
      dev.host.setIrqState('none');
      return 0;
    }
    if (!(type === 'intx' || type === 'none') || h.start !== 0 || h.count !== 1) return -EINVAL;
    if (h.flags & VFIO_IRQ_SET_DATA_EVENTFD) {
      if (type === 'none') dev.host.setIrqState('intx'); // vfio_intx_enable + vfio_intx_set_signal
      return 0;
    }
    return type === 'intx' ? 0 : -EINVAL; // DATA_NONE / DATA_BOOL: loopback trigger
  }
  // vfio_pci_set_intx_mask / _unmask
  if (type !== 'intx' || h.start !== 0 || h.count !== 1) return -EINVAL;
  if (action === VFIO_IRQ_SET_ACTION_MASK && h.flags & VFIO_IRQ_SET_DATA_EVENTFD) return -ENOTTY;
  return 0;
}

function msi(dev: VfioDevice, h: IrqSetHeader, platform: HostMsiPlatform): number {
  // vfio_pci_set_msi_trigger
  const type = dev.state.irqType;
  const mine = type === INDEX_TYPE[h.index];
  if (mine && h.count === 0 && h.flags & VFIO_IRQ_SET_DATA_NONE) {
    dev.host.setIrqState('none'); // vfio_msi_disable
    numCtx.delete(dev);
    return 0;
  }
  if (!(mine || type === 'none')) return -EINVAL;
  if (h.flags & VFIO_IRQ_SET_DATA_EVENTFD) {
    if (mine) return h.start + h.count > (numCtx.get(dev) ?? 0) ? -EINVAL : 0; // vfio_msi_set_block
    // vfio_msi_enable: all or nothing; short of nvec it frees what it got and returns the count.
    const nvec = h.start + h.count;
    const granted = hostMsiGrant(nvec, h.index, platform);
    if (granted < nvec) return granted;
    numCtx.set(dev, nvec);
    if (h.index === VFIO_PCI_MSI_IRQ_INDEX) dev.host.setIrqState('msi', msiQmax(nvec));
    else dev.host.setIrqState('msix');
    return 0;
  }
  return mine && h.start + h.count <= (numCtx.get(dev) ?? 0) ? 0 : -EINVAL;
}

/**
 * The ioctl's return value: 0, a negative errno, or — for an MSI enable the host could not satisfy — the
 * positive number of vectors it could have had (the caller may retry with that many).
 */
export function vfioSetIrqs(dev: VfioDevice, h: IrqSetHeader, platform: HostMsiPlatform): number {
  const checked = checkSetIrqs(dev, h);
  if (checked) return checked;
  const action = h.flags & ACTION_TYPE_MASK;
  if (h.index === VFIO_PCI_INTX_IRQ_INDEX) return intx(dev, h, action);
  if (h.index === VFIO_PCI_MSI_IRQ_INDEX || h.index === VFIO_PCI_MSIX_IRQ_INDEX) return msi(dev, h, platform);
  return 0; // ERR/REQ: vfio_pci_set_ctx_trigger_single, no interrupt-type state
}
