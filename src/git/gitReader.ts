/**
 * What Progress Log asks git, and how it reads the answers. Parsers are pure functions, tested on
 * captured output; the reader composes them with the GitRunner. Nothing here knows VS Code.
 * (About 400 lines: every question Progress Log asks git is here, so that gitSafety.test.ts can run
 * each of them against a hostile configuration from one list.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitCommit } from '../core/domain';
import { assertSha } from './gitSafety';
import type { GitRunner } from './gitRunner';

const FIELD = '\x1f';
const RECORD = '\x1e';
const COMMIT_FORMAT = ['%H', '%P', '%an', '%ae', '%at', '%s'].join('%x1f') + '%x1e';

/** What an import reads of each commit, and no more: NUL between commits (`-z`). */
export const HISTORY_FORMAT = ['%H', '%P', '%ae', '%at', '%s'].join('%x1f');

/** The order GitReader.history reads in: git's own (`date`), or children strictly first (`topo`). */
export type HistoryOrder = 'date' | 'topo';

/** The most commits one scan reads from one branch; more means an import, not work to name. */
export const MAX_COMMITS_PER_SCAN = 1000;

/** Where every local branch, remote-tracking branch and HEAD point. */
export interface RefTips {
  /** The commit HEAD points at; null in an empty repository. */
  head: string | null;
  /** The checked-out branch (short name); null when HEAD is detached. */
  branch: string | null;
  /** Full ref name (`refs/heads/x`) → commit. */
  local: Map<string, string>;
  /** Full ref name (`refs/remotes/origin/x`) → commit. */
  remote: Map<string, string>;
  /** Local ref → the remote-tracking ref it is configured to follow (which may be gone). */
  upstreams: Map<string, string>;
}

/** Parses `git log --format=COMMIT_FORMAT` output. */
export function parseCommitLog(output: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const raw of output.split(RECORD)) {
    const record = raw.replace(/^\n/, '');
    if (record.trim() === '') continue;
    const [sha, parents, authorName, authorEmail, authorTime, ...subject] = record.split(FIELD);
    if (!sha || authorTime === undefined) continue;
    commits.push({
      sha,
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      authorTime: Number(authorTime) * 1000,
      subject: subject.join(FIELD).replace(/\n$/, ''),
    });
  }
  return commits;
}

/** Parses one record of `git log -z --format=HISTORY_FORMAT`; undefined for anything else. */
export function parseHistoryRecord(record: string): GitCommit | undefined {
  const [sha, parents, authorEmail, authorTime, ...subject] = record.split(FIELD);
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha) || authorTime === undefined) return undefined;
  return {
    sha,
    parents: parents ? parents.split(' ').filter(Boolean) : [],
    authorName: '',
    authorEmail: authorEmail ?? '',
    authorTime: Number(authorTime) * 1000,
    subject: subject.join(FIELD),
  };
}

/** The `for-each-ref` format `parseRefs` reads: fields split by NUL, so that any valid ref name (Unicode spaces included) reads whole. */
export const REF_FORMAT = '%(objectname)%00%(HEAD)%00%(refname)%00%(upstream)';

/** Parses `git for-each-ref --format=REF_FORMAT refs/heads refs/remotes`. */
export function parseRefs(output: string, headSha: string | null): RefTips {
  const tips: RefTips = { head: headSha, branch: null, local: new Map(), remote: new Map(), upstreams: new Map() };
  for (const line of output.split('\n')) {
    const [sha, current, ref, upstream] = line.split('\0');
    if (!sha || !/^[0-9a-f]{4,64}$/.test(sha) || !ref?.startsWith('refs/')) continue;
    if (ref.startsWith('refs/heads/')) {
      tips.local.set(ref, sha);
      if (upstream) tips.upstreams.set(ref, upstream);
      if (current === '*') tips.branch = ref.slice('refs/heads/'.length);
    } else if (ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD')) {
      tips.remote.set(ref, sha);
    }
  }
  return tips;
}

/** Parses `git patch-id --stable` output: `<patch id> <commit>` per line. */
export function parsePatchIds(output: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [patchId, sha] = line.trim().split(/\s+/);
    if (patchId && sha && /^[0-9a-f]{40,64}$/.test(patchId) && /^[0-9a-f]{40,64}$/.test(sha)) ids.set(sha, patchId);
  }
  return ids;
}

/** Parses `git diff-tree --name-status -z` output. */
export function parseNameStatus(output: string): { status: string; path: string; oldPath?: string }[] {
  const fields = output.split('\0');
  const files: { status: string; path: string; oldPath?: string }[] = [];
  for (let index = 0; index < fields.length; index++) {
    const status = fields[index];
    if (!/^[A-Z]\d*$/.test(status)) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      files.push({ status: status[0], oldPath: fields[index + 1], path: fields[index + 2] });
      index += 2;
    } else {
      files.push({ status, path: fields[index + 1] });
      index += 1;
    }
  }
  return files;
}

/** Lines for `--stdin`: the tips, then `^sha` for each excluded commit. */
function revisionLines(tips: readonly string[], excluded: Iterable<string>): string {
  const lines = [...tips.map(assertSha), ...[...new Set(excluded)].map((sha) => `^${assertSha(sha)}`)];
  return `${lines.join('\n')}\n`;
}

/** Reads the facts Progress Log needs from one repository. */
export class GitReader {
  private readonly directories = new Map<string, { gitDir: string; commonDir: string }>();
  private readonly repositoryRoots = new Map<string, string>();

  constructor(private readonly git: GitRunner) {}

  /** Where HEAD and every branch point now. */
  async readTips(root: string): Promise<RefTips> {
    const head = (await this.git.run(root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).trim();
    const refs = await this.git.run(root, ['for-each-ref', `--format=${REF_FORMAT}`, 'refs/heads', 'refs/remotes']);
    return parseRefs(refs, head === '' ? null : assertSha(head));
  }

  /**
   * Commits reachable from `tip` and not from `known` commits, newest first (topological order, so
   * that a batch reads in the order made). With `excludeRemotes`, not from any remote-tracking
   * branch either: what to take as new when the reflogs cannot say what was made here.
   */
  commitsSince(root: string, tip: string, known: Iterable<string>, options: { excludeRemotes: boolean }): Promise<GitCommit[]> {
    return this.log(root, tip, known, options.excludeRemotes);
  }

  /** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
  async isAncestor(root: string, ancestor: string, descendant: string): Promise<boolean> {
    // An answer git prints, not an exit code (`run` reads output): the commits `ancestor` has and `descendant` lacks, 0 for none.
    const output = await this.git.run(root, ['rev-list', '--count', '--end-of-options', assertSha(ancestor), `^${assertSha(descendant)}`]);
    return output.trim() === '0';
  }

  /** Whether `sha` is reachable from any of `tips` (the commits known at the last scan). */
  async reachableFromAny(root: string, sha: string, tips: readonly string[]): Promise<boolean> {
    // --count always prints; a commit reachable from a tip leaves nothing to count.
    const output = await this.git.run(root, ['rev-list', '--count', '--stdin', '--end-of-options'], { input: revisionLines([assertSha(sha)], tips) });
    return output.trim() === '0';
  }

  /**
   * The local branches (full ref names) that landed: reachable from at least one of `targetsNow`
   * and from none of `targetsBefore`, in one call (git 2.29 or later).
   */
  async branchesLanded(root: string, targetsNow: readonly string[], targetsBefore: readonly string[]): Promise<Set<string>> {
    const output = await this.git.run(root, [
      'for-each-ref',
      ...targetsNow.map((target) => `--merged=${assertSha(target)}`),
      ...targetsBefore.map((target) => `--no-merged=${assertSha(target)}`),
      '--format=%(refname)',
      'refs/heads',
    ]);
    return new Set(output.split('\n').filter((line) => line.startsWith('refs/heads/')));
  }

  /** Commits reachable from `tip` and from none of `excluded` (remote branches included), newest first. */
  commitsBetween(root: string, excluded: Iterable<string>, tip: string): Promise<GitCommit[]> {
    return this.log(root, tip, excluded, false);
  }

  private async log(root: string, tip: string, excluded: Iterable<string>, excludeRemotes: boolean): Promise<GitCommit[]> {
    // Exclusions go through stdin: a repository with thousands of branches would not fit on a
    // command line (Windows allows 32,767 characters).
    const output = await this.git.run(
      root,
      ['log', `--format=${COMMIT_FORMAT}`, '--topo-order', `--max-count=${MAX_COMMITS_PER_SCAN}`, ...(excludeRemotes ? ['--not', '--remotes', '--not'] : []), '--stdin', '--end-of-options'],
      { input: revisionLines([assertSha(tip)], excluded) },
    );
    return parseCommitLog(output);
  }

  /**
   * Every commit reachable from `tips`, read as a stream in one git call: what an import reads.
   * In `date` order (git's own: newest first, a commit queued only when a child of it is shown)
   * git prints from its first step, and children come before parents unless committer dates say
   * otherwise (clock skew, or equal dates with a commit reached two ways); `topo` guarantees
   * children first, but git walks the whole history before printing anything when the repository
   * has no commit-graph file. With `since` (ms), git stops walking at commits committed before it
   * (a commit's author time may still be older: callers filter by that). Authors' names are not read.
   */
  async *history(root: string, tips: readonly string[], options: { since?: number; signal?: AbortSignal; order?: HistoryOrder } = {}): AsyncGenerator<GitCommit> {
    if (tips.length === 0) return;
    const since = options.since === undefined ? [] : [`--since=@${Math.floor(options.since / 1000)}`];
    const order = options.order === 'topo' ? ['--topo-order'] : [];
    const records = this.git.stream(root, ['log', '-z', `--format=${HISTORY_FORMAT}`, ...order, ...since, '--stdin', '--end-of-options'], {
      separator: '\0',
      input: revisionLines(tips, []),
      signal: options.signal,
    });
    for await (const record of records) {
      const commit = parseHistoryRecord(record);
      if (commit) yield commit;
    }
  }

  /** The commits of `shas` (any order, unknown ones left out), read in one call. */
  async commits(root: string, shas: readonly string[]): Promise<GitCommit[]> {
    if (shas.length === 0) return [];
    const existing = await this.existing(root, shas);
    if (existing.length === 0) return [];
    const output = await this.git.run(root, ['log', `--format=${COMMIT_FORMAT}`, '--no-walk=unsorted', '--stdin', '--end-of-options'], { input: revisionLines(existing, []) });
    return parseCommitLog(output);
  }

  /** Of `shas`, those whose commit exists in the repository (was not garbage-collected). */
  async existing(root: string, shas: readonly string[]): Promise<string[]> {
    if (shas.length === 0) return [];
    const output = await this.git.run(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${shas.map(assertSha).join('\n')}\n` });
    const found = new Set<string>();
    for (const line of output.split('\n')) {
      const [sha, type] = line.trim().split(' ');
      if (type === 'commit') found.add(sha);
    }
    return shas.filter((sha) => found.has(sha));
  }

  /**
   * The patch id of each commit (`git patch-id --stable`): equal when two commits carry the same
   * change, as a cherry-pick, a rebase or an amend of only the message or author do. Merges and
   * empty commits have none.
   */
  async patchIds(root: string, shas: readonly string[]): Promise<Map<string, string>> {
    const existing = await this.existing(root, shas);
    if (existing.length === 0) return new Map();
    const patches = await this.git.run(
      root,
      ['show', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--src-prefix=a/', '--dst-prefix=b/', '--format=commit %H', '--patch', '--stdin', '--end-of-options'],
      { input: revisionLines(existing, []) },
    );
    if (patches.trim() === '') return new Map();
    return parsePatchIds(await this.git.run(root, ['patch-id', '--stable'], { input: patches }));
  }

  /**
   * Of the commits that `formerTips` reached, those that no branch, tag, remote branch or HEAD
   * of any worktree reaches now (a stash or a reflog entry does not count): work that is gone.
   */
  async unreachableFrom(root: string, formerTips: readonly string[]): Promise<Set<string>> {
    const tips = await this.existing(root, formerTips);
    if (tips.length === 0) return new Set();
    const output = await this.git.run(root, ['rev-list', '--max-count=20000', '--stdin', '--not', '--exclude=refs/stash', '--all', '--end-of-options'], {
      input: revisionLines(tips, []),
    });
    return new Set(output.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
  }

  /** Of `shas`, those a remote-tracking branch reaches: commits that people elsewhere can open. */
  async published(root: string, shas: readonly string[]): Promise<Set<string>> {
    const existing = await this.existing(root, shas);
    if (existing.length === 0) return new Set();
    const unpublished = new Set(
      (await this.git.run(root, ['rev-list', '--stdin', '--not', '--remotes', '--end-of-options'], { input: revisionLines(existing, []) })).split('\n').map((line) => line.trim()),
    );
    return new Set(existing.filter((sha) => !unpublished.has(sha)));
  }

  /** The first commit of the history HEAD is on (the oldest root, for several); null without commits. */
  async rootCommit(root: string): Promise<string | null> {
    const head = (await this.git.run(root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).trim();
    if (!head) return null;
    const roots = (await this.git.run(root, ['rev-list', '--max-parents=0', '--end-of-options', assertSha(head)])).split('\n').map((line) => line.trim()).filter(Boolean);
    return roots.sort()[0] ?? null;
  }

  /** The repository's own git directory and the one its worktrees share (`.git` of the main worktree). */
  async gitDirectories(root: string): Promise<{ gitDir: string; commonDir: string }> {
    let dirs = this.directories.get(root);
    if (!dirs) {
      const [gitDir, commonDir] = (await this.git.run(root, ['rev-parse', '--absolute-git-dir', '--git-common-dir'])).split('\n').map((line) => line.trim());
      dirs = { gitDir, commonDir: path.resolve(root, commonDir) };
      this.directories.set(root, dirs);
    }
    return dirs;
  }

  /**
   * The files a commit changed, with their status letter (A, M, D, R…) and, for renames, the old
   * path. Paths are relative to the repository root.
   */
  async changedFiles(root: string, sha: string): Promise<{ status: string; path: string; oldPath?: string }[]> {
    const output = await this.git.run(root, ['diff-tree', '--no-commit-id', '--name-status', '-r', '-M', '--root', '-z', '--end-of-options', assertSha(sha)]);
    return parseNameStatus(output);
  }

  /** Whether a commit can still be reached from HEAD or a local branch (false when it is gone). */
  async isReachableLocally(root: string, sha: string): Promise<boolean> {
    try {
      const output = await this.git.run(root, ['rev-list', '--count', '--not', '--branches', 'HEAD', '--not', '--end-of-options', assertSha(sha)]);
      return output.trim() === '0';
    } catch (error) {
      // An unknown object was rewritten and already garbage-collected; any other failure is not an answer.
      if (error instanceof Error && /bad object|bad revision|unknown revision/i.test(error.message)) return false;
      throw error;
    }
  }

  /**
   * The folder that stands for a repository however it is opened: the main worktree for a linked
   * worktree (they share branches), the repository's own root otherwise.
   */
  async repositoryRoot(root: string): Promise<string> {
    let key = this.repositoryRoots.get(root);
    if (!key) {
      const commonDir = path.resolve(root, (await this.git.run(root, ['rev-parse', '--git-common-dir'])).trim());
      key = path.basename(commonDir) === '.git' ? path.dirname(commonDir) : commonDir;
      try {
        key = fs.realpathSync(key);
      } catch {
        // keep the path git gave
      }
      this.repositoryRoots.set(root, key);
    }
    return key;
  }

  /**
   * Where a branch's changes arrived in one piece (a squash merge): the first of `candidates`
   * (oldest first: the commits that arrived on the default branch, then its tip) on which every
   * file the branch changed since it forked is exactly as on the branch. Later changes to those
   * files, after the landing commit, do not hide it; any number of files is judged.
   */
  async landingOf(root: string, tip: string, candidates: readonly string[]): Promise<string | undefined> {
    if (candidates.length === 0) return undefined;
    const base = (await this.git.run(root, ['merge-base', '--end-of-options', assertSha(tip), assertSha(candidates[candidates.length - 1])])).trim();
    if (!base) return undefined;
    const changed = await this.changedPaths(root, base, tip);
    if (changed.size === 0) return undefined;
    for (const candidate of candidates) {
      const differing = await this.changedPaths(root, tip, candidate);
      if (![...changed].some((file) => differing.has(file))) return candidate;
    }
    return undefined;
  }

  /**
   * The paths that differ between two commits (never the working tree, where filters run). Both
   * sides of a rename count: paired as a rename, a file only like another one would hide a change
   * (another branch's look-alike test file took for this one's).
   */
  private async changedPaths(root: string, from: string, to: string): Promise<Set<string>> {
    return new Set((await this.git.run(root, ['diff', '--name-only', '--no-renames', '-z', '--end-of-options', assertSha(from), assertSha(to)])).split('\0').filter(Boolean));
  }

  /** The first-parent commits of `tip` not reachable from `excluded`, oldest first, at most `max`. */
  async firstParents(root: string, tip: string, excluded: Iterable<string>, max = 50): Promise<GitCommit[]> {
    const output = await this.git.run(root, ['log', `--format=${COMMIT_FORMAT}`, '--first-parent', `--max-count=${max}`, '--stdin', '--end-of-options'], {
      input: revisionLines([assertSha(tip)], excluded),
    });
    return parseCommitLog(output).reverse();
  }

  /** The e-mail of the configured git identity; undefined when unset. */
  async userEmail(root: string): Promise<string | undefined> {
    const email = (await this.git.run(root, ['config', '--get', 'user.email'])).trim();
    return email === '' ? undefined : email;
  }

  /** The fetch URL of `origin`, or of the first remote; undefined without remotes. */
  async remoteUrl(root: string): Promise<string | undefined> {
    return (await this.linkedRemote(root))?.url;
  }

  /**
   * Of `branches`, those the remote `remoteUrl` names has, as its remote-tracking branches say
   * since the last fetch: a branch page there opens. Reads refs only, no network.
   */
  async branchesOnRemote(root: string, branches: readonly string[]): Promise<Set<string>> {
    if (branches.length === 0) return new Set();
    const remote = await this.linkedRemote(root);
    if (!remote) return new Set();
    const { remote: tracking } = await this.readTips(root);
    return new Set(branches.filter((branch) => tracking.has(`refs/remotes/${remote.name}/${branch}`)));
  }

  /** The remote that reports link to: `origin`, or the first remote. */
  private async linkedRemote(root: string): Promise<{ name: string; url: string } | undefined> {
    const origin = (await this.git.run(root, ['config', '--get', 'remote.origin.url'])).trim();
    if (origin) return { name: 'origin', url: origin };
    const first = (await this.git.run(root, ['remote'])).split('\n')[0]?.trim();
    if (!first || first.startsWith('-')) return undefined;
    const url = (await this.git.run(root, ['config', '--get', `remote.${first}.url`])).trim();
    return url ? { name: first, url } : undefined;
  }

  /** The branch `origin/HEAD` names (e.g. `main`), if the remote told us. */
  async remoteDefaultBranch(root: string): Promise<string | undefined> {
    const ref = (await this.git.run(root, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD'])).trim();
    return ref.startsWith('origin/') ? ref.slice('origin/'.length) : undefined;
  }

  /**
   * The operation git is in the middle of (rebase, cherry-pick, am, merge, revert, bisect), if any.
   * Commits made halfway through are not the user's final history: scanning waits until it ends.
   */
  async operationInProgress(root: string): Promise<string | undefined> {
    const { gitDir } = await this.gitDirectories(root);
    const markers: [string, string][] = [
      ['rebase-merge', 'rebase'],
      ['rebase-apply', 'rebase or am'],
      ['sequencer', 'cherry-pick or revert'],
      ['CHERRY_PICK_HEAD', 'cherry-pick'],
      ['REVERT_HEAD', 'revert'],
      ['MERGE_HEAD', 'merge'],
      ['BISECT_LOG', 'bisect'],
    ];
    for (const [marker, operation] of markers) {
      if (fs.existsSync(path.join(gitDir, marker))) return operation;
    }
    return undefined;
  }
}
