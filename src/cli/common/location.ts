/**
 * Which database the command uses: `--db PATH`, else `PROGRESS_LOG_DB`, else the one the extension
 * named in the user's configuration folder (src/storage/userConfig.ts), else the one found in the
 * global storage of VS Code, VS Code Insiders, VSCodium or code-server (the most recently written
 * when several are). The command never creates a database it was not pointed at.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXTENSION_ID } from '../../ids';
import { DATABASE_FILE_NAME } from '../../storage/store';
import { configFolder, readExtensionRecord, type ExtensionRecord } from '../../storage/userConfig';

/** How the database was chosen, for `status` and for what an error says. */
export type DatabaseSource = 'option' | 'environment' | 'extension' | 'found';

export interface DatabaseLocation {
  file: string;
  source: DatabaseSource;
  /** What the extension wrote about itself, when it did. */
  extension: ExtensionRecord | undefined;
}

/** Where the database should be but is not, or no database anywhere: the sentence says where it looked. */
export class DatabaseNotFoundError extends Error {}

export interface Surroundings {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The global-storage folders' database files, in the order they are preferred when equally recent:
 * VS Code, VS Code Insiders, VSCodium, code-server.
 */
export function knownDatabaseFiles({ env, platform = process.platform, home = os.homedir() }: Surroundings): string[] {
  const userData = (product: string): string => {
    if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), product);
    if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', product);
    return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), product);
  };
  // code-server keeps VS Code's user data under its own data folder: XDG's on Linux and macOS.
  const codeServer =
    platform === 'win32' ? path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'code-server', 'Data') : path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'code-server');
  return [userData('Code'), userData('Code - Insiders'), userData('VSCodium'), codeServer].map((folder) => path.join(folder, 'User', 'globalStorage', EXTENSION_ID, DATABASE_FILE_NAME));
}

/** The database to use; `option` is `--db`'s value. @throws DatabaseNotFoundError */
export function locateDatabase(option: string | undefined, surroundings: Surroundings & { cwd: string }): DatabaseLocation {
  const { env, cwd } = surroundings;
  const extension = readExtensionRecord(configFolder(env, surroundings.platform, surroundings.home));
  if (option !== undefined) return { file: path.resolve(cwd, option), source: 'option', extension };
  if (env.PROGRESS_LOG_DB) return { file: path.resolve(cwd, env.PROGRESS_LOG_DB), source: 'environment', extension };
  if (extension) {
    if (fs.existsSync(extension.database)) return { file: extension.database, source: 'extension', extension };
    throw new DatabaseNotFoundError(
      `The Progress Log extension said its database is ${extension.database}, but there is no file there: open VS Code with Progress Log once (it writes where it is), or pass --db PATH.`,
    );
  }
  const found = knownDatabaseFiles(surroundings)
    .map((file, order) => ({ file, order, written: lastWritten(file) }))
    .filter((candidate) => candidate.written !== undefined)
    .sort((a, b) => b.written! - a.written! || a.order - b.order);
  if (found.length) return { file: found[0].file, source: 'found', extension };
  throw new DatabaseNotFoundError(
    'No Progress Log database was found: install the Progress Log extension and open VS Code once (it tells this command where its database is), or pass --db PATH (or set PROGRESS_LOG_DB).',
  );
}

/** When a database was last written: its write-ahead log counts, which holds the newest commits. */
function lastWritten(file: string): number | undefined {
  const times = [file, `${file}-wal`].map((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.mtimeMs).filter((time): time is number => time !== undefined);
  return fs.existsSync(file) && times.length ? Math.max(...times) : undefined;
}
