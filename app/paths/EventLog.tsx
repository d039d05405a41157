/** The timeline as a list, synced both ways with the scrubber: the current event is marked and kept in view. */
import { useEffect, useRef } from 'react';
import type { ActorId, TimelineEvent } from '../../src/index';
import { scrollWithin } from '../selection';
import { setPlaying, setStep, useExplorer } from '../store/explorer';
import { describePayload } from './describe';
import { msiOf, msiSummary } from './msi-decode';

/** A scenario's own names for actors that play another part (S9: the KVM slot is Xen; S1: no guest). */
export type ActorLabels = Readonly<Partial<Record<ActorId, string>>>;

/** An actor as the scenario's logs name it: its label, else its id. */
export const actorName = (labels: ActorLabels, a: ActorId): string => labels[a] ?? a;

export function EventLog({
  events,
  step,
  divergence = null,
  label = 'Event log',
  actorLabels = {},
}: {
  events: readonly TimelineEvent[];
  step: number;
  /** Index of the first event that differs from the compared timeline. */
  divergence?: number | null;
  label?: string;
  /** The scenario's actor names, as the diagram shows them. */
  actorLabels?: ActorLabels;
}) {
  const actor = (a: ActorId) => actorName(actorLabels, a);
  const list = useRef<HTMLOListElement>(null);
  const selected = useExplorer((s) => s.selected);
  /** Config accesses that touch the register selected in the config explorer. */
  const touches = (e: TimelineEvent) => {
    const o = e.payload.offset;
    const n = e.payload.size;
    if (!selected || typeof o !== 'number' || typeof n !== 'number' || !e.kind.startsWith('config-'))
      return false;
    return o < selected.offset + selected.size && selected.offset < o + n;
  };
  useEffect(() => {
    scrollWithin(list.current, list.current?.querySelector('[aria-current="step"]'));
  }, [step]);
  return (
    <ol className="event-log" aria-label={label} ref={list} tabIndex={0}>
      {events.map((e) => (
        <li
          key={e.seq}
          aria-current={e.seq === step ? 'step' : undefined}
          className={`ev ${e.outcome}${e.seq === divergence ? ' diverges' : ''}${touches(e) ? ' touches' : ''}`}
          data-kind={e.kind}
        >
          <button
            onClick={() => {
              setPlaying(false);
              setStep(e.seq);
            }}
          >
            <span className="mono seq">{e.seq}</span> <span className="mono">{e.kind}</span> {actor(e.from)} →{' '}
            {actor(e.to)}
            {describePayload(e) && <span className="mono"> · {describePayload(e)}</span>}
            {msiOf(e) && <span className="msi-summary"> · {msiSummary(msiOf(e)!)}</span>}
            {e.outcome !== 'ok' && <span className="outcome"> · {e.outcome}</span>}
            {e.seq === divergence && <span className="diverge-mark"> ◆ first difference</span>}
            {touches(e) && <span className="touch-mark"> ◇ selected register</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
