/**
 * Across devices: which presets and which imported device a patch touches at all (`patchReach`), with the
 * bits and registers it changes or why vfio-pci refuses the device. Each row opens its device with the
 * patch kept. Devices are checked one per task so the page stays responsive while the list fills in.
 */
import { useEffect, useMemo, useState } from 'react';
import { patchReach, type KernelId, type PatchReach, type PermPatch } from '../../src/index';
import { PRESETS } from '../presets';
import { useExplorer, type DeviceSource } from '../store/explorer';
import { loadCustom, selectPreset } from '../store/open-device';

interface ReachDevice {
  readonly id: string;
  readonly label: string;
  readonly load: () => Promise<Uint8Array>;
  readonly open: () => void;
}

type Imported = Extract<DeviceSource, { kind: 'custom' }>;
/** The last imported device and its title, so opening a preset from the list keeps it on the list. */
let lastImported: { source: Imported; title: string } | null = null;

const presetBytes = new Map<string, Promise<Uint8Array>>();
const loadPreset = (id: string, load: () => Promise<{ bytes: Uint8Array }>) => {
  if (!presetBytes.has(id))
    presetBytes.set(
      id,
      load().then((d) => d.bytes),
    );
  return presetBytes.get(id)!;
};

/** The imported device's row id: not a preset id (those are lower-case words and dashes). */
const IMPORTED = 'imported:';

function devicesOf(imported: Imported | null): ReachDevice[] {
  const presets = PRESETS.map((p) => ({
    id: p.id,
    label: p.label,
    load: () => loadPreset(p.id, p.load),
    open: () => selectPreset(p.id),
  }));
  if (!imported) return presets;
  const { name, bytes } = imported;
  const title = () => (lastImported?.source === imported ? lastImported.title : name);
  return [
    {
      id: IMPORTED,
      label: `${name} (imported)`,
      load: async () => bytes,
      open: () => loadCustom(name, bytes, title()),
    },
    ...presets,
  ];
}

/** The imported device on screen now, else the one imported last (the same object while it stays). */
function useImported(): Imported | null {
  const source = useExplorer((s) => s.source);
  const title = useExplorer((s) => s.title);
  useEffect(() => {
    if (source.kind === 'custom') lastImported = { source, title };
  }, [source, title]);
  return source.kind === 'custom' ? source : (lastImported?.source ?? null);
}

/** Yields to the page between devices (each costs two device opens and a decode). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

type Found = ReadonlyMap<string, PatchReach | string>;
const NOTHING_YET: Found = new Map();

/**
 * patchReach over every device, one at a time, as the results arrive (a message where a dump failed to
 * load). Results are kept with the inputs they are for, so a new patch or kernel starts from an empty list.
 */
function useReach(devices: readonly ReachDevice[], patch: PermPatch, kernel: KernelId): Found {
  const [found, setFound] = useState<{ key: readonly unknown[]; results: Found }>({
    key: [],
    results: NOTHING_YET,
  });
  const key = [devices, patch, kernel];
  const same = (k: readonly unknown[]) => k.length === key.length && k.every((x, i) => x === key[i]);
  useEffect(() => {
    let live = true;
    const runKey = [devices, patch, kernel];
    void (async () => {
      for (const d of devices) {
        const bytes = await d.load().catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
        await nextTask();
        if (!live) return;
        const result =
          typeof bytes === 'string'
            ? `could not be loaded: ${bytes}`
            : patchReach([{ id: d.id, bytes }], patch, { kernel })[0];
        setFound((f) => ({
          key: runKey,
          results: new Map(f.key === runKey ? f.results : NOTHING_YET).set(d.id, result),
        }));
      }
    })();
    return () => {
      live = false;
    };
  }, [devices, patch, kernel]);
  return same(found.key) ? found.results : NOTHING_YET;
}

function what(r: PatchReach | string | undefined): string {
  if (r === undefined) return 'checking…';
  if (typeof r === 'string') return r;
  if (r.refusal) return `refused: ${r.refusal}`;
  if (!r.bits) return 'untouched';
  const regs = r.registers.length;
  return `${r.bits} bit${r.bits === 1 ? '' : 's'} in ${regs} register${regs === 1 ? '' : 's'}: ${r.registers.join(', ')}`;
}

export function ReachList({ patch, patchName }: { patch: PermPatch; patchName: string }) {
  const source = useExplorer((s) => s.source);
  const kernel = useExplorer((s) => s.kernel);
  const imported = useImported();
  // A new list only when the imported device changes, so switching presets does not check them again.
  const devices = useMemo(() => devicesOf(imported), [imported]);
  const reach = useReach(devices, patch, kernel);
  const done = [...reach.values()];
  const touched = done.filter((r) => typeof r !== 'string' && r.bits > 0).length;
  const refused = done.filter((r) => typeof r !== 'string' && r.refusal).length;
  const current = source.kind === 'custom' ? IMPORTED : source.id;
  return (
    <>
      <p data-testid="reach-summary" aria-live="polite">
        {done.length < devices.length
          ? `Checking ${done.length + 1} of ${devices.length} devices on ${kernel}…`
          : `${patchName} touches ${touched} of ${devices.length} devices on ${kernel}` +
            (refused ? `; vfio-pci refuses ${refused} of them.` : '.')}
      </p>
      <ul className="reach-list">
        {devices.map((d) => {
          const r = reach.get(d.id);
          const hit = r !== undefined && typeof r !== 'string' && r.bits > 0;
          const off = r !== undefined && (typeof r === 'string' || r.refusal !== null);
          return (
            <li key={d.id} className={hit ? 'touched' : off ? 'refused' : 'untouched'}>
              <button
                className="reach-row"
                aria-current={d.id === current ? 'true' : undefined}
                disabled={d.id === current}
                onClick={d.open}
                data-device={d.id}
              >
                <span className="reach-label">{d.label}</span>
                <span className="reach-what">
                  {what(r)}
                  {d.id === current && ' · open now'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
