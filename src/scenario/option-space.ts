/**
 * The option space of each scenario, as data for tests and tools: every option the scenario lets a
 * caller change, with the values it takes (the UI's choices, both booleans, and vCPU counts on either side
 * of the 255-APIC-id limit), and every branch.
 */
import { BASE_OPTIONS, SCENARIO_BRANCHES } from './catalog';
import { EngineError } from '../errors';
import { resolveScenarioOptions, SCENARIO_CHOICES, type RunOptions } from './run';
import { SCENARIOS } from './scenarios/index';
import type { ScenarioOptions } from './world';

/** vCPU counts that matter: one, the default, the last and first beyond 8-bit APIC ids, S8's guest. */
export const VCPU_COUNTS = [1, 4, 255, 256, 288] as const;

export interface OptionAxis {
  readonly key: keyof ScenarioOptions | 'branch';
  readonly values: readonly (string | number | boolean)[];
}

/** The axes of one scenario's option space (its branches first). */
export function scenarioOptionSpace(id: string): OptionAxis[] {
  const def = SCENARIOS.find((s) => s.id === id);
  if (!def) throw new Error(`unknown scenario ${id}`);
  const keys = (def.applies ?? (Object.keys(BASE_OPTIONS) as (keyof ScenarioOptions)[])).filter(
    // A branch fixes the options it implies (S8's extDestId/viommu), so they are not axes of their own.
    (k) => !Object.values(def.branchOptions ?? {}).some((o) => k in o),
  );
  const axes: OptionAxis[] = SCENARIO_BRANCHES[id] ? [{ key: 'branch', values: SCENARIO_BRANCHES[id] }] : [];
  for (const key of keys) {
    const values =
      SCENARIO_CHOICES[key] ??
      (key === 'vcpus' ? VCPU_COUNTS : typeof BASE_OPTIONS[key] === 'boolean' ? [false, true] : null);
    if (!values) throw new Error(`option ${key} has no enumerable values`);
    axes.push({ key, values });
  }
  return axes;
}

type OptionSet = Record<string, string | number | boolean>;

/** The resolved options of a set, or null when the engine refuses the combination. */
function resolved(id: string, set: OptionSet): OptionSet | null {
  try {
    return resolveScenarioOptions(id, set as RunOptions) as unknown as OptionSet;
  } catch (e) {
    if (e instanceof EngineError) return null;
    throw e;
  }
}

/**
 * Option sets covering a scenario's space: the whole product when it has at most `limit` sets; else a
 * greedy all-pairs cover (every value of every axis together with every value of every other axis, in
 * some set the engine accepts), which is far smaller. A pair no accepted set can hold (posted without
 * remapping) is left out; refused sets are never returned.
 */
export function scenarioOptionSets(id: string, limit = 300): RunOptions[] {
  const axes = scenarioOptionSpace(id);
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size <= limit) {
    const sets: OptionSet[] = [];
    const walk = (i: number, acc: OptionSet) => {
      if (i === axes.length) return void (resolved(id, acc) && sets.push(acc));
      for (const v of axes[i].values) walk(i + 1, { ...acc, [axes[i].key]: v });
    };
    walk(0, {});
    return sets as RunOptions[];
  }
  const pairKey = (i: number, a: unknown, j: number, b: unknown) => JSON.stringify([i, a, j, b]);
  /** A set holding the pair that the engine accepts: the pair alone, or with one more axis changed. */
  const holder = (i: number, a: unknown, j: number, b: unknown): OptionSet | null => {
    const base = { [axes[i].key]: a, [axes[j].key]: b } as OptionSet;
    if (resolved(id, base)) return base;
    for (let k = 0; k < axes.length; k++)
      if (k !== i && k !== j)
        for (const c of axes[k].values) {
          const fixed = { ...base, [axes[k].key]: c } as OptionSet;
          if (resolved(id, fixed)) return fixed;
        }
    return null;
  };
  const uncovered = new Map<string, OptionSet>();
  for (let i = 0; i < axes.length; i++)
    for (let j = i + 1; j < axes.length; j++)
      for (const a of axes[i].values)
        for (const b of axes[j].values) {
          const h = holder(i, a, j, b);
          if (h) uncovered.set(pairKey(i, a, j, b), h);
        }
  const covers = (full: OptionSet) => {
    const keys: string[] = [];
    for (let i = 0; i < axes.length; i++)
      for (let j = i + 1; j < axes.length; j++) {
        const k = pairKey(i, full[axes[i].key], j, full[axes[j].key]);
        if (uncovered.has(k)) keys.push(k);
      }
    return keys;
  };
  const sets: OptionSet[] = [];
  while (uncovered.size) {
    // Start from the first pair still uncovered, then give every other axis the value that covers most.
    let set = uncovered.values().next().value as OptionSet;
    for (const axis of axes) {
      if (axis.key in set) continue;
      let best = set;
      let bestCount = covers(resolved(id, set)!).length;
      for (const v of axis.values) {
        const next = { ...set, [axis.key]: v };
        const full = resolved(id, next);
        if (full && covers(full).length > bestCount) {
          best = next;
          bestCount = covers(full).length;
        }
      }
      set = best;
    }
    for (const k of covers(resolved(id, set)!)) uncovered.delete(k);
    sets.push(set);
  }
  return sets as RunOptions[];
}
