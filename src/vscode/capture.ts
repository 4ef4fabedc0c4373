import type { CommitScanner } from '../capture/commitScanner';
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

  constructor(
    private readonly scanner: CommitScanner,
    private readonly watcher: GitWatcher,
    private readonly prompter: OutcomePrompter,
    private readonly notices: Notices,
    /** Called once a session per repository, after its first complete look (where the day-one offer starts). */
    private readonly firstLook: (root: string) => void = () => undefined,
  ) {}

  /** Looks at one repository now. */
  async scan(root: string): Promise<void> {
    await this.notices.guard(`scan:${root}`, async () => {
      const result = await this.scanner.scan(root);
      if (!result.waitingFor && !this.looked.has(root)) {
        this.looked.add(root);
        this.firstLook(root);
      }
      if (result.claimed.commits.length === 0 && result.claimed.branches.length === 0) return;
      this.prompter.offer(result.claimed);
    });
  }

  /** Looks at every open repository now. */
  async scanAll(): Promise<void> {
    await Promise.all(this.watcher.roots.map((root) => this.scan(root)));
  }
}
