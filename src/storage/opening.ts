/**
 * Opening the database, as any number of windows may do at once: connecting through the open
 * gate, bringing the schema up to date, checking the file (`PRAGMA quick_check`), and setting a
 * damaged file aside for a new one. A lock met on the way is waited out in short steps until a
 * deadline. The steps are written once, as a generator that yields its pauses (a wait, a check);
 * `openSync` takes them in line (tests, tools), `openAsync` with timers and the check in a worker
 * thread (a window: its thread is never held for long, however large the file).
 * Nothing here knows VS Code.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { ProgressLogError, StoreBusyError, StoreCorruptError, StoreReadOnlyError, StoreTooNewError, StoreTooOldError } from '../core/errors';
import type { Logger } from '../core/logger';
import { errorCode } from '../core/text';
import { ensureFolder, identityOf, isMarkedDamaged, keepUnreadableWal, OpenGate, prepareFile, sameFile, setAside, type FileIdentity } from './databaseFiles';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { ensureSqliteLoads } from './sqliteLibrary';
import { translate } from './translate';

export interface OpenSettings {
  logger: Logger;
  /** How long one SQLite call waits for a lock before giving up (the longest a call blocks on a lock). */
  busyTimeoutMs: number;
  /** How long an open keeps trying while the database is locked. */
  openTimeoutMs: number;
  /** Whether a damaged file is set aside for a new one (otherwise the open fails). */
  recover: boolean;
  /**
   * Whether the file is checked (`PRAGMA quick_check`) before it is used; on unless false. A
   * short-lived command leaves it to the extension: damage met in use is still caught and remembered.
   */
  check?: boolean;
  /** Whether an older schema is migrated; on unless false, when such a file is refused (a new, empty file is still made). */
  migrate?: boolean;
}

/** A connection made by one attempt, not yet checked. */
export interface Connected {
  connection: BetterSqlite3.Database;
  identity: FileIdentity;
  /** The copy kept of a write-ahead log SQLite could not read. */
  walKept?: string;
}

export interface Opened extends Connected {
  /** Where a damaged file was set aside. */
  movedAside?: string;
  /** The check of a large file, still running when the open went on: its problems, when it ends. */
  lateCheck?: Promise<string[]>;
}

/** Damage met while connecting, in the file with this identity. */
class FoundDamage extends StoreCorruptError {
  constructor(
    file: string,
    readonly identity: FileIdentity,
    readonly reason: string,
  ) {
    super(file, { cause: new Error(reason) });
  }
}

function isDamage(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/** The gate is held for milliseconds: a short wait, then the caller waits without holding the thread and tries again. */
function gateWaitMs(settings: OpenSettings): number {
  return Math.min(settings.busyTimeoutMs, 50);
}

/**
 * One attempt to connect, without waiting beyond SQLite's busy timeout: through the gate, prepare
 * the file (owner-only, writable), refuse a file marked damaged or written by a newer version,
 * switch to WAL, then migrate.
 * @throws StoreBusyError when the gate or the database is locked; FoundDamage; typed errors.
 */
export function connect(file: string, settings: OpenSettings): Connected {
  ensureFolder(file);
  const gate = OpenGate.enter(file, gateWaitMs(settings));
  let connection: BetterSqlite3.Database | undefined;
  let identity: FileIdentity | undefined;
  let walKept: string | undefined;
  try {
    identity = prepareFile(file);
    if (isMarkedDamaged(file, identity)) throw new FoundDamage(file, identity, 'damage was met while it was in use');
    walKept = keepUnreadableWal(file, settings.logger);
    connection = new BetterSqlite3(file, { timeout: settings.busyTimeoutMs });
    const version = connection.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new StoreTooNewError(file, version); // before any write
    if (version < SCHEMA_VERSION && settings.migrate === false && (version > 0 || !isEmpty(connection))) throw new StoreTooOldError(file, version, SCHEMA_VERSION);
    // A new file switched to WAL by two windows at once answers SQLITE_BUSY at once, not after
    // the busy timeout: the caller waits and tries again.
    const mode = connection.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreReadOnlyError(file, 'file', file);
    if (!sameFile(identity, identityOf(file))) throw new StoreBusyError({ file }); // replaced under us: connect again
  } catch (error) {
    connection?.close();
    if (identity && isDamage(error)) throw new FoundDamage(file, identity, (error as Error).message);
    throw error;
  } finally {
    gate.leave();
  }
  try {
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    migrate(connection, file, settings.logger);
  } catch (error) {
    connection.close();
    if (isDamage(error)) throw new FoundDamage(file, identity, (error as Error).message);
    throw error;
  }
  return { connection, identity, walKept };
}

/** Whether a file holds nothing yet: a database being made, not someone's to migrate. */
function isEmpty(connection: BetterSqlite3.Database): boolean {
  return (connection.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
}

/** Brings the schema to SCHEMA_VERSION, once, even when several windows open the file together. */
function migrate(db: BetterSqlite3.Database, file: string, logger: Logger): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = version(); // read again under the write lock: another window may have migrated
    if (from > SCHEMA_VERSION) throw new StoreTooNewError(file, from);
    for (let step = from; step < SCHEMA_VERSION; step++) {
      const migration = MIGRATIONS[step];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      logger.info(`Database schema migrated from version ${step} to ${step + 1}`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`); // PRAGMA takes no parameters; a constant number
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new ProgressLogError(`The schema migration left ${broken.length} broken link(s); nothing was changed`);
  }).immediate();
}

/** How many problems a check lists before it stops: one is enough to set the file aside. */
const CHECK_LIMIT = 10;

/** `PRAGMA quick_check` on a connection: the problems found, none when the file is whole. */
export function quickCheck(connection: BetterSqlite3.Database): string[] {
  try {
    return (connection.pragma(`quick_check(${CHECK_LIMIT})`) as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok');
  } catch (error) {
    if (isDamage(error)) return [(error as Error).message];
    throw error;
  }
}

/** Runs in a worker thread: a read-only connection of its own, the check, the answer. */
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let answer;
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
  try {
    answer = { problems: db.pragma('quick_check(' + workerData.limit + ')').map((row) => row.quick_check).filter((line) => line !== 'ok') };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: String(error && error.message), code: String(error && error.code) };
}
parentPort.postMessage(answer);
`;

/**
 * `PRAGMA quick_check` in a worker thread, so that a large file (hundreds of megabytes take
 * seconds) never holds the window's thread. Resolves to the problems found; a check that could not
 * run (a lock, no worker threads) is logged and counts as none.
 */
export function quickCheckInWorker(file: string, logger: Logger, busyTimeoutMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(CHECK_WORKER, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), limit: CHECK_LIMIT, busyTimeoutMs } });
    } catch (error) {
      logger.warn(`The database ${file} could not be checked (${(error as Error).message})`);
      resolve([]);
      return;
    }
    worker.unref();
    worker.once('message', (answer: { problems?: string[]; error?: string; code?: string }) => {
      if (answer.problems) resolve(answer.problems);
      else if (answer.code === 'SQLITE_NOTADB' || answer.code?.startsWith('SQLITE_CORRUPT')) resolve([answer.error ?? answer.code]);
      else {
        logger.warn(`The database ${file} could not be checked (${answer.error})`);
        resolve([]);
      }
    });
    worker.once('error', (error) => {
      logger.warn(`The database ${file} could not be checked (${error.message})`);
      resolve([]);
    });
  });
}

type Pause = { kind: 'sleep'; ms: number } | { kind: 'check'; connection: BetterSqlite3.Database };
type CheckAnswer = { problems: string[] } | { unfinished: Promise<string[]> };

/** Waits that grow from 10 ms to 250 ms, with jitter so that windows started together drift apart. */
function backoff(): () => number {
  let next = 10;
  return () => {
    const wait = next * (0.5 + Math.random());
    next = Math.min(next * 2, 250);
    return Math.round(wait);
  };
}

/** How many damaged files one open sets aside before it gives up (every new file damaged: a failing disk). */
const MAX_RECOVERIES = 3;

/** The open, step by step; yields where it waits or checks. */
function* openSteps(file: string, settings: OpenSettings): Generator<Pause, Opened, CheckAnswer | undefined> {
  ensureSqliteLoads(); // before any file is touched: a library that cannot load says so, never "damaged"
  const deadline = Date.now() + settings.openTimeoutMs;
  const nextWait = backoff();
  let movedAside: string | undefined;
  let walKept: string | undefined;
  let recoveries = 0;
  for (;;) {
    let damage: { identity: FileIdentity; reason: string };
    try {
      const connected = connect(file, settings);
      walKept ??= connected.walKept;
      if (settings.check === false) return { ...connected, walKept, movedAside };
      const answer = (yield { kind: 'check', connection: connected.connection })!;
      if ('unfinished' in answer) return { ...connected, walKept, movedAside, lateCheck: answer.unfinished };
      if (answer.problems.length === 0) return { ...connected, walKept, movedAside };
      connected.connection.close();
      damage = { identity: connected.identity, reason: answer.problems.join('; ') };
    } catch (error) {
      if (!(error instanceof FoundDamage)) {
        const typed = translate(error, file);
        if (typed instanceof StoreBusyError && Date.now() < deadline) {
          yield { kind: 'sleep', ms: nextWait() };
          continue;
        }
        throw typed;
      }
      damage = error;
    }
    settings.logger.error(`The database ${file} is damaged: ${damage.reason}`);
    if (!settings.recover || ++recoveries > MAX_RECOVERIES) throw new StoreCorruptError(file, { cause: new Error(damage.reason) });
    for (;;) {
      try {
        const gate = OpenGate.enter(file, gateWaitMs(settings));
        try {
          movedAside = setAside(file, damage.identity, settings.logger, settings.busyTimeoutMs) ?? movedAside;
        } finally {
          gate.leave();
        }
        break;
      } catch (error) {
        const typed = translate(error, file);
        if (!(typed instanceof StoreBusyError) || Date.now() >= deadline) throw typed;
        yield { kind: 'sleep', ms: nextWait() };
      }
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Opens in line: waits block the thread, the check runs on this connection. For tests and tools. */
export function openSync(file: string, settings: OpenSettings): Opened {
  const steps = openSteps(file, settings);
  let next = steps.next();
  while (!next.done) {
    const pause = next.value;
    if (pause.kind === 'sleep') {
      Atomics.wait(sleeper, 0, 0, pause.ms);
      next = steps.next();
      continue;
    }
    let answer: CheckAnswer;
    try {
      answer = { problems: quickCheck(pause.connection) };
    } catch (error) {
      pause.connection.close();
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}

/**
 * Opens without holding the thread: waits are timers, and the check runs in a worker. A check
 * that takes longer than `checkBudgetMs` (a very large file) goes on in the background; its
 * answer arrives as `lateCheck`.
 */
export async function openAsync(file: string, settings: OpenSettings, checkBudgetMs: number): Promise<Opened> {
  const steps = openSteps(file, settings);
  let next = steps.next();
  while (!next.done) {
    const pause = next.value;
    if (pause.kind === 'sleep') {
      await new Promise((resolve) => setTimeout(resolve, pause.ms));
      next = steps.next();
      continue;
    }
    const running = quickCheckInWorker(file, settings.logger, settings.busyTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'unfinished'>((resolve) => (timer = setTimeout(() => resolve('unfinished'), checkBudgetMs)));
    const first = await Promise.race([running, budget]);
    clearTimeout(timer);
    if (first === 'unfinished') settings.logger.warn(`Checking ${file} takes longer than ${checkBudgetMs} ms; it goes on in the background`);
    next = steps.next(first === 'unfinished' ? { unfinished: running } : { problems: first });
  }
  return next.value;
}
