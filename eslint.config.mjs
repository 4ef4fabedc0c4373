// Lint for the whole project, run by `npm test` (npm run lint). The one architectural rule: the
// core (everything outside src/vscode, src/extension.ts and the tests that run in VS Code) never
// imports `vscode`, so it runs anywhere: a command line, a worker, a unit test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE_FREE = ['src/core/**', 'src/goals/**', 'src/insights/**', 'src/storage/**', 'src/git/**', 'src/capture/**', 'src/log/**', 'src/report/**', 'src/naming/**', 'src/webview/**', 'src/ids.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', __dirname: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: VSCODE_FREE,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core never imports vscode: put VS Code code under src/vscode and pass what the core needs in.' }] }],
    },
  },
  {
    // Browser and Node scripts written in JavaScript.
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Mocha's tdd interface, in the browser tests written in JavaScript.
    files: ['test/**/*.mjs'],
    languageOptions: { globals: { suite: 'readonly', test: 'readonly', setup: 'readonly', teardown: 'readonly', suiteSetup: 'readonly', suiteTeardown: 'readonly' } },
  },
);
