#!/usr/bin/env node
// Builds the `vfio-explorer` command from src/cli into plain JavaScript (dist-cli/vfio-explorer.mjs), so the
// installed CLI needs neither a TypeScript loader nor esbuild's native binary. `npm install` and `npm ci`
// run it (the `prepare` script); the tests that run the command call buildCli() first.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT = join(ROOT, 'dist-cli', 'vfio-explorer.mjs');

/**
 * One bundle of the engine and the CLI; runtime packages (fflate) stay imports. It is written to a
 * scratch directory and renamed into place, so two builds at once (a test file and the e2e setup)
 * never leave a half-written file.
 */
export async function buildCli() {
  const { build } = await import('vite');
  mkdirSync(join(ROOT, 'dist-cli'), { recursive: true });
  const scratch = mkdtempSync(join(ROOT, 'dist-cli', '.build-'));
  try {
    await build({
      root: ROOT,
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: join(ROOT, 'src', 'cli', 'bin.ts'),
        outDir: scratch,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rolldownOptions: { output: { entryFileNames: 'vfio-explorer.mjs' } },
      },
    });
    renameSync(join(scratch, 'vfio-explorer.mjs'), CLI_OUT);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return CLI_OUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await import('vite');
  } catch {
    // `npm install --omit=dev` has no Vite: say what the command needs instead of failing the install.
    console.warn(
      'vfio-explorer: the CLI was not built (Vite is a dev dependency); run `npm install` then `npm run build:cli`.',
    );
    process.exit(0);
  }
  await buildCli();
}
