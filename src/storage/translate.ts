/**
 * Turns what SQLite and the file system report into the core's typed errors, each naming the file
 * or folder at fault, so that the VS Code layer can say in one sentence what to do.
 * Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ProgressLogError,
  StoreBusyError,
  StoreCorruptError,
  StoreDiskFullError,
  StoreIoError,
  StoreIsFolderError,
  StoreNotFolderError,
  StoreReadOnlyError,
} from '../core/errors';
import { errorCode } from '../core/text';
import { blockingFile } from './databaseFiles';

function writable(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which is read-only, the folder (where SQLite keeps its journals too) or the file. */
function readOnly(file: string, code: string, cause: unknown): StoreReadOnlyError {
  const folder = path.dirname(file);
  if (!writable(folder) || code === 'EROFS') return new StoreReadOnlyError(file, 'folder', folder, { cause });
  return new StoreReadOnlyError(file, 'file', file, { cause });
}

/** SQLite could not open a file: the path tells why. */
function cannotOpen(file: string, cause: unknown): ProgressLogError {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return new StoreIsFolderError(file, { cause });
  const blocker = blockingFile(file);
  if (blocker) return new StoreNotFolderError(file, blocker, { cause });
  const folder = path.dirname(file);
  if (!fs.existsSync(folder)) return new StoreIoError(file, { cause });
  if (!writable(folder)) return new StoreReadOnlyError(file, 'folder', folder, { cause });
  if (stat && !writable(file)) return new StoreReadOnlyError(file, 'file', file, { cause });
  return new StoreIoError(file, { cause });
}

/** Turns SQLite's and the file system's errors about `file` into the core's typed errors. */
export function translate(error: unknown, file: string): unknown {
  if (error instanceof ProgressLogError) return error;
  const code = errorCode(error);
  if (code === undefined) return error;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return new StoreCorruptError(file, { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreBusyError({ file, cause: error });
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return readOnly(file, code, error);
  if (code.startsWith('SQLITE_CANTOPEN')) return cannotOpen(file, error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new StoreDiskFullError(file, { cause: error });
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new StoreIoError(file, { cause: error });
  if (code === 'EISDIR') return new StoreIsFolderError(file, { cause: error });
  if (code === 'ENOTDIR') return new StoreNotFolderError(file, blockingFile(file) ?? path.dirname(file), { cause: error });
  return error;
}
