/** The timeline as a list, synced both ways with the scrubber: the current event is marked and kept in view. */
import { useEffect, useRef } from 'react';
import type { TimelineEvent } from '../../src/index';
import { scrollWithin } from '../selection';
import { setPlaying, setStep } from '../store/explorer';
import { describePayload } from './describe';

export function EventLog({ events, step }: { events: readonly TimelineEvent[]; step: number }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    scrollWithin(list.current, list.current?.querySelector('[aria-current="step"]'));
  }, [step]);
  return (
    <ol className="event-log" aria-label="Event log" ref={list} tabIndex={0}>
      {events.map((e) => (
        <li
          key={e.seq}
          aria-current={e.seq === step ? 'step' : undefined}
          className={`ev ${e.outcome}`}
          data-kind={e.kind}
        >
          <button
            onClick={() => {
              setPlaying(false);
              setStep(e.seq);
            }}
          >
            <span className="mono seq">{e.seq}</span> <span className="mono">{e.kind}</span> {e.from} → {e.to}
            {describePayload(e) && <span className="mono"> · {describePayload(e)}</span>}
            {e.outcome !== 'ok' && <span className="outcome"> · {e.outcome}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
