/** Scenario and its options; changing one re-runs the engine and keeps the cursor where it can. */
import { KERNELS, SCENARIO_CHOICES, SCENARIOS, type KernelId } from '../../src/index';
import { ScenarioOptionList } from './ScenarioOptionList';
import { selectScenario, setScenarioOption, useExplorer } from '../store/explorer';

const SELECTS: Record<string, readonly (string | number)[] | undefined> = SCENARIO_CHOICES;
const BOOLEANS = ['quirk', 'posted', 'viommu', 'extDestId', 'affinityChange', 'guestToggleMsi'];
const LABELS: Record<string, string> = {
  ir: 'Interrupt remapping',
  vectors: 'Vectors',
  guest: 'Guest driver',
  vcpuState: 'vCPU',
  ringWrites: 'Ring writes',
  device: 'Simulated device',
  athDeviceId: 'ath device id',
  kernel: 'Host kernel',
  quirk: 'QEMU ath quirk',
  posted: 'Posted interrupts',
  viommu: 'vIOMMU',
  extDestId: 'Ext. dest id',
  affinityChange: 'Affinity change',
  guestToggleMsi: 'Guest toggles MSI',
};

/** A choice as the user reads it: kernels by the toolbar's names ("v6.11 + the RFC"), the rest as they are. */
const choiceText = (k: string, o: string | number) =>
  k === 'kernel' ? KERNELS[o as KernelId].label : String(o);

export function ScenarioControls() {
  const id = useExplorer((s) => s.scenarioId);
  const options = useExplorer((s) => s.scenarioOptions);
  const def = SCENARIOS.find((s) => s.id === id)!;
  const applies = def.applies ?? (Object.keys(def.defaults) as (keyof typeof def.defaults)[]);
  const value = (k: string) =>
    k in options ? options[k] : (def.defaults as unknown as Record<string, unknown>)[k];
  return (
    <div className="scenario-controls">
      <label>
        Scenario{' '}
        <select id="scenario-menu" value={id} onChange={(e) => selectScenario(e.target.value)}>
          <ScenarioOptionList />
        </select>
      </label>
      {def.branches && (
        <label>
          Branch{' '}
          <select
            value={String(options.branch ?? def.branches[0])}
            onChange={(e) => setScenarioOption('branch', e.target.value)}
          >
            {def.branches.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
      )}
      {applies.map((k) =>
        SELECTS[k] ? (
          <label key={k}>
            {LABELS[k]}{' '}
            <select
              value={String(value(k))}
              onChange={(e) =>
                setScenarioOption(
                  k,
                  typeof SELECTS[k]![0] === 'number' ? Number(e.target.value) : e.target.value,
                )
              }
            >
              {SELECTS[k]!.map((o) => (
                <option key={o} value={o}>
                  {choiceText(k, o)}
                </option>
              ))}
            </select>
          </label>
        ) : BOOLEANS.includes(k) ? (
          <label key={k}>
            <input
              type="checkbox"
              checked={Boolean(value(k))}
              onChange={(e) => setScenarioOption(k, e.target.checked)}
            />{' '}
            {LABELS[k]}
          </label>
        ) : null,
      )}
      <p className="muted summary-line">{def.summary}</p>
    </div>
  );
}
