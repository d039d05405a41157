#!/usr/bin/env node
// The `vfio-explorer` command: plain JavaScript built from src/cli by `npm install` (scripts/build-cli.mjs).
try {
  await import('../dist-cli/vfio-explorer.mjs');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e;
  process.stderr.write('vfio-explorer: the command is not built yet: run `npm run build:cli` (npm install does it).\n');
  process.exitCode = 1;
}
