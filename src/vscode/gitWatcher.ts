import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { resolveGitDirectories, watchTargets, type WatchTarget } from '../capture/gitFiles';
import type { Logger } from '../core/logger';
import type { GitApi, GitExtension, Repository } from './gitApi';
import { Disposable } from './lifecycle';

/** How long repository state must be quiet before we look: a rebase fires many changes. */
const SETTLE_MS = 600;
/** A commit made through VS Code is worth looking at almost at once. */
const COMMIT_SETTLE_MS = 100;
/**
 * A ref or reflog of the repository's own changed: look once git has finished writing the rest of
 * the same command (a commit writes its ref, then its reflogs, within a millisecond or two).
 */
const FILE_SETTLE_MS = 30;
/** Changes that never stop (a busy working tree) still get looked at this often. */
const MAX_WAIT_MS = 3000;

/**
 * Follows every repository the built-in git extension opens (now and later) and calls `onChange`
 * with a repository root when something may have happened there, debounced per repository.
 * What says so first is the repository's own git files, watched narrowly (HEAD and its reflog,
 * the branches, packed-refs: see `watchTargets`): a terminal commit is seen within milliseconds.
 * The git extension's events stay as the fallback, for whatever those files do not show.
 * Measured in code-server (bench/README.md): node's fs.watch on those folders sees a terminal commit
 * several times sooner than VS Code's createFileSystemWatcher on the same files. So fs.watch first,
 * VS Code's watcher where fs.watch cannot watch a folder.
 */
export class GitWatcher extends Disposable {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; delayMs: number }>();
  private readonly waitingSince = new Map<string, number>();
  private readonly watched = new Map<string, vscode.Disposable>();
  /** Per repository, the watchers of its git files, and the folders still to watch once they exist. */
  private readonly fileWatches = new Map<string, { watchers: vscode.Disposable[]; missing: WatchTarget[] }>();
  private api: GitApi | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly onChange: (root: string) => void,
  ) {
    super();
    this.register({ dispose: () => this.timers.forEach(({ timer }) => clearTimeout(timer)) });
    this.register({ dispose: () => this.watched.forEach((watch) => watch.dispose()) });
    this.register({ dispose: () => this.fileWatches.forEach((watch) => watch.watchers.forEach((watcher) => watcher.dispose())) });
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
    const dirs = resolveGitDirectories(root);
    this.fileWatches.set(root, { watchers: [], missing: dirs ? watchTargets(dirs) : [] });
    this.watchGitFiles(root);
    this.logger.info(`Watching ${root}${dirs ? ` (its git files in ${dirs.gitDir}${dirs.commonDir === dirs.gitDir ? '' : ` and ${dirs.commonDir}`})` : ''}`);
    this.schedule(root, 0); // commits made while VS Code was closed are found now
  }

  /** Watches the folders of a repository's git files that exist (a new repository's reflogs appear with its first commit). */
  private watchGitFiles(root: string): void {
    const watch = this.fileWatches.get(root);
    if (!watch || watch.missing.length === 0) return;
    const missing: WatchTarget[] = [];
    for (const target of watch.missing) {
      if (!fs.existsSync(target.dir)) missing.push(target);
      else watch.watchers.push(this.watchFolder(root, target));
    }
    watch.missing = missing;
  }

  private watchFolder(root: string, target: WatchTarget): vscode.Disposable {
    const changed = () => this.schedule(root, FILE_SETTLE_MS);
    try {
      const watcher = fs.watch(target.dir, { recursive: target.recursive, persistent: false }, (_event, file) => {
        if (!target.files || (file !== null && target.files.includes(file.toString()))) changed();
      });
      watcher.on('error', (error) => {
        this.logger.warn(`Stopped watching ${target.dir}: ${error.message}; the git extension's events still say when to look`);
        watcher.close();
      });
      return { dispose: () => watcher.close() };
    } catch (error) {
      // fs.watch cannot watch here (no inotify watches left, say): VS Code's own watcher can.
      this.logger.info(`fs.watch cannot watch ${target.dir} (${error instanceof Error ? error.message : String(error)}); using VS Code's file watcher`);
      const pattern = target.files ? `{${target.files.join(',')}}` : '**';
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(target.dir), pattern));
      return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  }

  private unwatch(repository: Repository): void {
    const root = repository.rootUri.fsPath;
    this.watched.get(root)?.dispose();
    this.watched.delete(root);
    this.fileWatches.get(root)?.watchers.forEach((watcher) => watcher.dispose());
    this.fileWatches.delete(root);
    clearTimeout(this.timers.get(root)?.timer);
    this.timers.delete(root);
    this.waitingSince.delete(root);
    this.logger.info(`Stopped watching ${root}`);
  }

  /**
   * Looks at `root` once things settle: each change of the same urgency waits for the next, and a
   * slower source (the git extension's state) never postpones a look a faster one (the repository's
   * own files) already asked for.
   */
  private schedule(root: string, delayMs: number): void {
    const now = Date.now();
    const pending = this.timers.get(root);
    if (pending && pending.delayMs < delayMs) return;
    const since = this.waitingSince.get(root) ?? now;
    this.waitingSince.set(root, since);
    clearTimeout(pending?.timer);
    const timer = setTimeout(
      () => {
        this.timers.delete(root);
        this.waitingSince.delete(root);
        this.watchGitFiles(root);
        this.onChange(root);
      },
      Math.max(0, Math.min(delayMs, since + MAX_WAIT_MS - now)),
    );
    this.timers.set(root, { timer, delayMs });
  }
}
