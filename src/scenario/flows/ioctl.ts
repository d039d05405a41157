/** QEMU's ioctls as timeline events. */
import { errnoName } from '../../errors';
import type { World } from '../world';

/** QEMU → vfio: one VFIO_DEVICE_SET_IRQS call as the timeline shows it. */
export function emitSetIrqs(
  w: World,
  header: { argsz: number; flags: number; index: number | string; start: number; count: number },
  eventfds: string,
  ret: number,
  explanation: string,
  refs: readonly string[],
): void {
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_SET_IRQS', ...header, eventfds, ret },
    outcome: ret === 0 ? 'ok' : 'blocked',
    explanation:
      ret < 0
        ? `SET_IRQS fails with ${errnoName(ret)}.`
        : ret > 0
          ? `SET_IRQS returns ${ret}: the host could give only ${ret} of the ${header.count} vector(s) asked for, so vfio-pci freed them and enabled nothing.`
          : explanation,
    refs,
  });
}
