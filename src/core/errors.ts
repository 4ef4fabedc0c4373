/** Typed errors of the core. The VS Code layer turns each into one helpful sentence. */

export class ProgressLogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** git is not installed, not on the configured path, or could not be started. */
export class GitMissingError extends ProgressLogError {}

/** A git command failed or timed out. */
export class GitCommandError extends ProgressLogError {
  constructor(
    message: string,
    readonly args: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The repository has no `user.email`, so Progress Log cannot tell which commits are the user's. */
export class GitIdentityMissingError extends ProgressLogError {
  constructor(readonly root: string) {
    super(`git user.email is not set for ${root}`);
  }
}

/** The database file is not a SQLite database, or it is damaged. */
export class StoreCorruptError extends ProgressLogError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`The Progress Log database at ${file} is damaged`, options);
  }
}

/** Another process held the database (locked it) longer than this window waits. */
export class StoreBusyError extends ProgressLogError {
  readonly file: string | undefined;
  /**
   * The lock has lasted: held for seconds with nothing committed meanwhile, which no window of
   * Progress Log does (another program holds it). When false, the lock is passing: windows taking
   * their turns, waited out without a word to the user.
   */
  readonly lasting: boolean;
  constructor(options?: { cause?: unknown; file?: string; lasting?: boolean }) {
    super(`The Progress Log database${options?.file ? ` at ${options.file}` : ''} is ${options?.lasting === false ? 'busy for a moment' : 'locked'}`, options);
    this.file = options?.file;
    this.lasting = options?.lasting ?? true;
  }
}

/** The database file, or the folder it lives in, cannot be written (permissions, a read-only disk). */
export class StoreReadOnlyError extends ProgressLogError {
  constructor(
    readonly file: string,
    /** What is read-only: the file itself, or its folder (which must hold the journal files too). */
    readonly what: 'file' | 'folder',
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`The Progress Log database at ${file} cannot be written: the ${what} ${path} is read-only`, options);
  }
}

/** A folder stands where the database file should be. */
export class StoreIsFolderError extends ProgressLogError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`The Progress Log database path ${file} is a folder, not a file`, options);
  }
}

/** A file stands where a folder on the way to the database should be. */
export class StoreNotFolderError extends ProgressLogError {
  constructor(
    readonly file: string,
    /** The file that should be a folder. */
    readonly blocker: string,
    options?: { cause?: unknown },
  ) {
    super(`The Progress Log database at ${file} cannot be reached: ${blocker} is a file, not a folder`, options);
  }
}

/** The disk holding the database is full. */
export class StoreDiskFullError extends ProgressLogError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`The disk holding the Progress Log database at ${file} is full`, options);
  }
}

/** The operating system reported an I/O error reading or writing the database. */
export class StoreIoError extends ProgressLogError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`Reading or writing the Progress Log database at ${file} failed with a disk error`, options);
  }
}

/** Something the user typed cannot be used as it is; the message says why, for the user. */
export class InvalidInputError extends ProgressLogError {}

/** The user's text cannot be an outcome as it is. */
export class InvalidOutcomeError extends InvalidInputError {}

/** The database was written by a newer Progress Log than this one. */
export class StoreTooNewError extends ProgressLogError {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(`The Progress Log database at ${file} was written by a newer version (schema ${version})`);
  }
}

/**
 * The database was written by an older Progress Log and would have to be migrated, which this
 * caller does not do (the command line: the extension that may still be running on it migrates it).
 * `version` 0 is a SQLite file that Progress Log never made its own.
 */
export class StoreTooOldError extends ProgressLogError {
  constructor(
    readonly file: string,
    readonly version: number,
    /** The schema this Progress Log knows. */
    readonly known: number,
  ) {
    super(`The Progress Log database at ${file} has schema ${version}, older than this version's ${known}, and is not migrated here`);
  }
}

/**
 * SQLite's native library did not load on this machine: none was shipped for its platform (an
 * operating system or processor better-sqlite3 has no binary for), or the one there was built for
 * another. `platform` names it as VS Code's packages do (`linux-x64`, `alpine-arm64`, `win32-arm64`).
 */
export class SqliteUnavailableError extends ProgressLogError {
  constructor(
    readonly platform: string,
    options?: { cause?: unknown },
  ) {
    // Node's own reason ("invalid ELF header", "Cannot find module …") is what the log needs.
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`SQLite's native library could not be loaded on ${platform}${reason}`, options);
  }
}
