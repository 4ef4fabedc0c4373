/**
 * What VS Code loads to activate Progress Log: a few lines, so that activation costs what an empty
 * extension's does. VS Code counts loading this file and the synchronous part of `activate()` as
 * the extension's activation; the extension proper (`./extension`: SQLite, git, the views and
 * commands) loads right after, on the next turn of the event loop, and `activate()`'s promise
 * resolves once what the first paint shows is up (see src/extension.ts), so VS Code runs none of
 * Progress Log's commands before.
 *
 * The extension proper is loaded as `require` would, but with V8's code cache: compiling its
 * 340 KB costs 15–40 ms of the host's thread at every start, reading what V8 compiled last time
 * 2–7 ms (bench/README.md). The cache is written once per version of the bundle, in the
 * extension's global storage, a while after a start that had none; V8 refuses a cache another V8
 * wrote, and the bundle is compiled afresh.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { runQueueMs } from './core/runQueue';
import type * as Extension from './extension';

let extension: typeof Extension | undefined;

export function activate(context: vscode.ExtensionContext): Promise<ReturnType<typeof Extension.activate>> {
  const activatedAt = performance.now();
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        const loading = performance.now();
        const queued = runQueueMs();
        warmIntl();
        const loaded = load(path.join(__dirname, 'extension.js'), path.join(context.globalStorageUri.fsPath, 'code-cache'));
        extension = loaded.exports;
        const loadWaitedMs = runQueueMs() - queued;
        const activated = extension.activate(context, { activatedAt, loadMs: performance.now() - loading, loadWaitedMs, cached: loaded.cached });
        // What the first paint ran, compiled: a cache of that alone is quick to read at the next start.
        const { writeCache } = loaded;
        if (writeCache) activated.then(() => setImmediate(writeCache), () => setImmediate(writeCache));
        resolve(activated);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export function deactivate(): void {
  extension?.deactivate();
}

/**
 * ICU, behind every Intl object, reads its data at the first use in the process: 20 ms of the
 * host's thread on an idle machine, 40–70 ms on a busy one, paid by the status bar's first "this
 * week" (its time zone). The data is the process's: a worker that uses Intl while the extension
 * proper loads and the database is checked pays it off the host's thread. It ends by itself.
 */
function warmIntl(): void {
  try {
    new Worker("new Intl.DateTimeFormat('en-US', { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, weekday: 'long' }).format(0);", { eval: true }).unref();
  } catch {
    // no worker threads here: the status bar pays it
  }
}

/** Runs `file` as a CommonJS module, compiled with the code cache kept in `cacheDir` for this very file. */
function load(file: string, cacheDir: string): { exports: typeof Extension; cached: boolean; writeCache?: () => void } {
  const { size, mtimeMs } = fs.statSync(file);
  const cacheFile = path.join(cacheDir, `extension-${size}-${Math.trunc(mtimeMs)}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet: compiled afresh, and cached below
  }
  // The wrapper Node puts around a module, on a line of its own so that lines and columns in stack traces are the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {\n${fs.readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} as typeof Extension };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: module.exports, cached, writeCache: cached ? undefined : () => writeCache(script, cacheDir, cacheFile) };
}

/** Writes what V8 compiled, whole or not at all (another window may read it meanwhile), and drops the caches of other bundles. */
function writeCache(script: vm.Script, cacheDir: string, cacheFile: string): void {
  const written = `${cacheFile}.${process.pid}`;
  fs.promises
    .mkdir(cacheDir, { recursive: true })
    .then(() => fs.promises.writeFile(written, script.createCachedData()))
    .then(() => fs.promises.rename(written, cacheFile))
    .then(() => fs.promises.readdir(cacheDir))
    .then((names) => Promise.all(names.filter((name) => path.join(cacheDir, name) !== cacheFile).map((name) => fs.promises.rm(path.join(cacheDir, name), { force: true }))))
    .catch(() => fs.promises.rm(written, { force: true }).catch(() => undefined));
}
