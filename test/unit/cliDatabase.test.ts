/**
 * Which database the command line uses, and what it never does to one: the extension tells where
 * its database is (extension.json in the user's configuration folder), `--db` and PROGRESS_LOG_DB
 * choose another, VS Code's own storage folders are the last resort; a schema older than the
 * command's is never migrated by it, a newer one never touched, and a short-lived command does not
 * read the whole file to check it.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { knownDatabaseFiles, locateDatabase } from '../../src/cli/common/location';
import { StoreTooOldError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations';
import { Store } from '../../src/storage/store';
import { configFolder, readExtensionRecord, readLastOneOnOne, recordLastOneOnOne, writeExtensionRecord, type ExtensionRecord } from '../../src/storage/userConfig';
import { databaseDamagedMidFile } from '../stress/scenarios';
import { cleanupsAfterEach, tempDatabase } from '../support/harness';
import { makeTempDir } from '../support/testRepo';
import { written } from '../support/written';

function record(database: string, more: Partial<ExtensionRecord> = {}): ExtensionRecord {
  return {
    database,
    version: '0.1.0',
    schema: SCHEMA_VERSION,
    writtenAt: 1,
    settings: { weekStart: 'sunday', askWhen: 'eachCommit', authorEmails: ['me@work.example'], defaultBranches: ['trunk'], showAbandonedBranches: true, syncRepository: 'git@github.com:ann/progress-log.git' },
    ...more,
  };
}

/** A database as a Progress Log of schema `version` left it. */
function databaseOfSchema(file: string, version: number): void {
  const raw = new Database(file);
  raw.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, version)) {
      if (typeof migration === 'string') raw.exec(migration);
      else migration(raw);
    }
    raw.pragma(`user_version = ${version}`);
  })();
  raw.close();
}

const userVersion = (file: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true });
  } finally {
    raw.close();
  }
};

suite('the database the command line uses', () => {
  const cleanups = cleanupsAfterEach();
  let home: string;
  let env: NodeJS.ProcessEnv;

  setup(() => {
    home = makeTempDir('progress-log-cli-home-');
    env = { XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') };
    cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  });

  const locate = (option?: string, more: NodeJS.ProcessEnv = {}) => locateDatabase(option, { env: { ...env, ...more }, home, platform: 'linux', cwd: home });

  /** Makes a database file at `file` (and its folders), written `ageMs` ago. */
  const databaseAt = (file: string, ageMs = 0) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    const when = new Date(Date.now() - ageMs);
    fs.utimesSync(file, when, when);
    return file;
  };

  test('the one the extension names comes first, then VS Code\'s storage; --db and PROGRESS_LOG_DB choose over both', () => {
    const [code] = knownDatabaseFiles({ env, home, platform: 'linux' });
    databaseAt(code);
    assert.deepEqual([locate().file, locate().source], [code, 'found']);
    const named = databaseAt(path.join(home, 'elsewhere', 'progress-log.sqlite'));
    writeExtensionRecord(record(named), configFolder(env, 'linux', home));
    assert.deepEqual([locate().file, locate().source], [named, 'extension']);
    assert.deepEqual([locate(undefined, { PROGRESS_LOG_DB: 'env.sqlite' }).file, locate(undefined, { PROGRESS_LOG_DB: 'env.sqlite' }).source], [path.join(home, 'env.sqlite'), 'environment']);
    assert.deepEqual([locate('given.sqlite', { PROGRESS_LOG_DB: 'env.sqlite' }).file, locate('given.sqlite').source], [path.join(home, 'given.sqlite'), 'option']);
  });

  test('a database the extension names but that is gone is said, not replaced by a guess', () => {
    const [code] = knownDatabaseFiles({ env, home, platform: 'linux' });
    databaseAt(code);
    writeExtensionRecord(record(path.join(home, 'gone', 'progress-log.sqlite')), configFolder(env, 'linux', home));
    assert.throws(() => locate(), /said its database is .*gone.*progress-log\.sqlite, but there is no file there: open VS Code with Progress Log once .* or pass --db PATH/);
  });

  test('with no database anywhere, it says how to get one', () => {
    assert.throws(() => locate(), /No Progress Log database was found: install the Progress Log extension and open VS Code once .* or pass --db PATH \(or set PROGRESS_LOG_DB\)/);
  });

  test("of VS Code, VS Code Insiders, VSCodium and code-server, the most recently written is used", () => {
    const [code, insiders, codium, codeServer] = knownDatabaseFiles({ env, home, platform: 'linux' });
    databaseAt(code, 60_000);
    databaseAt(codium, 30_000);
    assert.equal(locate().file, codium);
    databaseAt(codeServer, 10_000);
    assert.equal(locate().file, codeServer);
    fs.writeFileSync(`${code}-wal`, ''); // the newest commits are in its journal
    assert.equal(locate().file, code);
    assert.ok(insiders.includes('Code - Insiders'));
  });

  test("VS Code's storage folders on Linux, macOS and Windows", () => {
    const tail = path.join('User', 'globalStorage', 'progress-log.progress-log', 'progress-log.sqlite');
    assert.deepEqual(knownDatabaseFiles({ env: {}, home: '/home/ann', platform: 'linux' }), [
      path.join('/home/ann/.config/Code', tail),
      path.join('/home/ann/.config/Code - Insiders', tail),
      path.join('/home/ann/.config/VSCodium', tail),
      path.join('/home/ann/.local/share/code-server', tail),
    ]);
    assert.deepEqual(knownDatabaseFiles({ env: {}, home: '/Users/ann', platform: 'darwin' }).slice(0, 3), [
      path.join('/Users/ann/Library/Application Support/Code', tail),
      path.join('/Users/ann/Library/Application Support/Code - Insiders', tail),
      path.join('/Users/ann/Library/Application Support/VSCodium', tail),
    ]);
    const windows = knownDatabaseFiles({ env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, home: 'C:\\Users\\ann', platform: 'win32' });
    assert.equal(windows[0], path.join('C:\\Users\\ann\\AppData\\Roaming', 'Code', tail));
    assert.equal(windows[3], path.join('C:\\Users\\ann\\AppData\\Local', 'code-server', 'Data', tail));
  });

  test('the configuration folder the extension writes to, on each platform', () => {
    assert.equal(configFolder({}, 'linux', '/home/ann'), '/home/ann/.config/progress-log');
    assert.equal(configFolder({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ann'), '/xdg/progress-log');
    assert.equal(configFolder({}, 'darwin', '/Users/ann'), '/Users/ann/Library/Application Support/progress-log');
    assert.equal(configFolder({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'), path.join('C:\\Users\\ann\\AppData\\Roaming', 'progress-log'));
  });

  test("what the extension writes is read back, its settings one by one: a value not understood is the default", () => {
    const folder = configFolder(env, 'linux', home);
    writeExtensionRecord(record('/db.sqlite'), folder);
    assert.deepEqual(readExtensionRecord(folder), record('/db.sqlite'));
    assert.equal((fs.statSync(path.join(folder, 'extension.json')).mode & 0o777).toString(8), '600');
    fs.writeFileSync(path.join(folder, 'extension.json'), JSON.stringify({ database: '/db.sqlite', settings: { weekStart: 'friday', authorEmails: ['not an address', 3], defaultBranches: [] } }));
    assert.deepEqual(readExtensionRecord(folder)?.settings, { weekStart: 'monday', askWhen: 'workLands', authorEmails: [], defaultBranches: ['main', 'master', 'trunk', 'develop'], showAbandonedBranches: false, syncRepository: '' });
    fs.writeFileSync(path.join(folder, 'extension.json'), '{ half a fi');
    assert.equal(readExtensionRecord(folder), undefined);
  });

  test('the last 1:1 export only moves forward, whichever side records it', () => {
    const folder = configFolder(env, 'linux', home);
    assert.equal(readLastOneOnOne(folder), undefined);
    recordLastOneOnOne(2000, folder);
    recordLastOneOnOne(1000, folder);
    assert.equal(readLastOneOnOne(folder), 2000);
    recordLastOneOnOne(3000, folder);
    assert.equal(readLastOneOnOne(folder), 3000);
  });
});

suite('a database the command line does not migrate', () => {
  const cleanups = cleanupsAfterEach();
  const opened = (file: string) => Store.openForWindow(file, { logger: silentLogger, check: false, migrate: false });

  test('an older schema is refused and left as it was, not migrated behind the back of an extension that may still use it', async () => {
    const file = tempDatabase();
    cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    databaseOfSchema(file, SCHEMA_VERSION - 1);
    await assert.rejects(opened(file), (error: unknown) => error instanceof StoreTooOldError && error.version === SCHEMA_VERSION - 1 && error.known === SCHEMA_VERSION);
    assert.equal(userVersion(file), SCHEMA_VERSION - 1);
    // The extension's own open migrates it, as before.
    const { store } = await Store.openForWindow(file, { logger: silentLogger });
    store.close();
    assert.equal(userVersion(file), SCHEMA_VERSION);
  });

  test('a new, empty file is made into a database; a SQLite file of something else is refused', async () => {
    const file = tempDatabase();
    cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    const { store } = await opened(file);
    written(store.changes.createOutcome({ text: 'First line of a new log', kind: 'impact', source: 'manual' }));
    store.close();
    assert.equal(userVersion(file), SCHEMA_VERSION);
    const other = path.join(path.dirname(file), 'notes.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    await assert.rejects(opened(other), (error: unknown) => error instanceof StoreTooOldError && error.version === 0);
    const still = new Database(other, { readonly: true });
    assert.deepEqual(still.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [{ name: 'notes' }]);
    still.close();
  });

  test("without the check, a file damaged mid-way opens as it is and nothing is set aside; the extension's own open still finds the damage", async () => {
    const file = tempDatabase();
    cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    databaseDamagedMidFile(file);
    const { store, movedAside } = await opened(file);
    store.close();
    assert.equal(movedAside, undefined);
    assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((name) => name.includes('.damaged-')), []);
    // The extension's open checks it, and sets it aside.
    const window = await Store.openForWindow(file, { logger: silentLogger });
    window.store.close();
    assert.ok(window.movedAside, 'the check found the damage');
  });
});
