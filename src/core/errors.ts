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

/** Another process held the database longer than the busy timeout. */
export class StoreBusyError extends ProgressLogError {
  constructor(options?: { cause?: unknown }) {
    super('The Progress Log database is busy in another window or process', options);
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
