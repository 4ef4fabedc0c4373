/**
 * Progress Log's database, by concern: `clones` (repositories and where they live here),
 * `scans` (what scans write and look up), `changes` (every change a person makes to the log, one
 * typed API), `outcomes`, `goals` and `reviews` (read), `drafts`
 * (what was typed and not saved), `log` (the log as it is read) and `goals`. Each part prepares only its
 * own statements on the one shared connection. Only `src/storage` touches SQLite.
 */
import { LogChanges } from './changes';
import { Clones } from './clones';
import { Database, type DatabaseOptions, type OpenNotes, type WindowOpenOptions } from './database';
import { Goals } from './goals';
import { HistoryRecords } from './historyRecords';
import { HistoryRanges } from './historyRanges';
import { InsightQueries } from './insightQueries';
import { LogQueries } from './logQueries';
import { OperationLog } from './operations';
import { Nudges } from './nudges';
import { Outcomes } from './outcomes';
import { PendingWrites } from './pendingWrites';
import { Plans } from './plans';
import { Reviews } from './reviews';
import { ScanRecords } from './scanRecords';
import { UserDrafts } from './userWrites';

export type { CloneState, RepositoryIdentity, ReflogCursors } from './clones';
export type { Claimed, ClosedBranch, Follow, NewCommit, ScanWrite } from './scanRecords';
export type { NewOutcome } from './outcomes';
export type { HistoryBatch, HistoryBranch, HistoryCommit, ImportedCounts } from './historyRecords';
export type { HistoryDue, HistorySince } from './historyRanges';
export type { RoutineCount } from './logQueries';
export type { GoalInput, GoalProgress } from './goals';
export type { OpenNotes } from './database';
export type { KeptWrite, PendingWrite, PendingWrites, Written } from './pendingWrites';
export type { Applied, LogChange, LogChanges } from './changes';
export type { Operation, OperationLog } from './operations';
export type { PortableChange } from './portable';
export type { ReviewInput } from './reviews';
export { DraftTargets } from './rows';

/** The database file's name inside the extension's global storage folder. */
export const DATABASE_FILE_NAME = 'progress-log.sqlite';

export type StoreOptions = DatabaseOptions;

/**
 * How a VS Code window opens the store. A call waits at most 50 ms for a lock, so that with the
 * write itself and what follows a lock (keeping a typed line on disk, synced) no call holds the
 * window's thread for 250 ms (measured by the stress suite); work that meets a lock is kept or
 * tried again on timers, never waited for in line. An open waits out locks for up to 30 s, in
 * steps, without holding the thread; the file check runs in a worker and is awaited for 5 s at
 * most (a very large database takes seconds, a year's log a moment), then goes on in the background.
 */
export const WINDOW_STORE_OPTIONS = { busyTimeoutMs: 50, openTimeoutMs: 30_000, checkBudgetMs: 5_000 } as const;

/** What the rest of Progress Log reads of outcomes (it changes them through `Store.changes`); prompts group commits asked about together. */
export type OutcomeReads = Pick<Outcomes, 'outcome' | 'deleted' | 'deletedIds' | 'askTogether'>;
/** What the rest of Progress Log reads of goals (it changes them through `Store.changes`). */
export type GoalReads = Omit<Goals, 'add' | 'edit' | 'setStatus' | 'link'>;
/** What the rest of Progress Log reads of plans (it changes them through `Store.changes`). */
export type PlanReads = Pick<Plans, 'item' | 'ofWeek' | 'inRange' | 'ofOutcome'>;
/** What the rest of Progress Log reads of reviews (it saves them through `Store.changes`). */
export type ReviewReads = Omit<Reviews, 'save'>;

export class Store {
  readonly clones: Clones;
  readonly scans: ScanRecords;
  /** Every change to the log a person makes: one typed API, each change one transaction (kept while the database is locked). */
  readonly changes: LogChanges;
  /** Every change as an operation, made here or received from another machine (src/sync). */
  readonly operations: OperationLog;
  readonly outcomes: OutcomeReads;
  readonly drafts: UserDrafts;
  readonly log: LogQueries;
  readonly goals: GoalReads;
  /** What the user asked to write while the database was locked, written as soon as it is free. */
  readonly pending: PendingWrites;
  readonly insights: InsightQueries;
  /** Weekly reviews: answers and highlights per week. */
  readonly reviews: ReviewReads;
  /** Each week's plan: a few intended outcomes, settled by the next review. */
  readonly plans: PlanReads;
  /** The review nudge's claims and the days the user was active (machine-local). */
  readonly nudges: Nudges;
  readonly history: HistoryRecords;
  /** How far back history is imported: by every machine (shared), and here (machine-local). Changed through `changes`. */
  readonly historyRanges: Pick<HistoryRanges, 'wanted' | 'imported' | 'due' | 'claimCatchUp' | 'releaseCatchUp' | 'stopCatchUp'>;

  private constructor(
    private readonly database: Database,
    keepWritesWhenLocked: boolean,
  ) {
    this.pending = new PendingWrites(database, keepWritesWhenLocked);
    this.clones = new Clones(database);
    this.scans = new ScanRecords(database);
    const outcomes = new Outcomes(database);
    const goals = new Goals(database);
    const reviews = new Reviews(database);
    this.operations = new OperationLog(database, outcomes);
    const plans = new Plans(database);
    const historyRanges = new HistoryRanges(database);
    this.changes = new LogChanges(database, this.pending, { outcomes, goals, reviews, plans, history: historyRanges }, this.operations);
    this.historyRanges = historyRanges;
    this.plans = plans;
    this.outcomes = outcomes;
    this.goals = goals;
    this.reviews = reviews;
    this.drafts = new UserDrafts(database, this.pending);
    this.log = new LogQueries(database);
    this.insights = new InsightQueries(database);
    this.nudges = new Nudges(database);
    this.history = new HistoryRecords(database);
  }

  /**
   * Opens (or creates) the database and brings its schema up to date.
   * @throws StoreCorruptError when the file is not a healthy SQLite database.
   * @throws StoreTooNewError when a newer Progress Log wrote it.
   */
  static open(file: string, options: StoreOptions): Store {
    return new Store(Database.open(file, options), false);
  }

  /** Opens the database; a damaged file is set aside (never deleted) and a new one started. */
  static openOrRecover(file: string, options: StoreOptions): { store: Store } & OpenNotes {
    const { database, ...notes } = Database.openOrRecover(file, options);
    return { store: new Store(database, false), ...notes };
  }

  /**
   * Opens the store as a window does (WINDOW_STORE_OPTIONS): never holding the thread for long,
   * setting a damaged file aside, keeping what the user asks to write while the database is
   * locked, and writing what an earlier window kept.
   */
  static async openForWindow(file: string, options: StoreOptions & Partial<WindowOpenOptions>): Promise<{ store: Store } & OpenNotes> {
    const { database, ...notes } = await Database.openForWindow(file, { ...WINDOW_STORE_OPTIONS, ...withoutUndefined(options), logger: options.logger });
    const store = new Store(database, true);
    store.pending.writeKept();
    return { store, ...notes };
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
    this.pending.dispose();
    this.database.close();
  }
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
