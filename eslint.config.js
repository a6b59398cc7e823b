import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'src/main/core and src/shared must run in plain Node: no electron import. Put Electron code in src/main/index.ts, ipc.ts or src/main/desktop/.' }],
      patterns: [{ group: ['electron/*'], message: 'No electron imports in core or shared.' }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', 'tests/e2e/artifacts/**', 'bench/tmp/**', 'tests/fixtures/**/*.{xls,xlsx,csv,txt}'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts'], rules: noElectron },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared imports neither node, electron nor the DOM.' }],
          patterns: [{ group: ['node:*', 'electron/*'], message: 'src/shared imports neither node, electron nor the DOM.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer talks to window.api only.' }], patterns: [{ group: ['node:*'], message: 'The renderer cannot use Node modules.' }] },
      ],
    },
  },
);
