/**
 * The engine objects behind the current state, derived (memoised on their inputs), never stored:
 * the parsed dump, its decode, and the vfio device with the feature calls the state says were made.
 */
import { useMemo } from 'react';
import {
  createVfioDevice,
  decodeConfig,
  EngineError,
  parseLspciDump,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_SET,
  type DecodedConfig,
  type VfioDevice,
} from '../../src/index';
import { useExplorer } from './explorer';

export type DeviceModel =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      title: string;
      decoded: DecodedConfig;
      device: VfioDevice | null;
      refusal: string | null;
      featureRet: number | null;
    };

export function useDeviceModel(): DeviceModel {
  const dumpText = useExplorer((s) => s.dumpText);
  const loadError = useExplorer((s) => s.loadError);
  const novirt = useExplorer((s) => s.novirt);
  const rfc = useExplorer((s) => s.rfc);
  return useMemo((): DeviceModel => {
    if (loadError) return { status: 'error', message: loadError };
    if (dumpText === null) return { status: 'loading' };
    try {
      const [dump] = parseLspciDump(dumpText);
      const decoded = decodeConfig(dump.bytes);
      const title = [dump.address, dump.title].filter(Boolean).join(' ');
      try {
        const device = createVfioDevice(dump.bytes, { rfc });
        const featureRet = novirt
          ? device.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8)
          : null;
        return { status: 'ready', title, decoded, device, refusal: null, featureRet };
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        return { status: 'ready', title, decoded, device: null, refusal: e.message, featureRet: null };
      }
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { status: 'error', message: e.message };
    }
  }, [dumpText, loadError, novirt, rfc]);
}
