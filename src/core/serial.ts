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
