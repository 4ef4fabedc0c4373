/**
 * Local branches closed since the last scan. Only branches holding recorded work of the user's
 * are judged (a release branch with none of it costs no git call). Merged: the branch's work is
 * now on the default branch or its remote counterpart, as commits or as copies (a rebase-merge,
 * cherry-picks), and the records follow the copies. Squash-merged: its changes arrived on the
 * default branch in one piece, upstream or by a squash made here; the commit that landed them is
 * found, so later changes to the same files do not hide it and only that commit is taken for the
 * landing. Deleted: gone without its changes landing. A branch whose local ref is deleted while
 * its remote branch is still there (a pull request still open) is not closed: it is judged by its
 * remote branch until that lands or vanishes. A remote branch that vanished says nothing by itself:
 * a pull request closed unmerged is not shipped. A merge undone takes its branch back.
 * Nothing here knows VS Code.
 */
import type { BranchClosure, GitCommit } from '../core/domain';
import { GitIdentityMissingError } from '../core/errors';
import { errorMessage } from '../core/text';
import type { RefTips } from '../git/gitReader';
import type { ReflogReading } from '../git/reflog';
import type { ClosedBranch, Follow } from '../storage/store';
import { HEADS, mergedBranchName } from './arrivals';
import type { ScanContext } from './scanContext';

/** What the scan found that tells whether a branch closed. */
export interface ClosureFacts {
  tips: RefTips;
  position: ReadonlyMap<string, string>;
  defaultName: string | undefined;
  /** Every commit that arrived in this scan (merge commits name the branches they merged). */
  arrived: readonly GitCommit[];
  /** Commits made here on the default branch that are new work: one of them may land a branch in one piece. */
  landingCandidates: readonly GitCommit[];
  /** Branches the new work of this scan was made on. */
  freshBranches: ReadonlySet<string>;
  /** The default branch moved other than forward (a reset): a merge on it may have been undone. */
  defaultRewound: boolean;
  isMine(commit: GitCommit): Promise<boolean>;
  firstSeenAt: number;
  /** What the reflogs say: which commits were made here and on which branch, the merges made here, where HEAD last left each branch. */
  reflog: Pick<ReflogReading, 'made' | 'madeOn' | 'merges' | 'leftAt' | 'leftSince'>;
  /** Commits this scan records anyway (it found them arriving): a closed branch's others are recorded with it. */
  arrivedShas: ReadonlySet<string>;
}

export interface Closures {
  closed: ClosedBranch[];
  /** Records that follow their copies on the default branch (a rebase-merge on the host). */
  follows: Follow[];
  /** Branches waiting for a name whose landing was undone. */
  withdrawn: string[];
  /**
   * Commits of the user's made here on a branch closed in this scan that no look ever saw arrive
   * (the branch was made and squash-merged, or deleted, between two looks): recorded with it.
   */
  unseen: { commit: GitCommit; branch: string }[];
}

interface Candidate {
  /** The ref that stands for the branch: its local ref, or its remote branch once the local one is deleted. */
  ref: string;
  name: string;
}

/** Where a merged branch ended, and what the branch it was merged into had just before (none of it the branch's own). */
interface MergedTip {
  tip: string;
  base: string;
}

interface Targets {
  before: string[];
  now: string[];
  /** Commits that arrived on the default branch (first parent), oldest first, then its tips: where a squash may have landed. */
  landings: string[];
}

/** Finds the branches one scan closed. */
export class ClosedBranchDetector {
  constructor(private readonly scan: ScanContext) {}

  async detect(facts: ClosureFacts): Promise<Closures> {
    const none: Closures = { closed: [], follows: [], withdrawn: [], unseen: [] };
    const { git, store, logger, root, repo } = this.scan;
    const { tips, position, defaultName } = facts;
    if (!defaultName) return none;
    const defaultRef = HEADS + defaultName;
    const remoteDefaultRef = `refs/remotes/origin/${defaultName}`;
    const before = present([position.get(defaultRef), position.get(remoteDefaultRef)]);
    const now = present([tips.local.get(defaultRef), tips.remote.get(remoteDefaultRef)]);
    if (before.length === 0 || now.length === 0) return none;
    const defaultMoved = now.join() !== before.join();
    const remoteDefaultMoved = position.get(remoteDefaultRef) !== tips.remote.get(remoteDefaultRef);
    const remoteOf = (name: string) => tips.upstreams.get(HEADS + name) ?? `refs/remotes/origin/${name}`;
    const withdrawn = facts.defaultRewound ? await this.undoneLandings(now) : [];

    // Only branches holding recorded work of the user's (or this scan's new work) can ship it.
    const worked = new Set([...store.scans.branchesWithWork(repo.id, 100), ...facts.freshBranches]);
    const candidates = new Map<string, Candidate>();
    // A deleted branch is always judged (deletions are rare, and its work may have been made while
    // VS Code was closed); others only when they hold recorded work.
    const add = (ref: string, name: string, deleted = false) => {
      if (name !== defaultName && (deleted || worked.has(name))) candidates.set(name, { ref, name });
    };
    // A branch can only have closed if it is gone, its remote branch vanished, or the default
    // branch moved; a branch that merely gained commits is still open, and costs no git call.
    for (const [ref, tip] of position) {
      if (!ref.startsWith(HEADS)) continue;
      const name = ref.slice(HEADS.length);
      const current = tips.local.get(ref);
      const remote = remoteOf(name);
      const remoteVanished = position.has(remote) && !tips.remote.has(remote);
      if (current === undefined) add(ref, name, true);
      else if (remoteVanished || (defaultMoved && current !== tip)) add(ref, name);
    }
    // Branches deleted here while their remote branch stays (an open pull request) are judged by it.
    for (const name of worked) {
      const remote = `refs/remotes/origin/${name}`;
      if (!tips.local.has(HEADS + name) && !position.has(HEADS + name) && position.has(remote) && (!tips.remote.has(remote) || defaultMoved)) add(remote, name);
    }
    // Where each branch merged here ended (the merge's second parent, or where a fast-forward took
    // the default branch): what the reflog's merge entry names, or git's own message ("Merge
    // branch 'x'") where reflogs are missing.
    const mergedTips = new Map<string, MergedTip>();
    for (const commit of facts.arrived) {
      const name = mergedBranchName(commit, facts.reflog);
      if (name !== undefined) mergedTips.set(name, { tip: commit.parents[1], base: commit.parents[0] });
    }
    const arrivedShas = new Set(facts.arrived.map((commit) => commit.sha));
    for (const [sha, { name, fastForward, before: base }] of facts.reflog.merges) if (fastForward && arrivedShas.has(sha)) mergedTips.set(name, { tip: sha, base });
    // A branch made since the last look (between two looks, or while VS Code was closed) was never
    // seen: its new commits, or a merge of it that arrived, say it existed. Deleted, it is judged
    // now; still here, only when the default branch moved (else it cannot have landed).
    // Deleted before any look saw its commits arrive, it left only HEAD's departure from it.
    for (const name of new Set([...facts.freshBranches, ...mergedTips.keys(), ...facts.reflog.leftSince])) {
      const ref = HEADS + name;
      if (position.has(ref) || candidates.has(name)) continue;
      const deleted = !tips.local.has(ref);
      if (deleted ? facts.freshBranches.has(name) || facts.reflog.leftAt.has(name) : defaultMoved) add(ref, name, deleted);
    }
    // Branches that sat still close when the default branch moved onto them: one call tells which.
    const satStill = [...tips.local].filter(([ref, tip]) => position.get(ref) === tip && worked.has(ref.slice(HEADS.length)));
    const landedStill = new Set<string>();
    if (defaultMoved && satStill.length > 0) {
      for (const ref of await git.branchesLanded(root, now, before)) if (ref !== defaultRef && position.get(ref) === tips.local.get(ref)) landedStill.add(ref);
    }
    for (const ref of landedStill) add(ref, ref.slice(HEADS.length));
    // A squash merge arrives with a fetch (upstream) or a commit here, and may leave the branch in
    // place: branches with work that sat still are compared by content when the default branch moved.
    if (remoteDefaultMoved || facts.landingCandidates.length > 0) for (const [ref] of satStill) add(ref, ref.slice(HEADS.length));
    if (candidates.size === 0) return { ...none, withdrawn };

    const targets: Targets = { before, now, landings: await this.landingCandidates(now, before) };
    const landingShas = new Set(facts.landingCandidates.map((commit) => commit.sha));

    const closures: Closures = { closed: [], follows: [], withdrawn, unseen: [] };
    for (const { ref, name } of candidates.values()) {
      try {
        const branch = await this.closedBranch({ ref, name, tips, position, targets, landedStill, mergedTips, leftAt: facts.reflog.leftAt, remote: remoteOf(name) });
        if (!branch || store.scans.isBranchRecorded(repo.id, name, branch.tip)) continue;
        const mine: GitCommit[] = [];
        // Work the reflogs say was made on the default branch is asked about on its own, not with a branch.
        for (const commit of branch.commits) if (facts.reflog.madeOn.get(commit.sha) !== defaultName && (await facts.isMine(commit))) mine.push(commit);
        if (mine.length === 0) {
          logger.info(`${root}: ${name} closed (${branch.closedAs}) but holds no commits of yours; not asked about`);
          continue;
        }
        if (branch.closedAs === 'deleted' && mine.every((commit) => commit.authorTime < facts.firstSeenAt - 1000)) continue; // history
        // A commit no look saw is recorded with its branch, unless a copy of it landed (cherry-picked
        // onto main, and seen arriving there): that copy is its record.
        const recorded = store.scans.recordsBySha(repo.id, mine.map((commit) => commit.sha));
        const isUnseen = (commit: GitCommit) => !recorded.has(commit.sha) && !facts.arrivedShas.has(commit.sha);
        for (const commit of mine) {
          if (isUnseen(commit) && !branch.copies.has(commit.sha) && facts.reflog.made.has(commit.sha) && commit.authorTime >= facts.firstSeenAt - 1000) closures.unseen.push({ commit, branch: name });
        }
        logger.info(`${root}: ${name} ${branch.closedAs === 'deleted' ? 'closed without its changes landing' : `${branch.closedAs} into ${defaultName}`} (${mine.length} commit(s))`);
        closures.closed.push({
          name,
          tip: branch.tip,
          closedAs: branch.closedAs,
          into: branch.closedAs === 'deleted' ? null : defaultName,
          shas: mine.map((commit) => (isUnseen(commit) ? (branch.copies.get(commit.sha)?.sha ?? commit.sha) : commit.sha)),
          // A squash made here, in this scan: that one commit lands the branch and is not asked about alone.
          landedBy: branch.landing && landingShas.has(branch.landing) ? [branch.landing] : [],
        });
        closures.follows.push(...this.followCopies(branch.copies, defaultName));
      } catch (error) {
        if (error instanceof GitIdentityMissingError) throw error;
        logger.warn(`${root}: could not tell whether ${name} was closed (${errorMessage(error)}); will look again`);
      }
    }
    return closures;
  }

  /** Whether one candidate branch closed, how, at which tip, with which commits, and what landed it. */
  private async closedBranch(facts: {
    ref: string;
    name: string;
    tips: RefTips;
    position: ReadonlyMap<string, string>;
    targets: Targets;
    landedStill: ReadonlySet<string>;
    mergedTips: ReadonlyMap<string, MergedTip>;
    leftAt: ReadonlyMap<string, string>;
    remote: string;
  }): Promise<{ tip: string; closedAs: BranchClosure; commits: GitCommit[]; landing?: string; copies: Map<string, GitCommit> } | undefined> {
    const { git, logger, root } = this.scan;
    const { ref, name, tips, position, targets } = facts;
    const isLocal = ref.startsWith(HEADS);
    const previousTip = position.get(ref);
    const currentTip = isLocal ? tips.local.get(ref) : tips.remote.get(ref);
    const copies = new Map<string, GitCommit>();
    if (previousTip && facts.landedStill.has(ref)) {
      return { tip: previousTip, closedAs: 'merged', commits: await git.commitsBetween(root, targets.before, previousTip), copies };
    }
    if (isLocal && currentTip === undefined && [...tips.local].some(([other, sha]) => !position.has(other) && sha === previousTip)) {
      logger.info(`${root}: ${name} was renamed; not closed`);
      return undefined;
    }
    let tip = previousTip ?? currentTip;
    const merged = facts.mergedTips.get(name);
    if (currentTip !== undefined) {
      if (previousTip !== undefined && (await git.isAncestor(root, previousTip, currentTip))) tip = currentTip;
    } else {
      // Gone: where it ended is where it was merged, else where HEAD last left it (commits made
      // after the last look), unless the branch moved on from there without HEAD.
      const left = facts.leftAt.get(name);
      tip = merged?.tip ?? (left !== undefined && (previousTip === undefined || (await git.isAncestor(root, previousTip, left))) ? left : previousTip);
    }
    if (tip === undefined) return undefined;
    // Commits the default branch had just before the merge are not the branch's, even when the
    // last look never saw them (made on main, then a branch from there, merged, between two looks).
    let commits = await git.commitsBetween(root, merged && merged.tip === tip ? [...targets.before, merged.base] : targets.before, tip);
    if (commits.length === 0 && isLocal && currentTip === undefined && previousTip !== undefined) {
      // Merged between the last look's reading of the refs and its end (`merge a && merge b &&
      // branch -d a b`): that look recorded the default branch with the merge in it and the branch
      // still open. Its work is what was recorded open on it.
      commits = await git.commits(root, this.scan.store.scans.openShasOnBranch(this.scan.repo.id, name));
    }
    if (commits.length === 0) return undefined; // nothing of its own to ship
    for (const target of targets.now) {
      if (await git.isAncestor(root, tip, target)) return { tip, closedAs: 'merged', commits, copies };
    }
    for (const target of targets.now) {
      const found = await this.copiesOn(commits, tip, target);
      if (found) return { tip, closedAs: 'merged', commits, copies: found };
    }
    const landing = await git.landingOf(root, tip, targets.landings);
    if (landing) return { tip, closedAs: 'squash-merged', commits, landing, copies };
    // Deleted here while its remote branch is still there: a pull request that may still land.
    const remoteStays = isLocal && tips.remote.has(facts.remote);
    return currentTip === undefined && !remoteStays ? { tip, closedAs: 'deleted', commits, copies } : undefined;
  }

  /**
   * The copies of a branch's commits on `target` (rebase, cherry-pick): for every commit of its own,
   * a commit there with the same author and author date. Undefined unless every one has a copy.
   * Bounded by what `target` gained since the branch forked.
   */
  private async copiesOn(commits: readonly GitCommit[], tip: string, target: string): Promise<Map<string, GitCommit> | undefined> {
    const own = commits.filter((commit) => commit.parents.length < 2);
    if (own.length === 0) return undefined;
    const key = (commit: GitCommit) => `${commit.authorEmail.toLowerCase()} ${commit.authorTime}`;
    const arrived = new Map((await this.scan.git.commitsBetween(this.scan.root, [tip], target)).map((commit) => [key(commit), commit]));
    const copies = new Map<string, GitCommit>();
    for (const commit of own) {
      const copy = arrived.get(key(commit));
      if (!copy) return undefined;
      copies.set(commit.sha, copy);
    }
    return copies;
  }

  /** Records of the branch's commits follow their copies on the default branch, so that outcomes cite commits that exist. */
  private followCopies(copies: ReadonlyMap<string, GitCommit>, defaultName: string): Follow[] {
    if (copies.size === 0) return [];
    const records = this.scan.store.scans.recordsBySha(this.scan.repo.id, [...copies.keys()]);
    const follows: Follow[] = [];
    for (const [sha, copy] of copies) {
      const record = records.get(sha);
      if (record && record.sha !== copy.sha) follows.push({ commitId: record.id, sha: copy.sha, subject: copy.subject, authorTime: copy.authorTime, branch: defaultName, lands: false });
    }
    return follows;
  }

  /** Where a squash may have landed: what arrived on the default branch (first parent, oldest first), then its tips. */
  private async landingCandidates(now: readonly string[], before: readonly string[]): Promise<string[]> {
    const landings: string[] = [];
    for (const target of now) {
      if (before.includes(target)) continue;
      for (const commit of await this.scan.git.firstParents(this.scan.root, target, before)) if (!landings.includes(commit.sha)) landings.push(commit.sha);
    }
    for (const target of now) if (!landings.includes(target)) landings.push(target);
    return landings;
  }

  /**
   * Closed branches waiting for a name whose tip the default branch (here or upstream) no longer
   * reaches: the merge was undone (reset away), so nothing shipped after all.
   */
  private async undoneLandings(now: readonly string[]): Promise<string[]> {
    const { git, store, logger, root, repo } = this.scan;
    const withdrawn: string[] = [];
    for (const branch of store.scans.pendingBranchTips(repo.id)) {
      let reached = false;
      for (const target of now) if (await git.isAncestor(root, branch.tip, target)) reached = true;
      if (!reached && !(await this.squashStillLanded(branch.tip, now))) {
        logger.info(`${root}: the landing of ${branch.name} was undone; its work is open again`);
        withdrawn.push(branch.id);
      }
    }
    return withdrawn;
  }

  /** A squash-merged branch is not reached by the default branch: it still landed if its changes are there. */
  private async squashStillLanded(tip: string, now: readonly string[]): Promise<boolean> {
    try {
      return (await this.scan.git.landingOf(this.scan.root, tip, [...now])) !== undefined;
    } catch {
      return true; // a tip git no longer has: keep what was recorded
    }
  }
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}
