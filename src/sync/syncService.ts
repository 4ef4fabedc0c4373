/**
 * Sync as a window runs it: follows the setting (a repository named starts background sync, none
 * stops it), syncs on the schedule (syncSchedule.ts) and on demand, and says where it stands
 * (synced and when, syncing, offline, or the one sentence of what to do). The engine does the
 * work (syncEngine.ts); git runs as child processes and received operations are applied in short
 * transactions, so a sync holds the window's thread for no longer than one of them.
 * Nothing here knows VS Code.
 */
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import type { OperationLog } from '../storage/operations';
import { SyncSchedule, SYSTEM_TIMERS, SCHEDULE_TIMES, type AttemptResult, type ScheduleTimes, type Timers } from './syncSchedule';
import type { SyncEngine, SyncResult } from './syncEngine';
import { syncProblem, type SyncProblem } from './syncProblem';

export interface SyncStatus {
  /**
   * off: no repository named. idle: named, no sync finished in this window yet. syncing: one runs
   * in this window. synced: the last one went well. offline: the repository could not be reached
   * (tried again by itself). error: something the user has to see to.
   */
  state: 'off' | 'idle' | 'syncing' | 'synced' | 'offline' | 'error';
  repository?: string;
  /** When a window of this machine last synced well. */
  lastSyncedAt?: number;
  /** Why the last attempt failed, and what to do. */
  problem?: SyncProblem;
  /** What the last sync of this window did. */
  last?: SyncResult;
}

/** Where the sync repository is named, and where this machine keeps its copy of it. */
export interface SyncPlaces {
  /** Progress Log's own bare repository, in its global storage. */
  cache: string;
  /** The repository setting as it is now ('' when sync is off). */
  repository(): string;
}

/** Progress Log's own copy of the sync repository, a bare repository beside the database. */
export const SYNC_CACHE_FOLDER = 'sync.git';

/** Machine-local: when any window of this machine last synced well (sync_state is shared by the windows). */
const LAST_SYNCED = 'lastSyncedAt';

/** When this machine (a window, or the command line) last synced well. */
export function lastSyncedAt(operations: OperationLog): number | undefined {
  try {
    const value = Number(operations.state(LAST_SYNCED));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined; // a busy database: the status shows no time this once
  }
}

export class SyncService {
  private readonly schedule: SyncSchedule;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private current: SyncStatus = { state: 'off' };
  private repository: string | undefined;

  constructor(
    private readonly engine: SyncEngine,
    private readonly operations: OperationLog,
    private readonly places: SyncPlaces,
    private readonly logger: Logger,
    private readonly timers: Timers = SYSTEM_TIMERS,
    times: ScheduleTimes = SCHEDULE_TIMES,
  ) {
    this.schedule = new SyncSchedule(() => this.attempt(), () => this.lastSyncedAt(), timers, times);
  }

  get status(): SyncStatus {
    return this.current;
  }

  onDidChangeStatus(listener: (status: SyncStatus) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Follows the setting: a repository named starts background sync (a few seconds on), another restarts it, none stops it. */
  configure(): void {
    const repository = this.places.repository().trim() || undefined;
    if (repository === this.repository) return;
    this.repository = repository;
    this.schedule.stop();
    if (!repository) {
      this.setStatus({ state: 'off' });
      return;
    }
    this.setStatus({ state: 'idle', repository, lastSyncedAt: this.lastSyncedAt() });
    this.schedule.start();
  }

  /** The log changed in this window: sync once the changes settle, when one of them is to be sent (receiving changes the log too). */
  changed(): void {
    if (this.repository === undefined) return;
    try {
      if (this.operations.unsent(1).length === 0) return;
    } catch (error) {
      this.logger.warn(`Sync: could not tell whether anything waits to be sent (${errorMessage(error)}); syncing anyway`);
    }
    this.schedule.changed();
  }

  /** Syncs at once (after the sync running, if any); resolves with where sync stands after it. */
  async syncNow(): Promise<SyncStatus> {
    this.configure();
    if (this.repository === undefined) return this.current;
    const result = await this.schedule.syncNow();
    if (result === 'busy') this.logger.info('Sync: another window of this machine kept syncing; this one asked in vain');
    return this.current;
  }

  /** Whether git reaches `repository` with the user's credentials: undefined when it does, else what went wrong and what to do. */
  async check(repository: string): Promise<SyncProblem | undefined> {
    try {
      await this.engine.check({ cache: this.places.cache, repository });
      return undefined;
    } catch (error) {
      this.logger.warn(`Sync: ${repository} cannot be reached: ${errorMessage(error)}`);
      return syncProblem(error, repository);
    }
  }

  /** When a window of this machine last synced well. */
  lastSyncedAt(): number | undefined {
    return lastSyncedAt(this.operations);
  }

  dispose(): void {
    this.schedule.stop();
    this.listeners.clear();
  }

  private async attempt(): Promise<AttemptResult> {
    const repository = this.repository;
    if (repository === undefined) return 'synced';
    const before = this.current;
    this.setStatus({ ...before, state: 'syncing', repository });
    try {
      const result = await this.engine.sync({ cache: this.places.cache, repository });
      if (!result) {
        this.setStatus(before);
        return 'busy';
      }
      const at = this.timers.now();
      try {
        this.operations.setState(LAST_SYNCED, String(at));
      } catch (error) {
        this.logger.warn(`Sync: the time of this sync was not kept (${errorMessage(error)})`);
      }
      if (repository === this.repository) this.setStatus({ state: 'synced', repository, lastSyncedAt: at, last: result });
      return 'synced';
    } catch (error) {
      const problem = syncProblem(error, repository);
      this.logger.warn(`Sync with ${repository} failed (${problem.kind}): ${errorMessage(error)}`);
      if (error instanceof Error && problem.kind === 'other') this.logger.error(error);
      if (repository === this.repository) this.setStatus({ state: problem.kind === 'offline' ? 'offline' : 'error', repository, lastSyncedAt: this.lastSyncedAt(), problem });
      return problem.kind === 'offline' ? 'offline' : 'failed';
    }
  }

  private setStatus(status: SyncStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener(status);
  }
}
