/** One actor's state at the current step, with the entries this step changed marked. */
import type { ActorId, Snapshot } from '../../src/index';
import { ACTOR_POS } from './layout';
import { StateValue } from './StateValue';

export function ActorState({
  actor,
  label = ACTOR_POS[actor].label,
  now,
  before,
}: {
  actor: ActorId;
  /** The scenario's name for this actor when it casts it differently (S9: Xen). */
  label?: string;
  now: Snapshot;
  before: Snapshot;
}) {
  const cur = now[actor] as Record<string, unknown>;
  const prev = before[actor] as Record<string, unknown>;
  return (
    <section className="actor-state" aria-label={`State of ${label}`}>
      <h3>{label}</h3>
      <dl>
        {Object.entries(cur).map(([k, v]) => {
          const changed = JSON.stringify(v) !== JSON.stringify(prev[k]);
          return (
            <div key={k} className={changed ? 'changed' : undefined}>
              <dt>
                {k}
                {changed && <span className="visually-hidden"> (changed at this step)</span>}
              </dt>
              <dd>
                <StateValue name={k} value={v} />
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
