/**
 * The engine half of following a scenario, its own chunk (it runs scenarios): the config state at a step
 * under the explorer's choices, kept for the last request so the views, the banner and the search share
 * one run. The compared scenario is followed at its event paired with the first timeline's cursor, as the
 * side-by-side view pairs them.
 */
import {
  EngineError,
  runScenario,
  scenarioConfigAt,
  type ConfigChoices,
  type FollowSide,
} from '../../src/index';
import { alignTimelines, stepOnB } from '../paths/divergence';
import type { Followed } from './useFollowed';

export interface FollowRequest {
  readonly side: FollowSide;
  readonly scenarioId: string;
  readonly options: Record<string, unknown>;
  /** The first timeline's cursor. */
  readonly step: number;
  readonly compareId: string | null;
  readonly choices: ConfigChoices;
}

let last: { key: string; value: Followed } | null = null;

/** The compared scenario's step beside the first timeline's `step` (both run as the timelines run them). */
function comparedStep(r: FollowRequest, compareId: string): number {
  const a = runScenario(r.scenarioId, r.options).events;
  const b = runScenario(compareId, {}).events;
  return stepOnB(alignTimelines(a, b), Math.min(r.step, a.length - 1));
}

function follow(r: FollowRequest): Followed {
  const side = r.side;
  if (side === 'scenario')
    return { state: 'shown', side, config: scenarioConfigAt(r.scenarioId, r.options, r.step, r.choices) };
  if (r.compareId === null)
    return {
      state: 'refused',
      side,
      message: 'no scenario is compared, so there is no second timeline to follow',
    };
  const step = comparedStep(r, r.compareId);
  return { state: 'shown', side, config: scenarioConfigAt(r.compareId, {}, step, r.choices) };
}

export function followedAt(r: FollowRequest): Followed {
  const { patch, ...rest } = r.choices;
  const key = JSON.stringify([
    r.side,
    r.scenarioId,
    r.options,
    r.step,
    r.compareId,
    rest,
    patch?.name,
    patch?.text,
  ]);
  if (last?.key === key) return last.value;
  let value: Followed;
  try {
    value = follow(r);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    value = { state: 'refused', side: r.side, message: e.message };
  }
  last = { key, value };
  return value;
}
