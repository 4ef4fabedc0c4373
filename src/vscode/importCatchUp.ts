import type * as vscode from 'vscode';
import type { HistoryCatchUp } from '../capture/historyCatchUp';
import { Disposable } from './lifecycle';
import type { Notices } from './notices';

/** How long after what prompts it the look is taken: off the first look's and a sync's own path, and once for a burst of changes. */
const LOOK_DELAY_MS = 3000;

/**
 * When this window looks for history that another machine imported and this one has not
 * (src/capture/historyCatchUp.ts does the looking and the import): a little after a repository's
 * first look in this session, and a little after the log changes (a sync, in this window or
 * another, brought an import), at most once per delay. A look is one read of two small tables;
 * the import runs in the importer's turns, with its progress shown and Cancel.
 */
export class ImportCatchUp extends Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly catchUp: HistoryCatchUp,
    /** The repositories open in this window. */
    private readonly roots: () => readonly string[],
    private readonly notices: Notices,
    onDidChangeLog: vscode.Event<void>,
    private readonly delayMs = LOOK_DELAY_MS,
  ) {
    super();
    this.register(onDidChangeLog(() => this.soon()));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  /** Looks a little later, unless a look is due already. */
  soon(): void {
    if (this.isDisposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.notices.guard('history catch-up', () => this.catchUp.consider(this.roots()));
    }, this.delayMs);
  }
}
