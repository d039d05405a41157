/**
 * The interrupt path as a diagram: actors in guest / host / hardware bands, every edge the timeline has
 * used so far, and the current event travelling its edge as a labelled packet. React renders the SVG;
 * d3-shape makes the edge paths.
 */
import { ACTORS, type ActorId, type LaneId, type TimelineEvent } from '../../src/index';
import { ACTOR_POS, BANDS, BOX_H, BOX_W, edgePath, PACKET_R, VIEW_H, VIEW_W } from './layout';
import { packetLayout } from './packet-layout';
import { msiFieldLines, msiOf } from './msi-decode';
import { usePhase } from './phase';
import { FlightPackets } from './FlightPackets';

/** Hover text for a packet: an MSI write decoded field by field, otherwise its explanation. */
function decodedTitle(e: TimelineEvent): string {
  const d = msiOf(e);
  return d ? msiFieldLines(d).join('\n') : e.explanation;
}

const OUTCOME_CLASS: Record<string, string> = {
  blocked: 'bad',
  lost: 'bad',
  misrouted: 'bad',
  delivered: 'good',
  ok: '',
};

function Packet({ event }: { event: TimelineEvent }) {
  const phase = usePhase((s) => s.phase);
  const { dot, text, stop, label } = packetLayout(event, phase);
  return (
    <g className={`packet ${OUTCOME_CLASS[event.outcome]}`} data-testid="packet">
      <circle cx={dot.x} cy={dot.y} r={PACKET_R}>
        <title>{decodedTitle(event)}</title>
      </circle>
      <text x={label.x} y={label.y} textAnchor={label.anchor} className="packet-label">
        {text}
      </text>
      {stop && (
        <text x={stop.x} y={stop.y} className="stop" aria-label={`${event.outcome} at ${event.to}`}>
          {stop.text}
        </text>
      )}
    </g>
  );
}

export function Diagram({
  events,
  step,
  selected,
  onSelectActor,
  flight = false,
  labels = {},
  lanes = {},
}: {
  events: readonly TimelineEvent[];
  step: number;
  selected: ActorId | null;
  onSelectActor: (a: ActorId) => void;
  /** Show every source's packet at once instead of the current event's. */
  flight?: boolean;
  /** The scenario's own names for actors it casts differently (S9: Xen in the KVM slot). */
  labels?: Readonly<Partial<Record<ActorId, string>>>;
  /** The scenario's own names for lanes (bare metal: the top lane holds the host's driver, not a guest). */
  lanes?: Readonly<Partial<Record<LaneId, string>>>;
}) {
  const current = events[step];
  const used = new Map<string, TimelineEvent>();
  for (const e of events.slice(0, step)) used.set(`${e.from}>${e.to}`, e);
  return (
    <div
      className="diagram-wrap"
      role="group"
      aria-label={current ? `Step ${step}: ${current.explanation}` : 'No events'}
    >
      <svg className="diagram" viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="none">
        {BANDS.map((b) => (
          <g key={b.id}>
            <rect className="band-bg" x={0} y={b.y} width={VIEW_W} height={b.h} />
            <text className="band-name" x={8} y={b.y + 16}>
              {lanes[b.id] ?? b.name}
            </text>
          </g>
        ))}
        {[...used.keys()].map((k) => {
          const [from, to] = k.split('>') as [ActorId, ActorId];
          return <path key={k} className="edge used" d={edgePath(from, to)} />;
        })}
        {current && (
          <path
            className={`edge current ${OUTCOME_CLASS[current.outcome]}`}
            d={edgePath(current.from, current.to)}
          />
        )}
        {ACTORS.map((a) => {
          const p = { ...ACTOR_POS[a], label: labels[a] ?? ACTOR_POS[a].label };
          const active = current && (current.from === a || current.to === a);
          return (
            <g
              key={a}
              className={`actor${active ? ' active' : ''}${selected === a ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`${p.label}: show state`}
              aria-pressed={selected === a}
              onClick={() => onSelectActor(a)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  e.stopPropagation();
                  onSelectActor(a);
                }
              }}
            >
              <rect x={p.x - BOX_W / 2} y={p.y - BOX_H / 2} width={BOX_W} height={BOX_H} rx={6} />
              <text x={p.x} y={p.y + 4} textAnchor="middle">
                {p.label}
              </text>
            </g>
          );
        })}
        {flight ? <FlightPackets events={events} /> : current && <Packet event={current} />}
      </svg>
    </div>
  );
}
