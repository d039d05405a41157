/**
 * All hops at once: every interrupt source and where it ended, the abstraction over the whole timeline.
 * Sources that ended the same way (same outcome, place and reason) share one row, so thirteen rings
 * blocked by the same DMAR fault read as one line naming all thirteen.
 */
import type { Verdict } from '../../src/index';
import { setPlaying, setStep } from '../store/explorer';

const outcomeText = (v: Verdict) =>
  `${v.outcome}${v.guestVector !== undefined ? ` → vector 0x${v.guestVector.toString(16)}, CPU ${v.vcpu}` : ''}`;

/** Verdicts grouped by what they say, in order of first appearance. */
export function groupVerdicts(verdicts: readonly Verdict[]): Verdict[][] {
  const groups = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const key = `${outcomeText(v)}\u0000${v.at}\u0000${v.why}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()];
}

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
          <th scope="col">Sources</th>
          <th scope="col">Outcome</th>
          <th scope="col">Where / why</th>
        </tr>
      </thead>
      <tbody>
        {groupVerdicts(verdicts).map((group) => {
          const v = group[0];
          return (
            <tr key={v.source} className={v.outcome}>
              <th scope="row" className="sources">
                {group.map((g) => (
                  <button
                    key={g.source}
                    onClick={() => {
                      setPlaying(false);
                      setStep(lastStepOf(g.source));
                    }}
                  >
                    {g.source}
                  </button>
                ))}
                {group.length > 1 && <span className="muted"> ({group.length})</span>}
              </th>
              <td>{outcomeText(v)}</td>
              <td>
                {v.at}: {v.why}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
