/**
 * Where a commit becomes something to name: compares a repository's refs with the position
 * recorded at the last scan, asks git which commits are new and the user's and which branches
 * were closed, follows rewritten commits, and records it all in one transaction.
 * Nothing here knows VS Code.
 */
import type { BranchClosure, GitCommit, RepositoryRecord } from '../core/domain';
import { GitIdentityMissingError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GitReader, RefTips } from '../git/gitReader';
import type { Claimed, ClosedBranch, NewCommit, Rewrite, Store } from '../storage/store';

/** The pseudo-ref under which a detached HEAD's position is recorded. */
const DETACHED_HEAD = 'HEAD';
const HEADS = 'refs/heads/';

/** Where the default branch is looked for when `origin/HEAD` does not say. */
export const DEFAULT_BRANCH_NAMES: readonly string[] = ['main', 'master', 'trunk', 'develop'];

export interface ScanResult {
  repo: RepositoryRecord;
  /** What waits for a name and this scan (this window) recorded first. */
  claimed: Claimed;
  /** True when this was the first look at the repository: its history is not asked about. */
  firstScan: boolean;
  /** Why the scan waited without recording anything, if it did. */
  waitingFor?: string;
}

export interface ScannerOptions {
  /** Candidate names of the default branch, in order, when `origin/HEAD` is not set. */
  defaultBranches?: () => readonly string[];
}

const nothing = (repo: RepositoryRecord): Claimed => ({ repo, commits: [], branches: [] });

/** Detects the user's new commits and closed branches in a repository. */
export class CommitScanner {
  private readonly running = new Map<string, Promise<ScanResult>>();
  private readonly queued = new Map<string, Promise<ScanResult>>();
  /** Repositories whose remote and default branch were read in this session. */
  private readonly described = new Set<string>();
  private readonly defaultBranches: () => readonly string[];

  constructor(
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
    options: ScannerOptions = {},
  ) {
    this.defaultBranches = options.defaultBranches ?? (() => DEFAULT_BRANCH_NAMES);
  }

  /**
   * Scans one repository. Calls for the same root never overlap: a call made while a scan runs
   * is served by one scan started after it, so no change is missed and none is read twice.
   */
  scan(root: string): Promise<ScanResult> {
    const queued = this.queued.get(root);
    if (queued) return queued;
    const running = this.running.get(root);
    if (!running) return this.start(root);
    const next = running.catch(() => undefined).then(() => {
      this.queued.delete(root);
      return this.start(root);
    });
    this.queued.set(root, next);
    return next;
  }

  private start(root: string): Promise<ScanResult> {
    const run = this.scanNow(root).finally(() => {
      if (this.running.get(root) === run) this.running.delete(root);
    });
    this.running.set(root, run);
    return run;
  }

  private async scanNow(root: string): Promise<ScanResult> {
    // Worktrees of one repository share its branches: they share one record, so one claim.
    const state = this.store.ensureRepository(await this.git.repositoryRoot(root));
    const { firstSeenAt, position } = state;
    let repo = state.repo;
    const operation = await this.git.operationInProgress(root);
    if (operation) {
      this.logger.info(`${root}: a ${operation} is in progress; looking again when it ends`);
      return { repo, claimed: nothing(repo), firstScan: false, waitingFor: operation };
    }
    if (!this.described.has(root)) {
      repo = await this.describe(repo, root);
      this.described.add(root);
    }
    const tips = await this.git.readTips(root);
    const current = positionOf(tips);

    if (!position) {
      this.store.recordScan(repo.id, { position: current, commits: [], rewrites: [] });
      this.logger.info(`${root}: first scan; ${tips.local.size} branch(es) recorded, history not asked about`);
      return { repo, claimed: nothing(repo), firstScan: true };
    }
    if (samePosition(position, current)) return { repo, claimed: nothing(repo), firstScan: false };

    // Commits authored before Progress Log first saw the repository are history, even when a
    // rebase or cherry-pick gives them new ids today.
    const isRecent = (commit: GitCommit) => commit.authorTime >= firstSeenAt - 1000;
    let email: string | undefined;
    const isMine = async (commit: GitCommit) => {
      email ??= await this.git.userEmail(root);
      if (!email) throw new GitIdentityMissingError(root); // nothing is recorded, so nothing is lost
      return commit.authorEmail.toLowerCase() === email.toLowerCase();
    };

    const arrived = await this.newCommits(root, tips, position);
    const found = arrived.filter(({ commit }) => isRecent(commit));
    const mine: { commit: GitCommit; branch: string | null }[] = [];
    for (const entry of found) if (await isMine(entry.commit)) mine.push(entry);
    const closedBranches = await this.closedBranches(root, repo, tips, position, found.map(({ commit }) => commit), isMine, firstSeenAt);
    if (found.length) this.logger.info(`${root}: ${found.length} new commit(s), ${mine.length} by ${email}`);

    const rewrites: Rewrite[] = [];
    const commits: NewCommit[] = [];
    const rewritten = new Set<number>();
    for (const { commit, branch } of mine) {
      const isMerge = commit.parents.length > 1;
      const original = isMerge ? undefined : await this.rewrittenFrom(root, repo.id, commit, rewritten);
      if (original) {
        rewritten.add(original.id);
        rewrites.push({ commitId: original.id, fromSha: original.sha, sha: commit.sha, subject: commit.subject, authorTime: commit.authorTime });
        this.logger.info(`${root}: ${short(original.sha)} was rewritten as ${short(commit.sha)}; its ${original.status} record follows it`);
        continue;
      }
      commits.push({ sha: commit.sha, subject: commit.subject, authorEmail: commit.authorEmail, authorTime: commit.authorTime, branch, isMerge });
      if (isMerge) this.logger.info(`${root}: merge commit ${short(commit.sha)} recorded without asking`);
    }
    commits.reverse(); // oldest first, so that a batch reads in the order the work was done
    const claimed = this.store.recordScan(repo.id, { position: current, commits, rewrites, closedBranches });
    if (mayHaveDroppedCommits(position, current, arrived)) await this.settleVanishedCommits(root, repo.id);
    if (claimed.commits.length) this.logger.info(`${root}: claimed ${claimed.commits.length} commit(s) to ask about: ${claimed.commits.map((c) => short(c.sha)).join(' ')}`);
    for (const branch of claimed.branches) this.logger.info(`${root}: claimed closed branch ${branch.name} (${branch.closedAs}, ${branch.commitIds.length} commit(s)) to ask about`);
    return { repo, claimed, firstScan: false };
  }

  /**
   * Commits waiting for a name that no branch, tag or remote reaches any more (reset away, folded
   * by a squash or fixup, undone) are skipped: the log never counts work that no longer exists.
   */
  private async settleVanishedCommits(root: string, repoId: number): Promise<void> {
    const waiting = this.store.pendingCommitsOf(repoId);
    if (waiting.length === 0) return;
    const vanished = await this.git.unreachable(root, waiting.map((commit) => commit.sha));
    const gone = waiting.filter((commit) => vanished.has(commit.sha));
    if (gone.length === 0) return;
    this.store.settleCommits(gone.map((commit) => commit.id), 'skipped');
    this.logger.info(`${root}: ${gone.map((commit) => short(commit.sha)).join(' ')} no longer exist in any branch; no longer waiting for a name`);
  }

  /** Commits reachable from a moved branch (or a moved detached HEAD) and from nothing known before. */
  private async newCommits(root: string, tips: RefTips, position: ReadonlyMap<string, string>): Promise<{ commit: GitCommit; branch: string | null }[]> {
    const moved: { tip: string; branch: string | null }[] = [];
    const currentRef = tips.branch ? HEADS + tips.branch : undefined;
    if (tips.head && !currentRef && position.get(DETACHED_HEAD) !== tips.head) moved.push({ tip: tips.head, branch: null });
    for (const [ref, sha] of tips.local) {
      if (position.get(ref) === sha) continue;
      const entry = { tip: sha, branch: ref.slice(HEADS.length) };
      if (ref === currentRef) moved.unshift(entry);
      else moved.push(entry);
    }
    // Remote-tracking branches are excluded by `--remotes` as they are now; of their old tips only
    // those that vanished need naming (a command line has limits: Windows allows 32,767 characters).
    const known = [...position].filter(([ref]) => !ref.startsWith('refs/remotes/') || !tips.remote.has(ref)).map(([, sha]) => sha);
    const found = new Map<string, { commit: GitCommit; branch: string | null }>();
    for (const { tip, branch } of moved) {
      if (found.has(tip)) continue;
      for (const commit of await this.git.commitsSince(root, tip, known)) {
        if (!found.has(commit.sha)) found.set(commit.sha, { commit, branch });
      }
    }
    return [...found.values()];
  }

  /**
   * Local branches closed since the last scan. A branch counts only when it had work of the
   * user's that was not on the default branch at the last scan. Merged: that work is now on the
   * default branch or its remote counterpart, as commits or as the same commits rebased.
   * Squash-merged: its remote branch vanished, or its changes arrived on the default branch in
   * one piece. Deleted: gone, unmerged. A rename, a checkout, a reset or a re-created branch closes
   * nothing. A branch git cannot answer for is logged and looked at again next time; it never
   * holds up the commits of the same scan.
   */
  private async closedBranches(
    root: string,
    repo: RepositoryRecord,
    tips: RefTips,
    position: ReadonlyMap<string, string>,
    newCommits: readonly GitCommit[],
    isMine: (commit: GitCommit) => Promise<boolean>,
    firstSeenAt: number,
  ): Promise<ClosedBranch[]> {
    const defaultName = this.defaultBranchName(repo, tips, position);
    if (!defaultName) return [];
    const defaultRef = HEADS + defaultName;
    const remoteDefaultRef = `refs/remotes/origin/${defaultName}`;
    const targetsBefore = present([position.get(defaultRef), position.get(remoteDefaultRef)]);
    const targetsNow = present([tips.local.get(defaultRef), tips.remote.get(remoteDefaultRef)]);
    if (targetsBefore.length === 0 || targetsNow.length === 0) return [];
    const defaultMoved = targetsNow.join() !== targetsBefore.join();
    const remoteDefaultMoved = position.get(remoteDefaultRef) !== tips.remote.get(remoteDefaultRef);
    const upstreamOf = (ref: string, name: string) =>
      tips.upstreams.get(ref) ?? [...position.keys()].find((candidate) => /^refs\/remotes\/[^/]+\//.test(candidate) && candidate.split('/').slice(3).join('/') === name);
    const upstreamVanished = (ref: string, name: string) => {
      const upstream = upstreamOf(ref, name);
      return upstream !== undefined && position.has(upstream) && !tips.remote.has(upstream);
    };

    const candidates = new Set<string>();
    // A branch can only have closed if it is gone, its remote branch vanished, or the default
    // branch moved; a branch that merely gained commits is still open, and costs no git call.
    for (const [ref, tip] of position) {
      if (!ref.startsWith(HEADS) || ref === defaultRef) continue;
      const now = tips.local.get(ref);
      if (now === undefined || upstreamVanished(ref, ref.slice(HEADS.length)) || (defaultMoved && now !== tip)) candidates.add(ref);
    }
    // Branches that sat still close when the default branch moved onto them: two calls per target
    // tell which, however many branches there are.
    const landedStill = new Set<string>();
    if (defaultMoved) {
      const mergedNow = await this.mergedIntoAny(root, targetsNow);
      const mergedBefore = await this.mergedIntoAny(root, targetsBefore);
      for (const ref of mergedNow) {
        if (ref !== defaultRef && position.get(ref) === tips.local.get(ref) && !mergedBefore.has(ref)) landedStill.add(ref);
      }
    }
    // A squash merge upstream arrives with a fetch and may leave the remote branch in place:
    // pushed branches are compared by content when the remote default branch moves.
    if (remoteDefaultMoved) {
      for (const [ref, tip] of tips.local) {
        if (ref !== defaultRef && position.get(ref) === tip && tips.upstreams.has(ref) && !landedStill.has(ref)) candidates.add(ref);
      }
    }
    for (const ref of landedStill) candidates.add(ref);
    if (candidates.size === 0) return [];

    // A branch made, merged and deleted while VS Code was closed was last seen without work of its
    // own; the merge commit git wrote ("Merge branch 'x'") still knows where it ended.
    const mergedTips = new Map<string, string>();
    for (const commit of newCommits) {
      const merged = /^Merge branch '([^']+)'/.exec(commit.subject);
      if (merged && commit.parents.length > 1) mergedTips.set(merged[1], commit.parents[1]);
    }

    const closed: ClosedBranch[] = [];
    for (const ref of candidates) {
      const name = ref.slice(HEADS.length);
      try {
        const branch = await this.closedBranch(root, { ref, name, tips, position, targetsBefore, targetsNow, landedStill, mergedTips, upstreamVanished });
        if (!branch || this.store.isBranchRecorded(repo.id, name, branch.tip)) continue;
        const mine = [];
        for (const commit of branch.commits) if (await isMine(commit)) mine.push(commit);
        if (mine.length === 0) {
          this.logger.info(`${root}: ${name} closed (${branch.closedAs}) but holds no commits of yours; not asked about`);
          continue;
        }
        if (branch.closedAs === 'deleted' && mine.every((commit) => commit.authorTime < firstSeenAt - 1000)) continue; // history
        this.logger.info(`${root}: ${name} ${branch.closedAs}${branch.closedAs === 'deleted' ? ' without being merged' : ` into ${defaultName}`} (${mine.length} commit(s))`);
        closed.push({ name, tip: branch.tip, closedAs: branch.closedAs, into: branch.closedAs === 'deleted' ? null : defaultName, shas: mine.map((commit) => commit.sha) });
      } catch (error) {
        if (error instanceof GitIdentityMissingError) throw error;
        this.logger.warn(`${root}: could not tell whether ${name} was closed (${error instanceof Error ? error.message : String(error)}); will look again`);
      }
    }
    return closed;
  }

  /** Whether one candidate branch closed, how, at which tip, and with which commits. */
  private async closedBranch(
    root: string,
    facts: {
      ref: string;
      name: string;
      tips: RefTips;
      position: ReadonlyMap<string, string>;
      targetsBefore: string[];
      targetsNow: string[];
      landedStill: ReadonlySet<string>;
      mergedTips: ReadonlyMap<string, string>;
      upstreamVanished: (ref: string, name: string) => boolean;
    },
  ): Promise<{ tip: string; closedAs: BranchClosure; commits: GitCommit[] } | undefined> {
    const { ref, name, tips, position, targetsBefore, targetsNow } = facts;
    const previousTip = position.get(ref)!;
    const currentTip = tips.local.get(ref);
    if (facts.landedStill.has(ref)) {
      return { tip: previousTip, closedAs: 'merged', commits: await this.git.commitsBetween(root, targetsBefore, previousTip) };
    }
    if (currentTip === undefined && [...tips.local].some(([other, sha]) => !position.has(other) && sha === previousTip)) {
      this.logger.info(`${root}: ${name} was renamed; not closed`);
      return undefined;
    }
    let tip = previousTip;
    if (currentTip !== undefined && (await this.git.isAncestor(root, previousTip, currentTip))) tip = currentTip;
    else if (currentTip === undefined && facts.mergedTips.has(name)) tip = facts.mergedTips.get(name)!;
    const commits = await this.git.commitsBetween(root, targetsBefore, tip);
    if (commits.length === 0) return undefined; // nothing of its own to ship
    for (const target of targetsNow) {
      if (await this.git.isAncestor(root, tip, target)) return { tip, closedAs: 'merged', commits };
    }
    for (const target of targetsNow) {
      if (await this.landedAsCopies(root, commits, tip, target)) return { tip, closedAs: 'merged', commits };
    }
    if (facts.upstreamVanished(ref, name)) return { tip, closedAs: 'squash-merged', commits };
    for (const target of targetsNow) {
      if (await this.git.contentLanded(root, tip, target)) return { tip, closedAs: 'squash-merged', commits };
    }
    return currentTip === undefined ? { tip, closedAs: 'deleted', commits } : undefined;
  }

  /**
   * Whether every commit of a branch reached `target` as a copy (rebase, cherry-pick): a commit there
   * with the same author and author date. Bounded by what `target` gained since the branch forked.
   */
  private async landedAsCopies(root: string, commits: readonly GitCommit[], tip: string, target: string): Promise<boolean> {
    const own = commits.filter((commit) => commit.parents.length < 2);
    if (own.length === 0) return false;
    const arrived = new Set((await this.git.commitsBetween(root, [tip], target)).map((commit) => `${commit.authorEmail.toLowerCase()} ${commit.authorTime}`));
    return own.every((commit) => arrived.has(`${commit.authorEmail.toLowerCase()} ${commit.authorTime}`));
  }

  private async mergedIntoAny(root: string, targets: readonly string[]): Promise<Set<string>> {
    const merged = new Set<string>();
    for (const target of targets) for (const ref of await this.git.branchesMergedInto(root, target)) merged.add(ref);
    return merged;
  }

  /** `origin/HEAD`'s branch when it exists here, else the first configured name that does. */
  private defaultBranchName(repo: RepositoryRecord, tips: RefTips, position: ReadonlyMap<string, string>): string | undefined {
    const exists = (name: string) => [HEADS + name, `refs/remotes/origin/${name}`].some((ref) => tips.local.has(ref) || tips.remote.has(ref) || position.has(ref));
    if (repo.defaultBranch && exists(repo.defaultBranch)) return repo.defaultBranch;
    return this.defaultBranches().find(exists);
  }

  /** The recorded commit that `commit` replaces: same author and author time, no longer reachable. */
  private async rewrittenFrom(root: string, repoId: number, commit: GitCommit, taken: ReadonlySet<number>) {
    const candidates = this.store
      .commitsByAuthorTime(repoId, commit.authorEmail, commit.authorTime)
      .filter((candidate) => candidate.sha !== commit.sha && !taken.has(candidate.id) && !candidate.isMerge)
      // Two commits in the same second: the one with the same subject is the likelier original.
      .sort((a, b) => Number(b.subject === commit.subject) - Number(a.subject === commit.subject));
    for (const candidate of candidates) {
      if (!(await this.git.isReachableLocally(root, candidate.sha))) return candidate;
    }
    return undefined;
  }

  /** Reads the remote and default branch once a session, storing them when they changed. */
  private async describe(repo: RepositoryRecord, root: string): Promise<RepositoryRecord> {
    const [remoteUrl = null, defaultBranch = null] = await Promise.all([this.git.remoteUrl(root), this.git.remoteDefaultBranch(root)]);
    if (remoteUrl === repo.remoteUrl && defaultBranch === repo.defaultBranch) return repo;
    this.store.updateRepositoryInfo(repo.id, { remoteUrl, defaultBranch });
    return { ...repo, remoteUrl, defaultBranch };
  }
}

/**
 * Whether a branch (or a detached HEAD) was deleted or moved other than forward onto the new
 * commits (a reset, a rebase, an amend), which is the only way commits stop being reachable.
 */
function mayHaveDroppedCommits(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, arrived: readonly { commit: GitCommit }[]): boolean {
  const parents = new Set(arrived.flatMap(({ commit }) => commit.parents));
  for (const [ref, sha] of before) {
    if (!ref.startsWith(HEADS) && ref !== DETACHED_HEAD) continue;
    const now = after.get(ref);
    if (now === sha) continue;
    if (now === undefined || !parents.has(sha)) return true;
  }
  return false;
}

function positionOf(tips: RefTips): Map<string, string> {
  const position = new Map<string, string>([...tips.local, ...tips.remote]);
  if (tips.head && !tips.branch) position.set(DETACHED_HEAD, tips.head);
  return position;
}

function samePosition(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [ref, sha] of a) if (b.get(ref) !== sha) return false;
  return true;
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
