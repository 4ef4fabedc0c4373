// The `progress-log` command's package.
//   node scripts/cli.mjs bundle   dist/cli/progress-log.js: src/cli in one file (what `npm run compile` makes)
//   node scripts/cli.mjs pack     progress-log-<version>.tgz: that file, a package.json with
//                                 `bin: { "progress-log": … }`, the licence; `npm install -g <tarball>` installs it
// Two files: progress-log.js, a few lines that Node (22 or later) runs from its `#!/usr/bin/env node`
// line, which check Node's version and turn on Node's compile cache before they load main.js, the
// rest in one bundle (compiled once, then read from the cache at every start). better-sqlite3 is
// the one dependency npm installs beside them (its native binary cannot be bundled).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const BUNDLE = path.join(root, 'dist', 'cli', 'progress-log.js');

/**
 * Node modules that only some commands use (git, the open check's worker, the questions of `name`,
 * hashing and random ids for writes): each is loaded when first used, not at every start, where
 * they cost `progress-log week` a tenth of its time. Their exports are known at build time, so
 * the stand-in has a getter for each.
 */
const LAZY_BUILTINS = /^node:(child_process|crypto|perf_hooks|readline|string_decoder|worker_threads)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: LAZY_BUILTINS }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const names = Object.keys(createRequire(import.meta.url)(args.path));
      const getters = names.map((name) => `get ${JSON.stringify(name)}() { return load()[${JSON.stringify(name)}]; }`);
      return { contents: `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(args.path)}));\nmodule.exports = { ${getters.join(', ')} };\n`, loader: 'js' };
    });
  },
};

/** Bundles src/cli into a folder: the command (progress-log.js) and what it loads (main.js). */
export async function bundle(folder = path.dirname(BUNDLE)) {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', minify: true, logLevel: 'warning' };
  const command = path.join(folder, 'progress-log.js');
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'bin.ts')], outfile: command, external: ['./main'], banner: { js: '#!/usr/bin/env node' } }),
    esbuild.build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'main.ts')], outfile: path.join(folder, 'main.js'), external: ['better-sqlite3'], plugins: [lazyBuiltins] }),
  ]);
  fs.chmodSync(command, 0o755);
  return command;
}

/** Packs the command as an npm package; returns the tarball's path. */
export async function pack(destination = root) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-cli-'));
  try {
    await bundle(stage);
    const cliManifest = {
      name: 'progress-log',
      version: manifest.version,
      description: 'Progress Log from a terminal: the outcomes of your work, one line at a time, in the same log as the VS Code extension.',
      license: manifest.license,
      bin: { 'progress-log': 'progress-log.js' },
      files: ['progress-log.js', 'main.js', 'LICENSE', 'README.md'],
      engines: { node: '>=22' },
      dependencies: { 'better-sqlite3': manifest.dependencies['better-sqlite3'] },
    };
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(cliManifest, null, 2)}\n`);
    fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
    fs.writeFileSync(path.join(stage, 'README.md'), commandReadme());
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: stage, encoding: 'utf8', env: cleanEnvironment() }).trim().split('\n').pop();
    return path.join(destination, name);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** The README's section about the command, as the package's own README. */
function commandReadme() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## The command line');
  if (start < 0) return '# progress-log\n\nProgress Log from a terminal. See the project README.\n';
  const end = readme.indexOf('\n## ', start + 1);
  return `# progress-log\n\n${readme.slice(start + '## The command line'.length, end < 0 ? undefined : end).trim()}\n`;
}

/** An outer `npm run` exports its own settings to what it starts; `npm pack` here needs none of them. */
function cleanEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command] = process.argv.slice(2);
  if (command === 'bundle') {
    await bundle();
  } else if (command === 'pack') {
    process.stdout.write(`${path.relative(process.cwd(), await pack())}\n`);
  } else {
    process.stderr.write('usage: node scripts/cli.mjs bundle | pack\n');
    process.exitCode = 2;
  }
}
