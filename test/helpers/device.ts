/** Small helpers for vfio engine tests: permission bytes of a register, fixture devices. */
import { createVfioDevice, decodeConfig, type VfioDevice, type VfioDeviceOptions } from '../../src/index';
import { fixtureBytes } from './fixtures';

export function device(name: string, options?: VfioDeviceOptions): VfioDevice {
  return createVfioDevice(fixtureBytes(name), options);
}

/** Little-endian value of `size` bytes of a mask array. */
export function maskAt(bytes: Uint8Array, offset: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + bytes[offset + i];
  return v >>> 0;
}

export function perm(dev: VfioDevice, offset: number, size: number): { virt: number; write: number } {
  const p = dev.perm;
  return { virt: maskAt(p.virt, offset, size), write: maskAt(p.write, offset, size) };
}

export function capOffset(bytes: Uint8Array, id: number, extended = false): number {
  const d = decodeConfig(bytes);
  const cap = (extended ? d.extendedCapabilities : d.capabilities).find((c) => c.id === id);
  if (!cap) throw new Error(`no capability ${id}`);
  return cap.offset;
}
