/** Reading a scenario run in tests: its events and verdicts picked by what they are, not where they sit. */
import type { ScenarioResult, TimelineEvent, Verdict } from '../../src/index';

/** The first event of the run that `is` picks; a run without one fails the test, naming the scenario. */
export function firstEvent(r: ScenarioResult, is: (e: TimelineEvent) => boolean): TimelineEvent {
  const e = r.events.find(is);
  if (!e) throw new Error(`no such event in ${r.id}`);
  return e;
}

/** Where the run says an interrupt source ended (every source in a run has one). */
export function verdict(r: ScenarioResult, source: string): Verdict {
  const v = r.verdicts.find((x) => x.source === source);
  if (!v) throw new Error(`${r.id} has no verdict for ${source}`);
  return v;
}
