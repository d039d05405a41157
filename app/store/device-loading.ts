/**
 * Loads the selected preset's bytes into the store. The page awaits it before its first render, so a
 * link opens straight onto its device instead of laying out a "Loading device…" screen first; after that
 * the DeviceLoader component calls it whenever the source changes.
 */
import { PRESETS } from '../presets';
import { useExplorer, type DeviceSource } from './explorer';
import { deviceFailed, deviceLoaded } from './open-device';

let inFlight: { source: DeviceSource; done: Promise<void> } | null = null;

async function load(source: DeviceSource & { kind: 'preset' }): Promise<void> {
  const preset = PRESETS.find((p) => p.id === source.id);
  // Only the source still selected when the bytes arrive may take them.
  const current = () => useExplorer.getState().source === source;
  if (!preset) {
    deviceFailed(`Unknown device preset "${source.id}".`);
    return;
  }
  try {
    const d = await preset.load();
    if (current()) deviceLoaded(d.bytes, d.title);
  } catch (e) {
    if (current()) deviceFailed(`Could not load ${source.id}: ${String(e)}`);
  }
}

/** Resolves once the selected preset's bytes (or the reason they could not load) are in the store. */
export function loadSelectedPreset(): Promise<void> {
  const { source, bytes } = useExplorer.getState();
  if (source.kind !== 'preset' || bytes) return Promise.resolve();
  if (inFlight?.source !== source) inFlight = { source, done: load(source) };
  return inFlight.done;
}
