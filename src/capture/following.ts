/**
 * One piece of work keeps one record, whatever git does to its commit. A new commit made here is
 * the same work as a recorded one when the reflog says it amends it, when it carries the same
 * change (`git patch-id`: a cherry-pick, a rebase, an amend of only the message, author or date),
 * or when it has the same author and author date as a recorded commit git can no longer reach (a
 * rebase that changed the patch, a `commit -C` after a reset), unless the reflog says it was a plain
 * commit written in that very second. The record then follows the new commit, with its outcome,
 * and is not asked about again. Nothing here knows VS Code.
 */
import type { CommitRecord, GitCommit } from '../core/domain';
import type { ReflogReading } from '../git/reflog';
import type { Follow } from '../storage/store';
import type { ScanContext } from './scanContext';

export interface Candidate {
  commit: GitCommit;
  branch: string | null;
}

export interface FollowPlan {
  follows: Follow[];
  /** Copies that do not move their record (a backport of work that stays on the default branch): other names for it. */
  aliases: { commitId: string; sha: string }[];
  /** New work: no record follows it. `copies`: shas of other commits of this scan with the same change, which it stands for. */
  fresh: (Candidate & { patchId: string | null; copies?: string[] })[];
}

/** What following needs to know about the default branch. */
export interface DefaultBranch {
  /** Whether work reaching this branch has landed (it is the default branch). */
  landsOn(branch: string | null): boolean;
  /** Whether the default branch reaches this commit. */
  reaches(sha: string): Promise<boolean>;
}

/**
 * Decides, for commits made here, which are recorded work that moved (and which record follows
 * which commit) and which are new. An open record that follows a commit on the default branch is
 * asked about now. A copy of work the default branch already has (a backport cherry-picked onto
 * a release branch) does not move its record off the default branch: it becomes another name for it.
 */
export async function planFollows(scan: ScanContext, candidates: readonly Candidate[], reflog: ReflogReading, defaultBranch: DefaultBranch): Promise<FollowPlan> {
  const { git, store, logger, root, repo } = scan;
  const plan: FollowPlan = { follows: [], aliases: [], fresh: [] };
  if (candidates.length === 0) return plan;
  const own = candidates.filter(({ commit }) => commit.parents.length < 2);
  const patchIds = own.length ? await git.patchIds(root, own.map(({ commit }) => commit.sha)) : new Map<string, string>();
  const byPatch = store.scans.recordsByPatchId(repo.id, [...patchIds.values()]);
  const known = store.scans.recordsBySha(repo.id, [...candidates.map(({ commit }) => commit.sha), ...[...reflog.amended.values()]]);
  const taken = new Set<string>();
  // Oldest first, so that a rebased series pairs with its records in order.
  for (const candidate of [...candidates].reverse()) {
    const { commit } = candidate;
    if (known.has(commit.sha)) continue; // already recorded: a commit that came back
    const patchId = patchIds.get(commit.sha) ?? null;
    if (commit.parents.length > 1) {
      plan.fresh.push({ ...candidate, patchId: null });
      continue;
    }
    const free = (record: CommitRecord | undefined) => (record && !taken.has(record.id) && record.sha !== commit.sha && !record.isMerge ? record : undefined);
    // Amended twice or more between two looks: walk the chain back to the commit that was recorded.
    let amendedSha = reflog.amended.get(commit.sha);
    while (amendedSha !== undefined && !known.has(amendedSha) && reflog.amended.has(amendedSha)) amendedSha = reflog.amended.get(amendedSha);
    const amended = free(amendedSha === undefined ? undefined : known.get(amendedSha));
    const copied = amended ? undefined : patchId ? byPatch.get(patchId)?.map(free).find((found) => found !== undefined) : undefined;
    const record = amended ?? copied ?? (await rewrittenFrom(scan, commit, taken, reflog.plainCommits.get(commit.sha) === commit.authorTime));
    if (!record) {
      // The same change twice in one look (made on a branch, cherry-picked onto main before any
      // look): one piece of work, whose record is the copy that landed, or else the later one.
      const twin = patchId ? plan.fresh.findIndex((fresh) => fresh.patchId === patchId && fresh.commit.parents.length < 2) : -1;
      if (twin < 0) {
        plan.fresh.push({ ...candidate, patchId });
        continue;
      }
      const earlier = plan.fresh[twin];
      const later: FollowPlan['fresh'][number] = { ...candidate, patchId };
      const [kept, copy] = defaultBranch.landsOn(earlier.branch) && !defaultBranch.landsOn(candidate.branch) ? [earlier, later] : [later, earlier];
      plan.fresh.splice(twin, 1, { ...kept, copies: [...(kept.copies ?? []), ...(copy.copies ?? []), copy.commit.sha] });
      logger.info(`${root}: ${short(copy.commit.sha)} and ${short(kept.commit.sha)} carry the same change; one record, at ${short(kept.commit.sha)}`);
      continue;
    }
    taken.add(record.id);
    if (copied && !defaultBranch.landsOn(candidate.branch) && (await defaultBranch.reaches(record.sha))) {
      plan.aliases.push({ commitId: record.id, sha: commit.sha });
      logger.info(`${root}: ${short(commit.sha)} copies ${short(record.sha)}, which stays on the default branch with its ${record.status} record`);
      continue;
    }
    plan.follows.push({
      commitId: record.id,
      sha: commit.sha,
      subject: commit.subject,
      authorTime: commit.authorTime,
      branch: candidate.branch,
      patchId,
      lands: record.status === 'open' && defaultBranch.landsOn(candidate.branch),
    });
    logger.info(`${root}: ${short(record.sha)} is now ${short(commit.sha)}; its ${record.status} record follows it`);
  }
  return plan;
}

/**
 * The recorded commit that `commit` rewrites: same author and author time, no longer reachable.
 * A commit `writtenNow` (a plain `git commit` whose author date is the second it was made, not one
 * carried over) rewrites nothing by its date alone: a commit reset away in that same second (one
 * shell line, a script) was other work, unless the two have the same subject.
 */
async function rewrittenFrom({ git, store, root, repo }: ScanContext, commit: GitCommit, taken: ReadonlySet<string>, writtenNow: boolean): Promise<CommitRecord | undefined> {
  const candidates = store.scans
    .commitsByAuthorTime(repo.id, commit.authorEmail, commit.authorTime)
    .filter((candidate) => candidate.sha !== commit.sha && !taken.has(candidate.id) && !candidate.isMerge)
    .filter((candidate) => !writtenNow || candidate.subject === commit.subject)
    // Two commits in the same second: the one with the same subject is the likelier original.
    .sort((a, b) => Number(b.subject === commit.subject) - Number(a.subject === commit.subject));
  for (const candidate of candidates) {
    if (!(await git.isReachableLocally(root, candidate.sha))) return candidate;
  }
  return undefined;
}

/**
 * Patch ids for recorded commits that lack one (recorded before patch ids were kept), a few per
 * scan, so that copies of older work are recognised too.
 */
export async function backfillPatchIds({ git, store, root, repo }: ScanContext, limit = 50): Promise<void> {
  const missing = store.scans.withoutPatchId(repo.id, limit);
  if (missing.length === 0) return;
  const found = await git.patchIds(root, missing.map((commit) => commit.sha));
  store.scans.setPatchIds(new Map(missing.map((commit) => [commit.id, found.get(commit.sha) ?? ''])));
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
