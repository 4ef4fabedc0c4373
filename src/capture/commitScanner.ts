/**
 * Where a commit becomes something to name: compares a repository's refs with the position
 * recorded at the last scan, asks git which commits are new and the user's, follows rewritten
 * commits, and records the rest in one transaction. Nothing here knows VS Code.
 */
import type { CommitRecord, GitCommit, RepositoryRecord } from '../core/domain';
import { GitIdentityMissingError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GitReader, RefTips } from '../git/gitReader';
import type { NewCommit, Rewrite, Store } from '../storage/store';

/** The pseudo-ref under which a detached HEAD's position is recorded. */
const DETACHED_HEAD = 'HEAD';

export interface ScanResult {
  repo: RepositoryRecord;
  /** Commits that wait for a name and that this scan (this window) recorded first. */
  claimed: CommitRecord[];
  /** True when this was the first look at the repository: its history is not asked about. */
  firstScan: boolean;
  /** Why the scan waited without recording anything, if it did. */
  waitingFor?: string;
}

/** Detects the user's new commits in a repository. */
export class CommitScanner {
  private readonly running = new Map<string, Promise<ScanResult>>();
  private readonly queued = new Map<string, Promise<ScanResult>>();
  /** Repositories whose remote and default branch were read in this session. */
  private readonly described = new Set<string>();

  constructor(
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

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
    const { repo, firstSeenAt, position } = this.store.ensureRepository(root);
    const operation = await this.git.operationInProgress(root);
    if (operation) {
      this.logger.info(`${root}: a ${operation} is in progress; looking again when it ends`);
      return { repo, claimed: [], firstScan: false, waitingFor: operation };
    }
    const tips = await this.git.readTips(root);
    const current = positionOf(tips);

    if (!this.described.has(root)) {
      this.described.add(root);
      await this.refreshRepositoryInfo(repo, root);
    }
    if (!position) {
      this.store.recordScan(repo.id, { position: current, commits: [], rewrites: [] });
      this.logger.info(`${root}: first scan; ${tips.local.size} branch(es) recorded, history not asked about`);
      return { repo, claimed: [], firstScan: true };
    }

    const found = await this.newCommits(root, tips, position);
    // Commits authored before Progress Log first saw the repository are history, even when a
    // rebase or cherry-pick gives them new ids today.
    const recent = found.filter(({ commit }) => commit.authorTime >= firstSeenAt - 1000);
    if (recent.length === 0) {
      if (!samePosition(position, current)) this.store.recordScan(repo.id, { position: current, commits: [], rewrites: [] });
      if (found.length) this.logger.info(`${root}: ${found.length} commit(s) predate Progress Log; not asked about`);
      return { repo, claimed: [], firstScan: false };
    }

    const email = await this.git.userEmail(root);
    if (!email) throw new GitIdentityMissingError(root); // the position stays, so nothing is lost
    const mine = recent.filter(({ commit }) => commit.authorEmail.toLowerCase() === email.toLowerCase());
    this.logger.info(`${root}: ${recent.length} new commit(s), ${mine.length} by ${email}`);

    const rewrites: Rewrite[] = [];
    const commits: NewCommit[] = [];
    const rewritten = new Set<number>();
    for (const { commit, branch } of mine) {
      const isMerge = commit.parents.length > 1;
      const original = isMerge ? undefined : await this.rewrittenFrom(root, repo.id, commit, rewritten);
      if (original) {
        rewritten.add(original.id);
        rewrites.push({ commitId: original.id, sha: commit.sha, subject: commit.subject, authorTime: commit.authorTime });
        this.logger.info(`${root}: ${short(original.sha)} was rewritten as ${short(commit.sha)}; its ${original.status} record follows it`);
        continue;
      }
      commits.push({
        sha: commit.sha,
        subject: commit.subject,
        authorEmail: commit.authorEmail,
        authorTime: commit.authorTime,
        branch,
        isMerge,
      });
      if (isMerge) this.logger.info(`${root}: merge commit ${short(commit.sha)} recorded without asking`);
    }
    // Oldest first, so that a batch reads in the order the work was done.
    commits.reverse();
    const claimed = this.store.recordScan(repo.id, { position: current, commits, rewrites });
    if (claimed.length) this.logger.info(`${root}: claimed ${claimed.length} commit(s) to ask about: ${claimed.map((c) => short(c.sha)).join(' ')}`);
    return { repo, claimed, firstScan: false };
  }

  /** Commits reachable from a moved branch (or a moved detached HEAD) and from nothing known before. */
  private async newCommits(root: string, tips: RefTips, position: ReadonlyMap<string, string>): Promise<{ commit: GitCommit; branch: string | null }[]> {
    const moved: { tip: string; branch: string | null }[] = [];
    const currentRef = tips.branch ? `refs/heads/${tips.branch}` : undefined;
    if (tips.head && !currentRef && position.get(DETACHED_HEAD) !== tips.head) moved.push({ tip: tips.head, branch: null });
    for (const [ref, sha] of tips.local) {
      if (position.get(ref) === sha) continue;
      const entry = { tip: sha, branch: ref.slice('refs/heads/'.length) };
      if (ref === currentRef) moved.unshift(entry);
      else moved.push(entry);
    }
    const known = [...position.values()];
    const found = new Map<string, { commit: GitCommit; branch: string | null }>();
    for (const { tip, branch } of moved) {
      if (found.has(tip)) continue;
      for (const commit of await this.git.commitsSince(root, tip, known)) {
        if (!found.has(commit.sha)) found.set(commit.sha, { commit, branch });
      }
    }
    return [...found.values()];
  }

  /** The recorded commit that `commit` replaces: same author and author time, no longer reachable. */
  private async rewrittenFrom(root: string, repoId: number, commit: GitCommit, taken: ReadonlySet<number>): Promise<CommitRecord | undefined> {
    const candidates = this.store
      .commitsByAuthorTime(repoId, commit.authorEmail, commit.authorTime)
      .filter((candidate) => candidate.sha !== commit.sha && !taken.has(candidate.id) && !candidate.isMerge);
    for (const candidate of candidates) {
      if (!(await this.git.isReachableLocally(root, candidate.sha))) return candidate;
    }
    return undefined;
  }

  private async refreshRepositoryInfo(repo: RepositoryRecord, root: string): Promise<void> {
    const [remoteUrl, defaultBranch] = await Promise.all([this.git.remoteUrl(root), this.git.remoteDefaultBranch(root)]);
    if ((remoteUrl ?? null) !== repo.remoteUrl || (defaultBranch ?? null) !== repo.defaultBranch) {
      this.store.updateRepositoryInfo(repo.id, { remoteUrl: remoteUrl ?? null, defaultBranch: defaultBranch ?? null });
    }
  }
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

function short(sha: string): string {
  return sha.slice(0, 7);
}
