/**
 * What Insights counted, kept while the log stays the same. `log_version` changes with every
 * write, in any window, that changes what the log shows; until it does, counts read once are
 * still true: the page asking for the numbers it was just made with, a range shown again, the
 * weeks the signals look back over are not counted twice. Nothing here knows VS Code.
 */
export class VersionCache {
  private version: number | undefined;
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly logVersion: () => number) {}

  /**
   * Reads the log's version, forgetting everything when it changed. Call before counting: counts
   * read after the version are at least as new as it.
   */
  refresh(): void {
    const version = this.logVersion();
    if (version === this.version) return;
    this.entries.clear();
    this.version = version;
  }

  /** The value kept under `key`, or what `read` returns, kept. */
  get<T>(key: string, read: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = read();
    this.entries.set(key, value);
    return value;
  }

  /** A value for each item: the kept ones, and the missing ones read together in one call. */
  each<I, T>(items: readonly I[], key: (item: I) => string, read: (missing: I[]) => T[]): T[] {
    const missing = items.filter((item) => !this.entries.has(key(item)));
    if (missing.length > 0) read(missing).forEach((value, index) => this.entries.set(key(missing[index]), value));
    return items.map((item) => this.entries.get(key(item)) as T);
  }
}
