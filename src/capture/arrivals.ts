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
import { MAX_COMMITS_PER_SCAN, type RefTips } from '../git/gitReader';
import { reflogRecorded, type ReflogReading } from '../git/reflog';
import type { ScanContext } from './scanContext';

/** The pseudo-ref under which the main worktree's detached HEAD is recorded; reflogs name every HEAD so. */
export const DETACHED_HEAD = 'HEAD';

/**
 * The pseudo-ref under which a worktree's detached HEAD is recorded: worktrees share one clone
 * record, and each has a HEAD of its own ("HEAD" for the main worktree, "HEAD worktrees/<id>").
 */
export function headRefOf(gitDir: string, commonDir: string): string {
  const relative = gitDir.slice(commonDir.length).replace(/\\/g, '/').replace(/^\/+/, '');
  return relative === '' ? DETACHED_HEAD : `${DETACHED_HEAD} ${relative}`;
}

function isHeadRef(ref: string): boolean {
  return ref === DETACHED_HEAD || ref.startsWith(`${DETACHED_HEAD} `);
}
export const HEADS = 'refs/heads/';

export interface Arrival {
  commit: GitCommit;
  /** The branch that brought it (the checked-out one first); null for a detached HEAD. */
  branch: string | null;
  /** Made in this clone by a commit-like action (or, without reflogs, reached by no remote). */
  madeHere: boolean;
}

/**
 * Commits reachable from a moved branch (or a moved detached HEAD) and from nothing known before.
 * A commit is attributed to the branch the reflogs say it was made on (its own log, or the HEAD
 * log replayed in order: a commit on main followed by `checkout -b` belongs to main, and a branch
 * made, merged and deleted between two looks still owns its commits); where they cannot say, to
 * the branch a merge that arrived with it brought it from (its parents say which commits those
 * are); else to the branch that brought it, the checked-out one first.
 */
export async function findArrivals(scan: ScanContext, tips: RefTips, position: ReadonlyMap<string, string>, reflog: ReflogReading): Promise<Arrival[]> {
  const moved: { tip: string; branch: string | null; ref: string }[] = [];
  const currentRef = tips.branch ? HEADS + tips.branch : undefined;
  if (tips.head && !currentRef && position.get(scan.headRef) !== tips.head) moved.push({ tip: tips.head, branch: null, ref: DETACHED_HEAD });
  for (const [ref, sha] of tips.local) {
    if (position.get(ref) === sha) continue;
    const entry = { tip: sha, branch: ref.slice(HEADS.length), ref };
    if (ref === currentRef) moved.unshift(entry);
    else moved.push(entry);
  }
  const known = [...new Set(position.values())];
  const found = new Map<string, Arrival>();
  const arrive = (commit: GitCommit, branch: string | null, madeHere: boolean) => {
    if (!found.has(commit.sha)) found.set(commit.sha, { commit, branch: reflog.madeOn.get(commit.sha) ?? branch, madeHere });
  };
  for (const { tip, branch, ref } of moved) {
    if (found.has(tip)) continue;
    // The branch's own log, or for the checked-out branch HEAD's log, recorded this move.
    const recorded = reflogRecorded(reflog, ref, tip) || (ref === currentRef && reflogRecorded(reflog, DETACHED_HEAD, tip));
    const commits = await scan.git.commitsSince(scan.root, tip, known, { excludeRemotes: !recorded });
    for (const commit of commits) arrive(commit, branch, recorded ? reflog.made.has(commit.sha) : true);
    // A pull that brought more commits than one read takes may hide work made here below them:
    // look those commits up by name.
    if (recorded && commits.length >= MAX_COMMITS_PER_SCAN) {
      for (const commit of await madeHereBelow(scan, tip, known, reflog, found)) arrive(commit, branch, true);
    }
  }
  await madeForMerges(scan, found, reflog, known);
  for (const [sha, name] of broughtByMerges(found, reflog)) if (!reflog.madeOn.has(sha)) found.get(sha)!.branch = name;
  return [...found.values()];
}

/**
 * The branch a merge commit merged, by name: what the HEAD log's entry for it says (`merge
 * feature/x: …`), else what git's own message says (`Merge branch 'feature/x'`, `… into main`).
 * A pull's merge (`Merge branch 'main' of <url>`) names the remote's branch, not one of ours.
 */
export function mergedBranchName(commit: GitCommit, reflog: Pick<ReflogReading, 'merges'>): string | undefined {
  if (commit.parents.length < 2) return undefined;
  return reflog.merges.get(commit.sha)?.name ?? /^Merge branch '([^']+)'(?: into [^ ]+)?$/.exec(commit.subject)?.[1];
}

/**
 * For each arrived merge that names the branch it merged: the arrived commits it brought (see
 * `brought`). Where the reflogs are missing, this is still what says which commits were a branch's.
 */
function broughtByMerges(found: ReadonlyMap<string, Arrival>, reflog: ReflogReading): Map<string, string> {
  const byName = new Map<string, string>();
  for (const { commit, branch } of found.values()) {
    const name = mergedBranchName(commit, reflog);
    // Newest merges first: a branch merged into another before both landed keeps its own commits.
    if (name !== undefined && name !== branch) for (const sha of brought(found, commit)) byName.set(sha, name);
  }
  return byName;
}

/**
 * A merge made here brought commits no reflog says were made here: their branch's logs went with
 * it (a linked worktree removed, its branch deleted). Those that no remote-tracking branch has
 * were not fetched, so they were made here too. One git call per such merge.
 */
async function madeForMerges(scan: ScanContext, found: ReadonlyMap<string, Arrival>, reflog: ReflogReading, known: readonly string[]): Promise<void> {
  for (const { commit } of [...found.values()]) {
    if (reflog.made.get(commit.sha) !== 'merge') continue;
    const unexplained = brought(found, commit).filter((sha) => !found.get(sha)!.madeHere);
    if (unexplained.length === 0) continue;
    const local = new Set((await scan.git.commitsSince(scan.root, commit.parents[1], known, { excludeRemotes: true })).map((mine) => mine.sha));
    for (const sha of unexplained) if (local.has(sha)) found.get(sha)!.madeHere = true;
  }
}

/** The arrived commits a merge brought: those its second parent reaches and its first does not, read from the parents alone. */
function brought(found: ReadonlyMap<string, Arrival>, merge: GitCommit): string[] {
  if (merge.parents.length < 2) return [];
  const reach = (from: string, stop: ReadonlySet<string>) => {
    const seen = new Set<string>();
    const queue = [from];
    for (let sha = queue.pop(); sha !== undefined; sha = queue.pop()) {
      const arrival = found.get(sha);
      if (!arrival || seen.has(sha) || stop.has(sha)) continue;
      seen.add(sha);
      queue.push(...arrival.commit.parents);
    }
    return seen;
  };
  return [...reach(merge.parents[1], reach(merge.parents[0], new Set()))];
}

/** Commits the reflogs say were made here, reachable from `tip`, unknown before, and not read yet. */
async function madeHereBelow({ git, root }: ScanContext, tip: string, known: readonly string[], reflog: ReflogReading, found: ReadonlyMap<string, Arrival>): Promise<GitCommit[]> {
  const missing = [...reflog.made.keys()].filter((sha) => !found.has(sha));
  const commits: GitCommit[] = [];
  for (const commit of await git.commits(root, missing)) {
    if ((await git.isAncestor(root, commit.sha, tip)) && !(await git.reachableFromAny(root, commit.sha, known))) commits.push(commit);
  }
  return commits;
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
    if (ref.startsWith(HEADS) || isHeadRef(ref)) {
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

/**
 * Where every ref points now, as the position to record: this worktree's detached HEAD under
 * `headRef`, and the other worktrees' detached HEADs as they were recorded (this scan cannot see
 * them; they move when their own worktree is scanned).
 */
export function positionOf(tips: RefTips, headRef = DETACHED_HEAD, previous?: ReadonlyMap<string, string>): Map<string, string> {
  const position = new Map<string, string>([...tips.local, ...tips.remote]);
  for (const [ref, sha] of previous ?? []) if (isHeadRef(ref) && ref !== headRef) position.set(ref, sha);
  if (tips.head && !tips.branch) position.set(headRef, tips.head);
  return position;
}

export function samePosition(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [ref, sha] of a) if (b.get(ref) !== sha) return false;
  return true;
}
