/** A real store on a temp file and a real scanner over real git, as one window would have them. */
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitScanner } from '../../src/capture/commitScanner';
import { MemoryLogger } from './memoryLogger';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import type { AskWhen, CommitRecord } from '../../src/core/domain';
import * as l10n from '../../src/core/l10n';
import { DATABASE_FILE_NAME, Store, type NewCommit, type StoreOptions } from '../../src/storage/store';
import { BASE_DATE_SECONDS, cloneTestRepo, createTestRepo, makeTempDir, type TestRepo } from './testRepo';

export { MemoryLogger };

/** The clock Progress Log "installed" at: a day before the first test commit. */
export const INSTALLED_AT = (BASE_DATE_SECONDS - 24 * 3600) * 1000;

export interface Window {
  store: Store;
  scanner: CommitScanner;
  logger: MemoryLogger;
  close(): void;
}

export function tempDatabase(): string {
  return path.join(makeTempDir('progress-log-db-'), DATABASE_FILE_NAME);
}

/**
 * Opens a "window": its own connection to `file` and its own scanner, asking when work lands
 * (the default) or, with `askWhen: 'eachCommit'`, after every commit. `locks` sets how long its
 * calls wait for a lock and when a lock counts as lasting (a window waits 50 ms).
 */
export function openWindow(
  file = tempDatabase(),
  options: { binary?: string; now?: number; askWhen?: AskWhen; defaultBranches?: readonly string[]; locks?: Pick<StoreOptions, 'busyTimeoutMs' | 'lastingLockMs'> } = {},
): Window {
  const logger = new MemoryLogger();
  const store = Store.open(file, { logger, now: () => options.now ?? INSTALLED_AT, ...options.locks });
  const runner = new GitRunner({ logger, binary: () => options.binary, timeoutMs: 10_000 });
  const scanner = new CommitScanner(new GitReader(runner), store, logger, {
    askWhen: () => options.askWhen ?? 'workLands',
    ...(options.defaultBranches ? { defaultBranches: () => options.defaultBranches! } : {}),
  });
  return { store, scanner, logger, close: () => store.close() };
}

export function removeDatabase(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/**
 * Records commits as one scan of the clone at `root` would (for tests of the store, the log and
 * reports), each waiting for a name unless given another status. Returns what was claimed.
 */
export function recordCommits(store: Store, root: string, commits: readonly (Omit<NewCommit, 'status'> & { status?: NewCommit['status'] })[]): CommitRecord[] {
  const { cloneId, repo } = store.clones.ensure(root);
  return store.scans.record(cloneId, repo.id, { position: new Map(), commits: commits.map((commit) => ({ status: 'pending', ...commit })) }).commits;
}

/**
 * Windows of ours writing one after another, seen from outside: the database's write lock held
 * nearly all the time, with work committed under it every `everyMs`. Runs on timers until stopped.
 */
export function windowsWritingInTurn(file: string, everyMs = 30): { stop(): void } {
  const ours = new BetterSqlite3(file);
  ours.exec('BEGIN IMMEDIATE');
  const turns = setInterval(() => {
    ours.prepare('UPDATE log_version SET version = version + 1 WHERE id = 1').run();
    ours.exec('COMMIT');
    ours.exec('BEGIN IMMEDIATE');
  }, everyMs);
  return {
    stop: () => {
      clearInterval(turns);
      ours.exec('COMMIT');
      ours.close();
    },
  };
}

/**
 * A repository with one commit (`chore: base`) that a window has had its first look at, as work
 * starts in the tests of capture; both are cleaned up with `cleanups`.
 */
export async function seenRepo(cleanups: (() => void)[], options: Parameters<typeof openWindow>[1] = {}): Promise<{ repo: TestRepo; window: Window }> {
  const repo = createTestRepo();
  const window = openWindow(undefined, options);
  cleanups.push(() => repo.cleanup(), () => window.close());
  repo.commit('chore: base');
  await window.scanner.scan(repo.root);
  return { repo, window };
}

/** Collects clean-ups for a suite and runs them, newest first, after each test. */
export function cleanupsAfterEach(): (() => void)[] {
  const cleanups: (() => void)[] = [];
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  return cleanups;
}

/**
 * A hosted repository as people work with one: a bare `origin` with `main`, this clone (already
 * seen by Progress Log, `origin/HEAD` set) and a colleague's clone with another e-mail.
 */
export async function hostedRepository(cleanups: (() => void)[], askWhen: AskWhen = 'workLands'): Promise<{ origin: TestRepo; local: TestRepo; colleague: TestRepo; window: Window }> {
  const origin = createTestRepo({ bare: true });
  const seed = cloneTestRepo(origin.root);
  seed.commit('chore: seed', { file: 'seed.txt' });
  seed.git('push', '-q', 'origin', 'HEAD:main');
  const local = cloneTestRepo(origin.root);
  local.git('remote', 'set-head', 'origin', 'main');
  const colleague = cloneTestRepo(origin.root, 'colleague@example.com');
  const window = openWindow(undefined, { askWhen });
  cleanups.push(() => origin.cleanup(), () => seed.cleanup(), () => local.cleanup(), () => colleague.cleanup(), () => window.close());
  await window.scanner.scan(local.root);
  return { origin, local, colleague, window };
}

/**
 * Loads a module of the VS Code layer with a stand-in for `vscode`, for the parts of it that need
 * nothing of VS Code but its sentences (describeError and the others in notices.ts): its
 * `l10n.t` gives the English, as VS Code does in English. `more` adds to the stand-in (a `window`
 * that records what would be shown, for a process that runs Notices outside VS Code).
 */
export function requireWithoutVscode<T>(modulePath: string, more: object = {}): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the loader itself, to stand in for `vscode`
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  const standIn = { l10n: { t: (message: string, ...args: l10n.L10nArg[]) => l10n.format(message, args) }, ...more };
  Module._load = (request, ...rest) => (request === 'vscode' ? standIn : original(request, ...rest));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while the stand-in is in place
    return require(modulePath) as T;
  } finally {
    Module._load = original;
  }
}
