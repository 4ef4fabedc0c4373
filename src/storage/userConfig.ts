/**
 * What the extension and the `progress-log` command share outside the database, in the user's
 * configuration folder (`~/.config/progress-log` on Linux, `~/Library/Application Support/progress-log`
 * on macOS, `%APPDATA%\progress-log` on Windows):
 * - `extension.json`, written by the extension when it starts and when its settings change: where
 *   its database is (so that the command never guesses wrong), which version wrote it and the schema
 *   it knows, the settings that shape the log (the first day of a week, what counts as yours) and
 *   the sync repository, if one is named;
 * - `one-on-one.json`: when the last 1:1 export was made, from either side, where "since the last
 *   1:1 export" starts.
 * Both are small JSON files written whole (a temporary file renamed over the old), readable by the
 * user only; a missing or unreadable one reads as nothing. Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BRANCH_NAMES, type AskWhen } from '../core/domain';
import type { WeekStart } from '../core/weeks';

/** The settings of the extension that the command line follows. */
export interface SharedSettings {
  weekStart: WeekStart;
  askWhen: AskWhen;
  authorEmails: readonly string[];
  defaultBranches: readonly string[];
  showAbandonedBranches: boolean;
  /** The sync repository the user named for this database ('' when sync is off). */
  syncRepository: string;
}

export const DEFAULT_SHARED_SETTINGS: SharedSettings = {
  weekStart: 'monday',
  askWhen: 'workLands',
  authorEmails: [],
  defaultBranches: DEFAULT_BRANCH_NAMES,
  showAbandonedBranches: false,
  syncRepository: '',
};

/** What the extension says about itself in `extension.json`. */
export interface ExtensionRecord {
  /** The database file the extension uses. */
  database: string;
  /** The extension's version ("0.1.0"). */
  version: string;
  /** The schema (`PRAGMA user_version`) that version migrates to. */
  schema: number;
  settings: SharedSettings;
  /** When it was written, ms since the epoch. */
  writtenAt: number;
}

/** Where the configuration folder is: the platform's, or `XDG_CONFIG_HOME`'s where set. */
export function configFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'progress-log');
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'progress-log');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'progress-log');
  return path.join(home, '.config', 'progress-log');
}

export const EXTENSION_RECORD_FILE = 'extension.json';
const ONE_ON_ONE_FILE = 'one-on-one.json';

/** Writes `extension.json` (the extension, at start and when its settings change). */
export function writeExtensionRecord(record: ExtensionRecord, folder: string = configFolder()): void {
  writeJson(path.join(folder, EXTENSION_RECORD_FILE), record);
}

/** What `extension.json` says, its settings checked one by one (a value not understood is the default); undefined without one. */
export function readExtensionRecord(folder: string = configFolder()): ExtensionRecord | undefined {
  const raw = readJson(path.join(folder, EXTENSION_RECORD_FILE));
  if (typeof raw?.database !== 'string' || raw.database === '') return undefined;
  const settings = (typeof raw.settings === 'object' && raw.settings !== null ? raw.settings : {}) as Record<string, unknown>;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim()) : []);
  const defaultBranches = strings(settings.defaultBranches);
  return {
    database: raw.database,
    version: typeof raw.version === 'string' ? raw.version : 'unknown',
    schema: typeof raw.schema === 'number' ? raw.schema : 0,
    writtenAt: typeof raw.writtenAt === 'number' ? raw.writtenAt : 0,
    settings: {
      weekStart: settings.weekStart === 'sunday' ? 'sunday' : 'monday',
      askWhen: settings.askWhen === 'eachCommit' ? 'eachCommit' : 'workLands',
      authorEmails: strings(settings.authorEmails).filter((email) => email.includes('@')),
      defaultBranches: defaultBranches.length ? defaultBranches : DEFAULT_BRANCH_NAMES,
      showAbandonedBranches: settings.showAbandonedBranches === true,
      syncRepository: typeof settings.syncRepository === 'string' ? settings.syncRepository.trim() : '',
    },
  };
}

/** When the last 1:1 export was made (by the extension or the command), if one was recorded. */
export function readLastOneOnOne(folder: string = configFolder()): number | undefined {
  const at = readJson(path.join(folder, ONE_ON_ONE_FILE))?.lastExportAt;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** Records a 1:1 export made at `time`, unless a later one is recorded already. */
export function recordLastOneOnOne(time: number, folder: string = configFolder()): void {
  const recorded = readLastOneOnOne(folder);
  if (recorded !== undefined && recorded >= time) return;
  writeJson(path.join(folder, ONE_ON_ONE_FILE), { lastExportAt: time });
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole: a reader sees the old file or the new one, never half of one. */
function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}
