/**
 * Whether SQLite's native library loads on this machine, asked once before any file is touched.
 * better-sqlite3 loads its binary on the first connection; a machine with none for its platform,
 * or with one built for another, fails there with Node's own words ("Cannot find module",
 * "invalid ELF header"), which say nothing to a user and could be taken for a problem with the
 * file. Nothing here knows VS Code.
 */
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import { SqliteUnavailableError } from '../core/errors';

let loaded = false;

/** This machine's platform as VS Code's packages name it: Alpine's musl libc is a platform of its own. */
export function platformName(): string {
  return `${process.platform === 'linux' && usesMusl() ? 'alpine' : process.platform}-${process.arch}`;
}

/** Whether musl's loader is mapped into this process (how better-sqlite3 tells, too). */
function usesMusl(): boolean {
  try {
    return /\/ld-musl-[^/\s]*\.so/.test(fs.readFileSync('/proc/self/maps', 'latin1'));
  } catch {
    return false;
  }
}

/**
 * Loads SQLite's native library (a throwaway in-memory database), once per process.
 * `nativeBinding` loads that file instead of the binary better-sqlite3 picks for this platform.
 * @throws SqliteUnavailableError naming this platform, with Node's reason as its cause.
 */
export function ensureSqliteLoads(nativeBinding?: string): void {
  if (loaded && nativeBinding === undefined) return;
  try {
    new BetterSqlite3(':memory:', nativeBinding === undefined ? undefined : { nativeBinding }).close();
  } catch (error) {
    throw new SqliteUnavailableError(platformName(), { cause: error });
  }
  if (nativeBinding === undefined) loaded = true;
}
