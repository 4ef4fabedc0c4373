/**
 * What VS Code loads to activate Progress Log: a few lines, so that activation costs what an empty
 * extension's does. VS Code counts loading this file and the synchronous part of `activate()` as
 * the extension's activation; the extension proper (`./extension`: SQLite, git, the views and
 * commands) loads right after, on the next turn of the event loop, and `activate()`'s promise
 * resolves once what the first paint shows is up (see src/extension.ts), so VS Code runs none of
 * Progress Log's commands before.
 *
 * The extension proper is loaded as `require` would, but with V8's code cache: compiling the whole
 * bundle at every start is most of what loading it costs the host's thread, reading what V8
 * compiled last time a small part of that (bench/README.md). The cache is written once per version
 * of the bundle, in the extension's global storage, once a start that had none has painted; V8
 * refuses a cache another V8 wrote, and the bundle is then compiled afresh. (Node's own compile
 * cache, `module.enableCompileCache()`, would turn one on for every extension in the host.)
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { CODE_CACHE_FOLDER, loadWithCodeCache } from './core/codeCache';
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
        const loaded = loadWithCodeCache<typeof Extension>(path.join(__dirname, 'extension.js'), path.join(context.globalStorageUri.fsPath, CODE_CACHE_FOLDER));
        extension = loaded.exports;
        const loadWaitedMs = runQueueMs() - queued;
        const activated = extension.activate(context, { activatedAt, loadMs: performance.now() - loading, loadWaitedMs, cached: loaded.cached });
        // What the first paint ran, compiled: a cache of that alone is quick to read at the next start.
        const { writeCache } = loaded;
        const cacheLater = () => void setImmediate(() => void writeCache?.());
        if (writeCache) activated.then(cacheLater, cacheLater);
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
 * ICU, behind every Intl object, loads what it needs at the first use in the process, and the
 * status bar's first "this week" (its time zone) would pay for it on the host's thread. That work
 * is the process's, not the thread's: a worker that uses Intl while the extension proper loads and
 * the database is checked pays it off the host's thread, for the cost of starting a worker. It
 * ends by itself.
 */
function warmIntl(): void {
  try {
    new Worker("new Intl.DateTimeFormat('en-US', { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, weekday: 'long' }).format(0);", { eval: true }).unref();
  } catch {
    // no worker threads here: the status bar pays it
  }
}
