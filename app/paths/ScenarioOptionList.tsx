/** The scenarios as <option>s, for the scenario and compare selects. */
import { SCENARIOS } from '../../src/index';

export function ScenarioOptionList() {
  return (
    <>
      {SCENARIOS.map((s) => (
        <option key={s.id} value={s.id}>
          {s.id} — {s.title}
        </option>
      ))}
    </>
  );
}
