import * as vscode from 'vscode';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';

/** How often to check whether another window changed the shared log. */
const POLL_MS = 2000;

/**
 * One event for "the log changed", raised where the log is written: by this window's store on
 * every write that changes what the log shows, and, through the log version other windows bump,
 * by their writes. Every view stays current without anyone remembering to fire it.
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
