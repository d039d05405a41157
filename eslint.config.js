// Lint rules, including the engine boundary: nothing under src/ may import the UI, React, Zustand or a
// DOM-touching d3 module; the app may use the engine only through src/index.ts (and src/share/index.ts,
// the link codecs it loads on demand).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const DOM_D3 = ['d3-selection', 'd3-transition', 'd3-zoom', 'd3-drag', 'd3-brush', 'd3-axis'];

export default tseslint.config(
  { ignores: ['dist', 'dist-blank', 'dist-cli', 'node_modules', 'bench/latest.json', 'test/artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', ...DOM_D3].map((name) => ({
            name,
            message: 'src/ is the pure engine: no UI, store or DOM modules.',
          })),
          patterns: [
            { group: ['**/app/**', '../app/*', '../../app/*'], message: 'src/ must not import from app/.' },
            { group: ['react-dom/*', 'zustand/*'], message: 'src/ is the pure engine.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../src/*/**',
                '../../src/*/**',
                '../../../src/*/**',
                '!../src/share/index',
                '!../../src/share/index',
                '!../../../src/share/index',
              ],
              message: 'Use the engine through src/index.ts (or src/share/index.ts for the link codecs).',
            },
          ],
        },
      ],
    },
  },
);
