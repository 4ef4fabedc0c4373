// One .vsix per platform, each carrying only its own better-sqlite3 binary (`vsce package --target`).
//
//   node scripts/package.mjs          this machine's package, as progress-log.vsix (npm run package)
//   node scripts/package.mjs --all    every target into packages/, and this machine's as
//                                     progress-log.vsix too (npm run package:all)
//   node scripts/package.mjs --target linux-arm64 [--out file.vsix]
//
// Run after `npm run build` (the npm scripts do). Each package is made in a staging folder holding
// what runs and nothing else: the production dependencies as npm would install them (so that vsce's
// `npm list` finds them) with one prebuilt binary, filtered by the project's .vscodeignore. That
// also makes packaging work from a checkout whose node_modules is a link to another's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const packagesDir = path.join(root, 'packages');
export const machinePackage = path.join(root, 'progress-log.vsix');

/**
 * VS Code's target platforms and better-sqlite3's name for the binary each one loads. better-sqlite3
 * 13 ships N-API binaries for all eight inside its npm package (prebuilds/), musl ones for Alpine
 * included, so none is downloaded or compiled. A target without a binary here is skipped with its
 * reason (`missing`).
 */
export const TARGETS = {
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'alpine-x64': 'linuxmusl-x64',
  'alpine-arm64': 'linuxmusl-arm64',
};

const PREBUILDS = new Set(Object.values(TARGETS));

/** The largest package we ship: what a user downloads on a slow connection. */
export const MAX_PACKAGE_BYTES = 2.5 * 1024 * 1024;

/** The target VS Code installs on this machine: Alpine's musl libc is a platform of its own. */
export function machineTarget() {
  const musl = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  return `${musl ? 'alpine' : process.platform}-${process.arch}`;
}

function packageDir(name, from = root) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed: run npm ci`);
  }
}

/** The production dependencies, each with the folder npm installed it in: what `npm ci --omit=dev` leaves. */
function productionDependencies() {
  const found = new Map();
  const visit = (dependencies, from) => {
    for (const name of Object.keys(dependencies ?? {})) {
      if (found.has(name)) continue;
      const dir = packageDir(name, from);
      found.set(name, dir);
      visit(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies, dir);
    }
  };
  visit(manifest.dependencies, root);
  return found;
}

const ROOT_FILES = ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const ROOT_FOLDERS = ['dist', 'media', 'l10n'];

/** A folder with what the package is made from, better-sqlite3 holding only `prebuild`'s binary. */
function stage(prebuild) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-package-'));
  for (const file of [...ROOT_FILES, ...fs.readdirSync(root).filter((name) => /^package\.nls(\..+)?\.json$/.test(name))]) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  for (const folder of ROOT_FOLDERS) fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  for (const [name, from] of productionDependencies()) {
    const to = path.join(dir, 'node_modules', name);
    fs.cpSync(from, to, {
      recursive: true,
      // Another platform's binary, or its entry point (lib/<platform>-<arch>.js, which loads it), never ships.
      filter: (source) => {
        if (name !== 'better-sqlite3') return true;
        const relative = path.relative(from, source).split(path.sep).join('/');
        if (relative.startsWith('prebuilds/')) return relative === `prebuilds/${prebuild}.node`;
        const entry = /^lib\/(.+)\.js$/.exec(relative)?.[1];
        return !PREBUILDS.has(entry) || entry === prebuild;
      },
    });
  }
  return dir;
}

function vsce(args, cwd) {
  const bin = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // An outer `npm run` exports its settings; vsce's own `npm list` in the staging folder needs none.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Builds one target's package at `out`; returns its size in bytes. */
export function packageTarget(target, out) {
  const prebuild = TARGETS[target];
  if (!prebuild) throw new Error(`Unknown target ${target}: one of ${Object.keys(TARGETS).join(', ')}`);
  const binary = path.join(packageDir('better-sqlite3'), 'prebuilds', `${prebuild}.node`);
  if (!fs.existsSync(binary)) {
    throw new Error(`better-sqlite3 ${manifest.dependencies['better-sqlite3']} has no prebuilt binary for ${target} (${path.relative(root, binary)})`);
  }
  for (const file of ['dist/boot.js', 'dist/extension.js', 'dist/later.js']) {
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run "npm run build" first`);
  }
  const dir = stage(prebuild);
  try {
    vsce(['package', '--target', target, '--out', out], dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return fs.statSync(out).size;
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

function main(argv) {
  const all = argv.includes('--all');
  const targetIndex = argv.indexOf('--target');
  const outIndex = argv.indexOf('--out');
  const machine = machineTarget();
  if (!all) {
    const target = targetIndex >= 0 ? argv[targetIndex + 1] : machine;
    const out = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : target === machine ? machinePackage : path.join(packagesDir, `progress-log-${target}.vsix`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const size = packageTarget(target, out);
    process.stdout.write(`${path.relative(process.cwd(), out)}: ${target}, ${mib(size)}\n`);
    return size > MAX_PACKAGE_BYTES ? 1 : 0;
  }
  fs.rmSync(packagesDir, { recursive: true, force: true });
  fs.mkdirSync(packagesDir, { recursive: true });
  let failed = 0;
  for (const target of Object.keys(TARGETS)) {
    const out = path.join(packagesDir, `progress-log-${target}.vsix`);
    try {
      const size = packageTarget(target, out);
      const over = size > MAX_PACKAGE_BYTES;
      if (over) failed++;
      process.stdout.write(`${path.relative(process.cwd(), out)}: ${mib(size)}${over ? ` (over ${mib(MAX_PACKAGE_BYTES)})` : ''}\n`);
      if (target === machine) fs.copyFileSync(out, machinePackage);
    } catch (error) {
      failed++;
      process.stderr.write(`${target}: ${error instanceof Error ? error.message : error}\n`);
    }
  }
  if (!Object.hasOwn(TARGETS, machine)) process.stderr.write(`This machine (${machine}) is not a target: no progress-log.vsix for it.\n`);
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
