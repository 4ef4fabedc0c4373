// Lint for the whole project, run by `npm test` (npm run lint). Two architectural rules, one
// `no-restricted-imports` per layer (test/unit/layers.test.ts lints planted files to show both):
// - Dependencies run one way, down the layers below: a file imports its own layer and the ones
//   under it, never one above. Pure rules and calendar arithmetic are core; storage knows only the
//   core; the features (capture, naming, goals, review, insights, log, report) use storage, git and
//   the core; only the VS Code layer and the composition root see everything. The command line
//   (src/cli) is a second composition root on top: it sees the features and all under them, never
//   the VS Code layer or the extension's root, and nothing imports it.
// - Everything under src/ but the VS Code layer (src/vscode), src/extension.ts and src/boot.ts is
//   free of `vscode`, so it runs anywhere: a command line, a worker, a unit test, a web page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first: each entry's folders (or files); a file there imports nothing
 * of a layer above it, nor of the places its `never` names.
 */
const LAYERS = [
  { name: 'core', at: ['core', 'ids.ts'] },
  { name: 'git', at: ['git'] },
  { name: 'storage', at: ['storage'] },
  { name: 'features', at: ['capture', 'naming', 'goals', 'review', 'insights', 'log', 'report', 'sync'] },
  { name: 'VS Code', at: ['vscode', 'webview'] },
  { name: 'composition root', at: ['extension.ts', 'boot.ts', 'later.ts', 'laterBundle.ts', 'sharedModules.ts'] },
  { name: 'command line', at: ['cli'], never: ['vscode', 'webview', 'extension.ts', 'boot.ts', 'later.ts', 'laterBundle.ts', 'sharedModules.ts'] },
];

/**
 * A pattern of the import paths, as written, that reach one of `places` of src/: from a file in a
 * folder of src/ they climb out of it first (`../storage/…`); from a file in src/ itself, `./`.
 */
const reaching = (places, fromRoot) => `^${fromRoot ? '\\./' : '(\\.\\./)+'}(${places.map((place) => place.replace(/\.ts$/, '')).join('|')})(/|$)`;

const VSCODE_FREE_MESSAGE = 'Only src/vscode, src/extension.ts and src/boot.ts import vscode: put VS Code code under src/vscode and pass what the core needs in.';

const layerRules = LAYERS.map((layer, index) => {
  const above = LAYERS.slice(index + 1);
  const files = layer.at.map((place) => (place.endsWith('.ts') ? `src/${place}` : `src/${place}/**/*.ts`));
  const mayImportVscode = layer.name === 'VS Code' ? !layer.at.includes('webview') : layer.name === 'composition root';
  const message = `The ${layer.name} layer never imports from a layer above it (${above.map((higher) => higher.name).join(', ')}): dependencies run down.`;
  const higher = above.flatMap((entry) => entry.at).filter((place) => !layer.never?.includes(place));
  const apart = layer.never
    ? [{ regex: reaching(layer.never, false), message: `The ${layer.name} is a composition root of its own: it never imports ${layer.never.map((place) => `src/${place}`).join(', ')}; what it shares with the extension lives in the layers under both.` }]
    : [];
  const patterns = (fromRoot) => [...(higher.length ? [{ regex: reaching(higher, fromRoot), message }] : []), ...apart];
  return { layer, files, mayImportVscode, patterns };
});

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
    // A folder no layer names yet is still free of vscode (the layers below say more).
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**', 'src/extension.ts', 'src/boot.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_FREE_MESSAGE }] }] },
  },
  ...layerRules.flatMap(({ layer, files, mayImportVscode, patterns }) => {
    // The webview pages run in a browser: they are the VS Code layer's, and never import vscode.
    const split = layer.name === 'VS Code' ? [{ files: ['src/vscode/**/*.ts'], vscode: true }, { files: ['src/webview/**/*.ts'], vscode: false }] : [{ files, vscode: mayImportVscode }];
    return split.flatMap((part) =>
      part.files.map((glob) => ({
        files: [glob],
        rules: {
          'no-restricted-imports': ['error', { paths: part.vscode ? [] : [{ name: 'vscode', message: VSCODE_FREE_MESSAGE }], patterns: patterns(!glob.includes('/**')) }],
        },
      })),
    );
  }),
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
