// Bundles the extension into dist/extension.js. `vscode` is provided by the host and
// better-sqlite3 loads its native binary from node_modules, so both stay external.
// The Insights page (src/webview/insights) is a second entry: a browser script, dist/webview/insights.js.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode', 'better-sqlite3'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const webview = {
  entryPoints: ['src/webview/insights/main.ts'],
  outfile: 'dist/webview/insights.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  sourcemap: production ? false : 'inline',
  minify: production,
  logLevel: 'warning',
};

if (watch) {
  for (const entry of [options, webview]) await (await esbuild.context(entry)).watch();
} else {
  await Promise.all([esbuild.build(options), esbuild.build(webview)]);
}
