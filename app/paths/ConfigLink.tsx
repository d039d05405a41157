/** A config access in the timeline opens the same register, on the same device, in the config explorer. */
import type { ScenarioResult, TimelineEvent } from '../../src/index';
import { selectPreset } from '../store/explorer';

/** The explorer preset holding the scenario's device. */
export function scenarioPreset(r: ScenarioResult): string {
  if (r.id === 'S6') return '8086-10c9-82576-igb-sriov';
  if (r.options.device === 'plain-msi') return '8086-2829-ich8m-ahci-sata';
  return 'wcn6855';
}

export function ConfigLink({ event, scenario }: { event: TimelineEvent; scenario: ScenarioResult }) {
  const { offset, size } = event.payload;
  if (
    (event.kind !== 'config-read' && event.kind !== 'config-write') ||
    typeof offset !== 'number' ||
    typeof size !== 'number'
  )
    return null;
  const where = `0x${offset.toString(16)}/${size}`;
  const prov = [
    typeof event.payload.fromQemu === 'number' && event.payload.fromQemu ? 'QEMU copy' : '',
    typeof event.payload.fromVconfig === 'number' && event.payload.fromVconfig ? 'vconfig' : '',
    typeof event.payload.fromHardware === 'number' && event.payload.fromHardware ? 'hardware' : '',
    typeof event.payload.toVconfig === 'number' && event.payload.toVconfig ? '→ vconfig' : '',
    typeof event.payload.toHardware === 'number' && event.payload.toHardware ? '→ hardware' : '',
  ].filter(Boolean);
  return (
    <>
      {prov.length > 0 && <span className="muted"> · bits: {prov.join(', ')}</span>}{' '}
      <button className="link" onClick={() => selectPreset(scenarioPreset(scenario), { offset, size })}>
        Show {where} in config space
      </button>
    </>
  );
}
