/**
 * Issue 19: sync through a git repository the user owns. Real machines (database files), each
 * with its own cache repository, and one bare sync repository on disk, as a private repository
 * would be; real git. Changes made anywhere reach every machine; each machine writes only its
 * own ref; a sync stopped anywhere loses nothing; a sync repository rewritten or deleted by hand
 * gets this machine's operations again.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { SyncGit } from '../../src/git/syncGit';
import { SyncEngine, type SyncSettings } from '../../src/sync/syncEngine';
import { cleanupsAfterEach } from '../support/harness';
import { openMachines, randomChange, randomSource, sharedCommits, type Machine } from '../support/machines';
import { makeTempDir, runGit } from '../support/testRepo';
import { written } from '../support/written';

suite('sync through a git repository the user owns', function () {
  this.timeout(120_000);
  const cleanups = cleanupsAfterEach();

  /** A bare sync repository, and for each machine its engine and settings (its own cache). */
  function setUp(count: number, seed = 1) {
    const base = makeTempDir('progress-log-sync-');
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const repository = path.join(base, 'sync.git');
    runGit(base, ['init', '-q', '--bare', repository]);
    const random = randomSource(seed);
    const machines = openMachines(count, random);
    cleanups.push(...machines.map((machine) => () => machine.close()));
    const engines = machines.map((machine, index) => ({
      machine,
      engine: new SyncEngine(machine.store, new SyncGit(silentLogger), silentLogger),
      settings: { cache: path.join(base, `cache-${index}.git`), repository } satisfies SyncSettings,
    }));
    return { base, repository, random, machines, engines };
  }

  const syncAll = async (engines: ReturnType<typeof setUp>['engines']) => {
    for (let pass = 0; pass < 2; pass++) for (const { engine, settings } of engines) await engine.sync(settings);
  };
  const digests = (machines: readonly Machine[]) => machines.map((machine) => machine.store.operations.digest());

  test('an outcome named on one machine shows on the other after a sync, and each machine writes only its own ref', async () => {
    const { repository, engines } = setUp(2);
    const [laptop, desktop] = engines;
    const outcome = written(laptop.machine.store.changes.createOutcome({ text: 'Invoices print on one page', kind: 'impact', source: 'manual' }));
    assert.deepEqual(await laptop.engine.sync(laptop.settings), { received: 0, sent: 1, repushed: false });
    assert.deepEqual(await desktop.engine.sync(desktop.settings), { received: 1, sent: 0, repushed: false });
    assert.equal(desktop.machine.store.outcomes.outcome(outcome.id)?.text, 'Invoices print on one page');
    const refs = runGit(repository, ['for-each-ref', '--format=%(refname)']).split('\n');
    assert.deepEqual(refs, [`refs/progress-log/${laptop.machine.store.operations.machineId()}`]);
    // What travels is text, one operation per line, readable with git log -p.
    const shown = runGit(repository, ['log', '-p', '--format=%s', refs[0]]);
    assert.match(shown, /^\+\{"v":1,"id":"[0-9A-Z]{26}","machine":"m[0-9a-z]+","clock":1,.*"text":"Invoices print on one page"/m);
    assert.doesNotMatch(shown, /\/home\/dev|machine-0\/shop/, 'no path of the machine leaves it');
  });

  test('three machines changing one log at random and syncing in random turns end alike, with clocks a day apart', async () => {
    const { random, machines, engines } = setUp(3, 11);
    const commits = sharedCommits(machines, 8);
    for (let round = 0; round < 5; round++) {
      for (const machine of machines) for (let change = 0; change < 3; change++) randomChange(machine, random, commits.get(machine)!);
      for (const { engine, settings } of engines) if (random.chance(0.6)) await engine.sync(settings);
    }
    await syncAll(engines);
    assert.equal(new Set(digests(machines)).size, 1);
  });

  for (const point of ['fetch', 'read', 'writeBlob', 'commit', 'updateRef', 'push'] as const) {
    test(`a sync stopped at ${point} loses nothing: the next sync finishes it, and every change is on every machine`, async () => {
      const { random, machines, engines } = setUp(2, 5);
      const commits = sharedCommits(machines, 4);
      for (const machine of machines) for (let change = 0; change < 6; change++) randomChange(machine, random, commits.get(machine)!);
      await engines[1].engine.sync(engines[1].settings); // so that the first has something to read
      const broken = new SyncGit(silentLogger) as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = broken[point].bind(broken);
      broken[point] =
        point === 'read'
          ? // eslint-disable-next-line require-yield -- it stops before the first line
            async function* () {
              throw new Error(`stopped at ${point}`);
            }
          : async () => {
              throw new Error(`stopped at ${point}`);
            };
      const stopped = new SyncEngine(machines[0].store, broken as unknown as SyncGit, silentLogger);
      await assert.rejects(() => stopped.sync(engines[0].settings), new RegExp(`stopped at ${point}`));
      broken[point] = original;
      await syncAll(engines);
      assert.equal(new Set(digests(machines)).size, 1);
      assert.equal(machines[0].store.operations.counts().unsent, 0);
    });
  }

  test('the lines of several files are read as git prints them, each file whole, with or without a last newline, empty, or in any script', async () => {
    const { base } = setUp(1);
    const cache = path.join(base, 'cache.git');
    runGit(base, ['init', '-q', '--bare', cache]);
    const texts = ['{"a":1}\n{"b":"Überweisungen – 請求書 ✓"}\n', '', 'no last newline\nsecond', '\n\nafter two empty lines\n'];
    const blobs = texts.map((text) => runGit(cache, ['hash-object', '-w', '--stdin'], {}, text));
    const lines: string[] = [];
    for await (const line of new SyncGit(silentLogger).read(cache, blobs)) lines.push(line);
    assert.deepEqual(lines, ['{"a":1}', '{"b":"Überweisungen – 請求書 ✓"}', 'no last newline', 'second', '', '', 'after two empty lines']);
    await assert.rejects(async () => {
      for await (const line of new SyncGit(silentLogger).read(cache, ['0'.repeat(40)])) lines.push(line);
    }, /lacks 0{40}/);
  });

  test('a sync repository deleted and made again by hand gets this machine\'s operations again, and nothing here is deleted', async () => {
    const { base, repository, engines } = setUp(2);
    const [laptop, desktop] = engines;
    written(laptop.machine.store.changes.createOutcome({ text: 'Kept through the accident', kind: 'impact', source: 'manual' }));
    await laptop.engine.sync(laptop.settings);
    fs.rmSync(repository, { recursive: true, force: true });
    runGit(base, ['init', '-q', '--bare', repository]);
    const again = await laptop.engine.sync(laptop.settings);
    assert.equal(again?.repushed, true);
    await desktop.engine.sync(desktop.settings);
    assert.deepEqual(desktop.machine.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).map((outcome) => outcome.text), ['Kept through the accident']);
    assert.equal(laptop.machine.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).length, 1, 'nothing deleted here');
  });

  test('a machine\'s ref rewritten by hand in the sync repository keeps both histories: nothing is lost and the push is a fast-forward again', async () => {
    const { repository, engines } = setUp(2);
    const [laptop, desktop] = engines;
    written(laptop.machine.store.changes.createOutcome({ text: 'First', kind: 'impact', source: 'manual' }));
    await laptop.engine.sync(laptop.settings);
    const ref = `refs/progress-log/${laptop.machine.store.operations.machineId()}`;
    // Someone points the ref at a commit of their own.
    const empty = runGit(repository, ['mktree'], {}, '');
    const stranger = runGit(repository, ['commit-tree', empty, '-m', 'rewritten by hand'], { GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' });
    runGit(repository, ['update-ref', ref, stranger]);
    written(laptop.machine.store.changes.createOutcome({ text: 'Second', kind: 'impact', source: 'manual' }));
    const result = await laptop.engine.sync(laptop.settings);
    assert.equal(result?.repushed, true);
    await desktop.engine.sync(desktop.settings);
    assert.deepEqual(desktop.machine.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).map((outcome) => outcome.text).sort(), ['First', 'Second']);
  });

  test('a window syncing while another window of the same machine syncs leaves it to that one', async () => {
    const { engines } = setUp(1);
    const [only] = engines;
    await only.engine.sync(only.settings);
    fs.writeFileSync(path.join(only.settings.cache, 'progress-log-sync.lock'), String(process.ppid));
    assert.equal(await only.engine.sync(only.settings), undefined);
  });

  test('a lock left by a window killed mid-sync is taken over at once', async () => {
    const { engines } = setUp(1);
    const [only] = engines;
    written(only.machine.store.changes.createOutcome({ text: 'Sent after all', kind: 'impact', source: 'manual' }));
    await only.engine.sync(only.settings); // makes the cache
    written(only.machine.store.changes.createOutcome({ text: 'Sent the next time', kind: 'impact', source: 'manual' }));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(only.settings.cache, 'progress-log-sync.lock'), gone);
    assert.equal((await only.engine.sync(only.settings))?.sent, 1);
  });
});
