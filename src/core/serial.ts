/**
 * Work that must not overlap for the same key (a scan of one repository, an import into it).
 * A call made while the work runs is served by one run started after it, however many calls came
 * meanwhile: nothing that happened is missed, and nothing is read twice at once.
 * Nothing here knows VS Code.
 */
export class KeyedSerializer<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly queued = new Map<string, Promise<T>>();

  /** Runs `work` for `key` now, or once after the run in progress. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.start(key, work);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(key);
        return this.start(key, work);
      });
    this.queued.set(key, next);
    return next;
  }

  /** Whether work for `key` runs now. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  private start(key: string, work: () => Promise<T>): Promise<T> {
    const run = work().finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    this.running.set(key, run);
    return run;
  }
}

/**
 * Work for the same key that must run one at a time, each call in turn, never coalesced: a scan
 * of a repository, and each batch an import writes into it. Nothing here knows VS Code.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` for `key` once every earlier call for the key has finished. */
  async run<T>(key: string, work: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = (previous ?? Promise.resolve()).then(() => done);
    this.tails.set(key, tail);
    if (previous) await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
