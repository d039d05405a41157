/** QEMU's ioctls as timeline events. */
import type { World } from '../world';

/** QEMU → vfio: one VFIO_DEVICE_SET_IRQS call as the timeline shows it. */
export function emitSetIrqs(
  w: World,
  header: { argsz: number; flags: number; index: number | string; start: number; count: number },
  eventfds: string,
  ret: number,
  refs: readonly string[],
  /** What the call is for when the header alone does not say: why QEMU makes it, or that it is hypothetical. */
  extra: { readonly cause?: string; readonly hypothetical?: boolean } = {},
): void {
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_SET_IRQS', ...header, eventfds, ret, ...extra },
    outcome: ret === 0 ? 'ok' : 'blocked',
    refs,
  });
}
