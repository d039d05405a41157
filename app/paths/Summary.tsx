/**
 * All hops at once: every interrupt source and where it ended, the abstraction over the whole timeline.
 * Sources that ended the same way (same outcome, place and reason) share one row, so thirteen rings
 * blocked by the same DMAR fault read as one line naming all thirteen. Side by side, each row holds a
 * source's ending in both scenarios, so the table says what the comparison changed.
 */
import type { Verdict } from '../../src/index';
import { setPlaying, setStep } from '../store/explorer';
import { actorName, type ActorLabels } from './EventLog';

const outcomeText = (v: Verdict) =>
  `${v.outcome}${v.guestVector !== undefined ? ` → vector 0x${v.guestVector.toString(16)}, CPU ${v.vcpu}` : ''}`;

/** "Where / why": the actor named as the scenario's diagram and event log name it. */
const whereWhy = (v: Verdict, labels: ActorLabels) => `${actorName(labels, v.at)}: ${v.why}`;

const verdictKey = (v: Verdict | null) => (v ? `${outcomeText(v)}\u0000${v.at}\u0000${v.why}` : '');

/** Verdicts grouped by what they say, in order of first appearance. */
export function groupVerdicts(verdicts: readonly Verdict[]): Verdict[][] {
  const groups = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const key = verdictKey(v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()];
}

/** One row of the side-by-side table: sources that ended the same way on each side (null: not a source there). */
export interface ComparedRow {
  readonly sources: readonly string[];
  readonly a: Verdict | null;
  readonly b: Verdict | null;
}

/** Both scenarios' verdicts by source (the first's order, then the second's own), grouped by both endings. */
export function compareVerdicts(a: readonly Verdict[], b: readonly Verdict[]): ComparedRow[] {
  const sources = [...new Set([...a.map((v) => v.source), ...b.map((v) => v.source)])];
  const rows = new Map<string, { sources: string[]; a: Verdict | null; b: Verdict | null }>();
  for (const source of sources) {
    const va = a.find((v) => v.source === source) ?? null;
    const vb = b.find((v) => v.source === source) ?? null;
    const key = `${verdictKey(va)}\u0001${verdictKey(vb)}`;
    const row = rows.get(key);
    if (row) row.sources.push(source);
    else rows.set(key, { sources: [source], a: va, b: vb });
  }
  return [...rows.values()];
}

/** The sources of a row as buttons that put the timeline on each one's last event. */
function SourceButtons({ sources, stepOf }: { sources: readonly string[]; stepOf: (s: string) => number }) {
  return (
    <>
      {sources.map((source) => (
        <button
          key={source}
          onClick={() => {
            setPlaying(false);
            setStep(stepOf(source));
          }}
        >
          {source}
        </button>
      ))}
      {sources.length > 1 && <span className="muted"> ({sources.length})</span>}
    </>
  );
}

export function Summary({
  verdicts,
  actorLabels,
  lastStepOf,
}: {
  verdicts: readonly Verdict[];
  actorLabels: ActorLabels;
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
                <SourceButtons sources={group.map((g) => g.source)} stepOf={lastStepOf} />
              </th>
              <td>{outcomeText(v)}</td>
              <td>{whereWhy(v, actorLabels)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One side's ending in the side-by-side table; a source the scenario does not have says so. */
function Ending({ v, side }: { v: Verdict | null; side: ComparedSide }) {
  if (!v)
    return (
      <td colSpan={2} className="muted">
        not a source in {side.id}
      </td>
    );
  return (
    <>
      <td className={v.outcome}>{outcomeText(v)}</td>
      <td>{whereWhy(v, side.actorLabels)}</td>
    </>
  );
}

/** One scenario of the side-by-side table. */
interface ComparedSide {
  readonly id: string;
  readonly verdicts: readonly Verdict[];
  readonly actorLabels: ActorLabels;
}

/** Side by side: every source's ending in both scenarios; rows whose outcomes differ are marked. */
export function CompareSummary({
  a,
  b,
  stepOf,
}: {
  a: ComparedSide;
  b: ComparedSide;
  stepOf: (source: string) => number;
}) {
  return (
    <table className="summary compare" aria-label="All hops at once">
      <thead>
        <tr>
          <th scope="col">Sources</th>
          <th scope="col">{a.id} outcome</th>
          <th scope="col">{a.id} where / why</th>
          <th scope="col">{b.id} outcome</th>
          <th scope="col">{b.id} where / why</th>
        </tr>
      </thead>
      <tbody>
        {compareVerdicts(a.verdicts, b.verdicts).map((row) => {
          const differs = (row.a && outcomeText(row.a)) !== (row.b && outcomeText(row.b));
          return (
            <tr key={row.sources[0]} className={differs ? 'differs' : undefined}>
              <th scope="row" className="sources">
                <SourceButtons sources={row.sources} stepOf={stepOf} />
                {differs && <span className="differs-mark"> ≠</span>}
              </th>
              <Ending v={row.a} side={a} />
              <Ending v={row.b} side={b} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
