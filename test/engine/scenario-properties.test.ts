/**
 * Scenario invariants under random options: the same options give the same timeline; each snapshot
 * differs from the previous one only in the actors its event names; every source gets a verdict; and any
 * option set is either run or refused with an EngineError.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  KERNEL_IDS,
  ACTORS,
  EngineError,
  runScenario,
  SCENARIO_IDS,
  SCENARIOS,
  type ScenarioResult,
} from '../../src/index';
import { fcParams } from '../helpers/fuzz';

const optionsArb = fc.record(
  {
    ir: fc.constantFrom('intel', 'amd', 'none'),
    posted: fc.boolean(),
    kernel: fc.constantFrom(...KERNEL_IDS),
    quirk: fc.boolean(),
    vectors: fc.constantFrom(1, 16, 32),
    guest: fc.constantFrom('linux', 'windows', 'ims'),
    vcpus: fc.integer({ min: 1, max: 400 }),
    viommu: fc.boolean(),
    extDestId: fc.boolean(),
    vcpuState: fc.constantFrom('running', 'blocked', 'preempted'),
    affinityChange: fc.boolean(),
    ringWrites: fc.constantFrom('lsb-msb-data', 'wide', 'data-first'),
    guestToggleMsi: fc.boolean(),
    device: fc.constantFrom('ath11k', 'plain-msi'),
  },
  { requiredKeys: [] },
);

function tryRun(id: string, o: object): ScenarioResult | null {
  try {
    return runScenario(id, o);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return null;
  }
}

function checkConsistency(r: ScenarioResult): void {
  let prev = r.initial;
  r.events.forEach((e, i) => {
    expect(e.seq).toBe(i);
    const next = r.snapshots[i];
    for (const actor of ACTORS) {
      if (JSON.stringify(prev[actor]) !== JSON.stringify(next[actor])) {
        expect([e.from, e.to, ...(e.also ?? [])], `event ${i} (${e.kind}) changed ${actor}`).toContain(actor);
      }
    }
    prev = next;
  });
  expect(r.snapshots).toHaveLength(r.events.length);
}

it('every scenario with its defaults is consistent event by event', () => {
  for (const id of SCENARIO_IDS) checkConsistency(runScenario(id));
});

it('random options: deterministic, consistent, and every delivery step carries exact values', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SCENARIO_IDS), optionsArb, (id, o) => {
      const a = tryRun(id, o);
      if (!a) return;
      const b = runScenario(id, o);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      checkConsistency(a);
      for (const v of a.verdicts) expect(['delivered', 'blocked', 'lost', 'misrouted']).toContain(v.outcome);
      for (const e of a.events) expect(e.explanation.length).toBeGreaterThan(10);
    }),
    { ...fcParams, numRuns: Math.min(fcParams.numRuns, 60) },
  );
});

it('every branch of every scenario runs', () => {
  for (const s of SCENARIOS)
    for (const branch of s.branches ?? [undefined])
      checkConsistency(runScenario(s.id, branch ? { branch } : {}));
});
