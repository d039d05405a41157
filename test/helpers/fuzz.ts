/** Shared fast-check settings: a fixed seed, a quick run in `npm test`, FUZZ_RUNS cases in `npm run fuzz`. */
import { EngineError } from '../../src/index';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
export const fcParams = { seed: 0x5eed, numRuns: RUNS } as const;

/** Only EngineError may escape the engine; anything else is a crash. */
export function engineErrorsOnly(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
  }
}
