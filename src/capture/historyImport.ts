/**
 * Importing history, so that the log is not empty on day one: the user's commits and the branches
 * merged into the default branch, from before Progress Log looked, recorded as `history` (shown in
 * their weeks, nameable, never asked about). One git process per repository reads history as a
 * stream in git's own order, children before parents (read again in topological order on the rare
 * history where that order is not); a walk along the way tells which merged branch each commit was
 * made on; what is the user's is written in batches, each a short transaction taken between scans
 * of the repository, never during one (merged branches once the read is known to be in order; see
 * `read`). An import starts from where the last scan recorded the branches: whatever arrived since
 * is the scanner's, to ask about. Stopping halfway keeps every batch written, whole; importing
 * again adds only what is missing. Nothing here knows VS Code.
 */
import type { GitCommit, RepositoryRecord } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import type { GitReader, HistoryOrder } from '../git/gitReader';
import type { HistoryBatch, HistoryBranch, HistoryCommit, Store } from '../storage/store';
import { headRefOf, HEADS } from './arrivals';
import type { CommitScanner } from './commitScanner';

/** How far back an import reaches. */
export type ImportRange = 'fourWeeks' | 'threeMonths' | 'year' | 'all';

export const IMPORT_RANGES: readonly { id: ImportRange; label: string; days: number | undefined }[] = [
  // Labels are read when shown, in the user's language.
  { id: 'fourWeeks', get label() { return l10n.t('The last 4 weeks'); }, days: 28 },
  { id: 'threeMonths', get label() { return l10n.t('The last 3 months'); }, days: 91 },
  { id: 'year', get label() { return l10n.t('The last year'); }, days: 365 },
  { id: 'all', get label() { return l10n.t('All history'); }, days: undefined },
];

/** Where a range starts (ms since the epoch); undefined for all history. */
export function rangeStart(range: ImportRange, now: number): number | undefined {
  const days = IMPORT_RANGES.find((candidate) => candidate.id === range)?.days;
  return days === undefined ? undefined : now - days * 86_400_000;
}

/**
 * The branch a merge commit's message says it merged: git's own words (`Merge branch 'x'`,
 * `Merge remote-tracking branch 'origin/x'`), GitHub's (`Merge pull request #1 from owner/x`),
 * Bitbucket's (`Merged in x (pull request #1)`) and Azure DevOps' (`Merged PR 1: …`, which names
 * no branch: "PR 1"). Undefined when the message names none.
 */
export function mergedBranchName(subject: string): string | undefined {
  const patterns: [RegExp, (match: RegExpExecArray) => string][] = [
    [/^Merge remote-tracking branch '(?:[^/']+\/)?([^']+)'/, (match) => match[1]],
    [/^Merge branch '([^']+)'/, (match) => match[1]],
    [/^Merge pull request #\d+ from [^/\s]+\/(\S+)/, (match) => match[1]],
    [/^Merged in (\S+) \(pull request #\d+\)/, (match) => match[1]],
    [/^Merged PR (\d+):/, (match) => `PR ${match[1]}`],
  ];
  for (const [pattern, name] of patterns) {
    const match = pattern.exec(subject);
    if (match) return name(match);
  }
  return undefined;
}

/** A branch merged into the mainline, as the walk learns it. */
interface MergedBranch {
  name: string | undefined;
  tip: string;
  mergedAt: number;
  /** 1 for the newest merge, then 2…: an older merge owns what two merges reach. */
  order: number;
  /** Commits claimed for it that the walk has not reached yet. */
  unseen: number;
  /** The user's own commits on it. */
  shas: string[];
}

/**
 * Which branch each commit of a history was made on, seen children first. The mainline is the
 * first-parent chain from the default branch's tip. A merge on the mainline claims what its other
 * parents reach; a claimed commit claims its parents in turn; a commit that turns out to be on the
 * mainline, or that an older merge claims too, is not the branch's. A branch is complete once
 * nothing it claimed is left unseen. Memory holds only that frontier, and a key of each commit seen
 * off the mainline: that is how the walk knows when it was handed a parent before its child (git's
 * own order does that with clock skew, or commits of one second reached two ways), which would
 * have put it on the wrong branch; `outOfOrder` then says so.
 */
export class HistoryWalk {
  private nextMainline: string | undefined;
  private readonly claims = new Map<string, MergedBranch>();
  private readonly completed: MergedBranch[] = [];
  /** Commits seen and not on the mainline, by a number made of a sha's first 52 bits (a collision only costs a second read). */
  private readonly offMainline = new Set<number>();
  private merges = 0;
  /** True once a commit came before one of its children in a way that changes a branch: see the class. */
  outOfOrder = false;

  constructor(
    mainlineTip: string | undefined,
    private readonly mainlineName: string | null,
    /** The branch commits that only HEAD reaches were made on (the branch checked out). */
    private readonly headBranch: string | null,
  ) {
    this.nextMainline = mainlineTip;
  }

  /** Visits the next commit; returns the branch it was made on. `mine` commits are kept for their branch. */
  visit(commit: GitCommit, mine: boolean): string | null {
    const claim = this.claims.get(commit.sha);
    this.claims.delete(commit.sha);
    let branch: string | null;
    if (commit.sha === this.nextMainline) {
      this.nextMainline = commit.parents[0];
      // Its first parent was seen already, as something else: the mainline would be lost from here.
      if (this.nextMainline !== undefined && this.offMainline.has(keyOf(this.nextMainline))) this.outOfOrder = true;
      branch = this.mainlineName;
      if (commit.parents.length > 1) {
        const merged: MergedBranch = { name: mergedBranchName(commit.subject), tip: commit.parents[1], mergedAt: commit.authorTime, order: ++this.merges, unseen: 0, shas: [] };
        for (const parent of commit.parents.slice(1)) this.claim(parent, merged);
        this.settle(merged);
      }
    } else {
      this.offMainline.add(keyOf(commit.sha));
      if (claim) {
        for (const parent of commit.parents) this.claim(parent, claim);
        if (mine && commit.parents.length < 2) claim.shas.push(commit.sha);
        branch = claim.name ?? null;
      } else {
        branch = this.headBranch;
      }
    }
    if (claim) {
      claim.unseen--;
      this.settle(claim);
    }
    return branch;
  }

  /** Branches complete since the last call, with at least one commit of the user's and a name. */
  takeCompleted(into: string | null): HistoryBranch[] {
    const branches = this.completed.splice(0).filter((merged) => merged.shas.length > 0 && merged.name !== undefined && merged.name !== into);
    return branches.map((merged) => ({ name: merged.name!, tip: merged.tip, into, mergedAt: merged.mergedAt, shas: merged.shas }));
  }

  /** The end of history (or of the range read): whatever is still open is complete as far as it goes. */
  finish(): void {
    const open = new Set(this.claims.values());
    this.claims.clear();
    for (const merged of open) {
      merged.unseen = 0;
      this.completed.push(merged);
    }
  }

  private claim(sha: string, merged: MergedBranch): void {
    // Seen already, off the mainline, without this claim: it was given a branch that may not be its own.
    if (this.offMainline.has(keyOf(sha))) this.outOfOrder = true;
    const existing = this.claims.get(sha);
    if (existing === merged || (existing && existing.order > merged.order)) return;
    if (existing) {
      existing.unseen--;
      this.settle(existing);
    }
    this.claims.set(sha, merged);
    merged.unseen++;
  }

  private settle(merged: MergedBranch): void {
    if (merged.unseen === 0) this.completed.push(merged);
  }
}

/** A number made of a sha's first 52 bits (13 hex digits): exact in a double, small in a Set. */
function keyOf(sha: string): number {
  return Number.parseInt(sha.slice(0, 13), 16);
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

/** What an import reads: from where, and whose. */
interface ImportPlan {
  repo: RepositoryRecord;
  tips: string[];
  mainlineTip: string | undefined;
  mainlineName: string | null;
  headBranch: string | null;
  emails: Set<string>;
}

/**
 * Commits per transaction. History's rows go into one b-tree in the order git gives them, so a
 * small batch costs little more per commit than a big one, and it keeps git busy: while a batch is
 * written, git fills the pipe instead of waiting on a full one, and fewer commits are held in
 * memory. 100,000 commits read as git streams them: 10,000 a batch 0.95 s and 155 MiB, 2,000 0.85 s,
 * 1,000 0.77–0.78 s and 109–112 MiB, 500 0.77 s. Each batch takes a few milliseconds of the database.
 */
const DEFAULT_BATCH_SIZE = 1_000;
/** Progress is told after every batch written, and every so many commits read. */
const PROGRESS_EVERY = 5_000;

/** Imports the user's history into the log, and counts what an import would bring. */
export class HistoryImporter {
  private readonly batchSize: number;
  private readonly scan: (root: string) => Promise<unknown>;

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
   * them. History is read in git's own order, which streams from the first commit, so that writing
   * keeps pace with git instead of waiting for it (`--topo-order` first walks everything: 0.45 s of
   * 0.6 s for 100,000 commits). When that order hands the walk a parent before its child, what was
   * written stays and is read again in topological order, each row taking the branch that walk gives.
   */
  async import(root: string, options: ImportOptions = {}): Promise<ImportResult> {
    const started = Date.now();
    const plan = await this.plan(root);
    const progress: ImportProgress = { read: 0, imported: 0, branches: 0 };
    let order: HistoryOrder = 'date';
    for (;;) {
      const complete = await this.read(root, plan, order, progress, options);
      if (complete || order === 'topo' || options.signal?.aborted) break;
      this.logger.info(`${root}: history is not in child-first order (clock skew, or commits of one second reached two ways); reading it again in topological order`);
      order = 'topo';
      progress.read = 0; // the count of the read going on: it starts again
    }
    const cancelled = options.signal?.aborted ?? false;
    this.logger.info(
      `${root}: ${cancelled ? 'import stopped' : 'imported'}: ${progress.imported} commit(s) and ${progress.branches} merged branch(es) recorded as history (${progress.read} read) in ${Date.now() - started}ms`,
    );
    return { ...progress, repo: plan.repo, cancelled };
  }

  /**
   * One read of history in `order`, writing batches as it goes. False when the walk found the
   * order was not children first (only in git's date order): git is stopped, the batch in hand
   * dropped, and what was written stays for the next read to relabel.
   * In git's date order, merged branches wait until the read ends in order: a branch completed
   * before the walk found the order wrong may be one the user never worked on, and a row of
   * `branches` is not relabelled. They are few (one per merge the user took part in), and are
   * written at the end, up to a batch's worth of their commits per transaction (a bigger branch on
   * its own). A read stopped before its end writes none of them: the next import does.
   */
  private async read(root: string, plan: ImportPlan, order: HistoryOrder, progress: ImportProgress, options: ImportOptions): Promise<boolean> {
    const walk = new HistoryWalk(plan.mainlineTip, plan.mainlineName, plan.headBranch);
    const relabel = order === 'topo';
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let commits: HistoryCommit[] = [];
    const waiting: HistoryBranch[] = [];
    const flush = async (branches: HistoryBranch[]) => {
      const batch: HistoryBatch = { commits, branches };
      commits = [];
      if (batch.commits.length === 0 && batch.branches.length === 0) return;
      const added = await this.scanner.exclusively(root, () => this.store.history.importBatch(plan.repo.id, batch, { relabel }));
      progress.imported += added.commits;
      progress.branches += added.branches;
      options.onProgress?.({ ...progress });
    };
    const completed = () => {
      const branches = walk.takeCompleted(plan.mainlineName);
      if (relabel) return branches;
      waiting.push(...branches);
      return [];
    };
    for await (const commit of this.git.history(root, plan.tips, { since: options.since, signal, order })) {
      if (options.signal?.aborted) break;
      if (++progress.read % PROGRESS_EVERY === 0) options.onProgress?.({ ...progress });
      const mine = plan.emails.has(commit.authorEmail.toLowerCase());
      const branch = walk.visit(commit, mine);
      if (walk.outOfOrder && !relabel) {
        stop.abort();
        return false;
      }
      if (mine && commit.parents.length < 2 && (options.since === undefined || commit.authorTime >= options.since)) {
        commits.push({ sha: commit.sha, subject: commit.subject, authorEmail: commit.authorEmail, authorTime: commit.authorTime, branch });
      }
      if (commits.length >= this.batchSize) await flush(completed());
    }
    if (options.signal?.aborted) return true;
    walk.finish();
    await flush(completed());
    while (waiting.length > 0 && !options.signal?.aborted) {
      let size = 0;
      let count = 0;
      while (count < waiting.length && (count === 0 || size + waiting[count].shas.length <= this.batchSize)) size += waiting[count++].shas.length;
      await flush(waiting.splice(0, count));
    }
    return true;
  }

  /** How many of the user's commits since `since` an import would add: what the day-one offer names. */
  async count(root: string, since: number | undefined, signal?: AbortSignal): Promise<number> {
    const plan = await this.plan(root);
    let count = 0;
    let mine: GitCommit[] = [];
    const tally = () => {
      const known = this.store.history.knownShas(plan.repo.id, mine);
      count += mine.filter((commit) => !known.has(commit.sha)).length;
      mine = [];
    };
    for await (const commit of this.git.history(root, plan.tips, { since, signal })) {
      if (commit.parents.length < 2 && plan.emails.has(commit.authorEmail.toLowerCase()) && (since === undefined || commit.authorTime >= since)) mine.push(commit);
      if (mine.length >= this.batchSize) tally();
    }
    tally();
    return count;
  }

  /**
   * Where to read from: the default branch and HEAD's branch where a scan just recorded them (it
   * costs no git process when nothing moved), and whose commits are the user's.
   */
  private async plan(root: string): Promise<ImportPlan> {
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
    return { repo: clone.repo, tips, mainlineTip, mainlineName, headBranch: branch, emails };
  }
}
