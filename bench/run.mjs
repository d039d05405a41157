#!/usr/bin/env node
// `npm run bench`: one JSON document on stdout, also written to bench/latest.json. Timings, never assertions.
import { writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { runEngineBench } = await import('./engine.ts');
const { runBrowserBench } = await import('./browser.ts');
const { runUrlBench } = await import('./urls.ts');
const engine = runEngineBench();
const browser = await runBrowserBench();
const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  ...engine,
  ...runUrlBench(),
  ...browser,
  scenario: { ...engine.scenario, ...browser.scenario },
};
const json = JSON.stringify(results, null, 2);
writeFileSync(new URL('./latest.json', import.meta.url), `${json}\n`);
console.log(json);
