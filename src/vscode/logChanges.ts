import * as vscode from 'vscode';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';

/** How often to check whether another window wrote to the shared database. */
const POLL_MS = 2000;

/**
 * One event for "the log changed": fired by this window's writes and, through SQLite's
 * `data_version`, by other windows' writes, so every view stays current without a reload.
 */
export class LogChanges extends Disposable {
  private readonly emitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private lastVersion: number | undefined;

  constructor(private readonly store: Store) {
    super();
    const timer = setInterval(() => this.poll(), POLL_MS);
    timer.unref?.();
    this.register({ dispose: () => clearInterval(timer) });
  }

  /** Call after this window wrote. */
  fire(): void {
    this.emitter.fire();
  }

  private poll(): void {
    try {
      const version = this.store.dataVersion();
      if (this.lastVersion !== undefined && version !== this.lastVersion) this.emitter.fire();
      this.lastVersion = version;
    } catch {
      // a busy or closed database: look again next time
    }
  }
}
