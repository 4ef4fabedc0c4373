/**
 * Importing history, so that the log is not empty on day one: the user's commits and the branches
 * merged into the default branch, from before Progress Log looked, recorded as `history` (shown in
 * their weeks, nameable, never asked about). `historyWalk.ts` reads history and tells which merged
 * branch each commit was made on; this writes what it hands over in batches, each a short
 * transaction taken between scans of the repository, never during one. An import starts from where
 * the last scan recorded the branches: whatever arrived since is the scanner's, to ask about.
 * Stopping halfway keeps every batch written, whole; importing again adds only what is missing.
 * Nothing here knows VS Code.
 */
import type { GitCommit, RepositoryRecord } from '../core/domain';
import type { Logger } from '../core/logger';
import type { GitReader } from '../git/gitReader';
import type { Store } from '../storage/store';
import { headRefOf, HEADS } from './arrivals';
import type { CommitScanner } from './commitScanner';
import { HistoryRead, type HistoryPlan } from './historyWalk';

/** How far back an import reaches. */
export type ImportRange = 'fourWeeks' | 'threeMonths' | 'year' | 'all';

/** Every range, the shortest first. */
export const IMPORT_RANGES: readonly ImportRange[] = ['fourWeeks', 'threeMonths', 'year', 'all'];

/** The days each range reaches back; all history for none. */
const RANGE_DAYS: Readonly<Record<ImportRange, number | undefined>> = { fourWeeks: 28, threeMonths: 91, year: 365, all: undefined };

/** Where a range starts (ms since the epoch); undefined for all history. */
export function rangeStart(range: ImportRange, now: number): number | undefined {
  const days = RANGE_DAYS[range];
  return days === undefined ? undefined : now - days * 86_400_000;
}

export interface ImportProgress {
  /** Commits git has handed over so far. */
  read: number;
  /** Commits of the user's recorded as history so far. */
  imported: number;
  /** Merged branches recorded as history so far. */
  branches: number;
}

export interface ImportResult extends ImportProgress {
  repo: RepositoryRecord;
  /** True when stopped before the end: what was written stays, whole. */
  cancelled: boolean;
}

export interface ImportOptions {
  /** Only commits authored from then on (ms); all history when absent. */
  since?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface HistoryImporterOptions {
  /** Commits per transaction; DEFAULT_BATCH_SIZE unless given (tests give small ones). */
  batchSize?: number;
  /**
   * Brings the recorded position up to date before an import reads from it; the scanner's own scan
   * unless given (VS Code gives the scan that also asks about whatever new work it claims).
   */
  scan?: (root: string) => Promise<unknown>;
}

/**
 * Commits per transaction. History's rows go into one b-tree in the order git gives them, so a
 * small batch costs little more per commit than a big one, and it keeps git busy: while a batch is
 * written, git fills the pipe instead of waiting on a full one, and fewer commits are held in
 * memory; past a thousand, bigger batches only cost memory (the figures: bench/README.md, "import").
 * Each batch takes a few milliseconds of the database.
 */
const DEFAULT_BATCH_SIZE = 1_000;

/** Imports the user's history into the log, and counts what an import would bring. */
export class HistoryImporter {
  private readonly batchSize: number;
  private readonly scan: (root: string) => Promise<unknown>;
  /** Imports running now, per repository (its clone's path): how many. */
  private readonly running = new Map<string, number>();

  constructor(
    private readonly scanner: CommitScanner,
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
    options: HistoryImporterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.scan = options.scan ?? ((root) => this.scanner.scan(root));
  }

  /**
   * Imports history into the log: the user's commits since `since`, and the branches merged among
   * them, each batch written as the read hands it over (see HistoryRead.into).
   */
  async import(root: string, options: ImportOptions = {}): Promise<ImportResult> {
    const clonePath = await this.git.repositoryRoot(root);
    this.running.set(clonePath, (this.running.get(clonePath) ?? 0) + 1);
    try {
      return await this.importNow(root, options);
    } finally {
      const left = (this.running.get(clonePath) ?? 1) - 1;
      if (left > 0) this.running.set(clonePath, left);
      else this.running.delete(clonePath);
    }
  }

  /** Whether an import into the repository at `root` (any of its worktrees) runs now, in this process. */
  async isImporting(root: string): Promise<boolean> {
    return this.running.has(await this.git.repositoryRoot(root));
  }

  private async importNow(root: string, options: ImportOptions): Promise<ImportResult> {
    const started = Date.now();
    const { repo, history } = await this.plan(root);
    const progress: ImportProgress = { read: 0, imported: 0, branches: 0 };
    const read = new HistoryRead(this.git, this.logger, history, { since: options.since, signal: options.signal, batchSize: this.batchSize });
    const tell = () => options.onProgress?.({ ...progress, read: read.read });
    await read.into({
      write: async (batch, relabel) => {
        const added = await this.scanner.exclusively(root, () => this.store.history.importBatch(repo.id, batch, { relabel }));
        progress.imported += added.commits;
        progress.branches += added.branches;
        tell();
      },
      progress: tell,
    });
    progress.read = read.read;
    const cancelled = options.signal?.aborted ?? false;
    // Finished, it says so to every machine (the range, never the commits: each reads them from its
    // own git); stopped, it says nothing, and importing again brings in the rest.
    if (!cancelled) this.store.changes.recordHistoryImport(repo.id, options.since ?? null);
    this.logger.info(
      `${root}: ${cancelled ? 'import stopped' : 'imported'}: ${progress.imported} commit(s) and ${progress.branches} merged branch(es) recorded as history (${progress.read} read) in ${Date.now() - started}ms`,
    );
    return { ...progress, repo, cancelled };
  }

  /** How many of the user's commits since `since` an import would add: what the day-one offer names. */
  async count(root: string, since: number | undefined, signal?: AbortSignal): Promise<number> {
    const { repo, history } = await this.plan(root);
    let count = 0;
    let mine: GitCommit[] = [];
    const tally = () => {
      const known = this.store.history.knownShas(repo.id, mine);
      count += mine.filter((commit) => !known.has(commit.sha)).length;
      mine = [];
    };
    for await (const commit of this.git.history(root, history.tips, { since, signal })) {
      if (commit.parents.length < 2 && history.emails.has(commit.authorEmail.toLowerCase()) && (since === undefined || commit.authorTime >= since)) mine.push(commit);
      if (mine.length >= this.batchSize) tally();
    }
    tally();
    return count;
  }

  /**
   * Where to read from: the default branch and HEAD's branch where a scan just recorded them (it
   * costs no git process when nothing moved), and whose commits are the user's.
   */
  private async plan(root: string): Promise<{ repo: RepositoryRecord; history: HistoryPlan }> {
    await this.scan(root);
    const clone = this.store.clones.ensure(await this.git.repositoryRoot(root));
    const position = clone.position ?? new Map<string, string>();
    const emails = await this.scanner.userEmails(root);
    const { branch } = await this.git.readTips(root);
    const { gitDir, commonDir } = await this.git.gitDirectories(root);
    const headTip = branch ? position.get(HEADS + branch) : position.get(headRefOf(gitDir, commonDir));
    const defaultName = this.scanner.defaultBranchAt(clone.repo, position) ?? null;
    const mainlineTip = defaultName === null ? headTip : (position.get(HEADS + defaultName) ?? position.get(`refs/remotes/origin/${defaultName}`) ?? headTip);
    const mainlineName = defaultName ?? branch;
    const tips = [...new Set([mainlineTip, headTip].filter((tip): tip is string => tip !== undefined))];
    return { repo: clone.repo, history: { root, tips, mainlineTip, mainlineName, headBranch: branch, emails } };
  }
}
