/**
 * Runs a patch effect's call on the engine: a freshly opened copy of the current device (or of it with
 * its capability list switched off, so it has no MSI), on the current kernel. The panel shows what this
 * returns; it computes nothing itself.
 */
import {
  createVfioDevice,
  errnoName,
  hexValue,
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_SET,
  type DecodedConfig,
  type KernelId,
} from '../../src/index';
import type { PatchCall } from './content/patch';

const OP = { probe: VFIO_DEVICE_FEATURE_PROBE, get: VFIO_DEVICE_FEATURE_GET, set: VFIO_DEVICE_FEATURE_SET };
const SET_NOVIRT = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
const HEADER = 8; // argsz of a feature call with no payload
const PCI_STATUS = 0x06;
const PCI_STATUS_CAP_LIST = 0x10;
const PCI_CAP_ID_MSI = 0x05;
const PCI_MSI_ADDRESS_LO = 4;

export interface EffectAnswer {
  readonly value: number;
  readonly shown: string;
}

/** The device with PCI_STATUS_CAP_LIST clear: vfio-pci then finds no capability, MSI included. */
function withoutCapabilities(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[PCI_STATUS] &= ~PCI_STATUS_CAP_LIST;
  return copy;
}

export function runPatchCall(
  call: PatchCall,
  bytes: Uint8Array,
  decoded: DecodedConfig,
  kernel: KernelId,
): EffectAnswer {
  const open = (b: Uint8Array) => createVfioDevice(b, { kernel });
  if (call.kind === 'feature') {
    const dev = open(call.device === 'without-msi' ? withoutCapabilities(bytes) : bytes);
    if (call.device === 'after-set') dev.deviceFeature(SET_NOVIRT, HEADER);
    const ret = dev.deviceFeature(OP[call.op] | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, HEADER);
    return { value: ret, shown: errnoName(ret) };
  }
  const msi = decoded.capabilities.find((c) => c.id === PCI_CAP_ID_MSI);
  if (!msi) return { value: Number.NaN, shown: 'no MSI capability on this device' };
  const dev = open(bytes);
  const ret = dev.deviceFeature(SET_NOVIRT, HEADER);
  if (ret !== 0) return { value: Number.NaN, shown: `SET returned ${errnoName(ret)}` };
  const at = msi.offset + PCI_MSI_ADDRESS_LO;
  if (call.kind === 'read-after-set') {
    const r = dev.readDetailed(at, 4);
    return {
      value: r.fromVconfig,
      shown: `bits from vconfig ${hexValue(r.fromVconfig, 4)}, value ${hexValue(r.value, 4)}`,
    };
  }
  const w = dev.writeDetailed(at, 4, 0xfee01000);
  return { value: w.dropped, shown: `dropped ${hexValue(w.dropped, 4)}` };
}
