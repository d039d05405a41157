/**
 * QEMU's INTx lifecycle (hw/vfio/pci.c): vfio_intx_enable at realize and again when the guest turns MSI or
 * MSI-X off; vfio_intx_disable first thing when it turns them on (vfio_disable_interrupts), because
 * vfio-pci accepts one interrupt type at a time. Every VFIO_DEVICE_SET_IRQS and KVM_IRQFD is an event with
 * its exact header. The same sequence in QEMU 8.0–10.1 (the SET_IRQS helpers were renamed, not changed).
 */
import {
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_ACTION_UNMASK,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_INTX_IRQ_INDEX,
  type IrqSetHeader,
} from '../../vfio/irqs';
import { vfioSetIrqs, type HostMsiPlatform } from '../../vfio/set-irqs';
import type { World } from '../world';
import { emitSetIrqs } from './ioctl';

/** struct vfio_irq_set is 20 bytes; each eventfd adds an int32. */
export const IRQ_SET_ARGSZ = 20;
export const KVM_IRQFD_FLAG_DEASSIGN = 1 << 0;
export const KVM_IRQFD_FLAG_RESAMPLE = 1 << 1;
/** The eventfds QEMU makes for INTx: the trigger (intx.interrupt) and KVM's resample one (intx.unmask). */
export const INTX_EVENTFD = 'INTx';
export const INTX_UNMASK_EVENTFD = 'INTx-unmask';
/**
 * The GSI of the device's INTx route (pci_device_route_intx_to_irq): on q35 in APIC mode the pin lands on
 * an IOAPIC input from 16 up (PIRQA–H); 16 stands for whichever one the slot's swizzle picks.
 */
export const INTX_GSI = 16;

export const hostPlatform = (w: World): HostMsiPlatform => ({ multiMsi: w.opts.ir !== 'none' });

const intxSet = (flags: number, count: number, fds = 0): IrqSetHeader => ({
  argsz: IRQ_SET_ARGSZ + 4 * fds,
  flags,
  index: VFIO_PCI_INTX_IRQ_INDEX,
  start: 0,
  count,
});

function setIrqs(w: World, h: IrqSetHeader, eventfd: string, refs: string[], cause?: string): number {
  const ret = vfioSetIrqs(w.vfio.dev, h, hostPlatform(w));
  emitSetIrqs(w, h, eventfd, ret, refs, cause ? { cause } : {});
  return ret;
}

function kvmIrqfd(w: World, assign: boolean): void {
  const q = w.qemu;
  if (assign) w.kvm.irqfds.set(INTX_EVENTFD, INTX_GSI);
  else w.kvm.irqfds.delete(INTX_EVENTFD);
  q.intx = { ...q.intx!, kvmAccel: assign };
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'ioctl',
    payload: assign
      ? {
          ioctl: 'KVM_IRQFD',
          fd: INTX_EVENTFD,
          gsi: INTX_GSI,
          flags: KVM_IRQFD_FLAG_RESAMPLE,
          resamplefd: INTX_UNMASK_EVENTFD,
        }
      : { ioctl: 'KVM_IRQFD', fd: INTX_EVENTFD, gsi: INTX_GSI, flags: KVM_IRQFD_FLAG_DEASSIGN },
    refs: assign
      ? ['vfio_intx_enable_kvm', 'kvm_irqchip_add_irqfd_notifier_gsi']
      : ['vfio_intx_disable_kvm', 'kvm_irqchip_remove_irqfd_notifier_gsi'],
  });
}

/** vfio_intx_enable, then vfio_intx_enable_kvm: trigger eventfd, mask, resample irqfd, unmask eventfd, unmask. */
export function qemuIntxEnable(w: World, when: string): void {
  const pin = w.qemu.pci!.readConfig(0x3d, 1).value; // vfio_pci_read_config(PCI_INTERRUPT_PIN)
  if (!pin) return; // no INTx (pin 0, or the kernel hid it): nothing to set up
  w.qemu.interrupt = 'intx';
  w.qemu.intx = { pin, gsi: INTX_GSI, kvmAccel: false };
  setIrqs(
    w,
    intxSet(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, 1, 1),
    INTX_EVENTFD,
    ['vfio_intx_enable', 'vfio_pci_set_intx_trigger'],
    when,
  );
  setIrqs(w, intxSet(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK, 1), '', [
    'vfio_intx_enable_kvm',
    'vfio_pci_set_intx_mask',
  ]);
  kvmIrqfd(w, true);
  setIrqs(w, intxSet(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_UNMASK, 1, 1), INTX_UNMASK_EVENTFD, [
    'vfio_intx_enable_kvm',
    'vfio_pci_set_intx_unmask',
    'vfio_virqfd_enable',
  ]);
  setIrqs(w, intxSet(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK, 1), '', [
    'vfio_intx_enable_kvm',
    'vfio_pci_set_intx_unmask',
  ]);
}

/** vfio_intx_disable: KVM acceleration off (mask, deassign the irqfd, unmask), then the INTx index off. */
export function qemuIntxDisable(w: World, why: string): void {
  if (w.qemu.interrupt !== 'intx') return;
  const accelerated = w.qemu.intx?.kvmAccel === true;
  if (accelerated) {
    setIrqs(
      w,
      intxSet(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK, 1),
      '',
      ['vfio_intx_disable_kvm', 'vfio_pci_set_intx_mask'],
      why,
    );
    kvmIrqfd(w, false);
    setIrqs(w, intxSet(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK, 1), '', [
      'vfio_intx_disable_kvm',
      'vfio_pci_set_intx_unmask',
    ]);
  }
  w.qemu.interrupt = 'none';
  w.qemu.intx = null;
  setIrqs(
    w,
    intxSet(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, 0),
    '',
    ['vfio_intx_disable', 'vfio_disable_irqindex', 'vfio_pci_set_intx_trigger'],
    accelerated ? undefined : why,
  );
}
