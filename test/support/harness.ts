/** A real store on a temp file and a real scanner over real git, as one window would have them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitScanner } from '../../src/capture/commitScanner';
import { MemoryLogger } from './memoryLogger';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { DATABASE_FILE_NAME, Store } from '../../src/storage/store';
import { BASE_DATE_SECONDS, makeTempDir } from './testRepo';

export { MemoryLogger };

/** The clock Progress Log "installed" at: a day before the first test commit. */
export const INSTALLED_AT = (BASE_DATE_SECONDS - 24 * 3600) * 1000;

export interface Window {
  store: Store;
  scanner: CommitScanner;
  logger: MemoryLogger;
  close(): void;
}

export function tempDatabase(): string {
  return path.join(makeTempDir('progress-log-db-'), DATABASE_FILE_NAME);
}

/** Opens a "window": its own connection to `file` and its own scanner. */
export function openWindow(file = tempDatabase(), options: { binary?: string; now?: number } = {}): Window {
  const logger = new MemoryLogger();
  const store = Store.open(file, { logger, now: () => options.now ?? INSTALLED_AT });
  const runner = new GitRunner({ logger, binary: () => options.binary, timeoutMs: 10_000 });
  const scanner = new CommitScanner(new GitReader(runner), store, logger);
  return { store, scanner, logger, close: () => store.close() };
}

export function removeDatabase(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
