import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { GitApi, GitExtension, Repository } from './gitApi';
import { Disposable } from './lifecycle';

/** How long repository state must be quiet before we look: a rebase fires many changes. */
const SETTLE_MS = 600;
/** A commit made through VS Code is worth looking at almost at once. */
const COMMIT_SETTLE_MS = 100;
/** Changes that never stop (a busy working tree) still get looked at this often. */
const MAX_WAIT_MS = 3000;

/**
 * Follows every repository the built-in git extension opens (now and later) and calls `onChange`
 * with a repository root when something may have happened there, debounced per repository.
 */
export class GitWatcher extends Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waitingSince = new Map<string, number>();
  private readonly watched = new Map<string, vscode.Disposable>();
  private api: GitApi | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly onChange: (root: string) => void,
  ) {
    super();
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this.register({ dispose: () => this.watched.forEach((watch) => watch.dispose()) });
  }

  /** The git binary VS Code's git extension uses, once known. */
  get gitPath(): string | undefined {
    return this.api?.git.path;
  }

  /** The git extension's API, once connected. */
  get gitApi(): GitApi | undefined {
    return this.api;
  }

  /** Roots of the repositories currently open. */
  get roots(): string[] {
    return [...this.watched.keys()];
  }

  /**
   * Connects to the git extension. Resolves once its repositories are known, or at once when
   * git is disabled (then nothing is watched and the reason is logged).
   */
  async start(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) {
      this.logger.warn('The built-in git extension is not installed; no commits can be detected');
      return;
    }
    const gitExtension = extension.isActive ? extension.exports : await extension.activate();
    if (!gitExtension.enabled) {
      this.logger.warn('The built-in git extension is disabled (git.enabled = false); waiting for it');
      this.register(gitExtension.onDidChangeEnablement((enabled) => enabled && void this.connect(gitExtension)));
      return;
    }
    await this.connect(gitExtension);
  }

  private async connect(gitExtension: GitExtension): Promise<void> {
    if (this.api || this.isDisposed) return;
    const api = gitExtension.getAPI(1);
    this.api = api;
    this.register(api.onDidOpenRepository((repository) => this.watch(repository)));
    this.register(api.onDidCloseRepository((repository) => this.unwatch(repository)));
    if (api.state !== 'initialized') {
      await new Promise<void>((resolve) => {
        const listener = api.onDidChangeState((state) => {
          if (state === 'initialized') {
            listener.dispose();
            resolve();
          }
        });
        this.register(listener);
      });
    }
    this.logger.info(`git extension ready (git at ${api.git.path}); ${api.repositories.length} repository(ies) open`);
    for (const repository of api.repositories) this.watch(repository);
  }

  private watch(repository: Repository): void {
    const root = repository.rootUri.fsPath;
    if (this.watched.has(root)) return;
    const subscriptions = [repository.state.onDidChange(() => this.schedule(root, SETTLE_MS))];
    if (repository.onDidCommit) subscriptions.push(repository.onDidCommit(() => this.schedule(root, COMMIT_SETTLE_MS)));
    this.watched.set(root, vscode.Disposable.from(...subscriptions));
    this.logger.info(`Watching ${root}`);
    this.schedule(root, 0); // commits made while VS Code was closed are found now
  }

  private unwatch(repository: Repository): void {
    const root = repository.rootUri.fsPath;
    this.watched.get(root)?.dispose();
    this.watched.delete(root);
    clearTimeout(this.timers.get(root));
    this.timers.delete(root);
    this.waitingSince.delete(root);
    this.logger.info(`Stopped watching ${root}`);
  }

  private schedule(root: string, delayMs: number): void {
    const now = Date.now();
    const since = this.waitingSince.get(root) ?? now;
    this.waitingSince.set(root, since);
    clearTimeout(this.timers.get(root));
    this.timers.set(
      root,
      setTimeout(
        () => {
          this.timers.delete(root);
          this.waitingSince.delete(root);
          this.onChange(root);
        },
        Math.max(0, Math.min(delayMs, since + MAX_WAIT_MS - now)),
      ),
    );
  }
}
