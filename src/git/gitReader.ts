/**
 * What Progress Log asks git, and how it reads the answers. Parsers are pure functions, tested on
 * captured output; the reader composes them with the GitRunner. Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitCommit } from '../core/domain';
import { assertSha, type GitRunner } from './gitRunner';

const FIELD = '\x1f';
const RECORD = '\x1e';
const COMMIT_FORMAT = ['%H', '%P', '%an', '%ae', '%at', '%s'].join('%x1f') + '%x1e';

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

/** Parses `git for-each-ref --format='%(objectname) %(HEAD) %(refname) %(upstream)' refs/heads refs/remotes`. */
export function parseRefs(output: string, headSha: string | null): RefTips {
  const tips: RefTips = { head: headSha, branch: null, local: new Map(), remote: new Map(), upstreams: new Map() };
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{4,64}) ([* ]) (refs\/\S+) ?(refs\/\S+)?$/.exec(line);
    if (!match) continue;
    const [, sha, current, ref, upstream] = match;
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

/** Reads the facts Progress Log needs from one repository. */
export class GitReader {
  private readonly gitDirs = new Map<string, string>();
  private readonly repositoryRoots = new Map<string, string>();

  constructor(private readonly git: GitRunner) {}

  /** Where HEAD and every branch point now. */
  async readTips(root: string): Promise<RefTips> {
    const head = (await this.git.run(root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'])).trim();
    const refs = await this.git.run(root, [
      'for-each-ref',
      '--format=%(objectname) %(HEAD) %(refname) %(upstream)',
      'refs/heads',
      'refs/remotes',
    ]);
    return parseRefs(refs, head === '' ? null : assertSha(head));
  }

  /**
   * Commits reachable from `tip` that are reachable neither from `known` commits nor from any
   * remote-tracking branch, newest first (topological order, so a batch reads in the order made).
   */
  commitsSince(root: string, tip: string, known: Iterable<string>): Promise<GitCommit[]> {
    return this.log(root, tip, known, true);
  }

  /** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
  async isAncestor(root: string, ancestor: string, descendant: string): Promise<boolean> {
    // --count always prints: a command that prints nothing costs simple-git an extra 50 ms wait.
    const output = await this.git.run(root, ['rev-list', '--count', '--end-of-options', assertSha(ancestor), `^${assertSha(descendant)}`]);
    return output.trim() === '0';
  }

  /** The local branches (full ref names) whose tips are reachable from `target`, in one call. */
  async branchesMergedInto(root: string, target: string): Promise<Set<string>> {
    const output = await this.git.run(root, ['for-each-ref', `--merged=${assertSha(target)}`, '--format=%(refname)', 'refs/heads']);
    return new Set(output.split('\n').filter((line) => line.startsWith('refs/heads/')));
  }

  /**
   * Whether every change of `head` since it forked from `upstream` is already in `upstream` as an
   * equivalent patch (`git cherry`): the branch landed by rebase or cherry-pick.
   */
  async patchesApplied(root: string, upstream: string, head: string): Promise<boolean> {
    const output = await this.git.run(root, ['cherry', '--end-of-options', assertSha(upstream), assertSha(head)]);
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    return lines.length > 0 && lines.every((line) => line.startsWith('-'));
  }

  /** Commits reachable from `tip` and from none of `excluded` (remote branches included), newest first. */
  commitsBetween(root: string, excluded: Iterable<string>, tip: string): Promise<GitCommit[]> {
    return this.log(root, tip, excluded, false);
  }

  private async log(root: string, tip: string, excluded: Iterable<string>, excludeRemotes: boolean): Promise<GitCommit[]> {
    const output = await this.git.run(root, [
      'log',
      `--format=${COMMIT_FORMAT}`,
      '--topo-order',
      `--max-count=${MAX_COMMITS_PER_SCAN}`,
      ...(excludeRemotes ? ['--not', '--remotes', '--not'] : []),
      '--end-of-options',
      assertSha(tip),
      ...[...new Set(excluded)].map((sha) => `^${assertSha(sha)}`),
    ]);
    return parseCommitLog(output);
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
   * Of `shas`, those that no branch, tag, remote branch or HEAD reaches any more. `name-rev`
   * answers for every commit in one call and stops walking at the oldest of them.
   */
  async unreachable(root: string, shas: readonly string[]): Promise<Set<string>> {
    const output = await this.git.run(root, ['name-rev', '--end-of-options', ...shas.map(assertSha)]);
    const gone = new Set<string>();
    for (const line of output.split('\n')) {
      const [sha, name] = line.trim().split(/\s+/);
      if (sha && name === 'undefined') gone.add(sha);
    }
    return gone;
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
   * Whether a branch's changes arrived on `target` in one piece (a squash merge): every file the
   * branch changed since it forked is, on `target`, exactly as on the branch.
   */
  async contentLanded(root: string, tip: string, target: string): Promise<boolean> {
    const base = (await this.git.run(root, ['merge-base', '--end-of-options', assertSha(tip), assertSha(target)])).trim();
    if (!base) return false;
    const changed = (await this.git.run(root, ['diff', '--name-only', '-z', '--end-of-options', assertSha(base), assertSha(tip)])).split('\0').filter(Boolean);
    // Too many paths would not fit on a command line; such a branch is not judged this way.
    if (changed.length === 0 || changed.length > 200) return false;
    const differing = await this.git.run(root, ['--literal-pathspecs', 'diff', '--name-only', '--end-of-options', assertSha(tip), assertSha(target), '--', ...changed]);
    return differing.trim() === '';
  }

  /** The e-mail of the configured git identity; undefined when unset. */
  async userEmail(root: string): Promise<string | undefined> {
    const email = (await this.git.run(root, ['config', '--get', 'user.email'])).trim();
    return email === '' ? undefined : email;
  }

  /** The fetch URL of `origin`, or of the first remote; undefined without remotes. */
  async remoteUrl(root: string): Promise<string | undefined> {
    const origin = (await this.git.run(root, ['config', '--get', 'remote.origin.url'])).trim();
    if (origin) return origin;
    const first = (await this.git.run(root, ['remote'])).split('\n')[0]?.trim();
    if (!first || first.startsWith('-')) return undefined;
    const url = (await this.git.run(root, ['config', '--get', `remote.${first}.url`])).trim();
    return url || undefined;
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
    let gitDir = this.gitDirs.get(root);
    if (!gitDir) {
      gitDir = (await this.git.run(root, ['rev-parse', '--absolute-git-dir'])).trim();
      this.gitDirs.set(root, gitDir);
    }
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
