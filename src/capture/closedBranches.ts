/**
 * Local branches closed since the last scan. A branch counts only when it had work of the user's
 * that was not on the default branch at the last scan. Merged: that work is now on the default
 * branch or its remote counterpart, as commits or as copies (rebase, cherry-pick). Squash-merged:
 * its changes arrived on the default branch in one piece (upstream, or by a squash made here).
 * Deleted: gone without its changes landing. A remote branch that vanished says nothing by
 * itself: a pull request closed unmerged is not shipped. A rename, a checkout, a reset or a
 * re-created branch closes nothing. A branch git cannot answer for is logged and looked at again
 * next time; it never holds up the commits of the same scan. Nothing here knows VS Code.
 */
import type { BranchClosure, GitCommit, RepositoryRecord } from '../core/domain';
import { GitIdentityMissingError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GitReader, RefTips } from '../git/gitReader';
import type { ClosedBranch, Store } from '../storage/store';
import { HEADS } from './arrivals';

export interface ClosureFacts {
  root: string;
  repo: RepositoryRecord;
  tips: RefTips;
  position: ReadonlyMap<string, string>;
  defaultName: string | undefined;
  /** Every commit that arrived in this scan (merge commits name the branches they merged). */
  arrived: readonly GitCommit[];
  /** Commits made here on the default branch that are new work: they may land a branch in one piece. */
  landingCandidates: readonly GitCommit[];
  isMine(commit: GitCommit): Promise<boolean>;
  firstSeenAt: number;
}

interface Candidate {
  ref: string;
  name: string;
}

export class ClosedBranchDetector {
  constructor(
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async detect(facts: ClosureFacts): Promise<ClosedBranch[]> {
    const { root, repo, tips, position, defaultName } = facts;
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
    const upstreamVanished = (ref: string) => {
      const upstream = upstreamOf(ref, ref.slice(HEADS.length));
      return upstream !== undefined && position.has(upstream) && !tips.remote.has(upstream);
    };

    const candidates = new Map<string, Candidate>();
    const add = (ref: string) => candidates.set(ref, { ref, name: ref.slice(HEADS.length) });
    // A branch can only have closed if it is gone, its remote branch vanished, or the default
    // branch moved; a branch that merely gained commits is still open, and costs no git call.
    for (const [ref, tip] of position) {
      if (!ref.startsWith(HEADS) || ref === defaultRef) continue;
      const now = tips.local.get(ref);
      if (now === undefined || upstreamVanished(ref) || (defaultMoved && now !== tip)) add(ref);
    }
    // Branches that sat still close when the default branch moved onto them: one call tells
    // which, however many branches there are.
    const landedStill = new Set<string>();
    if (defaultMoved) {
      for (const ref of await this.git.branchesLanded(root, targetsNow, targetsBefore)) {
        if (ref !== defaultRef && position.get(ref) === tips.local.get(ref)) landedStill.add(ref);
      }
    }
    // A squash merge upstream arrives with a fetch and may leave the remote branch in place:
    // pushed branches are compared by content when the remote default branch moves.
    if (remoteDefaultMoved) {
      for (const [ref, tip] of tips.local) {
        if (ref !== defaultRef && position.get(ref) === tip && tips.upstreams.has(ref)) add(ref);
      }
    }
    // A squash made here (`merge --squash`, then a commit on the default branch) lands a branch
    // that stays in place: branches with recorded work are compared by content.
    if (facts.landingCandidates.length > 0) {
      for (const name of this.store.scans.branchesWithWork(repo.id)) {
        const ref = HEADS + name;
        if (ref !== defaultRef && tips.local.has(ref)) add(ref);
      }
    }
    for (const ref of landedStill) add(ref);
    if (candidates.size === 0) return [];

    // A branch made, merged and deleted while VS Code was closed was last seen without work of its
    // own; the merge commit git wrote ("Merge branch 'x'") still knows where it ended.
    const mergedTips = new Map<string, string>();
    for (const commit of facts.arrived) {
      const merged = /^Merge branch '([^']+)'/.exec(commit.subject);
      if (merged && commit.parents.length > 1) mergedTips.set(merged[1], commit.parents[1]);
    }

    const closed: ClosedBranch[] = [];
    for (const { ref, name } of candidates.values()) {
      try {
        const branch = await this.closedBranch(root, { ref, name, tips, position, targetsBefore, targetsNow, landedStill, mergedTips });
        if (!branch || this.store.scans.isBranchRecorded(repo.id, name, branch.tip)) continue;
        const mine: GitCommit[] = [];
        for (const commit of branch.commits) if (await facts.isMine(commit)) mine.push(commit);
        if (mine.length === 0) {
          this.logger.info(`${root}: ${name} closed (${branch.closedAs}) but holds no commits of yours; not asked about`);
          continue;
        }
        if (branch.closedAs === 'deleted' && mine.every((commit) => commit.authorTime < facts.firstSeenAt - 1000)) continue; // history
        // Landed in one piece by a squash made here in this scan: that commit lands it, and is not asked about alone.
        const landedBy = branch.closedAs === 'squash-merged' && tips.local.get(ref) !== undefined ? facts.landingCandidates.map((commit) => commit.sha) : [];
        this.logger.info(`${root}: ${name} ${branch.closedAs === 'deleted' ? 'closed without its changes landing' : `${branch.closedAs} into ${defaultName}`} (${mine.length} commit(s))`);
        closed.push({ name, tip: branch.tip, closedAs: branch.closedAs, into: branch.closedAs === 'deleted' ? null : defaultName, shas: mine.map((commit) => commit.sha), landedBy });
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
    },
  ): Promise<{ tip: string; closedAs: BranchClosure; commits: GitCommit[] } | undefined> {
    const { ref, name, tips, position, targetsBefore, targetsNow } = facts;
    const previousTip = position.get(ref);
    const currentTip = tips.local.get(ref);
    if (previousTip && facts.landedStill.has(ref)) {
      return { tip: previousTip, closedAs: 'merged', commits: await this.git.commitsBetween(root, targetsBefore, previousTip) };
    }
    if (currentTip === undefined && [...tips.local].some(([other, sha]) => !position.has(other) && sha === previousTip)) {
      this.logger.info(`${root}: ${name} was renamed; not closed`);
      return undefined;
    }
    let tip = previousTip ?? currentTip;
    if (tip === undefined) return undefined;
    if (currentTip !== undefined && previousTip !== undefined && (await this.git.isAncestor(root, previousTip, currentTip))) tip = currentTip;
    else if (currentTip === undefined && facts.mergedTips.has(name)) tip = facts.mergedTips.get(name)!;
    const commits = await this.git.commitsBetween(root, targetsBefore, tip);
    if (commits.length === 0) return undefined; // nothing of its own to ship
    for (const target of targetsNow) {
      if (await this.git.isAncestor(root, tip, target)) return { tip, closedAs: 'merged', commits };
    }
    for (const target of targetsNow) {
      if (await this.landedAsCopies(root, commits, tip, target)) return { tip, closedAs: 'merged', commits };
    }
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

}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}
