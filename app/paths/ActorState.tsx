/** One actor's state at the current step, with the entries this step changed marked. */
import type { ActorId, Snapshot } from '../../src/index';
import { ACTOR_POS } from './layout';

export function ActorState({ actor, now, before }: { actor: ActorId; now: Snapshot; before: Snapshot }) {
  const cur = now[actor] as Record<string, unknown>;
  const prev = before[actor] as Record<string, unknown>;
  return (
    <section className="actor-state" aria-label={`State of ${ACTOR_POS[actor].label}`}>
      <h3>{ACTOR_POS[actor].label}</h3>
      <dl>
        {Object.entries(cur).map(([k, v]) => {
          const changed = JSON.stringify(v) !== JSON.stringify(prev[k]);
          return (
            <div key={k} className={changed ? 'changed' : undefined}>
              <dt>
                {k}
                {changed && <span className="visually-hidden"> (changed at this step)</span>}
              </dt>
              <dd className="mono">
                {JSON.stringify(v, (_k, x) => (typeof x === 'number' && x > 9 ? `0x${x.toString(16)}` : x))}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
