/** Loads the selected preset's dump text whenever the preset changes. Renders nothing. */
import { useEffect } from 'react';
import { PRESETS } from '../presets';
import { setDump, setLoadError, useExplorer } from '../store/explorer';

export function PresetLoader() {
  const presetId = useExplorer((s) => s.presetId);
  useEffect(() => {
    const preset = PRESETS.find((p) => p.id === presetId);
    if (!preset) {
      setLoadError(`Unknown device preset "${presetId}".`);
      return;
    }
    let live = true;
    preset.load().then(
      (text) => live && setDump(text),
      (e: unknown) => live && setLoadError(`Could not load ${presetId}: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [presetId]);
  return null;
}
