/** The timeline for the current scenario and options, from the engine; an option error is a value. */
import { useMemo } from 'react';
import { EngineError, runScenario, type ScenarioResult } from '../../src/index';
import { useExplorer } from '../store/explorer';

export type ScenarioModel = { ok: true; result: ScenarioResult } | { ok: false; message: string };

export function useScenario(): ScenarioModel {
  const id = useExplorer((s) => s.scenarioId);
  const options = useExplorer((s) => s.scenarioOptions);
  return useMemo(() => {
    try {
      return { ok: true, result: runScenario(id, options) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { ok: false, message: e.message };
    }
  }, [id, options]);
}
