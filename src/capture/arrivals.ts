/**
 * Which commits arrived since the last scan, and which of them were made here. Arrived: reachable
 * now from a local branch (or a detached HEAD) that moved, and from nothing recorded at the last
 * scan. Made here: a commit-like reflog entry (commit, amend, cherry-pick, revert, am, rebase,
 * merge) made it, whether or not a remote already has it (a commit pushed at once is still work
 * made here). Where the reflogs did not record a ref's move (reflogs off, a reftable repository),
 * what reached it falls back to the older rule: new when no remote-tracking branch reaches it.
 * Nothing here knows VS Code.
 */
import type { GitCommit, RepositoryRecord } from '../core/domain';
import type { GitReader, RefTips } from '../git/gitReader';
import { reflogRecorded, type ReflogReading } from '../git/reflog';

/** The pseudo-ref under which a detached HEAD's position is recorded. */
export const DETACHED_HEAD = 'HEAD';
export const HEADS = 'refs/heads/';

export interface Arrival {
  commit: GitCommit;
  /** The branch that brought it (the checked-out one first); null for a detached HEAD. */
  branch: string | null;
  /** Made in this clone by a commit-like action (or, without reflogs, reached by no remote). */
  madeHere: boolean;
}

/** Commits reachable from a moved branch (or a moved detached HEAD) and from nothing known before. */
export async function findArrivals(git: GitReader, root: string, tips: RefTips, position: ReadonlyMap<string, string>, reflog: ReflogReading): Promise<Arrival[]> {
  const moved: { tip: string; branch: string | null; ref: string }[] = [];
  const currentRef = tips.branch ? HEADS + tips.branch : undefined;
  if (tips.head && !currentRef && position.get(DETACHED_HEAD) !== tips.head) moved.push({ tip: tips.head, branch: null, ref: DETACHED_HEAD });
  for (const [ref, sha] of tips.local) {
    if (position.get(ref) === sha) continue;
    const entry = { tip: sha, branch: ref.slice(HEADS.length), ref };
    if (ref === currentRef) moved.unshift(entry);
    else moved.push(entry);
  }
  const known = [...new Set(position.values())];
  const found = new Map<string, Arrival>();
  for (const { tip, branch, ref } of moved) {
    if (found.has(tip)) continue;
    // The branch's own log, or for the checked-out branch HEAD's log, recorded this move.
    const recorded = reflogRecorded(reflog, ref, tip) || (ref === currentRef && reflogRecorded(reflog, DETACHED_HEAD, tip));
    const commits = await git.commitsSince(root, tip, known, { excludeRemotes: !recorded });
    for (const commit of commits) {
      if (found.has(commit.sha)) continue;
      found.set(commit.sha, { commit, branch, madeHere: recorded ? reflog.made.has(commit.sha) : true });
    }
  }
  return [...found.values()];
}

/**
 * Whether a branch (or a detached HEAD) was deleted or moved other than forward onto the arrived
 * commits (a reset, a rebase, an amend), or a remote branch moved or vanished: the only ways
 * commits stop being reachable. Returns the tips that may have left commits behind.
 */
export function formerTips(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, arrived: readonly Arrival[]): string[] {
  const parents = new Set(arrived.flatMap(({ commit }) => commit.parents));
  const tips = new Set<string>();
  for (const [ref, sha] of before) {
    const now = after.get(ref);
    if (now === sha) continue;
    if (ref.startsWith(HEADS) || ref === DETACHED_HEAD) {
      if (now === undefined || !parents.has(sha)) tips.add(sha);
    } else {
      tips.add(sha);
    }
  }
  return [...tips];
}

/**
 * The default branch: the one `origin/HEAD` named when it exists in `refs` (maps of full ref names),
 * else the first of `candidates` that does, locally or as `origin/<name>`.
 */
export function defaultBranchOf(repo: RepositoryRecord, candidates: readonly string[], refs: readonly ReadonlyMap<string, string>[]): string | undefined {
  const exists = (name: string) => [HEADS + name, `refs/remotes/origin/${name}`].some((ref) => refs.some((map) => map.has(ref)));
  if (repo.defaultBranch && exists(repo.defaultBranch)) return repo.defaultBranch;
  return candidates.find(exists);
}

/** Where every ref points now, as the position to record. */
export function positionOf(tips: RefTips): Map<string, string> {
  const position = new Map<string, string>([...tips.local, ...tips.remote]);
  if (tips.head && !tips.branch) position.set(DETACHED_HEAD, tips.head);
  return position;
}

export function samePosition(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [ref, sha] of a) if (b.get(ref) !== sha) return false;
  return true;
}
