/**
 * The database's files on disk, and how windows agree about them: the open gate (an exclusive
 * SQLite lock on a side file, which the operating system drops when its holder dies), a file's
 * identity (device and inode), creating files readable by their owner only, setting a damaged
 * file aside under a name that replaces nothing, the marker that remembers damage met while the
 * file was in use, and a copy of a write-ahead log SQLite cannot read.
 * Nothing here knows VS Code; nothing here deletes or overwrites a database or its journals.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreBusyError, StoreIsFolderError, StoreNotFolderError, StoreReadOnlyError } from '../core/errors';
import type { Logger } from '../core/logger';
import { errorCode } from '../core/text';

/** SQLite's side files of a WAL database. */
export const SIDE_FILES = ['-wal', '-shm'] as const;

/** Which file a name points at: stays the same through renames, changes when the name is given to a new file. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

const windows = process.platform === 'win32';

/** The identity of the file at `file`, or undefined when there is none. */
export function identityOf(file: string): FileIdentity | undefined {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : undefined;
}

export function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** The first existing path on the way to `file` that is a file, not a folder. */
export function blockingFile(file: string): string | undefined {
  let current = path.dirname(file);
  const chain: string[] = [];
  while (path.dirname(current) !== current) {
    chain.unshift(current);
    current = path.dirname(current);
  }
  for (const folder of chain) {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (!stat) return undefined;
    if (!stat.isDirectory()) return folder;
  }
  return undefined;
}

/** Creates the database's folder (owner-only) when it is missing. */
export function ensureFolder(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      const blocker = blockingFile(file);
      if (blocker) throw new StoreNotFolderError(file, blocker, { cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      let existing = path.dirname(file);
      while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
      throw new StoreReadOnlyError(file, 'folder', existing, { cause: error });
    }
    throw error;
  }
}

/** Takes group and other permissions off a file, keeping the owner's (a read-only file stays read-only). */
export function ownerOnly(file: string): void {
  if (windows) return; // permissions there are ACLs inherited from the (per-user) folder
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || !stat.isFile() || (stat.mode & 0o077) === 0) return;
  try {
    fs.chmodSync(file, stat.mode & 0o700);
  } catch (error) {
    if (errorCode(error) !== 'EPERM') throw error; // another user's file: whether it can be used is checked next
  }
}

/**
 * Makes sure the database file exists before SQLite opens it: created empty with mode 0600 (an
 * empty file is a new database to SQLite, whose side files then take the same mode), or, when it
 * exists, made owner-only along with its side files. Checks what SQLite would only report
 * vaguely: a folder at the path, a read-only file, a read-only folder (the journals live there).
 * Never opens an existing database file itself: closing a descriptor would drop the locks SQLite
 * holds on it in this process.
 */
export function prepareFile(file: string): FileIdentity {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new StoreIsFolderError(file);
  for (const name of [file, ...SIDE_FILES.map((suffix) => file + suffix)]) ownerOnly(name);
  for (const [what, target] of [['file', file], ['folder', path.dirname(file)]] as const) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      throw new StoreReadOnlyError(file, what, target, { cause: error });
    }
  }
  return identityOf(file)!;
}

/** Writes a small file durably (synced, then renamed into place), readable by its owner only. */
export function writeFileDurably(target: string, content: string): void {
  const temporary = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  syncFolder(path.dirname(target));
}

/** Makes a rename or a new name in `folder` survive a power cut (where the platform allows it). */
export function syncFolder(folder: string): void {
  if (windows) return;
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a folder; the rename itself is still atomic.
  }
}

/**
 * The gate every open and every setting-aside passes: an exclusive lock on `<file>.open-lock`,
 * taken through SQLite so that it works the same on every platform, across processes and between
 * connections of one process, and is released by the operating system when its holder dies.
 * Held only for milliseconds: while a window connects, or while it moves a damaged file aside.
 */
export class OpenGate {
  private constructor(private readonly connection: BetterSqlite3.Database) {}

  static fileOf(file: string): string {
    return `${file}.open-lock`;
  }

  /** Enters the gate, waiting at most `waitMs`. @throws StoreBusyError when another window keeps it longer. */
  static enter(file: string, waitMs: number): OpenGate {
    const gateFile = OpenGate.fileOf(file);
    try {
      fs.closeSync(fs.openSync(gateFile, 'wx', 0o600));
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    ownerOnly(gateFile);
    for (let attempt = 0; ; attempt++) {
      const connection = new BetterSqlite3(gateFile, { timeout: waitMs });
      try {
        connection.exec('BEGIN EXCLUSIVE');
        return new OpenGate(connection);
      } catch (error) {
        connection.close();
        const code = errorCode(error) ?? '';
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new StoreBusyError({ file, cause: error });
        // The gate holds no data: a gate file that is not a database is emptied and used again.
        if (attempt === 0 && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
          fs.truncateSync(gateFile, 0);
          continue;
        }
        throw error;
      }
    }
  }

  leave(): void {
    try {
      this.connection.exec('ROLLBACK');
    } finally {
      this.connection.close();
    }
  }
}

function stampNow(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function exists(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

function unlinkIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * Sets the damaged database at `file` aside, with its side files, as `<file>.damaged-<time>`
 * (another free name when that one is taken): never deleted, never over another file. The caller
 * holds the open gate. The move happens only if `file` is still the very file found damaged (a
 * window may have set it aside already and started a new one, which must not be moved), and while
 * holding the damaged file's write lock where SQLite can still take it, so that no window commits
 * into it during the move. Returns the new name, or undefined when there was nothing to move.
 */
export function setAside(file: string, damaged: FileIdentity, logger: Logger, waitMs: number): string | undefined {
  if (!sameFile(identityOf(file), damaged)) return undefined;
  const writers = holdWriters(file, waitMs);
  try {
    if (!sameFile(identityOf(file), damaged)) return undefined;
    const stamp = stampNow();
    for (let attempt = 1; ; attempt++) {
      const candidate = `${file}.damaged-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
      if ([candidate, ...SIDE_FILES.map((suffix) => candidate + suffix)].some(exists)) continue;
      if (!addName(file, candidate)) continue;
      for (const suffix of SIDE_FILES) if (exists(file + suffix)) addName(file + suffix, candidate + suffix);
      // The side files go first: a main file left alone is found damaged again and set aside again;
      // journals left alone would be replayed into the next new database.
      for (const suffix of SIDE_FILES) unlinkIfPresent(file + suffix);
      unlinkIfPresent(file);
      syncFolder(path.dirname(file));
      clearDamageMark(file);
      logger.error(`The database ${file} was damaged; it was set aside as ${candidate} (nothing deleted)`);
      return candidate;
    }
  } finally {
    writers?.release();
  }
}

/**
 * Gives `from` the new name `to` without touching anything at `to`: a hard link, which fails
 * rather than replace. Where links are not supported, a rename to a name checked to be free.
 * Returns false when `to` was taken meanwhile.
 */
function addName(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
  }
  if (exists(to)) return false;
  // No hard links here: a rename (the free name was just checked, and only the holder of the
  // open gate makes such names). The unlink that follows then finds nothing to remove.
  fs.renameSync(from, to);
  return true;
}

/**
 * Takes the damaged database's write lock, if SQLite still can (its first pages may be unreadable;
 * then no window can write to it either).
 * @throws StoreBusyError when a window or program holds the lock longer than `waitMs`.
 */
function holdWriters(file: string, waitMs: number): { release(): void } | undefined {
  let connection: BetterSqlite3.Database | undefined;
  try {
    connection = new BetterSqlite3(file, { timeout: waitMs, fileMustExist: true });
    connection.exec('BEGIN IMMEDIATE');
  } catch (error) {
    connection?.close();
    const code = errorCode(error) ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new StoreBusyError({ file, cause: error });
    return undefined;
  }
  const held = connection;
  return {
    release: () => {
      try {
        held.exec('ROLLBACK');
      } finally {
        // SQLite sees that the file moved, so it neither checkpoints into it nor removes journals by name.
        held.close();
      }
    },
  };
}

/** Where damage met while the database was in use is remembered, for the next open. */
export function damageMarkerOf(file: string): string {
  return `${file}.damage-found`;
}

/** Remembers that the file with `identity` at `file` is damaged: the next open sets it aside. */
export function markDamaged(file: string, identity: FileIdentity, reason: string): void {
  writeFileDurably(damageMarkerOf(file), JSON.stringify({ dev: String(identity.dev), ino: String(identity.ino), foundAt: new Date().toISOString(), reason }));
}

/** Whether damage was met in the file now at `file`. A marker about another file (one set aside since) is removed. */
export function isMarkedDamaged(file: string, identity: FileIdentity): boolean {
  let text: string;
  try {
    text = fs.readFileSync(damageMarkerOf(file), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  try {
    const marker = JSON.parse(text) as { dev: string; ino: string };
    if (sameFile({ dev: BigInt(marker.dev), ino: BigInt(marker.ino) }, identity)) return true;
  } catch {
    // An unreadable marker says nothing about this file.
  }
  clearDamageMark(file);
  return false;
}

export function clearDamageMark(file: string): void {
  unlinkIfPresent(damageMarkerOf(file));
}

/** SQLite's WAL header: magic, version, and a checksum over the first 24 bytes. */
function walHeaderIsValid(header: Buffer): boolean {
  const magic = header.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== 0x377f0682 || header.readUInt32BE(4) !== 3007000) return false;
  const word = (offset: number) => (magic & 1 ? header.readUInt32BE(offset) : header.readUInt32LE(offset));
  let s1 = 0;
  let s2 = 0;
  for (let offset = 0; offset < 24; offset += 8) {
    s1 = (s1 + word(offset) + s2) >>> 0;
    s2 = (s2 + word(offset + 4) + s1) >>> 0;
  }
  return s1 === header.readUInt32BE(24) && s2 === header.readUInt32BE(28);
}

/**
 * A write-ahead log whose header SQLite cannot read is ignored by SQLite (the database opens as of
 * its last checkpoint) and overwritten by the next write. Before that happens, a copy is kept as
 * `<file>.unreadable-wal-<digest>`: named by its content, so the same log is never copied twice
 * and nothing is replaced. The caller holds the open gate. Returns the copy's name when one was made.
 */
export function keepUnreadableWal(file: string, logger: Logger): string | undefined {
  const wal = `${file}-wal`;
  let fd: number;
  try {
    fd = fs.openSync(wal, 'r'); // the WAL carries no locks, so closing this descriptor drops none
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  let digest: string;
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 32) return undefined;
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    fs.readSync(fd, head, 0, head.length, 0);
    if (walHeaderIsValid(head.subarray(0, 32))) return undefined;
    digest = createHash('sha256').update(head).update(String(size)).digest('hex').slice(0, 16);
  } finally {
    fs.closeSync(fd);
  }
  const copy = `${file}.unreadable-wal-${digest}`;
  if (exists(copy)) return undefined;
  try {
    fs.copyFileSync(wal, copy, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    throw error;
  }
  ownerOnly(copy);
  logger.error(`The write-ahead log of ${file} could not be read; SQLite ignores it, and a copy was kept as ${copy}`);
  return copy;
}
