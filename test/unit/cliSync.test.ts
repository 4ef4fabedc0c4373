/**
 * `progress-log sync`: the extension's Sync Now from a terminal, on the extension's database and
 * the repository it names in extension.json. Real databases, real git, one bare sync repository on
 * disk; the other machine is a window's SyncService, as the extension builds it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitScanner } from '../../src/capture/commitScanner';
import { HistoryImporter } from '../../src/capture/historyImport';
import { silentLogger } from '../../src/core/logger';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { SyncGit } from '../../src/git/syncGit';
import { SCHEMA_VERSION } from '../../src/storage/migrations';
import { Store } from '../../src/storage/store';
import { DEFAULT_SHARED_SETTINGS, writeExtensionRecord } from '../../src/storage/userConfig';
import { SyncEngine } from '../../src/sync/syncEngine';
import { SYNC_CACHE_FOLDER, SyncService } from '../../src/sync/syncService';
import { runCommandLine } from '../support/commandLine';
import { cleanupsAfterEach } from '../support/harness';
import { cloneTestRepo, createTestRepo, makeTempDir, runGit } from '../support/testRepo';
import { written } from '../support/written';

suite('progress-log sync', function () {
  this.timeout(60_000);
  const cleanups = cleanupsAfterEach();
  let folder: string;
  let repository: string;
  /** This machine's database, where the extension keeps it, and the configuration folder it writes to. */
  let database: string;
  let env: NodeJS.ProcessEnv;

  setup(() => {
    folder = makeTempDir('progress-log-cli-sync-');
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    repository = path.join(folder, 'progress-log-sync.git');
    runGit(folder, ['init', '-q', '--bare', repository]);
    database = path.join(folder, 'globalStorage', 'progress-log.sqlite');
    fs.mkdirSync(path.dirname(database));
    Store.open(database, { logger: silentLogger }).close(); // as the extension made it
    env = { HOME: folder, XDG_CONFIG_HOME: path.join(folder, 'config') };
  });

  /** What the extension writes in extension.json, with `syncRepository` as its setting holds it. */
  const extensionSays = (syncRepository: string) =>
    writeExtensionRecord({ database, version: '0.1.0', schema: SCHEMA_VERSION, writtenAt: Date.now(), settings: { ...DEFAULT_SHARED_SETTINGS, syncRepository } }, path.join(folder, 'config', 'progress-log'));

  const cli = (argv: string[], more: NodeJS.ProcessEnv = {}) => runCommandLine(argv, { env: { ...env, ...more }, cwd: folder, timeZone: 'UTC' });

  /** Another machine: its own database and a window's sync, as the extension builds them. */
  function otherMachine() {
    const file = path.join(folder, 'other', 'progress-log.sqlite');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const store = Store.open(file, { logger: silentLogger });
    const service = new SyncService(new SyncEngine(store, new SyncGit(silentLogger), silentLogger), store.operations, { cache: path.join(path.dirname(file), SYNC_CACHE_FOLDER), repository: () => repository }, silentLogger);
    cleanups.push(() => (service.dispose(), store.close()));
    return { store, service };
  }

  const refs = () => runGit(folder, ['--git-dir', repository, 'for-each-ref', '--format=%(refname)']);

  test('what the command line adds reaches another machine, what that machine adds comes back, and status says when it last synced', async () => {
    extensionSays(repository);
    assert.equal((await cli(['add', 'Led the incident review for the checkout outage'])).code, 0);
    const sent = await cli(['sync']);
    assert.deepEqual([sent.code, sent.stdout], [0, '']);
    assert.equal(sent.stderr, `Synced with ${repository}: 0 changes received, 1 sent.\n`);
    assert.ok(fs.existsSync(path.join(folder, 'globalStorage', SYNC_CACHE_FOLDER, 'HEAD')), "the cache is the extension's, beside its database");

    const other = otherMachine();
    const received = await other.service.syncNow();
    assert.deepEqual([received.state, received.last?.received], ['synced', 1]);
    assert.deepEqual(
      other.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).map((outcome) => outcome.text),
      ['Led the incident review for the checkout outage'],
    );
    written(other.store.changes.createOutcome({ text: 'Mentored Sam through a first on-call week', kind: 'impact', source: 'manual' }));
    await other.service.syncNow();

    const back = await cli(['sync', '--json']);
    assert.equal(back.code, 0, back.stderr);
    const [record] = back.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual((({ type, received, sent, repushed }) => ({ type, received, sent, repushed }))(record), { type: 'sync', received: 1, sent: 0, repushed: false });
    const texts = (await cli(['list', '--json'])).stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
    assert.deepEqual(texts.sort(), ['Led the incident review for the checkout outage', 'Mentored Sam through a first on-call week']);

    const status = await cli(['status']);
    assert.match(status.stdout, new RegExp(`^Sync +with ${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, last synced [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{2}:\\d{2}$`, 'm'));
    const [statusRecord] = (await cli(['status', '--json'])).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { sync: { repository: string; lastSyncedAt: string } });
    assert.equal(statusRecord.sync.repository, repository);
    assert.ok(Math.abs(Date.parse(statusRecord.sync.lastSyncedAt) - Date.parse(String(record.syncedAt))) < 1000);
  });

  test('history imported on another machine is read from the clone here by progress-log scan after a sync, once', async () => {
    extensionSays(repository);
    const origin = createTestRepo();
    cleanups.push(() => origin.cleanup());
    const shas = [0, 1, 2].map((index) => origin.commit(`feat: step ${index}`, { date: Date.UTC(2026, 1, 2 + 14 * index, 9) / 1000 }));
    const here = cloneTestRepo(origin.root);
    cleanups.push(() => here.cleanup());
    assert.equal((await cli(['scan', here.root])).code, 0, 'the clone is known here');

    const other = otherMachine();
    const git = new GitReader(new GitRunner({ logger: silentLogger }));
    await new HistoryImporter(new CommitScanner(git, other.store, silentLogger), git, other.store, silentLogger).import(origin.root, { since: Date.UTC(2026, 1, 10) });
    await other.service.syncNow();

    assert.equal((await cli(['sync'])).code, 0);
    const scanned = await cli(['scan', here.root]);
    assert.equal(scanned.code, 0, scanned.stderr);
    assert.match(scanned.stdout, /: imported 2 commits as history, as on your other machine\.\n$/);
    const again = await cli(['scan', here.root, '--json']);
    assert.deepEqual(again.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { type: string }).type), ['scan'], 'not imported again');
    const store = Store.open(database, { logger: silentLogger });
    try {
      const history = store.log.contentsBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).unnamedRoutine.flatMap((group) => group.commits).map((commit) => commit.sha);
      assert.deepEqual(new Set(history), new Set(shas.slice(1)));
    } finally {
      store.close();
    }
  });

  test('without sync set up, it says so in one sentence, exits 1, and nothing is written or pushed', async () => {
    extensionSays('');
    assert.equal((await cli(['add', 'The log exists'])).code, 0);
    const mtime = fs.statSync(database).mtimeMs;
    const result = await cli(['sync']);
    assert.deepEqual(result, {
      code: 1,
      stdout: '',
      stderr: 'Sync is not set up: run "Progress Log: Set Up Sync…" in VS Code once, and progress-log syncs with the same repository from then on.\n',
    });
    assert.equal(fs.statSync(database).mtimeMs, mtime);
    assert.equal(fs.existsSync(path.join(folder, 'globalStorage', SYNC_CACHE_FOLDER)), false);
    assert.match((await cli(['status'])).stdout, /^Sync +not set up \(Progress Log: Set Up Sync… in VS Code\)$/m);
  });

  test("a database other than the extension's is not synced with the extension's repository", async () => {
    extensionSays(repository);
    const elsewhere = path.join(folder, 'elsewhere.sqlite');
    assert.equal((await cli(['add', 'A log of its own', '--db', elsewhere])).code, 0);
    const result = await cli(['sync', '--db', elsewhere]);
    assert.deepEqual([result.code, result.stderr], [1, `Sync is set up for the extension's database, ${database}, not for ${elsewhere}: run progress-log sync without --db or PROGRESS_LOG_DB.\n`]);
    assert.equal(refs(), '');
  });

  test('a repository that is not there: the sentence says how to make one, and exit 1', async () => {
    const missing = path.join(folder, 'not-made-yet.git');
    extensionSays(missing);
    assert.equal((await cli(['add', 'The log exists'])).code, 0);
    const result = await cli(['sync']);
    assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', `There is no git repository at ${missing}: check the path, or make one there with "git init --bare ${missing}".\n`]);
  });
});
