/**
 * Progress Log's database, by concern: `clones` (repositories and where they live here),
 * `scans` (what scans write and look up), `outcomes` (naming, editing, deleting), `drafts`
 * (what was typed and not saved) and `log` (the log as it is read). Each part prepares only its
 * own statements on the one shared connection. Only `src/storage` touches SQLite.
 */
import { Clones } from './clones';
import { Database, type DatabaseOptions } from './database';
import { Drafts } from './drafts';
import { HistoryRecords } from './historyRecords';
import { LogQueries } from './logQueries';
import { Outcomes } from './outcomes';
import { ScanRecords } from './scanRecords';

export type { CloneState, RepositoryIdentity, ReflogCursors } from './clones';
export type { Claimed, ClosedBranch, Follow, NewCommit, ScanWrite } from './scanRecords';
export type { NewOutcome } from './outcomes';
export type { HistoryBatch, HistoryBranch, HistoryCommit, ImportedCounts } from './historyRecords';
export type { RoutineCount } from './logQueries';
export { DraftTargets } from './rows';

/** The database file's name inside the extension's global storage folder. */
export const DATABASE_FILE_NAME = 'progress-log.sqlite';

export type StoreOptions = DatabaseOptions;

export class Store {
  readonly clones: Clones;
  readonly scans: ScanRecords;
  readonly outcomes: Outcomes;
  readonly drafts: Drafts;
  readonly log: LogQueries;
  readonly history: HistoryRecords;

  private constructor(private readonly database: Database) {
    this.clones = new Clones(database);
    this.scans = new ScanRecords(database);
    this.outcomes = new Outcomes(database);
    this.drafts = new Drafts(database);
    this.log = new LogQueries(database);
    this.history = new HistoryRecords(database);
  }

  /**
   * Opens (or creates) the database and brings its schema up to date.
   * @throws StoreCorruptError when the file is not a healthy SQLite database.
   * @throws StoreTooNewError when a newer Progress Log wrote it.
   */
  static open(file: string, options: StoreOptions): Store {
    return new Store(Database.open(file, options));
  }

  /** Opens the database; a damaged file is set aside (never deleted) and a new one started. */
  static openOrRecover(file: string, options: StoreOptions): { store: Store; movedAside?: string } {
    const { database, movedAside } = Database.openOrRecover(file, options);
    return { store: new Store(database), movedAside };
  }

  get file(): string {
    return this.database.file;
  }

  /** Fires after this window's writes that changed what the log shows. */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.database.onDidChangeLog(listener);
  }

  /** Changes whenever any window committed a change to the log; polled to follow other windows. */
  logVersion(): number {
    return this.database.logVersion();
  }

  close(): void {
    this.database.close();
  }
}
