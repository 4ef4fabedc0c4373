/**
 * What the command says when something fails, in one sentence that says what to do, and the exit
 * code: 2 for what was typed (bad usage, a line that is not one, a day that is not on the
 * calendar), 1 for everything else. The command speaks English; these are its own sentences.
 */
import * as path from 'node:path';
import {
  GitCommandError,
  GitIdentityMissingError,
  GitMissingError,
  InvalidInputError,
  SqliteUnavailableError,
  StoreBusyError,
  StoreCorruptError,
  StoreDiskFullError,
  StoreIoError,
  StoreIsFolderError,
  StoreNotFolderError,
  StoreReadOnlyError,
  StoreTooNewError,
  StoreTooOldError,
} from '../../core/errors';
import { SCHEMA_VERSION } from '../../storage/migrations';
import { UsageError } from './args';
import { DatabaseNotFoundError } from './location';

/** Exit codes: success, failure, bad usage or input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure the command itself reports, in its own words. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

/** What versions are involved when a database's schema does not match this command's. */
export interface Versions {
  /** This command's version. */
  command: string;
  /** The extension's, when it said (extension.json). */
  extension?: string;
}

/** The sentence and exit code for anything thrown. */
export function failure(error: unknown, versions: Versions): { message: string; exitCode: number } {
  if (error instanceof UsageError) {
    const help = ['progress-log', ...error.path, '--help'].join(' ');
    return { message: `${error.message}\nRun "${help}" for usage.`, exitCode: EXIT.usage };
  }
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof InvalidInputError) return { message: error.message, exitCode: EXIT.usage };
  return { message: sentence(error, versions), exitCode: EXIT.failure };
}

function sentence(error: unknown, versions: Versions): string {
  if (error instanceof DatabaseNotFoundError) return error.message;
  if (error instanceof StoreTooNewError) {
    const wanted = versions.extension ? `the extension's version, ${versions.extension}` : 'the version of your Progress Log extension';
    return `The database ${error.file} has schema ${error.version}, written by a newer Progress Log than this progress-log ${versions.command} (schema ${SCHEMA_VERSION}): update progress-log to ${wanted}. The database is untouched.`;
  }
  if (error instanceof StoreTooOldError) {
    if (error.version === 0) return `${error.file} is not a Progress Log database: point --db at progress-log.sqlite in the extension's storage, or at a new file.`;
    return `The database ${error.file} has schema ${error.version}, older than this progress-log ${versions.command} knows (schema ${error.known}): open VS Code once with Progress Log ${versions.command} or later, which updates the database, then try again. This command never updates a database itself, since an older extension may still be using it.`;
  }
  if (error instanceof GitMissingError) return 'progress-log could not run git: install git, or put it on PATH.';
  if (error instanceof GitIdentityMissingError) {
    return `progress-log can't tell which commits in ${error.root} are yours because git user.email is not set: run "git config user.email you@example.com" there, then scan again.`;
  }
  if (error instanceof StoreBusyError) {
    return `The database ${error.file ?? ''} is locked by another program: close whatever holds it (a database browser, a backup or sync tool) and try again; nothing was lost.`;
  }
  if (error instanceof StoreCorruptError) {
    return `The database ${error.file} is damaged: open VS Code with Progress Log, which sets the file aside (keeping it) and starts a new one.`;
  }
  if (error instanceof StoreReadOnlyError) return `The database cannot be written because the ${error.what} ${error.path} is read-only: make it writable for your user, then try again.`;
  if (error instanceof StoreIsFolderError) return `The database cannot be opened because ${error.file} is a folder, not a file.`;
  if (error instanceof StoreNotFolderError) return `The database ${error.file} cannot be reached because ${error.blocker} is a file, not a folder.`;
  if (error instanceof StoreDiskFullError) return `The disk that holds the database (${path.dirname(error.file)}) is full: free some space, then try again; nothing saved before was lost.`;
  if (error instanceof StoreIoError) return `The database ${error.file} could not be read or written because of a disk error: check the disk, then try again.`;
  if (error instanceof SqliteUnavailableError) {
    return `progress-log cannot load SQLite on this platform (${error.platform}): reinstall it with npm on Windows, macOS, Linux or Alpine Linux (x64 or arm64), where better-sqlite3 brings its own binary; other platforms need a C++ compiler for npm to build one.`;
  }
  if (error instanceof GitCommandError) return `progress-log could not read a repository (${error.message}); run again with --verbose for details.`;
  const message = error instanceof Error ? error.message : String(error);
  return `progress-log hit an unexpected problem (${message}); run again with --verbose for details.`;
}
