// ESLint flat config (run as `eslint -c .eslint.config.js .` to keep the top level to the files the
// project layout names). Folder import bans enforce the dependency direction of STYLE.md §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureBans = [
  { name: 'node:fs', message: 'Pure modules do no I/O: take data as parameters.' },
  { name: 'node:fs/promises', message: 'Pure modules do no I/O: take data as parameters.' },
  { name: 'better-sqlite3', message: 'SQL lives in src/store only.' },
  { name: 'commander', message: 'CLI wiring lives in src/cli only.' },
  { name: 'exceljs', message: 'Workbooks are built in src/output only.' },
  { name: 'cli-table3', message: 'Tables are rendered in src/output only.' },
  { name: '@inquirer/prompts', message: 'Only src/cli/prompts.ts asks questions.' },
];
// src/output may use the renderers' libraries; everything else in the pure folders may not.
const outputBans = pureBans.filter((ban) => ban.name !== 'cli-table3' && ban.name !== 'exceljs');
const clockBan = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Take asOf as a parameter.',
  },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take asOf as a parameter.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/bench/.work/', '**/*.mjs', '**/*.js', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
    },
  },
  {
    files: [
      'src/analysis/**',
      'src/anomalies/**',
      'src/forecast/**',
      'src/output/**',
      'src/model/**',
      'src/currency/**',
      'src/optimizer/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pureBans,
          patterns: [
            {
              group: ['**/store/**', '**/cli/**', '**/ingest/**', '**/config/**'],
              message: 'Imports point inward (STYLE.md §2).',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...clockBan],
    },
  },
  {
    files: ['src/output/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: outputBans,
          patterns: [
            {
              group: ['**/store/**', '**/cli/**', '**/ingest/**', '**/config/**'],
              message: 'Imports point inward (STYLE.md §2).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ingest/**', 'src/pricing/**', 'src/store/**', 'src/config/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'Nothing imports cli (STYLE.md §2).' }] },
      ],
    },
  },
  {
    // Numeric kernels index arrays inside loops bounded by their lengths: `values[index]!` states that
    // invariant, where `?? 0` would silently turn an indexing bug into a wrong forecast.
    files: ['src/forecast/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
