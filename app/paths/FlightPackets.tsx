/**
 * "All sources at once": every interrupt source's packet travels its own path (its events in order)
 * together, driven by the same phase as the single packet. Where a source dies, its packet stops with ✕.
 */
import { useMemo } from 'react';
import type { TimelineEvent } from '../../src/index';
import { packetPoint } from './layout';
import { placeLabel, STOP_FONT } from './label-place';
import { usePhase } from './phase';

interface Path {
  readonly source: string;
  readonly hops: readonly TimelineEvent[];
}

/** Each source's dot: smaller than the single packet's, so many fit. */
const FLIGHT_R = 5;

export function sourcePaths(events: readonly TimelineEvent[]): Path[] {
  const bySource = new Map<string, TimelineEvent[]>();
  for (const e of events)
    if (e.source && e.from !== e.to) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  return [...bySource.entries()].map(([source, hops]) => ({ source, hops }));
}

/** Where a source died: its name by the dot, clear of the actor boxes. */
function StopLabel({ dot, text }: { dot: { x: number; y: number }; text: string }) {
  const at = placeLabel(dot, FLIGHT_R, text, STOP_FONT);
  return (
    <text x={at.x} y={at.y} textAnchor={at.anchor} className="stop">
      {text}
    </text>
  );
}

export function FlightPackets({ events }: { events: readonly TimelineEvent[] }) {
  const phase = usePhase((s) => s.phase);
  const paths = useMemo(() => sourcePaths(events), [events]);
  return (
    <g data-testid="flight" data-packets={paths.length}>
      {paths.map(({ source, hops }) => {
        const at = Math.max(0, Math.min(hops.length - 1, Math.floor(phase * hops.length)));
        const hop = hops[at];
        const t = Math.max(0, Math.min(1, phase * hops.length - at));
        const p = packetPoint(hop.from, hop.to, t);
        const dead = phase >= 1 && (hop.outcome === 'blocked' || hop.outcome === 'lost');
        const cls =
          hop.outcome === 'delivered'
            ? 'good'
            : hop.outcome === 'blocked' || hop.outcome === 'lost'
              ? 'bad'
              : '';
        return (
          <g key={source} className={`packet ${cls}`}>
            <circle cx={p.x} cy={p.y} r={FLIGHT_R}>
              <title>{`${source}: ${hop.kind} ${hop.from} → ${hop.to}`}</title>
            </circle>
            {dead && <StopLabel dot={p} text={`✕ ${source}`} />}
          </g>
        );
      })}
    </g>
  );
}
