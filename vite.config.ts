/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * A strict Content-Security-Policy for the built app: only its own scripts, no eval, no remote origins.
 * Not applied to the dev server, whose React refresh preamble is an inline script.
 *
 * The tag closes the head, after the build's script and preload tags: Chromium holds back the preload
 * scanner's fetches until its parser reaches a CSP meta tag (so that the policy can vet them). Measured
 * against the same page without the tag, the app's first fetch starts ~30 ms later with the tag at the top
 * of the head and ~15 ms later with it here. Those tags name the build's own same-origin files; the policy
 * is in force before any script runs (module scripts run after parsing), as the e2e test checks.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace('</head>', `  <meta http-equiv="Content-Security-Policy" content="${CSP}" />\n  </head>`),
  },
});

/**
 * React ships as CommonJS, which the bundler wraps in a factory that V8 compiles lazily: the first
 * `require` of react-dom then parses its ~200 kB again, on the main thread, before anything can render.
 * Wrapping each production file's code in a parenthesized function expression called at once lets V8
 * compile it while the file streams in, on a background thread (its heuristic for such "PIFEs"): a shared
 * link is interactive ~35 ms sooner in A/B runs. The code and its scope are unchanged: `this`, `exports`,
 * `module` and `require` are the factory's.
 */
const REACT = /node_modules\/(react|react-dom|scheduler)\//;

const eagerReact = (): Plugin => ({
  name: 'eager-react',
  apply: 'build',
  transform(code, id) {
    if (!REACT.test(id) || !/\/cjs\/[^/]+\.production\.js$/.test(id)) return null;
    return { code: `(function () {${code}\n}).call(this);\n`, map: null };
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), eagerReact()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The first screen is two scripts (and the bundler's 0.7 kB runtime): React, and every module the entry
    // imports statically (rolldown's $initial tag), parsed side by side on background threads. Left to
    // itself the bundler cut that code into five shared chunks; with the stylesheet that made seven
    // requests, past HTTP/1.1's six per host, and resource timing showed the last ones waiting ~40 ms for
    // a connection. Lazy chunks import what they share from these two.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: REACT, priority: 2 },
            { name: 'app', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts'],
          environment: 'node',
          // Property and fuzz tests are bounded by their case counts (test/helpers/fuzz.ts), not by a clock:
          // Vitest's 5 s default failed them on a 2-core machine doing other work. A test that hangs still
          // ends, after ten minutes.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          // A browser on a loaded machine can take many times its usual second: the limits only catch hangs.
          // Above the poll timeout with room to spare, so a state that never comes fails its own poll (which
          // names the step) and a slow-but-working test, many polls long, is not cut off.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // A poll waits for the app, not for a fixed second: CI machines are slower than this one.
          expect: { poll: { timeout: 120_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
