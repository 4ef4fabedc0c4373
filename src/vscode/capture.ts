import type { CommitScanner } from '../capture/commitScanner';
import { StoreBusyError } from '../core/errors';
import type { GitWatcher } from './gitWatcher';
import type { Notices } from './notices';
import type { OutcomePrompter } from './prompter';

/**
 * The capture loop in VS Code: a repository changed → scan it → offer what this window claimed.
 * (Progress Log declares no support for untrusted workspaces, like the git extension it needs,
 * so VS Code never runs it, nor git through it, in Restricted Mode.)
 */
export class Capture {
  /** Repositories looked at in this session. */
  private readonly looked = new Set<string>();
  /** Scans that met another program's lock, to be tried again without waiting for the repository to change. */
  private readonly retries = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();
  private readonly retryAfterMs: readonly number[];
  private disposed = false;

  constructor(
    private readonly scanner: CommitScanner,
    private readonly watcher: GitWatcher,
    private readonly prompter: OutcomePrompter,
    private readonly notices: Notices,
    /** Called once a session per repository, after its first complete look (where the day-one offer starts). */
    private readonly firstLook: (root: string) => void = () => undefined,
    /** How long to wait before trying a locked-out scan again, attempt by attempt; the last one repeats. */
    options: { retryAfterMs?: readonly number[] } = {},
  ) {
    this.retryAfterMs = options.retryAfterMs ?? [1000, 2000, 5000, 15_000, 30_000];
  }

  /** Looks at one repository now. */
  async scan(root: string): Promise<void> {
    const retry = this.retries.get(root);
    if (retry) clearTimeout(retry.timer);
    this.retries.delete(root);
    await this.notices.guard(`scan:${root}`, async () => {
      let result;
      try {
        result = await this.scanner.scan(root);
      } catch (error) {
        // A commit made while another program held the database is still to be found: the scan
        // recorded nothing, and nothing may move in the repository to start the next one.
        if (error instanceof StoreBusyError) this.retryLater(root, (retry?.attempt ?? -1) + 1);
        throw error;
      }
      if (!result.waitingFor && !this.looked.has(root)) {
        this.looked.add(root);
        this.firstLook(root);
      }
      if (result.claimed.commits.length === 0 && result.claimed.branches.length === 0) return;
      this.prompter.offer(result.claimed);
    });
  }

  private retryLater(root: string, attempt: number): void {
    if (this.disposed) return; // a scan that was under way when the window closed
    const delay = this.retryAfterMs[Math.min(attempt, this.retryAfterMs.length - 1)]!;
    // Only while the repository is still open in this window.
    const timer = setTimeout(() => void (this.watcher.roots.includes(root) ? this.scan(root) : this.retries.delete(root)), delay);
    timer.unref?.();
    this.retries.set(root, { attempt, timer });
  }

  dispose(): void {
    this.disposed = true;
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
  }

  /** Looks at every open repository now. */
  async scanAll(): Promise<void> {
    await Promise.all(this.watcher.roots.map((root) => this.scan(root)));
  }
}
