import * as vscode from 'vscode';
import type { CommitScanner } from '../capture/commitScanner';
import type { Logger } from '../core/logger';
import type { GitWatcher } from './gitWatcher';
import { Disposable } from './lifecycle';
import type { LogChanges } from './logChanges';
import type { Notices } from './notices';
import type { OutcomePrompter } from './prompter';

/**
 * The capture loop in VS Code: a repository changed → scan it → offer what this window claimed.
 * In Restricted Mode git is not run at all (a repository's config can make git run programs).
 */
export class Capture extends Disposable {
  constructor(
    private readonly scanner: CommitScanner,
    private readonly watcher: GitWatcher,
    private readonly prompter: OutcomePrompter,
    private readonly changes: LogChanges,
    private readonly notices: Notices,
    private readonly logger: Logger,
  ) {
    super();
    if (!vscode.workspace.isTrusted) {
      this.logger.info('Restricted Mode: Progress Log will not run git until this workspace is trusted');
    }
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.scanAll()));
  }

  /** Looks at one repository now. */
  async scan(root: string): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    await this.notices.guard(`scan:${root}`, async () => {
      const result = await this.scanner.scan(root);
      if (result.claimed.commits.length === 0 && result.claimed.branches.length === 0) return;
      this.changes.fire();
      this.prompter.offer(result.claimed);
    });
  }

  /** Looks at every open repository now. */
  async scanAll(): Promise<void> {
    await Promise.all(this.watcher.roots.map((root) => this.scan(root)));
  }
}
