/**
 * What happened in this clone, from git's own records: the reflogs (`logs/HEAD`,
 * `logs/refs/heads/*`, and each linked worktree's `logs/HEAD`) note every commit, amend,
 * cherry-pick, rebase, merge, pull and reset made here. A commit is new work of this clone's when
 * a commit-like entry made it, whether or not a remote already has it when Progress Log looks.
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
  oldSha: string;
  newSha: string;
  message: string;
  action: ReflogAction;
}

/** One line of a reflog: `<old> <new> <name> <<email>> <time> <tz>\t<message>`. */
export function parseReflogLine(line: string, ref: string): ReflogEntry | undefined {
  const match = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [^\t]*?(?:\t(.*))?$/.exec(line);
  if (!match) return undefined;
  const message = match[3] ?? '';
  return { ref, oldSha: match[1], newSha: match[2], message, action: classifyReflogMessage(message) };
}

/**
 * Reads what an entry's message says was done. git writes `<action>: <detail>`, the action set by
 * the command (`GIT_REFLOG_ACTION`): `commit`, `commit (initial)`, `commit (amend)`,
 * `commit (merge)`, `commit (cherry-pick)`, `cherry-pick`, `revert`, `am`, `rebase (pick)`,
 * `rebase -i (reword)`, `pull --rebase origin main (pick)`, `merge <x>: Merge made by…`, `merge <x>: Fast-forward`,
 * `pull: …`, `reset: …`, `checkout: …`. libgit2 and JGit write the same words for commits.
 */
export function classifyReflogMessage(message: string): ReflogAction {
  const colon = message.indexOf(':');
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
  /** Commits made here on a branch (its own log has the entry): sha → branch name. */
  madeOn: Map<string, string>;
  /** Per ref read (`HEAD` of any worktree, `refs/heads/x`): the values its newest entries gave it. */
  latest: Map<string, Set<string>>;
  cursors: ReflogCursors;
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
 * (reflogs off, reftable, a deleted branch) are skipped.
 */
export function readReflogs(commonDir: string, branchRefs: Iterable<string>, cursors: ReflogCursors | undefined): ReflogReading {
  const reading: ReflogReading = { made: new Map(), amended: new Map(), madeOn: new Map(), latest: new Map(), cursors: { ...(cursors ?? {}) } };
  const logs: { file: string; ref: string }[] = [{ file: 'logs/HEAD', ref: 'HEAD' }];
  for (const worktree of listDirectory(path.join(commonDir, 'worktrees'))) logs.push({ file: `worktrees/${worktree}/logs/HEAD`, ref: 'HEAD' });
  for (const ref of branchRefs) if (ref.startsWith('refs/heads/')) logs.push({ file: `logs/${ref}`, ref });
  for (const { file, ref } of logs) {
    const text = readEnd(path.join(commonDir, ...file.split('/')), cursors?.[file], (size) => (reading.cursors[file] = size));
    if (text === undefined) continue;
    let last: ReflogEntry | undefined;
    for (const line of text.split('\n')) {
      const entry = parseReflogLine(line, ref);
      if (!entry) continue;
      last = entry;
      if (entry.action === 'other') continue;
      reading.made.set(entry.newSha, entry.action);
      if (entry.action === 'amend') reading.amended.set(entry.newSha, entry.oldSha);
      if (ref !== 'HEAD') reading.madeOn.set(entry.newSha, ref.slice('refs/heads/'.length));
    }
    // A HEAD log's newest value is one per worktree; a branch has one log.
    if (last) (reading.latest.get(ref) ?? reading.latest.set(ref, new Set()).get(ref)!).add(last.newSha);
  }
  // Files that no longer exist (a deleted branch) need no cursor.
  for (const file of Object.keys(reading.cursors)) {
    if (!fs.existsSync(path.join(commonDir, ...file.split('/')))) delete reading.cursors[file];
  }
  return reading;
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
 * MAX_READ_BYTES, starting on a whole line. A file rewritten since (`reflog expire`) is shorter than
 * its cursor and is read from its end the same way.
 */
function readEnd(file: string, cursor: number | undefined, setCursor: (size: number) => void): string | undefined {
  return withFile(file, (handle, size) => {
    setCursor(size);
    const from = Math.min(cursor ?? size, size);
    const start = Math.max(0, from - REREAD_BYTES, size - MAX_READ_BYTES);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(handle, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Starting mid-line: drop the partial line.
    return start > 0 && readByte(handle, start - 1) !== 0x0a ? text.slice(text.indexOf('\n') + 1) : text;
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
