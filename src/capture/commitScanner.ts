/**
 * Where a commit becomes something to name. A scan compares a clone's refs with the position
 * recorded at the last scan, asks git which commits arrived, asks the reflogs which of them were
 * made here, keeps one record per piece of work through amends, rebases and cherry-picks, finds
 * closed branches and work that is gone, decides by the ask policy what waits for a name now and
 * what waits for its branch to land, and records it all in one transaction.
 * Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BRANCH_NAMES, type AskWhen, type GitCommit, type RepositoryRecord } from '../core/domain';
import { GitIdentityMissingError } from '../core/errors';
import type { Logger } from '../core/logger';
import { KeyedLock, KeyedSerializer } from '../core/serial';
import type { GitReader } from '../git/gitReader';
import { readReflogs } from '../git/reflog';
import type { Claimed, NewCommit, RepositoryIdentity, Store } from '../storage/store';
import { defaultBranchOf, findArrivals, formerTips, headRefOf, HEADS, positionOf, samePosition } from './arrivals';
import { ClosedBranchDetector } from './closedBranches';
import { backfillPatchIds, planFollows, type Candidate } from './following';
import { cloneHasLeft, configFile, fileStamp, refsFingerprint, type GitDirectories } from './gitFiles';
import type { ScanContext } from './scanContext';

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
  /** When to ask: as work lands on the default branch (default), or after each commit. */
  askWhen?: () => AskWhen;
  /** E-mail addresses the user commits under, besides each repository's `user.email`. */
  authorEmails?: () => readonly string[];
}

const nothing = (repo: RepositoryRecord): Claimed => ({ repo, commits: [], branches: [] });

/** Detects the user's new work and closed branches in a repository. */
export class CommitScanner {
  private readonly serial = new KeyedSerializer<ScanResult>();
  /** One scan, or one batch an import writes, at a time per repository (see `exclusively`). */
  private readonly lock = new KeyedLock();
  /** Per root, the refs' fingerprint and repository at the last complete scan: unchanged means nothing to find. */
  private readonly lastLook = new Map<string, { fingerprint: string; repo: RepositoryRecord }>();
  /** What each clone is (first commit, remote, default branch), read again when its configuration changes. */
  private readonly identities = new Map<string, { identity: RepositoryIdentity; config: string }>();
  private readonly defaultBranches: () => readonly string[];
  private readonly askWhen: () => AskWhen;
  private readonly authorEmails: () => readonly string[];

  constructor(
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
    options: ScannerOptions = {},
  ) {
    this.defaultBranches = options.defaultBranches ?? (() => DEFAULT_BRANCH_NAMES);
    this.askWhen = options.askWhen ?? (() => 'workLands');
    this.authorEmails = options.authorEmails ?? (() => []);
  }

  /**
   * Scans one repository. Calls for the same root never overlap: a call made while a scan runs
   * is served by one scan started after it, so no change is missed and none is read twice.
   */
  scan(root: string): Promise<ScanResult> {
    return this.serial.run(root, async () => {
      // Worktrees of one repository share its branches: they share one clone record, and one lock.
      const clonePath = await this.git.repositoryRoot(root);
      return this.lock.run(clonePath, () => this.scanNow(root, clonePath));
    });
  }

  /**
   * Runs `work` while nothing else scans or imports into the repository at `root` (worktrees of one
   * repository count as one): what an import writes goes through here, between scans.
   */
  async exclusively<T>(root: string, work: () => T | Promise<T>): Promise<T> {
    return this.lock.run(await this.git.repositoryRoot(root), work);
  }

  private async scanNow(root: string, clonePath: string): Promise<ScanResult> {
    // Nothing moved since the last complete scan (a rescan after our own watcher already looked,
    // a change of the working tree): the file system says so, and no git process starts.
    const dirs = await this.git.gitDirectories(root);
    const fingerprint = refsFingerprint(dirs);
    const last = this.lastLook.get(root);
    if (last?.fingerprint === fingerprint) return { repo: last.repo, claimed: nothing(last.repo), firstScan: false };
    const clone = this.store.clones.ensure(clonePath, await this.identity(root, dirs), cloneHasLeft);
    const scan: ScanContext = { git: this.git, store: this.store, logger: this.logger, root, dirs, headRef: headRefOf(dirs.gitDir, dirs.commonDir), clone, repo: clone.repo };
    const result = await this.scanChanged(scan);
    if (!result.waitingFor) this.lastLook.set(root, { fingerprint, repo: result.repo });
    return result;
  }

  private async scanChanged(scan: ScanContext): Promise<ScanResult> {
    const { git, store, logger, root, dirs, clone, repo } = scan;
    const { position, firstSeenAt } = clone;
    const operation = await git.operationInProgress(root);
    if (operation) {
      logger.info(`${root}: a ${operation} is in progress; looking again when it ends`);
      return { repo, claimed: nothing(repo), firstScan: false, waitingFor: operation };
    }
    const tips = await git.readTips(root);
    // Other worktrees' detached HEADs stay as recorded, while those worktrees exist.
    const others = position && new Map([...position].filter(([ref]) => !ref.startsWith('HEAD ') || fs.existsSync(path.join(dirs.commonDir, ref.slice('HEAD '.length)))));
    const current = positionOf(tips, scan.headRef, others);
    const movedBranches = [...tips.local].filter(([ref, sha]) => position?.get(ref) !== sha).map(([ref]) => ref);
    // A checkout's target is a branch when it is one here now or was at the last look.
    const branchNames = new Set([...tips.local.keys(), ...(position?.keys() ?? [])].filter((ref) => ref.startsWith(HEADS)).map((ref) => ref.slice(HEADS.length)));
    const reflog = readReflogs(dirs.commonDir, movedBranches, clone.reflog, branchNames);

    if (!position) {
      store.scans.record(clone.cloneId, repo.id, { position: current, reflog: reflog.cursors, commits: [] });
      logger.info(`${root}: first scan; ${tips.local.size} branch(es) recorded, history not asked about`);
      return { repo, claimed: nothing(repo), firstScan: true };
    }
    // Nothing moved, unless a branch came and went between two looks: HEAD's log says it left one.
    const goneUnseen = [...reflog.leftSince].some((name) => !tips.local.has(HEADS + name) && !position.has(HEADS + name));
    if (samePosition(position, current) && !goneUnseen) return { repo, claimed: nothing(repo), firstScan: false };

    const arrived = await findArrivals(scan, tips, position, reflog);
    // Commits authored before Progress Log first saw the repository are history, even when a
    // rebase or cherry-pick gives them new ids today.
    const isRecent = (commit: GitCommit) => commit.authorTime >= firstSeenAt - 1000;
    const isMine = await this.authorship(root);
    const candidates: Candidate[] = [];
    for (const { commit, branch, madeHere } of arrived) {
      if (madeHere && isRecent(commit) && (await isMine(commit))) candidates.push({ commit, branch });
    }
    const madeHereCount = arrived.filter((arrival) => arrival.madeHere).length;
    if (arrived.length) logger.info(`${root}: ${arrived.length} commit(s) arrived, ${madeHereCount} made here, ${candidates.length} new work of yours`);

    const defaultName = this.defaultBranchName(repo, tips, position);
    const defaultTip = defaultName ? (tips.local.get(HEADS + defaultName) ?? tips.remote.get(`refs/remotes/origin/${defaultName}`)) : undefined;
    const landsOn = (branch: string | null) => defaultName === undefined || branch === defaultName;
    const defaultBranch = { landsOn, reaches: async (sha: string) => defaultTip !== undefined && (await git.isAncestor(root, sha, defaultTip)) };
    await backfillPatchIds(scan);
    const plan = await planFollows(scan, candidates, reflog, defaultBranch);
    const landingCandidates = plan.fresh.filter(({ commit, branch }) => commit.parents.length < 2 && branch === defaultName).map(({ commit }) => commit);
    const dropped = formerTips(position, current, arrived);
    const oldDefaultTip = defaultName ? position.get(HEADS + defaultName) : undefined;
    const closures = await new ClosedBranchDetector(scan).detect({
      tips,
      position,
      defaultName,
      arrived: arrived.map(({ commit }) => commit),
      landingCandidates,
      freshBranches: new Set(plan.fresh.map(({ branch }) => branch).filter((branch): branch is string => branch !== null)),
      defaultRewound: oldDefaultTip !== undefined && dropped.includes(oldDefaultTip),
      isMine,
      firstSeenAt,
      reflog,
      arrivedShas: new Set(arrived.map(({ commit }) => commit.sha)),
    });
    const landings = new Set(closures.closed.flatMap((branch) => branch.landedBy ?? []));

    const askWhen = this.askWhen();
    const commits: NewCommit[] = plan.fresh.map(({ commit, branch, patchId, copies }) => {
      const isMerge = commit.parents.length > 1;
      const status: NewCommit['status'] = isMerge || landings.has(commit.sha) ? 'ignored' : askWhen === 'eachCommit' || landsOn(branch) ? 'pending' : 'open';
      return { sha: commit.sha, subject: commit.subject, authorEmail: commit.authorEmail, authorTime: commit.authorTime, branch, isMerge, status, patchId, copies };
    });
    // plan.fresh is oldest first, so that a batch reads in the order the work was done.
    // A branch closed before any look saw its commits arrive brings them now; unless merged, they
    // are already out of reach (squashed, or deleted with the branch).
    const reachable = new Set(closures.closed.filter((branch) => branch.closedAs === 'merged').map((branch) => branch.name));
    for (const { commit, branch } of closures.unseen) {
      commits.push({ sha: commit.sha, subject: commit.subject, authorEmail: commit.authorEmail, authorTime: commit.authorTime, branch, isMerge: commit.parents.length > 1, status: 'open' });
    }
    const outOfReach = closures.unseen.filter(({ branch }) => !reachable.has(branch)).map(({ commit }) => commit.sha);

    const gone = [...(dropped.length ? await git.unreachableFrom(root, dropped) : []), ...outOfReach];
    const claimed = store.scans.record(clone.cloneId, repo.id, {
      position: current,
      reflog: reflog.cursors,
      commits,
      follows: [...plan.follows, ...closures.follows],
      aliases: plan.aliases,
      closedBranches: closures.closed.map((branch) => ({ ...branch, coveredByAsked: askWhen === 'workLands' })),
      withdrawn: closures.withdrawn,
      gone,
      returned: arrived.map(({ commit }) => commit.sha),
    });
    const held = commits.filter((commit) => commit.status === 'open');
    if (held.length) logger.info(`${root}: ${held.length} commit(s) on ${[...new Set(held.map((commit) => commit.branch ?? 'a detached HEAD'))].join(', ')} recorded; asked about when the branch lands`);
    if (claimed.commits.length) logger.info(`${root}: claimed ${claimed.commits.length} commit(s) to ask about: ${claimed.commits.map((c) => short(c.sha)).join(' ')}`);
    for (const branch of claimed.branches) logger.info(`${root}: claimed closed branch ${branch.name} (${branch.closedAs}, ${branch.commitIds.length} commit(s)) to ask about`);
    return { repo, claimed, firstScan: false };
  }

  /** Whether a commit is the user's: authored under the repository's `user.email` or one of the configured addresses. */
  private async authorship(root: string): Promise<(commit: GitCommit) => Promise<boolean>> {
    let emails: Set<string> | undefined;
    return async (commit) => {
      emails ??= await this.userEmails(root);
      return emails.has(commit.authorEmail.toLowerCase());
    };
  }

  /** `origin/HEAD`'s branch when it exists here, else the first configured name that does. */
  private defaultBranchName(repo: RepositoryRecord, tips: { local: Map<string, string>; remote: Map<string, string> }, position: ReadonlyMap<string, string>): string | undefined {
    return defaultBranchOf(repo, this.defaultBranches(), [tips.local, tips.remote, position]);
  }

  /** The e-mail addresses that make a commit the user's in the repository at `root`. */
  async userEmails(root: string): Promise<Set<string>> {
    const email = await this.git.userEmail(root);
    const extra = this.authorEmails().map((address) => address.trim().toLowerCase()).filter(Boolean);
    if (!email && extra.length === 0) throw new GitIdentityMissingError(root); // nothing is recorded, so nothing is lost
    return new Set([...(email ? [email.toLowerCase()] : []), ...extra]);
  }

  /** The default branch's name in a repository, from what was recorded at its last scan. */
  defaultBranchAt(repo: RepositoryRecord, position: ReadonlyMap<string, string>): string | undefined {
    return defaultBranchOf(repo, this.defaultBranches(), [position]);
  }

  /**
   * What a clone is: its first commit, remote and default branch, read again only when its
   * configuration file changed (a remote's URL is set there).
   */
  private async identity(root: string, dirs: GitDirectories): Promise<RepositoryIdentity> {
    const config = fileStamp(configFile(dirs));
    const known = this.identities.get(root);
    if (known?.config === config) return known.identity;
    const [rootCommit, remoteUrl = null, defaultBranch = null] = await Promise.all([this.git.rootCommit(root), this.git.remoteUrl(root), this.git.remoteDefaultBranch(root)]);
    const identity = { rootCommit, remoteUrl, defaultBranch };
    // An empty repository has no first commit yet: ask again next time.
    if (rootCommit) this.identities.set(root, { identity, config });
    return identity;
  }
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
