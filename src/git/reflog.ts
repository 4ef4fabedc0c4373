/**
 * What happened in this clone, from git's own records: the reflogs (`logs/HEAD`,
 * `logs/refs/heads/*`, and each linked worktree's `logs/HEAD`) note every commit, amend,
 * cherry-pick, rebase, merge, pull and reset made here. A commit is new work of this clone's when
 * a commit-like entry made it, whether or not a remote already has it when Progress Log looks.
 * A HEAD log is replayed in order (`replayHeadLog`): its checkouts say which branch HEAD was on
 * when each commit was made, and its merges which branch each merge brought, so work done between
 * two looks, or while Progress Log was not running, keeps its branch even when that branch is gone.
 * The files are read directly (they are plain text, appended to), from where the last scan stopped.
 * Nothing here runs git or knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How far each reflog file was read: path relative to the git common dir → bytes. */
export type ReflogCursors = Record<string, number>;

/** What a reflog entry says happened. */
export type ReflogAction =
  /** A commit made here: commit, cherry-pick, revert, am. */
  | 'commit'
  /** `commit --amend`: the entry's old value is the commit it replaces. */
  | 'amend'
  /** A commit replayed here by a rebase (or `pull --rebase`): a rewrite of one already made. */
  | 'rewrite'
  /** A merge commit made here (`merge`, or `commit` concluding a merge). */
  | 'merge'
  /** Anything that makes no commit: checkout, reset, pull, fetch, fast-forward, branch, clone, push. */
  | 'other';

export interface ReflogEntry {
  /** The ref the log belongs to: `HEAD` (of any worktree) or `refs/heads/<name>`. */
  ref: string;
  /** Written since the last scan read the log (not one of the entries read again for safety). */
  fresh?: boolean;
  oldSha: string;
  newSha: string;
  message: string;
  action: ReflogAction;
  /** When it was written (ms since the epoch, to the second, by the committer's clock), when the line says. */
  time?: number;
}

/** One line of a reflog: `<old> <new> <name> <<email>> <time> <tz>\t<message>`. */
export function parseReflogLine(line: string, ref: string): ReflogEntry | undefined {
  const match = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([^\t]*?)(?:\t(.*))?$/.exec(line);
  if (!match) return undefined;
  const message = match[4] ?? '';
  const time = / (\d+) [+-]\d{4}$/.exec(match[3])?.[1];
  return { ref, oldSha: match[1], newSha: match[2], message, action: classifyReflogMessage(message), ...(time === undefined ? {} : { time: Number(time) * 1000 }) };
}

/** Whether an entry is a plain `git commit` (or a repository's first): not an amend, a merge, a cherry-pick, a revert or `am`. */
export function isPlainCommit(message: string): boolean {
  return /^commit(?: \(initial\))?: /.test(message);
}

/**
 * Reads what an entry's message says was done. git writes `<action>: <detail>`, the action set by
 * the command (`GIT_REFLOG_ACTION`): `commit`, `commit (initial)`, `commit (amend)`,
 * `commit (merge)`, `commit (cherry-pick)`, `cherry-pick`, `revert`, `am`, `rebase (pick)`,
 * `rebase -i (reword)`, `pull --rebase origin main (pick)`, `merge <x>: Merge made by…`, `merge <x>: Fast-forward`,
 * `pull: …`, `reset: …`, `checkout: …`. libgit2 and JGit write the same words for commits.
 */
export function classifyReflogMessage(message: string): ReflogAction {
  // The action ends at the first ": " (an action naming a URL, "pull --rebase https://…", holds a bare colon).
  const spaced = message.indexOf(': ');
  const colon = spaced >= 0 ? spaced : message.indexOf(':');
  const action = (colon < 0 ? message : message.slice(0, colon)).trim();
  const detail = colon < 0 ? '' : message.slice(colon + 1).trim();
  if (/^commit \(amend\)$/.test(action)) return 'amend';
  if (/^commit \(merge\)$/.test(action)) return 'merge';
  if (/^commit(?: \([^)]*\))?$/.test(action)) return 'commit';
  if (action === 'cherry-pick' || action === 'revert' || action === 'am') return 'commit';
  // `pull` names its whole command line ("pull -q --rebase origin main (pick)").
  if (/^(?:rebase|pull)\b.*\((?:pick|reword|edit|squash|fixup|continue)\)$/.test(action)) return 'rewrite';
  if (/^merge\b/.test(action)) return /^fast-forward/i.test(detail) ? 'other' : 'merge';
  return 'other';
}

/** What the reflogs say happened lately. */
export interface ReflogReading {
  /** Commits made here (by a commit-like entry), by sha, with the action that made them. */
  made: Map<string, ReflogAction>;
  /** For amends: new sha → the commit it replaced. */
  amended: Map<string, string>;
  /**
   * Commits a plain `git commit` made: sha → when (ms, to the second). One whose author date is
   * that same second was written then, not carried over from another commit (`commit -C`).
   */
  plainCommits: Map<string, number>;
  /**
   * Commits made here on a branch: sha → branch name. The branch's own log says so, or, for a
   * branch whose log is gone (deleted) or was not read, the HEAD log replayed in order.
   */
  madeOn: Map<string, string>;
  /** Merges made here by name (`merge feature/x: …`), from the HEAD logs: the sha the merge left HEAD at → what it merged. */
  merges: Map<string, MergeEntry>;
  /** Where HEAD last left each branch (`checkout: moving from <branch> to …`): the branch's tip then. */
  leftAt: Map<string, string>;
  /** The branches HEAD left since the last scan: a branch made and gone between two looks left only this trace. */
  leftSince: Set<string>;
  /** Per ref read (`HEAD` of any worktree, `refs/heads/x`): the values its newest entries gave it. */
  latest: Map<string, Set<string>>;
  cursors: ReflogCursors;
}

/** A merge the HEAD log recorded: the branch named on the command line, and whether it only fast-forwarded. */
export interface MergeEntry {
  name: string;
  fastForward: boolean;
  /** Where HEAD was before the merge: what the branch merged into already had. */
  before: string;
}

/** Read at most this much of one file at once: older entries were read by earlier scans. */
const MAX_READ_BYTES = 1024 * 1024;

/**
 * Always read this much of a file's end again, whatever the cursor says (about 500 entries): a
 * commit that landed while a scan ran, or whose entry another worktree's scan read first, is seen
 * by the next scan. Reading an entry twice is harmless: what is new is decided against the position
 * recorded at the last scan, not by the reflogs.
 */
const REREAD_BYTES = 64 * 1024;

/**
 * Reads the HEAD logs of every worktree and the logs of the given local branches (those that
 * moved): what was added since the cursors, and the last few hundred entries again. Missing files
 * (reflogs off, reftable, a deleted branch) are skipped. `localBranches` names the branches known
 * to exist or to have existed (a checkout's target is only a branch when it is one of them).
 */
export function readReflogs(commonDir: string, branchRefs: Iterable<string>, cursors: ReflogCursors | undefined, localBranches: ReadonlySet<string> = new Set()): ReflogReading {
  const reading: ReflogReading = { made: new Map(), amended: new Map(), plainCommits: new Map(), madeOn: new Map(), merges: new Map(), leftAt: new Map(), leftSince: new Set(), latest: new Map(), cursors: { ...(cursors ?? {}) } };
  const logs: { file: string; ref: string; head?: string }[] = [{ file: 'logs/HEAD', ref: 'HEAD', head: 'HEAD' }];
  for (const worktree of listDirectory(path.join(commonDir, 'worktrees'))) logs.push({ file: `worktrees/${worktree}/logs/HEAD`, ref: 'HEAD', head: `worktrees/${worktree}/HEAD` });
  for (const ref of branchRefs) if (ref.startsWith('refs/heads/')) logs.push({ file: `logs/${ref}`, ref });
  const madeOnHead = new Map<string, string>();
  for (const { file, ref, head } of logs) {
    const text = readEnd(path.join(commonDir, ...file.split('/')), cursors?.[file], (size) => (reading.cursors[file] = size));
    if (text === undefined) continue;
    const parse = (part: string, fresh: boolean) => part.split('\n').flatMap((line) => parseReflogLine(line, ref) ?? []).map((entry) => ({ ...entry, fresh }));
    const entries = [...parse(text.earlier, false), ...parse(text.since, true)];
    for (const entry of entries) {
      if (entry.action === 'other') continue;
      reading.made.set(entry.newSha, entry.action);
      if (entry.action === 'amend') reading.amended.set(entry.newSha, entry.oldSha);
      if (entry.time !== undefined && isPlainCommit(entry.message)) reading.plainCommits.set(entry.newSha, entry.time);
      if (ref !== 'HEAD') reading.madeOn.set(entry.newSha, ref.slice('refs/heads/'.length));
    }
    if (head !== undefined) {
      const replay = replayHeadLog(entries, currentBranch(path.join(commonDir, ...head.split('/'))), localBranches);
      for (const [sha, branch] of replay.madeOn) madeOnHead.set(sha, branch);
      for (const [sha, merge] of replay.merges) reading.merges.set(sha, merge);
      for (const [branch, tip] of replay.leftAt) reading.leftAt.set(branch, tip);
      for (const branch of replay.leftSince) reading.leftSince.add(branch);
    }
    // A HEAD log's newest value is one per worktree; a branch has one log.
    const last = entries.at(-1);
    if (last) (reading.latest.get(ref) ?? reading.latest.set(ref, new Set()).get(ref)!).add(last.newSha);
  }
  // A branch's own log says best where its commits were made; the HEAD logs fill in the rest.
  for (const [sha, branch] of madeOnHead) if (!reading.madeOn.has(sha)) reading.madeOn.set(sha, branch);
  // Files that no longer exist (a deleted branch) need no cursor.
  for (const file of Object.keys(reading.cursors)) {
    if (!fs.existsSync(path.join(commonDir, ...file.split('/')))) delete reading.cursors[file];
  }
  return reading;
}

/** What replaying one HEAD log says. */
export interface HeadReplay {
  /** Commit-like entries made while HEAD was on a branch: sha → branch. Commits on a detached HEAD are absent. */
  madeOn: Map<string, string>;
  merges: Map<string, MergeEntry>;
  leftAt: Map<string, string>;
  /** Branches left by entries written since the last scan. */
  leftSince: Set<string>;
}

/** An entry that moves HEAD to another branch or commit: the ends of the stretches a HEAD log is cut into. */
type Move =
  /** `checkout: moving from <from> to <to>` (checkout, switch): `from` is exactly the branch HEAD was on, or the commit when detached. */
  | { kind: 'checkout'; from: string; to: string; oldSha: string }
  /** A rebase (or `pull --rebase`) starts: HEAD is detached on the new base until it finishes. */
  | { kind: 'rebase start' }
  /** A rebase finishes (or is aborted) and HEAD returns to the branch it rewrote. */
  | { kind: 'rebase end'; branch: string | null };

/**
 * Replays a HEAD log in order. Between two moves of HEAD, every commit was made on one branch:
 * the one the next checkout says it leaves (`moving from <branch>`, exactly as git knew it), or,
 * for the last stretch, the branch HEAD is on now (`current`, null when detached). A rebase's
 * replayed commits belong to the branch it returns to. Before a rebase starts, HEAD is where the
 * previous checkout took it, when that names a branch (`localBranches`, or a branch the log
 * itself shows HEAD leaving).
 */
export function replayHeadLog(entries: readonly ReflogEntry[], current: string | null, localBranches: ReadonlySet<string> = new Set()): HeadReplay {
  const replay: HeadReplay = { madeOn: new Map(), merges: new Map(), leftAt: new Map(), leftSince: new Set() };
  const moves = entries.map(moveOf);
  const left = new Set(moves.flatMap((move, index) => (move?.kind === 'checkout' && !isDetachedFrom(move, entries[index]) ? [move.from] : [])));
  const isBranch = (name: string) => localBranches.has(name) || left.has(name);
  let stretch: ReflogEntry[] = [];
  let previous: Move | undefined;
  const close = (branch: string | null) => {
    if (branch !== null) for (const entry of stretch) replay.madeOn.set(entry.newSha, branch);
    stretch = [];
  };
  entries.forEach((entry, index) => {
    const move = moves[index];
    if (!move) {
      if (entry.action !== 'other') stretch.push(entry);
      const merge = /^merge ([^ ]+): (.*)$/.exec(entry.message);
      if (merge) replay.merges.set(entry.newSha, { name: merge[1], fastForward: /^fast-forward/i.test(merge[2]), before: entry.oldSha });
      return;
    }
    if (move.kind === 'checkout') {
      const detached = isDetachedFrom(move, entry);
      close(detached ? null : move.from);
      if (!detached) replay.leftAt.set(move.from, entry.oldSha);
      if (!detached && entry.fresh) replay.leftSince.add(move.from);
    } else if (move.kind === 'rebase end') {
      close(move.branch);
    } else {
      close(previous?.kind === 'checkout' && isBranch(previous.to) ? previous.to : previous?.kind === 'rebase end' ? previous.branch : null);
    }
    previous = move;
  });
  close(current);
  return replay;
}

/** Branch names hold no ASCII space but may hold others (a no-break space): names are read up to a plain space. */
function moveOf(entry: ReflogEntry): Move | undefined {
  const checkout = /^checkout: moving from ([^ ]+) to ([^ ]+)$/.exec(entry.message);
  if (checkout) return { kind: 'checkout', from: checkout[1], to: checkout[2], oldSha: entry.oldSha };
  const rebase = /^(?:rebase|pull)\b.*?\((start|finish|abort)\): ?(.*)$/.exec(entry.message);
  if (!rebase) return undefined;
  if (rebase[1] === 'start') return { kind: 'rebase start' };
  return { kind: 'rebase end', branch: /^returning to refs\/heads\/([^ ]+)$/.exec(rebase[2])?.[1] ?? null };
}

/** git names a detached HEAD it leaves by its commit. */
function isDetachedFrom(move: Extract<Move, { kind: 'checkout' }>, entry: ReflogEntry): boolean {
  return move.from === entry.oldSha;
}

/** The branch a HEAD file points at (`ref: refs/heads/<name>`); null when detached or unreadable. */
function currentBranch(headFile: string): string | null {
  try {
    return /^ref: refs\/heads\/([^\n]+)\n?$/.exec(fs.readFileSync(headFile, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the reflogs recorded the latest move of `ref` to `tip`: the newest entry of the branch's
 * log (or of some worktree's HEAD log) says `tip`. When not (reflogs turned off with
 * core.logAllRefUpdates=false, a reftable repository, a ref moved by a tool that writes no
 * reflog), what reached `ref` cannot be told apart by the reflogs.
 */
export function reflogRecorded(reading: ReflogReading, ref: string, tip: string): boolean {
  return reading.latest.get(ref)?.has(tip) ?? false;
}

/** Runs `read` on an open file; undefined when the file cannot be opened (it does not exist). */
function withFile<T>(file: string, read: (handle: number, size: number) => T): T | undefined {
  let handle: number;
  try {
    handle = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return read(handle, fs.fstatSync(handle).size);
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * A file's end: from the cursor (or the end, for a file never read) less REREAD_BYTES, at most
 * MAX_READ_BYTES, starting on a whole line, in two parts: what was read before (`earlier`) and
 * what was written since the cursor (`since`). A file rewritten since (`reflog expire`) is shorter
 * than its cursor and is read from its end the same way, all of it `earlier`.
 */
function readEnd(file: string, cursor: number | undefined, setCursor: (size: number) => void): { earlier: string; since: string } | undefined {
  return withFile(file, (handle, size) => {
    setCursor(size);
    const from = Math.min(cursor ?? size, size);
    const start = Math.max(0, from - REREAD_BYTES, size - MAX_READ_BYTES);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(handle, buffer, 0, buffer.length, start);
    // git appends whole lines, so the cursor (a size the file had) falls between two.
    const cut = Math.max(0, from - start);
    const earlier = buffer.subarray(0, cut).toString('utf8');
    const since = buffer.subarray(cut).toString('utf8');
    // Starting mid-line: drop the partial line.
    const whole = (text: string) => (start > 0 && readByte(handle, start - 1) !== 0x0a ? text.slice(text.indexOf('\n') + 1) : text);
    return cut > 0 ? { earlier: whole(earlier), since } : { earlier: '', since: whole(since) };
  });
}

function readByte(handle: number, position: number): number {
  const buffer = Buffer.alloc(1);
  fs.readSync(handle, buffer, 0, 1, position);
  return buffer[0];
}

function listDirectory(directory: string): string[] {
  try {
    return fs.readdirSync(directory);
  } catch {
    return [];
  }
}
