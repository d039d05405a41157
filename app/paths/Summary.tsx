/** All hops at once: every interrupt source and where it ended, the abstraction over the whole timeline. */
import type { Verdict } from '../../src/index';
import { setPlaying, setStep } from '../store/explorer';

export function Summary({
  verdicts,
  lastStepOf,
}: {
  verdicts: readonly Verdict[];
  lastStepOf: (source: string) => number;
}) {
  return (
    <table className="summary" aria-label="All hops at once">
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Outcome</th>
          <th scope="col">Where / why</th>
        </tr>
      </thead>
      <tbody>
        {verdicts.map((v) => (
          <tr key={v.source} className={v.outcome}>
            <th scope="row">
              <button
                onClick={() => {
                  setPlaying(false);
                  setStep(lastStepOf(v.source));
                }}
              >
                {v.source}
              </button>
            </th>
            <td>
              {v.outcome}
              {v.guestVector !== undefined ? ` → vector 0x${v.guestVector.toString(16)}, CPU ${v.vcpu}` : ''}
            </td>
            <td>
              {v.at}: {v.why}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
