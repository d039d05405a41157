/** Device picker and kernel options. */
import { PRESETS } from '../presets';
import { selectPreset, setNovirt, setRfc, useExplorer } from '../store/explorer';

export function Toolbar({ featureRet }: { featureRet: number | null }) {
  const presetId = useExplorer((s) => s.presetId);
  const novirt = useExplorer((s) => s.novirt);
  const rfc = useExplorer((s) => s.rfc);
  return (
    <div className="toolbar" role="toolbar" aria-label="Device and kernel">
      <label>
        Device{' '}
        <select value={presetId} onChange={(e) => selectPreset(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={rfc} onChange={(e) => setRfc(e.target.checked)} /> Kernel carries the
        PCI_MSI_NOVIRT RFC
      </label>
      <label>
        <input
          type="checkbox"
          checked={novirt}
          disabled={!rfc}
          onChange={(e) => setNovirt(e.target.checked)}
        />{' '}
        VFIO_DEVICE_FEATURE SET PCI_MSI_NOVIRT (11)
      </label>
      {featureRet !== null && (
        <output className={featureRet === 0 ? 'ok' : 'err'} aria-live="polite">
          ioctl returned{' '}
          {featureRet === 0 ? '0' : featureRet === -25 ? '-ENOTTY (no MSI capability)' : featureRet}
        </output>
      )}
    </div>
  );
}
