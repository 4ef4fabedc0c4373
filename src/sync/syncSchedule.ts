/**
 * When a background sync runs: a few seconds after start (off the activation path), a little
 * after changes (debounced, so that a burst of edits is one sync), every few minutes, and, while
 * the sync repository cannot be reached or refuses, after a wait that doubles up to half an hour.
 * Never more than one at a time: whatever asks while one runs waits for it. "Sync Now" runs one
 * at once whatever the wait, after the one running (which may have started before the user's
 * last change). The clock and timers are handed in, so that the timing is tested without waiting.
 * Nothing here knows VS Code.
 */

/** What one attempt came to. */
export type AttemptResult =
  /** Sent and received. */
  | 'synced'
  /** The sync repository could not be reached (no network, a server down): tried again later. */
  | 'offline'
  /** Reached, but something failed (refused, no access, a damaged cache): tried again later. */
  | 'failed'
  /** Another window of this machine was syncing: nothing was done. */
  | 'busy';

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's clock and timers; a timer never keeps a process alive. */
export const SYSTEM_TIMERS: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScheduleTimes {
  /** From start to the first sync: after VS Code has painted and the extension is up. */
  startDelayMs: number;
  /** After the last of a burst of changes. */
  debounceMs: number;
  /** A change waits at most this long while more keep coming. */
  maxChangeWaitMs: number;
  /** Between two syncs when nothing changes here (another machine's changes come this way). */
  periodMs: number;
  /** The wait after the first failure; it doubles with each one after. */
  firstRetryMs: number;
  /** The longest wait between attempts while failing. */
  maxRetryMs: number;
  /** How often "Sync Now" asks again while another window of this machine syncs. */
  busyRetryMs: number;
  /** How long "Sync Now" waits for another window's sync before it gives up. */
  busyWaitMs: number;
}

export const SCHEDULE_TIMES: ScheduleTimes = {
  startDelayMs: 5_000,
  debounceMs: 10_000,
  maxChangeWaitMs: 60_000,
  periodMs: 5 * 60_000,
  firstRetryMs: 30_000,
  maxRetryMs: 30 * 60_000,
  busyRetryMs: 1_000,
  busyWaitMs: 2 * 60_000,
};

export class SyncSchedule {
  private started = false;
  private timer: unknown;
  private running: Promise<AttemptResult> | undefined;
  /** When the changes made since the last attempt began are due to be sent. */
  private changeDueAt: number | undefined;
  private firstChangeAt: number | undefined;
  /** When the next sync is due with nothing changed here. */
  private periodicDueAt = 0;
  /** Failed attempts in a row, and when the next one is due. */
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly attempt: () => Promise<AttemptResult>,
    /** When any window of this machine last synced well (the periodic sync is then not due yet). */
    private readonly lastSynced: () => number | undefined,
    private readonly timers: Timers = SYSTEM_TIMERS,
    private readonly times: ScheduleTimes = SCHEDULE_TIMES,
  ) {}

  /** Starts syncing in the background: the first sync a few seconds from now. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.failures = 0;
    this.periodicDueAt = this.timers.now() + this.times.startDelayMs;
    this.plan();
  }

  /** Stops syncing in the background (sync turned off); an attempt running finishes. */
  stop(): void {
    this.started = false;
    this.changeDueAt = this.firstChangeAt = undefined;
    this.plan();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** The log changed here: sync once the changes settle. */
  changed(): void {
    if (!this.started) return;
    const now = this.timers.now();
    this.firstChangeAt ??= now;
    this.changeDueAt = Math.min(now + this.times.debounceMs, this.firstChangeAt + this.times.maxChangeWaitMs);
    this.plan();
  }

  /**
   * Syncs now, whatever the schedule's wait: after the attempt running, if any (it may have begun
   * before the user's last change), and, while another window of this machine syncs, once it is
   * done. Calls made together share one attempt.
   */
  async syncNow(): Promise<AttemptResult> {
    if (this.running) await this.running;
    const deadline = this.timers.now() + this.times.busyWaitMs;
    let result = await this.run();
    while (result === 'busy' && this.timers.now() < deadline) {
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, this.times.busyRetryMs));
      result = await this.run();
    }
    return result;
  }

  /** When the next background attempt is due, if one is (for the status bar, and tests). */
  nextAttemptAt(): number | undefined {
    if (!this.started || this.running) return undefined;
    return this.failures > 0 ? this.retryAt : Math.min(this.changeDueAt ?? Infinity, this.periodicDueAt);
  }

  /** One attempt, or the one running. */
  private run(): Promise<AttemptResult> {
    if (this.running) return this.running;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const hadChanges = this.changeDueAt !== undefined;
    // Changes made from here on are not in this attempt: they set their own due time.
    this.changeDueAt = this.firstChangeAt = undefined;
    const running = this.attempt()
      .catch((): AttemptResult => 'failed')
      .then((result) => {
        this.running = undefined;
        this.settle(result, hadChanges);
        return result;
      });
    this.running = running;
    return running;
  }

  private settle(result: AttemptResult, hadChanges: boolean): void {
    const now = this.timers.now();
    if (result === 'synced') {
      this.failures = 0;
      this.periodicDueAt = now + this.times.periodMs;
    } else if (result === 'busy') {
      // The other window's sync fetches for this machine; what changed here may have come after it read.
      this.periodicDueAt = now + this.times.periodMs;
      if (hadChanges && this.changeDueAt === undefined) {
        this.firstChangeAt = now;
        this.changeDueAt = now + this.times.debounceMs;
      }
    } else {
      this.failures++;
      this.retryAt = now + Math.min(this.times.firstRetryMs * 2 ** (this.failures - 1), this.times.maxRetryMs);
    }
    this.plan();
  }

  /** Sets the one timer for the next attempt due. */
  private plan(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const due = this.nextAttemptAt();
    if (due === undefined) return;
    this.timer = this.timers.setTimeout(() => this.fire(), Math.max(0, due - this.timers.now()));
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.started || this.running) return;
    const now = this.timers.now();
    const periodicOnly = this.failures === 0 && (this.changeDueAt === undefined || this.changeDueAt > now);
    // Another window of this machine synced meanwhile: the periodic sync is due a period after it.
    const last = this.lastSynced();
    if (periodicOnly && last !== undefined && last + this.times.periodMs > now && last > this.periodicDueAt - this.times.periodMs) {
      this.periodicDueAt = last + this.times.periodMs;
      this.plan();
      return;
    }
    void this.run();
  }
}
