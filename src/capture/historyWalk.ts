/**
 * Reading a repository's history for an import, and telling on which merged branch each commit was
 * made. One git process reads it as a stream in git's own order, children before parents, which
 * prints from its first step; the walk along the way (`HistoryWalk`) follows the mainline and the
 * branches merged into it, and notices when git handed it a parent before its child (clock skew,
 * or commits of one second reached two ways). Then git is stopped, and history is read again in
 * topological order, whose batches relabel what the first read wrote. What the user made is handed
 * over in batches, to be written while git waits (`HistoryRead.into`). Nothing here writes or
 * knows VS Code.
 */
import type { GitCommit } from '../core/domain';
import type { Logger } from '../core/logger';
import type { GitReader, HistoryOrder } from '../git/gitReader';
import type { HistoryBatch, HistoryBranch, HistoryCommit } from '../storage/store';

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

/** Where a read starts and whose commits it keeps. */
export interface HistoryPlan {
  root: string;
  /** The commits history is read from: the mainline's tip and HEAD's. */
  tips: string[];
  mainlineTip: string | undefined;
  /** The default branch, or HEAD's branch where none is known: what the mainline's commits were made on. */
  mainlineName: string | null;
  /** The branch commits that only HEAD reaches were made on (the branch checked out). */
  headBranch: string | null;
  /** The addresses that make a commit the user's, lower case. */
  emails: ReadonlySet<string>;
}

export interface HistoryReadOptions {
  /** Only commits authored from then on (ms); all history when absent. */
  since?: number;
  signal?: AbortSignal;
  /** The user's commits per batch; merged branches held to the end go up to this many commits a batch. */
  batchSize: number;
}

/** Where a read hands over what it finds, in order. */
export interface HistorySink {
  /**
   * Writes a batch of the user's commits and merged branches; `relabel` when it comes from the
   * topological read, whose branches win over what the first read wrote. git waits meanwhile.
   */
  write(batch: HistoryBatch, relabel: boolean): Promise<void>;
  /** Told every so many commits read (see `HistoryRead.read`). */
  progress(): void;
}

/** Progress is told every so many commits read, as well as after every batch. */
const PROGRESS_EVERY = 5_000;

/** One import's read of history, in git's own order, and again in topological order when that order was wrong. */
export class HistoryRead {
  /** Commits git has handed over in the read going on (a second read counts from 0 again). */
  read = 0;

  constructor(
    private readonly git: GitReader,
    private readonly logger: Logger,
    private readonly plan: HistoryPlan,
    private readonly options: HistoryReadOptions,
  ) {}

  /**
   * Reads history and hands the user's commits and merged branches to `sink` in batches. In git's
   * own order first, which streams from the first commit, so that writing keeps pace with git
   * instead of waiting for it (`--topo-order` first walks everything before it prints a commit: most
   * of the read, bench/README.md). When that order hands the walk a parent before its child, what was handed over stays
   * and history is read again in topological order, each row taking the branch that walk gives.
   */
  async into(sink: HistorySink): Promise<void> {
    const complete = await this.once('date', sink);
    if (complete || this.options.signal?.aborted) return;
    this.logger.info(`${this.plan.root}: history is not in child-first order (clock skew, or commits of one second reached two ways); reading it again in topological order`);
    this.read = 0;
    await this.once('topo', sink);
  }

  /**
   * One read of history in `order`, handing over batches as it goes. False when the walk found the
   * order was not children first (only in git's date order): git is stopped, the batch in hand
   * dropped, and what was handed over stays for the next read to relabel.
   * In git's date order, merged branches wait until the read ends in order: a branch completed
   * before the walk found the order wrong may be one the user never worked on, and a row of
   * `branches` is not relabelled. They are few (one per merge the user took part in), and are
   * handed over at the end, up to a batch's worth of their commits per batch (a bigger branch on
   * its own). A read stopped before its end hands over none of them: the next import does.
   */
  private async once(order: HistoryOrder, sink: HistorySink): Promise<boolean> {
    const { plan, options } = this;
    const walk = new HistoryWalk(plan.mainlineTip, plan.mainlineName, plan.headBranch);
    const relabel = order === 'topo';
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let commits: HistoryCommit[] = [];
    const waiting: HistoryBranch[] = [];
    const flush = async (branches: HistoryBranch[]) => {
      const batch: HistoryBatch = { commits, branches };
      commits = [];
      if (batch.commits.length > 0 || batch.branches.length > 0) await sink.write(batch, relabel);
    };
    const completed = () => {
      const branches = walk.takeCompleted(plan.mainlineName);
      if (relabel) return branches;
      waiting.push(...branches);
      return [];
    };
    for await (const commit of this.git.history(plan.root, plan.tips, { since: options.since, signal, order })) {
      if (options.signal?.aborted) break;
      if (++this.read % PROGRESS_EVERY === 0) sink.progress();
      const mine = plan.emails.has(commit.authorEmail.toLowerCase());
      const branch = walk.visit(commit, mine);
      if (walk.outOfOrder && !relabel) {
        stop.abort();
        return false;
      }
      if (mine && commit.parents.length < 2 && (options.since === undefined || commit.authorTime >= options.since)) {
        commits.push({ sha: commit.sha, subject: commit.subject, authorEmail: commit.authorEmail, authorTime: commit.authorTime, branch });
      }
      if (commits.length >= options.batchSize) await flush(completed());
    }
    if (options.signal?.aborted) return true;
    walk.finish();
    await flush(completed());
    while (waiting.length > 0 && !options.signal?.aborted) {
      let size = 0;
      let count = 0;
      while (count < waiting.length && (count === 0 || size + waiting[count].shas.length <= options.batchSize)) size += waiting[count++].shas.length;
      await flush(waiting.splice(0, count));
    }
    return true;
  }
}
