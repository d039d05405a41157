/** Loads the bytes of the selected preset whenever it changes. Renders nothing. */
import { useEffect } from 'react';
import { loadSelectedPreset } from '../store/device-loading';
import { useExplorer } from '../store/explorer';

export function DeviceLoader() {
  const source = useExplorer((s) => s.source);
  useEffect(() => void loadSelectedPreset(), [source]);
  return null;
}
