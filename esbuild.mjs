// Bundles the extension. `dist/boot.js` is what VS Code loads to activate it: a few lines, so that
// activation costs what an empty extension's does; it loads `dist/extension.js`, what the first
// paint shows, right after; that loads `dist/later.js` (src/later.ts: capture, sync, the panels,
// the commands) once the first paint is up. `vscode` is provided by the host and better-sqlite3
// loads its native binary from node_modules, so both stay external.
// The pages (src/webview/insights, src/webview/review) are browser scripts: dist/webview/<page>.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
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
const extension = { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['better-sqlite3'] };
const later = { ...common, entryPoints: ['src/later.ts'], outfile: 'dist/later.js', external: ['better-sqlite3'] };
const boot = { ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.js', external: ['vscode', './extension'] };

/** How `dist/later.js` asks for a module of `dist/extension.js`: "progress-log:src/core/errors.ts". */
const SHARED = 'progress-log:';
const SHARED_LIST = path.resolve('src/sharedModules.ts');

/**
 * In the second bundle, each module the first one holds is not bundled again but required from it
 * by its path, and noted in `used`: one instance of each, so that the rules' state (the user's
 * language, src/core/l10n.ts) and the error classes (`instanceof`) are the same on both sides.
 */
function fromFirstBundle(inFirst, used) {
  return {
    name: 'from-first-bundle',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (resolved.errors.length > 0 || resolved.namespace !== 'file') return resolved;
        const relative = path.relative(process.cwd(), resolved.path).split(path.sep).join('/');
        if (!inFirst.has(relative)) return resolved;
        used.add(relative);
        return { path: `${SHARED}${relative}`, external: true };
      });
    },
  };
}

/** In the first bundle, src/sharedModules.ts lists the modules the second one requires from it. */
function sharedList(used) {
  return {
    name: 'shared-list',
    setup(build) {
      build.onLoad({ filter: /sharedModules\.ts$/ }, (args) => {
        if (args.path !== SHARED_LIST) return undefined;
        const names = [...used].sort();
        const imports = names.map((name, index) => `import * as m${index} from ${JSON.stringify(path.resolve(name))};`);
        const entries = names.map((name, index) => `  ${JSON.stringify(SHARED + name)}: m${index},`);
        return { contents: [...imports, 'export const sharedModules = {', ...entries, '};', ''].join('\n'), loader: 'ts', resolveDir: path.dirname(SHARED_LIST) };
      });
    },
  };
}

const sourceInputs = (metafile) => new Set(Object.keys(metafile.inputs).filter((input) => !input.includes(':')));

/**
 * The two bundles of the extension proper: the first without the list to learn what it holds, the
 * second taking those modules from it, the first again listing what the second took. Each module
 * is in one bundle only, which is checked before either file is written: a failed build leaves
 * the last good pair in dist/.
 */
async function buildExtension() {
  const first = await esbuild.build({ ...extension, plugins: [vscodeOnce], write: false, metafile: true });
  const inFirst = sourceInputs(first.metafile);
  const used = new Set();
  const second = await esbuild.build({ ...later, plugins: [fromFirstBundle(inFirst, used), vscodeOnce], write: false, metafile: true });
  const listed = await esbuild.build({ ...extension, plugins: [sharedList(used), vscodeOnce], write: false, metafile: true });
  const inBoth = [...sourceInputs(second.metafile)].filter((input) => inFirst.has(input));
  const grown = [...sourceInputs(listed.metafile)].filter((input) => !inFirst.has(input));
  if (inBoth.length > 0 || grown.length > 0) throw new Error(`The two bundles share no module, but: ${[...inBoth, ...grown].join(', ')}`);
  for (const file of [...second.outputFiles, ...listed.outputFiles]) {
    await fs.promises.mkdir(path.dirname(file.path), { recursive: true });
    await fs.promises.writeFile(file.path, file.contents);
  }
}

/** Builds the extension proper again after each change under src/, one build at a time; a failed build is said and watching goes on. */
function watchExtension() {
  let running = false;
  let again = false;
  let timer;
  const run = async () => {
    if (running) return void (again = true);
    running = true;
    do {
      again = false;
      await buildExtension().then(
        () => console.log(`[watch] dist/extension.js and dist/later.js built`),
        (error) => console.error(`[watch] ${error.message}`),
      );
    } while (again);
    running = false;
  };
  void run();
  fs.watch('src', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(run, 100);
  });
}

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
  // The two bundles depend on each other's contents: any change under src/ builds both again.
  for (const entry of [boot, webview]) await (await esbuild.context(entry)).watch();
  watchExtension();
} else {
  await Promise.all([buildExtension(), ...[boot, webview].map((entry) => esbuild.build(entry))]);
}
