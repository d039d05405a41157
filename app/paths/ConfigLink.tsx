/**
 * A config access in the timeline opens the same register in the config explorer, on the scenario's own
 * device as that event left it (the views follow the scenario); the user's device and op-log stay as
 * they are, one "Back to your device" (or one Back) away. Side by side, each timeline has its own link,
 * which names its scenario: the compared one's follows that scenario at its event paired with the cursor.
 */
import {
  scenarioConfigRefusal,
  type FollowSide,
  type ScenarioResult,
  type TimelineEvent,
} from '../../src/index';
import { followScenario, type TimelineAccess } from '../store/explorer';

/** The explorer preset holding the scenario's device (its range is marked when the user's device is it). */
export function scenarioPreset(r: ScenarioResult): string {
  if (r.id === 'S6') return '8086-10c9-82576-igb-sriov';
  if (r.options.device === 'plain-msi') return '8086-2829-ich8m-ahci-sata';
  return 'wcn6855';
}

/** A config access event as the explorer shows it: where, and which bits came from / went to where. */
export function configAccess(
  event: TimelineEvent | undefined,
  scenario: ScenarioResult,
): TimelineAccess | null {
  if (!event || (event.kind !== 'config-read' && event.kind !== 'config-write')) return null;
  const { offset, size } = event.payload;
  if (typeof offset !== 'number' || typeof size !== 'number') return null;
  const prov = [
    typeof event.payload.fromQemu === 'number' && event.payload.fromQemu ? 'QEMU copy' : '',
    typeof event.payload.fromVconfig === 'number' && event.payload.fromVconfig ? 'vconfig' : '',
    typeof event.payload.fromHardware === 'number' && event.payload.fromHardware ? 'hardware' : '',
    typeof event.payload.toVconfig === 'number' && event.payload.toVconfig ? '→ vconfig' : '',
    typeof event.payload.toHardware === 'number' && event.payload.toHardware ? '→ hardware' : '',
  ].filter(Boolean);
  const provenance = prov.join(', ');
  return {
    preset: scenarioPreset(scenario),
    offset,
    size,
    provenance,
    label: `${event.kind} 0x${offset.toString(16)}/${size}${provenance ? ` · bits: ${provenance}` : ''}`,
  };
}

export function ConfigLink({
  event,
  scenario,
  side = 'scenario',
  cursor,
  comparing = false,
}: {
  event: TimelineEvent;
  scenario: ScenarioResult;
  side?: FollowSide;
  /** The first timeline's cursor: the compared timeline's event is followed as the one paired with it. */
  cursor: number;
  /** Two timelines are shown: the link names its scenario. */
  comparing?: boolean;
}) {
  const access = configAccess(event, scenario);
  if (!access) return null;
  const refusal = scenarioConfigRefusal(scenario.id);
  return (
    <>
      {access.provenance && <span className="muted"> · bits: {access.provenance}</span>}{' '}
      {refusal ? (
        <span className="muted" data-testid="no-config-views">
          (no vfio config space to open: {refusal})
        </span>
      ) : (
        <button
          className="link"
          onClick={() => followScenario(cursor, { offset: access.offset, size: access.size }, side)}
        >
          Show 0x{access.offset.toString(16)}/{access.size} in config space at step {event.seq}
          {comparing && ` of ${scenario.id}`}
        </button>
      )}
    </>
  );
}
