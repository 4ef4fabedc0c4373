/**
 * The SQLite connection every storage module shares: opening (WAL, busy timeout, migrations),
 * setting a damaged file aside, turning SQLite's errors into the core's typed errors, and the two
 * ways to touch it: `read` and `write` (an immediate transaction). A write that changes what the
 * log shows bumps `log_version`, which other windows poll, and tells this window's listeners.
 * Only `src/storage` touches SQLite. Nothing here knows VS Code.
 */
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProgressLogError, StoreBusyError, StoreCorruptError, StoreTooNewError } from '../core/errors';
import type { Logger } from '../core/logger';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export interface DatabaseOptions {
  logger: Logger;
  /** How long a write waits for another window's write to finish. */
  busyTimeoutMs?: number;
  now?: () => number;
}

/** Turns SQLite's errors into the core's typed errors. */
export function translate(error: unknown, file: string): unknown {
  if (error instanceof ProgressLogError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB') {
    return new StoreCorruptError(file, { cause: error });
  }
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return new StoreBusyError({ cause: error });
  }
  return error;
}

/** One connection to Progress Log's database. */
export class Database {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly listeners = new Set<() => void>();
  private logChanged = false;
  private depth = 0;
  readonly now: () => number;
  readonly logger: Logger;

  private constructor(
    private readonly db: BetterSqlite3.Database,
    readonly file: string,
    options: DatabaseOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  /**
   * Opens (or creates) the database and brings its schema up to date.
   * @throws StoreCorruptError when the file is not a healthy SQLite database.
   * @throws StoreTooNewError when a newer Progress Log wrote it.
   */
  static open(file: string, options: DatabaseOptions): Database {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 5000 });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new StoreTooNewError(file, version); // before any write
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db, file, options.logger);
      return new Database(db, file, options);
    } catch (error) {
      db?.close();
      throw translate(error, file);
    }
  }

  /**
   * Opens the database; a damaged file is moved aside (never deleted) and a new one started.
   * Returns where the damaged file went, so the user can be told.
   */
  static openOrRecover(file: string, options: DatabaseOptions): { database: Database; movedAside?: string } {
    try {
      return { database: Database.open(file, options) };
    } catch (error) {
      if (!(error instanceof StoreCorruptError)) throw error;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const movedAside = `${file}.damaged-${stamp}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedAside + suffix);
      }
      options.logger.error(`The database ${file} was damaged; moved it to ${movedAside} and started a new one`);
      return { database: Database.open(file, options), movedAside };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A prepared statement, prepared once per connection. */
  statement<P extends unknown[] = unknown[], R = unknown>(sql: string): BetterSqlite3.Statement<P, R> {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared as unknown as BetterSqlite3.Statement<P, R>;
  }

  /** Runs reads, translating SQLite's errors. */
  read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translate(error, this.file);
    }
  }

  /**
   * Runs `work` in an immediate transaction, translating SQLite's errors. Work that changed what
   * the log shows calls `markLogChanged()`; listeners hear of it once the transaction committed.
   */
  write<T>(work: () => T): T {
    // A write inside another write is part of the outer transaction (a savepoint).
    if (this.depth > 0) return work();
    this.logChanged = false;
    let result: T;
    this.depth++;
    try {
      result = this.db.transaction(() => {
        const value = work();
        if (this.logChanged) this.statement('UPDATE log_version SET version = version + 1 WHERE id = 1').run();
        return value;
      }).immediate();
    } catch (error) {
      this.logChanged = false;
      throw translate(error, this.file);
    } finally {
      this.depth--;
    }
    if (this.logChanged) {
      this.logChanged = false;
      for (const listener of [...this.listeners]) listener();
    }
    return result;
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
