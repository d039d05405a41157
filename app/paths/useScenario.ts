/** The timeline for the current scenario and options, from the engine; an option error is a value. */
import { useMemo } from 'react';
import { EngineError, runScenario, type ScenarioResult } from '../../src/index';
import { useExplorer } from '../store/explorer';

export type ScenarioModel = { ok: true; result: ScenarioResult } | { ok: false; message: string };

const NO_OPTIONS = {};

/** The compared scenario runs with its defaults; null when nothing is compared. */
export function useCompareScenario(): ScenarioModel | null {
  const id = useExplorer((s) => s.compareId);
  const model = useRun(id ?? 'S1', NO_OPTIONS);
  return id ? model : null;
}

export function useScenario(): ScenarioModel {
  const id = useExplorer((s) => s.scenarioId);
  const options = useExplorer((s) => s.scenarioOptions);
  return useRun(id, options);
}

function useRun(id: string, options: Record<string, unknown>): ScenarioModel {
  return useMemo(() => {
    try {
      return { ok: true, result: runScenario(id, options) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { ok: false, message: e.message };
    }
  }, [id, options]);
}
