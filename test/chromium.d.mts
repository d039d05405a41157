// Types of chromium.mjs (plain JavaScript, so that `npm test` can run it before anything is built).
export declare const DEFAULT_CHROMIUM: string;
export declare const INSTALL_COMMAND: string;
export interface ChromiumFacts {
  path: string;
  custom: boolean;
  exists: boolean;
  root: boolean;
  apt: boolean;
}
export type ChromiumPlan = { kind: 'ready' } | { kind: 'install'; say: string } | { kind: 'tell'; say: string };
export declare function chromiumPlan(facts: ChromiumFacts): ChromiumPlan;
export declare function ensureChromium(env?: NodeJS.ProcessEnv): string | undefined;
