/**
 * The inspector's foot while the config views follow the scenario: what the scenario did to config space
 * up to the step (each access opens its step), and the user's own op-log, untouched and still editable
 * (an edit takes the views back to the user's device, where it applies).
 */
import type { ScenarioConfig } from '../../src/index';
import { OpLog } from '../components/OpLog';
import { setStep } from '../store/explorer';
import { useOwnSession } from '../store/session';

export function FollowedFooter({ config }: { config: ScenarioConfig }) {
  const own = useOwnSession();
  return (
    <>
      <section className="scenario-accesses" aria-label="Scenario config accesses">
        <h3>
          What {config.id} did to config space up to event {config.step}
        </h3>
        <ol>
          {config.accesses.map((e) => (
            <li key={e.seq}>
              <button className="link" onClick={() => setStep(e.seq)}>
                event {e.seq}
              </button>{' '}
              <span className="mono">{e.kind}</span> {e.explanation}
            </li>
          ))}
        </ol>
        <p className="muted">
          These are the scenario&rsquo;s. Writes and feature calls are yours: they go to your device&rsquo;s
          op-log below, and the views go back to your device to show them.
        </p>
      </section>
      {own && <OpLog session={own} />}
    </>
  );
}
