import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';

/** How often to check whether another window changed the shared log, when no file event said so first. */
const POLL_MS = 2000;
/** How long after a file event in the database's folder the version is read: a transaction's writes come together. */
const SETTLE_MS = 30;

/**
 * One event for "the log changed", raised where the log is written: by this window's store on
 * every write that changes what the log shows, and, through the log version other windows bump,
 * by their writes. Every view stays current without anyone remembering to fire it. Another
 * process's commit (a window, the `progress-log` command) writes the database's journal at once:
 * a change in its folder reads the version then, so the log shows it within moments, not at the
 * next poll.
 */
export class LogChanges extends Disposable {
  private readonly emitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private lastVersion: number | undefined;

  constructor(private readonly store: Store) {
    super();
    this.register(store.onDidChange(() => this.changed()));
    const timer = setInterval(() => this.poll(), POLL_MS);
    timer.unref?.();
    this.register({ dispose: () => clearInterval(timer) });
    this.watchFolder();
  }

  private watchFolder(): void {
    const name = path.basename(this.store.file);
    let settling: NodeJS.Timeout | undefined;
    try {
      const watcher = fs.watch(path.dirname(this.store.file), (_event, file) => {
        if (settling || (file !== null && !file.startsWith(name))) return;
        settling = setTimeout(() => {
          settling = undefined;
          this.poll();
        }, SETTLE_MS);
      });
      // A folder that cannot be watched (gone, too many watches): the poll remains.
      watcher.on('error', () => watcher.close());
      this.register({ dispose: () => (clearTimeout(settling), watcher.close()) });
    } catch {
      // As above: the poll remains.
    }
  }

  private changed(): void {
    this.lastVersion = this.version() ?? this.lastVersion;
    this.emitter.fire();
  }

  private poll(): void {
    const version = this.version();
    if (version === undefined) return;
    if (this.lastVersion !== undefined && version !== this.lastVersion) this.emitter.fire();
    this.lastVersion = version;
  }

  private version(): number | undefined {
    try {
      return this.store.logVersion();
    } catch {
      return undefined; // a busy or closed database: look again next time
    }
  }
}
