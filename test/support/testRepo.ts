/**
 * Real git repositories in temp dirs for tests: `git init`, identity set, signing off, and fixed,
 * increasing author and committer dates so that every run sees the same history.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** 2026-03-02T09:00:00Z: every test commit is dated from here on, a minute apart. */
export const BASE_DATE_SECONDS = Date.UTC(2026, 2, 2, 9, 0, 0) / 1000;

export interface TestRepo {
  root: string;
  /** Runs git in the repository and returns its trimmed output. */
  git(...args: string[]): string;
  /** Makes a commit that changes a file; returns its sha. */
  commit(subject: string, options?: { file?: string; author?: string; date?: number }): string;
  /** The sha a ref points at. */
  sha(ref?: string): string;
  cleanup(): void;
}

let clock = 0;

/** Seconds since the epoch for the next commit: a minute after the previous one. */
export function nextDate(): number {
  clock += 60;
  return BASE_DATE_SECONDS + clock;
}

export function makeTempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Runs git with a fixed date and no user or system config leaking in; `input` goes to its stdin. */
export function runGit(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): string {
  const date = env.GIT_AUTHOR_DATE ?? `${nextDate()} +0000`;
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: env.GIT_COMMITTER_DATE ?? date,
      ...env,
    },
  }).trim();
}

export function createTestRepo(options: { email?: string | null; bare?: boolean; initialBranch?: string } = {}): TestRepo {
  const root = makeTempDir('progress-log-repo-');
  runGit(root, ['init', '-q', `--initial-branch=${options.initialBranch ?? 'main'}`, ...(options.bare ? ['--bare'] : [])]);
  if (options.email !== null) runGit(root, ['config', 'user.email', options.email ?? 'dev@example.com']);
  runGit(root, ['config', 'user.name', 'Dev Eloper']);
  runGit(root, ['config', 'commit.gpgsign', 'false']);
  return repoAt(root);
}

/** A clone of `origin` with the same test identity. */
export function cloneTestRepo(origin: string, email = 'dev@example.com'): TestRepo {
  const root = makeTempDir('progress-log-clone-');
  runGit(path.dirname(root), ['clone', '-q', origin, root]);
  runGit(root, ['config', 'user.email', email]);
  runGit(root, ['config', 'user.name', 'Dev Eloper']);
  runGit(root, ['config', 'commit.gpgsign', 'false']);
  return repoAt(root);
}

function repoAt(root: string): TestRepo {
  let counter = 0;
  return {
    root,
    git: (...args) => runGit(root, args),
    commit(subject, options = {}) {
      const file = path.join(root, options.file ?? 'work.txt');
      fs.appendFileSync(file, `${subject} ${++counter}\n`);
      runGit(root, ['add', '-A']);
      const env: Record<string, string> = {};
      if (options.date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = `${options.date} +0000`;
      const args = ['commit', '-q', '-m', subject];
      if (options.author) args.push(`--author=${options.author}`);
      runGit(root, args, env);
      return runGit(root, ['rev-parse', 'HEAD']);
    },
    sha: (ref = 'HEAD') => runGit(root, ['rev-parse', ref]),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
