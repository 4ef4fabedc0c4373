/**
 * The SQLite connection every storage module shares, and the two ways to touch it: `read` and
 * `write` (an immediate transaction). A write that changes what the log shows bumps `log_version`,
 * which other windows poll, and tells this window's listeners. User-typed writes are `durable`
 * (synchronous = FULL: they survive a power cut, not only a crash).
 *
 * The connection follows the file: when another window has set a damaged file aside and started a
 * new one, the next call connects to the new file, and no write commits into the old one (its
 * identity is checked inside every write transaction). Damage met in use is remembered beside the
 * file, writes into it stop, and the next open sets it aside. Opening lives in `opening.ts`.
 *
 * A lock met is judged, so that a window of Progress Log taking its turn is never mistaken for
 * another program: it is passing while other connections commit under it or while it has been met
 * for less than `lastingLockMs`, and lasting once met that long with nothing committed (a window
 * of ours holds the lock for milliseconds; a database browser holds it until told to let go).
 * Only `src/storage` touches SQLite. Nothing here knows VS Code.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { StoreBusyError, StoreCorruptError } from '../core/errors';
import type { Logger } from '../core/logger';
import { identityOf, markDamaged, sameFile, type FileIdentity } from './databaseFiles';
import { connect, openAsync, openSync, type OpenSettings, type Opened } from './opening';
import { translate } from './translate';

export { translate } from './translate';

export interface DatabaseOptions {
  logger: Logger;
  /** How long a call waits for another window's write to finish; the longest a call blocks on a lock. */
  busyTimeoutMs?: number;
  /** How long an open keeps trying while the database is locked. */
  openTimeoutMs?: number;
  /** How long a lock must be met, with nothing committed under it, before it counts as lasting (another program's). */
  lastingLockMs?: number;
  now?: () => number;
  /** Check the file before using it (default); see OpenSettings. */
  check?: boolean;
  /** Migrate an older schema (default); see OpenSettings. */
  migrate?: boolean;
}

/** What an open that may set a damaged file aside found, for the user. */
export interface OpenNotes {
  /** Where a damaged database was set aside. */
  movedAside?: string;
  /** Where a copy of a write-ahead log SQLite could not read was kept. */
  walKept?: string;
}

/** Settings for a window: no call blocks its thread for long, and a large file is checked in a worker. */
export interface WindowOpenOptions extends DatabaseOptions {
  /** How long the open waits for the file check before it goes on and lets the check finish in the background. */
  checkBudgetMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_OPEN_TIMEOUT_MS = 10_000;
/**
 * Windows of Progress Log hold the write lock one short transaction at a time (the stress suite's
 * eight windows writing print the longest it stayed held with nothing committed: a fraction of a
 * second, even on a loaded machine); five seconds of a lock with nothing committed is someone else's.
 */
const DEFAULT_LASTING_LOCK_MS = 5000;
/** A lock met again after this long without meeting one is a new lock, judged afresh. */
const LOCK_FORGOTTEN_AFTER_MS = 60_000;

/** The connection's file was set aside by another window: connect to the file there now. */
class FileMoved extends Error {}

/** One connection to Progress Log's database. */
export class Database {
  private statements = new Map<string, BetterSqlite3.Statement>();
  private readonly listeners = new Set<() => void>();
  private logChanged = false;
  private depth = 0;
  /** Why writes stopped: damage met in this file. */
  private damage: string | undefined;
  /** The file moved and connecting to the new one failed: try again on the next call. */
  private stale = false;
  private closed = false;
  /** The lock this connection keeps meeting: since when nothing was committed under it, and what was committed last. */
  private lockMet: { since: number; last: number; version: number | undefined } | undefined;
  private readonly lastingLockMs: number;
  readonly now: () => number;
  readonly logger: Logger;

  private constructor(
    private connection: BetterSqlite3.Database,
    private identity: FileIdentity,
    readonly file: string,
    private readonly settings: OpenSettings,
    options: DatabaseOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.lastingLockMs = options.lastingLockMs ?? DEFAULT_LASTING_LOCK_MS;
  }

  private static settings(options: DatabaseOptions, recover: boolean): OpenSettings {
    return {
      logger: options.logger,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      openTimeoutMs: options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS,
      recover,
      check: options.check,
      migrate: options.migrate,
    };
  }

  private static from(opened: Opened, file: string, settings: OpenSettings, options: DatabaseOptions): Database {
    const database = new Database(opened.connection, opened.identity, file, settings, options);
    opened.lateCheck?.then((problems) => {
      if (problems.length > 0 && !database.closed && sameFile(database.identity, opened.identity)) database.noteDamage(problems.join('; '));
    });
    return database;
  }

  /**
   * Opens (or creates) the database, brings its schema up to date and checks it; waits out locks.
   * @throws StoreCorruptError when the file is not a healthy SQLite database.
   * @throws StoreTooNewError when a newer Progress Log wrote it.
   */
  static open(file: string, options: DatabaseOptions): Database {
    const settings = Database.settings(options, false);
    return Database.from(openSync(file, settings), file, settings, options);
  }

  /** Opens the database; a damaged file is set aside (never deleted) and a new one started. */
  static openOrRecover(file: string, options: DatabaseOptions): { database: Database } & OpenNotes {
    const settings = Database.settings(options, true);
    const opened = openSync(file, settings);
    return { database: Database.from(opened, file, settings, options), movedAside: opened.movedAside, walKept: opened.walKept };
  }

  /**
   * Opens as a window does: like `openOrRecover`, but waits with timers and checks the file in a
   * worker thread, so that the window's thread is never held for long.
   */
  static async openForWindow(file: string, options: WindowOpenOptions): Promise<{ database: Database } & OpenNotes> {
    const settings = Database.settings(options, true);
    const opened = await openAsync(file, settings, options.checkBudgetMs ?? 5000);
    return { database: Database.from(opened, file, settings, options), movedAside: opened.movedAside, walKept: opened.walKept };
  }

  close(): void {
    this.closed = true;
    if (this.connection.open) this.connection.close();
  }

  /** A prepared statement, prepared once per connection. */
  statement<P extends unknown[] = unknown[], R = unknown>(sql: string): BetterSqlite3.Statement<P, R> {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.connection.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared as unknown as BetterSqlite3.Statement<P, R>;
  }

  /** Runs reads, translating SQLite's errors. */
  read<T>(work: () => T): T {
    if (this.depth > 0) return work();
    try {
      this.followFile();
      return work();
    } catch (error) {
      throw this.failed(error);
    }
  }

  /**
   * Runs `work` in an immediate transaction, translating SQLite's errors. Work that changed what
   * the log shows calls `markLogChanged()`; listeners hear of it once the transaction committed.
   * A `durable` write (what the user typed) is synced to disk before it returns. `waitMs` waits
   * that long for a lock instead of the connection's busy timeout (work that will be tried again).
   */
  write<T>(work: () => T, options: { durable?: boolean; waitMs?: number } = {}): T {
    // A write inside another write is part of the outer transaction.
    if (this.depth > 0) return work();
    let result: T;
    try {
      this.followFile();
      if (this.damage !== undefined) throw new StoreCorruptError(this.file, { cause: new Error(this.damage) });
      if (options.waitMs !== undefined) this.connection.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.waitMs))}`);
      try {
        result = this.transaction(work, options.durable === true);
      } catch (error) {
        if (!(error instanceof FileMoved)) throw error;
        this.reconnect();
        result = this.transaction(work, options.durable === true);
      } finally {
        if (options.waitMs !== undefined && this.connection.open) this.connection.pragma(`busy_timeout = ${this.settings.busyTimeoutMs}`);
      }
    } catch (error) {
      throw this.failed(error);
    }
    this.lockMet = undefined;
    if (this.logChanged) {
      this.logChanged = false;
      for (const listener of [...this.listeners]) listener();
    }
    return result;
  }

  private transaction<T>(work: () => T, durable: boolean): T {
    this.logChanged = false;
    this.depth++;
    if (durable) this.statement('PRAGMA synchronous = FULL').run();
    try {
      return this.connection
        .transaction(() => {
          // Under the write lock: a window that sets this file aside holds that lock while it moves it.
          if (!sameFile(identityOf(this.file), this.identity)) throw new FileMoved();
          const value = work();
          if (this.logChanged) this.statement('UPDATE log_version SET version = version + 1 WHERE id = 1').run();
          return value;
        })
        .immediate();
    } catch (error) {
      this.logChanged = false;
      throw error;
    } finally {
      this.depth--;
      if (durable && this.connection.open) this.statement('PRAGMA synchronous = NORMAL').run();
    }
  }

  /** Called inside `write` by work that changed what the log shows. */
  markLogChanged(): void {
    this.logChanged = true;
  }

  /** Listens for this connection's writes that changed the log. */
  onDidChangeLog(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Changes whenever any connection (any window) committed a change to the log. */
  logVersion(): number {
    return this.read(() => this.statement<[], { version: number }>('SELECT version FROM log_version WHERE id = 1').get()!.version);
  }

  /** Whether damage was met in this file (writes then stop until the next open sets it aside). */
  get damaged(): boolean {
    return this.damage !== undefined;
  }

  /** Connects to the file now at the path when it is no longer the one this connection has. */
  private followFile(): void {
    if (this.stale || !sameFile(identityOf(this.file), this.identity)) this.reconnect();
  }

  private reconnect(): void {
    this.stale = true;
    const connected = connect(this.file, { ...this.settings, recover: false });
    // The old file moved: SQLite notices, so closing neither checkpoints into it nor removes journals by name.
    this.connection.close();
    this.connection = connected.connection;
    this.identity = connected.identity;
    this.statements = new Map();
    this.damage = undefined;
    this.stale = false;
    this.logger.warn(`The database ${this.file} was replaced by another window (a damaged file set aside); now using the new one`);
    for (const listener of [...this.listeners]) listener();
  }

  private failed(error: unknown): unknown {
    const typed = translate(error instanceof FileMoved ? new Error('the database file moved again') : error, this.file);
    if (typed instanceof StoreCorruptError) this.noteDamage(typed.cause instanceof Error ? typed.cause.message : typed.message);
    if (typed instanceof StoreBusyError) return this.judged(typed);
    return typed;
  }

  /** A lock met, judged passing or lasting (see the top of this file). */
  private judged(busy: StoreBusyError): StoreBusyError {
    const now = performance.now();
    const version = this.dataVersion();
    const met = this.lockMet;
    const committedUnderIt = met !== undefined && version !== undefined && version !== met.version;
    if (met === undefined || committedUnderIt || now - met.last > LOCK_FORGOTTEN_AFTER_MS) this.lockMet = { since: now, last: now, version };
    else this.lockMet = { ...met, last: now, version };
    const lasting = now - this.lockMet.since >= this.lastingLockMs;
    return new StoreBusyError({ file: this.file, cause: busy.cause, lasting });
  }

  /** Changes whenever another connection commits; undefined when even reading is locked out. */
  private dataVersion(): number | undefined {
    try {
      return this.statement<[], { data_version: number }>('PRAGMA data_version').get()?.data_version;
    } catch {
      return undefined;
    }
  }

  /** Damage met in this file: remembered beside it for the next open, and no more writes go into it. */
  noteDamage(reason: string): void {
    if (this.damage !== undefined) return;
    this.damage = reason;
    this.logger.error(`The database ${this.file} is damaged (${reason}); writes stop, and the next open sets it aside`);
    try {
      markDamaged(this.file, this.identity, reason);
    } catch (error) {
      this.logger.error(`Could not remember that ${this.file} is damaged: ${(error as Error).message}`);
    }
  }
}
