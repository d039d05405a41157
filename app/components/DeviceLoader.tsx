/** Loads the bytes of the selected preset whenever it changes. Renders nothing. */
import { useEffect } from 'react';
import { PRESETS } from '../presets';
import { deviceFailed, deviceLoaded, useExplorer } from '../store/explorer';

export function DeviceLoader() {
  const source = useExplorer((s) => s.source);
  useEffect(() => {
    if (source.kind !== 'preset') return;
    const preset = PRESETS.find((p) => p.id === source.id);
    if (!preset) {
      deviceFailed(`Unknown device preset "${source.id}".`);
      return;
    }
    let live = true;
    preset.load().then(
      (d) => live && deviceLoaded(d.bytes, d.title),
      (e: unknown) => live && deviceFailed(`Could not load ${source.id}: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [source]);
  return null;
}
