// Bundles the extension. `dist/boot.js` is what VS Code loads to activate it: a few lines, so that
// activation costs what an empty extension's does; it loads `dist/extension.js` (everything else)
// right after. `vscode` is provided by the host and better-sqlite3 loads its native binary from
// node_modules, so both stay external.
// The pages (src/webview/insights, src/webview/review) are browser scripts: dist/webview/<page>.js.
import * as esbuild from 'esbuild';

/**
 * `vscode` as one module of the bundle that re-exports the host's API: each `import * as vscode`
 * of an external module would otherwise copy the API's 200-odd members into an object of its own,
 * once per importing file (two dozen) at every start.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['better-sqlite3'], plugins: [vscodeOnce] },
  { ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.js', external: ['vscode', './extension'] },
];

const webview = {
  entryPoints: { insights: 'src/webview/insights/main.ts', review: 'src/webview/review/main.ts' },
  outdir: 'dist/webview',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  sourcemap: production ? false : 'inline',
  minify: production,
  logLevel: 'warning',
};

if (watch) {
  for (const entry of [...builds, webview]) await (await esbuild.context(entry)).watch();
} else {
  await Promise.all([...builds, webview].map((entry) => esbuild.build(entry)));
}
