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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // React's ~220 kB arrive as a chunk of their own, parsed on a background thread beside the app's own
    // chunks instead of ahead of them in one file: a shared link is interactive ~30–60 ms sooner.
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'react', test: /node_modules\/(react|react-dom|scheduler)\// }] },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    projects: [
      { extends: true, test: { name: 'engine', include: ['test/engine/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // A poll waits for the app, not for a fixed second: CI machines are slower than this one.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
