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
  /** Claims offered already: calls that came while a look ran share the next look's result, which is offered once. */
  private readonly offered = new WeakSet<object>();
  /** Scans that met a lock, to be tried again without waiting for the repository to change. */
  private readonly retries = new Map<string, { attempt: number; lasting: boolean; timer: NodeJS.Timeout }>();
  private readonly retryAfterMs: readonly number[];
  private readonly turnAfterMs: readonly number[];
  private disposed = false;

  constructor(
    private readonly scanner: CommitScanner,
    private readonly watcher: GitWatcher,
    private readonly prompter: OutcomePrompter,
    private readonly notices: Notices,
    /** Called once a session per repository, after its first complete look (where the day-one offer starts). */
    private readonly firstLook: (root: string) => void = () => undefined,
    options: {
      /** How long to wait before trying again a scan that met a lock that lasts, attempt by attempt; the last one repeats. */
      retryAfterMs?: readonly number[];
      /** The same for a lock that passes (windows of Progress Log taking turns): short, with jitter. */
      turnAfterMs?: readonly number[];
    } = {},
  ) {
    this.retryAfterMs = options.retryAfterMs ?? [1000, 2000, 5000, 15_000, 30_000];
    this.turnAfterMs = options.turnAfterMs ?? [20, 50, 100, 250, 500, 1000];
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
        if (!(error instanceof StoreBusyError)) throw error;
        // A commit made while the database was locked is still to be found: the scan recorded
        // nothing, and nothing may move in the repository to start the next one.
        this.retryLater(root, error.lasting, retry);
        // A lock that passes is another window of ours writing: this scan waits its turn, silently.
        if (!error.lasting) return;
        throw error;
      }
      if (!result.waitingFor && !this.looked.has(root)) {
        this.looked.add(root);
        this.firstLook(root);
      }
      if (result.claimed.commits.length === 0 && result.claimed.branches.length === 0) return;
      if (this.offered.has(result.claimed)) return;
      this.offered.add(result.claimed);
      this.prompter.offer(result.claimed);
    });
  }

  private retryLater(root: string, lasting: boolean, previous: { attempt: number; lasting: boolean } | undefined): void {
    if (this.disposed) return; // a scan that was under way when the window closed
    const attempt = previous?.lasting === lasting ? previous.attempt + 1 : 0;
    const waits = lasting ? this.retryAfterMs : this.turnAfterMs;
    const wait = waits[Math.min(attempt, waits.length - 1)]!;
    // Windows that met one another's lock drift apart instead of meeting again.
    const delay = lasting ? wait : Math.round(wait * (0.5 + Math.random()));
    clearTimeout(this.retries.get(root)?.timer); // calls served by one scan share its failure: one retry
    // Only while the repository is still open in this window.
    const timer = setTimeout(() => void (this.watcher.roots.includes(root) ? this.scan(root) : this.retries.delete(root)), delay);
    timer.unref?.();
    this.retries.set(root, { attempt, lasting, timer });
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
