/**
 * The stress suite's scenarios: real processes (`child.ts`), each opening the one database as a
 * window does, at once, against real files. Each scenario checks what must hold and returns the
 * figures it measured; `test/unit/stress.test.ts` runs them quickly, `npm run test:stress` long.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../src/core/logger';
import { MIGRATIONS } from '../../src/storage/migrations';
import { DATABASE_FILE_NAME, Store } from '../../src/storage/store';
import type { ChildTask } from './child';

const CHILD = path.join(__dirname, 'child.js');
/** Time for every process to start and load before they open together. */
const START_DELAY_MS = 900;

export interface StressSettings {
  /** Processes ("windows") at once. */
  processes: number;
  /** Rounds of opening a new file, and of recovering a damaged one. */
  openRounds: number;
  recoverRounds: number;
  /** Commits made in the repository the writing windows all scan (each claimed and named by one). */
  commits: number;
  /** Rounds of SIGKILLs. */
  killRounds: number;
  /** How long another program holds the write lock. */
  lockHoldMs: number;
}

export const QUICK: StressSettings = { processes: 8, openRounds: 2, recoverRounds: 2, commits: 30, killRounds: 3, lockHoldMs: 1200 };
export const LONG: StressSettings = { processes: 8, openRounds: 25, recoverRounds: 25, commits: 400, killRounds: 40, lockHoldMs: 6000 };

interface ChildLine {
  opened?: { name: string; movedAside?: string; ms: number };
  looked?: string;
  ack?: string;
  kept?: boolean;
  claim?: string;
  error?: { name: string; message: string; stack?: string };
  done?: {
    name: string;
    ino: string;
    worstCallMs: number;
    worstCall: string;
    /** How much of the worst call this process waited for a CPU (the machine's load). */
    worstCallQueuedMs: number;
    /** The longest a call took of its own (less the time it waited for a CPU), and which call. */
    worstOwnMs: number;
    worstOwn: string;
    worstStallMs: number;
    scanWaits: number;
    kept: number;
    left: number;
    failedWrites: number;
    /** Errors that reached the window's edge (Notices.report), and the sentences the user read. */
    reported: string[];
    shown: string[];
  };
}

interface ChildRun {
  name: string;
  lines: ChildLine[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-stress-')), DATABASE_FILE_NAME);
}

/**
 * Runs child processes; `killAfterMs[i]`, when given, SIGKILLs child i that long after the common
 * start; `onLine` hears each line a child says as it says it.
 */
function runChildren(tasks: ChildTask[], killAfterMs: (number | undefined)[] = [], onLine: (line: ChildLine) => void = () => undefined): Promise<ChildRun[]> {
  return Promise.all(
    tasks.map(
      (task, index) =>
        new Promise<ChildRun>((resolve) => {
          const child = spawn(process.execPath, [CHILD, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          let heard = 0;
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const complete = stdout.lastIndexOf('\n') + 1;
            for (const line of stdout.slice(heard, complete).split('\n')) if (line.trim() !== '') onLine(JSON.parse(line) as ChildLine);
            heard = complete;
          });
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const killAt = killAfterMs[index];
          const timer = killAt === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), Math.max(0, task.startAt + killAt - Date.now()));
          child.on('close', (code, signal) => {
            clearTimeout(timer);
            const lines = stdout
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line) => JSON.parse(line) as ChildLine);
            resolve({ name: task.name, lines, code, signal, stderr });
          });
        }),
    ),
  );
}

function tasksFor(file: string, count: number, task: Partial<ChildTask>): ChildTask[] {
  const startAt = Date.now() + START_DELAY_MS;
  return Array.from({ length: count }, (_, index) => ({ file, name: `w${index + 1}`, startAt, ...task }));
}

/** Fails with what a child reported, when it failed (a kill is not a failure). */
function assertNoErrors(runs: ChildRun[]): void {
  for (const run of runs) {
    const error = run.lines.find((line) => line.error)?.error;
    assert.equal(error, undefined, `${run.name} met an error: ${error?.stack ?? error?.message}\n${run.stderr}`);
    if (run.signal !== 'SIGKILL') assert.equal(run.code, 0, `${run.name} exited with ${run.code}: ${run.stderr}`);
  }
}

function acks(runs: ChildRun[]): string[] {
  return runs.flatMap((run) => run.lines.filter((line) => line.ack !== undefined).map((line) => line.ack!));
}

/** The outcome texts in a database file, read without changing it. */
function outcomeTexts(file: string): Set<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare<[], { text: string }>('SELECT text FROM outcomes').all().map((row) => row.text));
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

function setAsideFiles(file: string): string[] {
  const prefix = `${path.basename(file)}.damaged-`;
  return fs
    .readdirSync(path.dirname(file))
    .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .map((name) => path.join(path.dirname(file), name));
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function worst(runs: ChildRun[]): { worstCallMs: number; worstCall: string; worstOwnMs: number; worstOwn: string; worstStallMs: number; scanWaits: number; kept: number } {
  const done = runs.map((run) => run.lines.find((line) => line.done)?.done).filter((line) => line !== undefined);
  const slowest = done.reduce((a, b) => (b.worstCallMs > a.worstCallMs ? b : a), done[0]);
  const slowestOwn = done.reduce((a, b) => (b.worstOwnMs > a.worstOwnMs ? b : a), done[0]);
  return {
    worstCallMs: slowest?.worstCallMs ?? 0,
    worstCall: slowest ? `${slowest.worstCall}; ${slowest.worstCallQueuedMs} ms of it waiting for a CPU` : '',
    worstOwnMs: slowestOwn?.worstOwnMs ?? 0,
    worstOwn: slowestOwn?.worstOwn ?? '',
    worstStallMs: Math.max(0, ...done.map((line) => line.worstStallMs)),
    scanWaits: done.reduce((sum, line) => sum + line.scanWaits, 0),
    kept: done.reduce((sum, line) => sum + line.kept, 0),
  };
}

/** Every window on the one file now at `file`, every acknowledged outcome in it, the file whole. */
function assertOneHealthyDatabase(file: string, runs: ChildRun[]): void {
  const ino = String(fs.statSync(file, { bigint: true }).ino);
  for (const run of runs) {
    const done = run.lines.find((line) => line.done)?.done;
    assert.ok(done, `${run.name} did not finish`);
    assert.equal(done.ino, ino, `${run.name} ended on another file than the one at ${file}`);
  }
  const texts = outcomeTexts(file);
  const missing = acks(runs).filter((text) => !texts.has(text));
  assert.deepEqual(missing, [], 'acknowledged outcomes are missing');
  assert.equal(integrity(file), 'ok');
}

/** N windows open a file that does not exist yet, at once; every round on a new file. */
export async function windowsOpenANewFileTogether(settings: StressSettings): Promise<string> {
  let opens = 0;
  let slowestOpen = 0;
  for (let round = 0; round < settings.openRounds; round++) {
    const file = tempFile();
    const runs = await runChildren(tasksFor(file, settings.processes, { manualWrites: 1 }));
    assertNoErrors(runs);
    assertOneHealthyDatabase(file, runs);
    assert.deepEqual(setAsideFiles(file), [], 'a healthy new database was set aside');
    opens += runs.length;
    slowestOpen = Math.max(slowestOpen, ...runs.map((run) => run.lines.find((line) => line.opened)?.opened?.ms ?? 0));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return `${settings.processes} windows × ${settings.openRounds} rounds opened a new database together: ${opens} opens, 0 failed, slowest open ${slowestOpen} ms`;
}

/** A real database with a damaged page in the middle (found only by a check that reads it). */
export function databaseDamagedMidFile(file: string): void {
  databaseOfSomePages(file);
  damagePages(file, 'middle');
}

/** Overwrites the middle page of a database, or every page but the first, with garbage. */
export function damagePages(file: string, which: 'middle' | 'all but the first'): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const header = Buffer.alloc(18);
    fs.readSync(fd, header, 0, 18, 0);
    const pageSize = header.readUInt16BE(16);
    const pages = Math.floor(fs.fstatSync(fd).size / pageSize);
    const garbage = Buffer.alloc(pageSize, 0x5a);
    const damaged = which === 'middle' ? [Math.floor(pages / 2)] : Array.from({ length: pages - 1 }, (_, index) => index + 1);
    for (const page of damaged) fs.writeSync(fd, garbage, 0, pageSize, page * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** A healthy database of a few hundred pages, checkpointed (everything in the main file). */
export function databaseOfSomePages(file: string): void {
  const store = Store.open(file, { logger: silentLogger });
  const { repo, cloneId } = store.clones.ensure('/stress/damaged');
  for (let batch = 0; batch < 20; batch++) {
    const commits = Array.from({ length: 100 }, (_, index) => ({
      sha: `${batch.toString(16).padStart(4, '0')}${index.toString(16).padStart(4, '0')}`.padEnd(40, 'd'),
      subject: `feat: work that fills pages ${batch}.${index} ${'x'.repeat(60)}`,
      authorEmail: 'dev@example.com',
      authorTime: 1_772_000_000_000 + batch * 1000 + index,
      branch: 'main',
      isMerge: false,
      status: 'history' as const,
    }));
    store.scans.record(cloneId, repo.id, { position: new Map(), commits });
  }
  store.close();
}

/** N windows open one damaged file at once: it is set aside once, whole, and all go on together. */
export async function windowsRecoverADamagedFileTogether(settings: StressSettings): Promise<string> {
  for (let round = 0; round < settings.recoverRounds; round++) {
    const file = tempFile();
    if (round % 2 === 0) fs.writeFileSync(file, createHash('sha512').update(String(round)).digest().toString('hex').repeat(2000));
    else databaseDamagedMidFile(file);
    const original = sha256(file);
    const runs = await runChildren(tasksFor(file, settings.processes, { manualWrites: 1 }));
    assertNoErrors(runs);
    assertOneHealthyDatabase(file, runs);
    const aside = setAsideFiles(file);
    assert.equal(aside.length, 1, `the damaged file should be set aside once, found ${aside.join(', ')}`);
    assert.equal(sha256(aside[0]), original, 'the damaged file set aside is not the original, byte for byte');
    assert.equal(runs.filter((run) => run.lines.find((line) => line.opened)?.opened?.movedAside).length, 1, 'exactly one window sets the file aside');
    if (round % 2 === 1) {
      const inAside = outcomeTexts(aside[0]);
      assert.deepEqual(acks(runs).filter((text) => inAside.has(text)), [], 'an acknowledged outcome landed in the file set aside');
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return `${settings.processes} windows × ${settings.recoverRounds} rounds recovered a damaged database together (garbage, a damaged page mid-file): set aside once each, byte for byte, all windows on one new database`;
}

/** Runs git in `root` as a person does: the time now, nothing from the machine's configuration. */
function gitNow(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))),
  );
}

/** A repository with one commit, the user's address set. */
async function repositoryWithAStart(): Promise<string> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-stress-repo-')));
  await gitNow(root, ['init', '-q', '--initial-branch=main']);
  for (const [key, value] of [['user.email', 'dev@example.com'], ['user.name', 'Dev Eloper'], ['commit.gpgsign', 'false']]) await gitNow(root, ['config', key, value]);
  await gitNow(root, ['commit', '-q', '--allow-empty', '-m', 'chore: start']);
  return root;
}

/**
 * Watches the database's write lock from outside, as a window meets it, every few milliseconds:
 * returns, when stopped, the longest it stayed held with nothing committed under it (what a
 * window judges by before it takes a lock for another program's).
 */
function watchTheWriteLock(file: string): { stop(): number } {
  const db = new Database(file, { timeout: 0 });
  let heldSince: number | undefined;
  let version: unknown;
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const committed = db.pragma('data_version', { simple: true });
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
      heldSince = undefined;
    } catch {
      if (heldSince === undefined || committed !== version) heldSince = now;
      longest = Math.max(longest, now - heldSince);
    }
    version = committed;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      if (db.open) db.close();
      return Math.round(longest);
    },
  };
}

/**
 * N windows on one repository, as people have them: each scans it when its git files change
 * (real git, the real Capture), names at once what it claimed, and saves outcomes by hand
 * meanwhile, while commits are made in the repository one after another. No error reaches a
 * window and the user reads nothing; the worst call is returned for the test's budget.
 */
export async function windowsWriteTogether(settings: StressSettings): Promise<{ summary: string; worstCallMs: number; worstOwnMs: number }> {
  const file = tempFile();
  Store.open(file, { logger: silentLogger }).close();
  const repository = await repositoryWithAStart();
  const stopFile = path.join(path.dirname(file), 'stop');
  const looked = new Set<string>();
  let allLooked: () => void = () => undefined;
  const lookedTogether = new Promise<void>((resolve) => (allLooked = resolve));
  const tasks = tasksFor(file, settings.processes, { repository, stopFile, pauseMs: 20 });
  const running = runChildren(tasks, [], (line) => {
    if (line.looked) looked.add(line.looked);
    if (looked.size === tasks.length) allLooked();
  });
  const made: string[] = [];
  const lock = watchTheWriteLock(file);
  const committing = (async () => {
    // Commits made before every window first looked would be history to the windows that look later.
    await Promise.race([lookedTogether, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (looked.size < tasks.length) return;
    for (let index = 0; index < settings.commits; index++) {
      await gitNow(repository, ['commit', '-q', '--allow-empty', '-m', `feat: shared work ${index}`]);
      made.push(await gitNow(repository, ['rev-parse', 'HEAD']));
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 60));
    }
  })().finally(() => fs.writeFileSync(stopFile, ''));
  const [runs] = await Promise.all([running, committing]).finally(() => lock.stop());
  const longestHeldMs = lock.stop();
  assertNoErrors(runs);
  assert.equal(looked.size, tasks.length, 'every window looked at the repository');
  assertOneHealthyDatabase(file, runs);
  assert.deepEqual(setAsideFiles(file), [], 'a healthy database was set aside');
  const claims = runs.flatMap((run) => run.lines.filter((line) => line.claim).map((line) => line.claim!));
  const twice = claims.filter((sha, index) => claims.indexOf(sha) !== index);
  assert.deepEqual(twice, [], 'a commit was claimed by two windows');
  assert.deepEqual(made.filter((sha) => !claims.includes(sha)), [], 'every commit made is claimed by a window');
  assert.equal(claims.length, made.length, 'only the commits made are claimed');
  const db = new Database(file, { readonly: true });
  const waiting = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM commits WHERE status <> 'named'").get()!.n;
  db.close();
  assert.equal(waiting, 0, 'every claimed commit was named');
  const figures = worst(runs);
  const done = runs.map((run) => run.lines.find((line) => line.done)!.done!);
  const reported = done.flatMap((line) => line.reported.map((error) => `${line.name} ${error}`));
  const shown = done.flatMap((line) => line.shown.map((sentence) => `${line.name}: ${sentence}`));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  fs.rmSync(repository, { recursive: true, force: true });
  const summary =
    `${settings.processes} windows on one repository wrote together (${made.length} commits each claimed and named once, ${acks(runs).length} outcomes, 0 lost): ` +
    `${reported.length} errors reached a window, ${shown.length} sentences shown; worst call of its own ${figures.worstOwnMs} ms (${figures.worstOwn}); worst call ${figures.worstCallMs} ms (${figures.worstCall}), worst event-loop stall ${figures.worstStallMs} ms, ` +
    `${figures.scanWaits} scans met a lock, ${figures.kept} writes kept a moment, the write lock held at most ${longestHeldMs} ms with nothing committed under it (load average ${os.loadavg()[0].toFixed(2)})`;
  assert.deepEqual(reported, [], `errors reached a window: ${summary}`);
  assert.deepEqual(shown, [], `the user was told something: ${summary}`);
  return { summary, worstCallMs: figures.worstCallMs, worstOwnMs: figures.worstOwnMs };
}

/** Another program holds the write lock for a while as a window writes: nothing blocks long, nothing is lost. */
export async function anotherProgramHoldsTheLock(settings: StressSettings, options: { legacy?: boolean } = {}): Promise<{ summary: string; worstCallMs: number; kept: number }> {
  const file = tempFile();
  Store.open(file, { logger: silentLogger }).close();
  const writes = Math.ceil((settings.lockHoldMs + 1500) / 25);
  const [task] = tasksFor(file, 1, { manualWrites: writes, pauseMs: 20, legacy: options.legacy });
  const running = runChildren([task]);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, task.startAt - Date.now()) + 500));
  const other = new Database(file, { timeout: 5000 });
  other.exec('BEGIN EXCLUSIVE');
  await new Promise((resolve) => setTimeout(resolve, settings.lockHoldMs));
  other.exec('ROLLBACK');
  other.close();
  const runs = await running;
  assertNoErrors(runs);
  assertOneHealthyDatabase(file, runs);
  const figures = worst(runs);
  const failed = runs.reduce((sum, run) => sum + (run.lines.find((line) => line.done)?.done?.failedWrites ?? 0), 0);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const how = options.legacy ? 'as Progress Log did before (5 s busy timeout, nothing kept)' : 'as a window now does';
  const outcome = options.legacy ? `${failed} writes failed after blocking` : `${figures.kept} kept and written after, 0 lost`;
  return {
    summary: `another program held the write lock for ${settings.lockHoldMs} ms while a window wrote ${how}: ${acks(runs).length} outcomes saved or kept, ${outcome}; worst call ${figures.worstCallMs} ms (${figures.worstCall}), worst event-loop stall ${figures.worstStallMs} ms`,
    worstCallMs: figures.worstCallMs,
    kept: figures.kept,
  };
}

/** A database at schema version 2 with enough rows that migrating it takes a while. */
function schemaTwoDatabase(file: string, commits: number): void {
  const raw = new Database(file);
  for (let step = 0; step < 2; step++) {
    const migration = MIGRATIONS[step];
    if (typeof migration === 'string') raw.exec(migration);
  }
  raw.pragma('user_version = 2');
  raw.prepare("INSERT INTO repositories (id, root, first_seen_at) VALUES (1, '/stress/old', 1)").run();
  const insert = raw.prepare("INSERT INTO commits (repo_id, sha, subject, author_email, author_time, status, seen_at) VALUES (1, ?, ?, 'dev@example.com', ?, 'routine', 1)");
  raw.transaction(() => {
    for (let index = 0; index < commits; index++) insert.run(index.toString(16).padStart(40, '0'), `chore: old work ${index}`, 1_700_000_000_000 + index);
  })();
  raw.close();
}

/** Windows SIGKILLed at random moments, also while opening, creating and migrating. */
export async function windowsKilledAtRandom(settings: StressSettings): Promise<string> {
  const file = tempFile();
  const acknowledged: string[] = [];
  let killed = 0;
  let killedBeforeOpen = 0;
  let killedDuringMigration = 0;
  const oldCommits = 4000;
  for (let round = 0; round < settings.killRounds; round++) {
    // Start rounds from nothing, from a database to migrate, and from the database so far.
    const fresh = round % 3 !== 2;
    if (fresh) {
      for (const name of fs.readdirSync(path.dirname(file))) fs.rmSync(path.join(path.dirname(file), name), { force: true });
      if (round % 3 === 1) schemaTwoDatabase(file, oldCommits);
      acknowledged.length = 0;
    }
    const migrating = round % 3 === 1;
    const tasks = tasksFor(file, settings.processes, { forever: true, pauseMs: 2 }).map((task, index) => ({ ...task, name: `r${round}w${index + 1}` }));
    // Spread the kills from the first moments of the open to well after it.
    const killAfterMs = tasks.map((_, index) => Math.round((index / tasks.length) * 500 + Math.random() * 60));
    const runs = await runChildren(tasks, killAfterMs);
    assertNoErrors(runs);
    for (const run of runs) {
      if (run.signal === 'SIGKILL') killed++;
      if (!run.lines.some((line) => line.opened)) {
        killedBeforeOpen++;
        if (migrating) killedDuringMigration++;
      }
    }
    acknowledged.push(...acks(runs));
    assert.deepEqual(setAsideFiles(file), [], `round ${round}: a healthy database was set aside`);
    // What the killed windows kept is written by the next window that opens.
    const { store } = await Store.openForWindow(file, { logger: silentLogger });
    for (let waited = 0; store.pending.waiting() > 0 && waited < 5000; waited += 20) {
      store.pending.writeKept();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    store.close();
    assert.equal(integrity(file), 'ok', `round ${round}: the database is not whole`);
    const texts = outcomeTexts(file);
    assert.deepEqual(
      acknowledged.filter((text) => !texts.has(text)),
      [],
      `round ${round}: acknowledged outcomes are missing`,
    );
    if (migrating) {
      const db = new Database(file, { readonly: true });
      assert.equal(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM commits').get()!.n, oldCommits, 'the migrated commits are all there');
      db.close();
    }
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return `${settings.killRounds} rounds of ${settings.processes} windows SIGKILLed at random (${killed} kills, ${killedBeforeOpen} before the open finished, ${killedDuringMigration} of them while a migration could run): integrity ok, every acknowledged outcome present`;
}

/** Runs one sync machine (syncChild.ts), killed `killAfterMs` after it starts when given; resolves with what it acknowledged. */
function runSyncChild(task: { file: string; cache: string; repository: string; name: string; saves: number }, killAfterMs?: number): Promise<{ acks: string[]; killed: boolean; errors: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'syncChild.js'), JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { ack?: string; error?: string });
      resolve({ acks: lines.flatMap((line) => (line.ack ? [line.ack] : [])), killed: signal === 'SIGKILL', errors: lines.flatMap((line) => (line.error ? [line.error] : [])) });
    });
  });
}

/**
 * Two machines share a sync repository; one saves and syncs over and over and is killed at random
 * moments (mid-save, mid-commit, mid-push, mid-apply), then started again to sync; the other syncs
 * after each round. Every outcome the killed machine acknowledged reaches the other machine.
 */
export async function syncKilledAtRandom(rounds: number): Promise<string> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-sync-stress-'));
  const repository = path.join(base, 'sync.git');
  await gitNow(base, ['init', '-q', '--bare', repository]);
  const laptop = { file: path.join(base, 'laptop', DATABASE_FILE_NAME), cache: path.join(base, 'laptop-sync.git'), repository, name: 'laptop' };
  const desktop = { file: path.join(base, 'desktop', DATABASE_FILE_NAME), cache: path.join(base, 'desktop-sync.git'), repository, name: 'desktop' };
  for (const machine of [laptop, desktop]) fs.mkdirSync(path.dirname(machine.file), { recursive: true });
  const acknowledged: string[] = [];
  let kills = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const run = await runSyncChild({ ...laptop, saves: 6 }, 150 + Math.random() * 900);
      assert.deepEqual(run.errors, [], 'the killed machine met an error');
      acknowledged.push(...run.acks);
      if (run.killed) kills++;
      // Started again, it finishes what the kill interrupted; then the other machine syncs.
      assert.deepEqual((await runSyncChild({ ...laptop, saves: 0 })).errors, []);
      assert.deepEqual((await runSyncChild({ ...desktop, saves: 0 })).errors, []);
    }
    const db = new Database(desktop.file, { readonly: true });
    const texts = new Set(db.prepare<[], { text: string }>('SELECT text FROM outcomes').all().map((row) => row.text));
    db.close();
    const missing = acknowledged.filter((text) => !texts.has(text));
    assert.deepEqual(missing, [], 'acknowledged on one machine, missing on the other');
    return `${rounds} rounds, ${kills} machines killed mid-save or mid-sync: all ${acknowledged.length} acknowledged outcomes reached the other machine`;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}
