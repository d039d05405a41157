/**
 * The engine half of following a scenario, its own chunk (it runs scenarios): the config state at a step,
 * kept for the last step asked so the views, the banner and the search share one run.
 */
import { EngineError, scenarioConfigAt } from '../../src/index';
import type { Followed } from './useFollowed';

let last: { key: string; value: Followed } | null = null;

export function followedAt(id: string, options: Record<string, unknown>, step: number): Followed {
  const key = JSON.stringify([id, options, step]);
  if (last?.key === key) return last.value;
  let value: Followed;
  try {
    value = { state: 'shown', config: scenarioConfigAt(id, options, step) };
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    value = { state: 'refused', message: e.message };
  }
  last = { key, value };
  return value;
}
