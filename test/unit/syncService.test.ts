/**
 * Issue 19: sync as a window runs it. Real machines (database files), real git, one bare sync
 * repository on disk; the schedule's clock is fake (minutes pass in no time) while git runs for
 * real. What the status bar shows comes from the statuses recorded here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { SyncGit } from '../../src/git/syncGit';
import { Store } from '../../src/storage/store';
import { SyncEngine } from '../../src/sync/syncEngine';
import { SyncService, type SyncStatus } from '../../src/sync/syncService';
import { cleanupsAfterEach } from '../support/harness';
import { FakeTimers } from '../support/fakeTimers';
import { openMachines, randomSource, type Machine } from '../support/machines';
import { makeTempDir, runGit } from '../support/testRepo';
import { written } from '../support/written';

const SECOND = 1000;

suite('sync as a window runs it', function () {
  this.timeout(60_000);
  const cleanups = cleanupsAfterEach();

  function base(): string {
    const folder = makeTempDir('progress-log-sync-service-');
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    return folder;
  }

  function bareRepository(folder: string, name = 'sync.git'): string {
    const repository = path.join(folder, name);
    runGit(folder, ['init', '-q', '--bare', repository]);
    return repository;
  }

  /** A window of `store`'s machine: its service on a fake clock, the repository setting as `setting` holds it, and every status it showed. */
  function windowOf(store: Store, cache: string, setting: { repository: string }) {
    const timers = new FakeTimers();
    const service = new SyncService(new SyncEngine(store, new SyncGit(silentLogger), silentLogger), store.operations, { cache, repository: () => setting.repository }, silentLogger, timers);
    const statuses: SyncStatus[] = [];
    service.onDidChangeStatus((status) => statuses.push(status));
    cleanups.push(() => service.dispose());
    /** Waits (in real time: git runs for real) until the service shows `state`, and returns that status. */
    const until = async (state: SyncStatus['state']): Promise<SyncStatus> => {
      const deadline = Date.now() + 30_000;
      while (service.status.state !== state) {
        if (Date.now() > deadline) throw new Error(`still ${service.status.state}, not ${state}: ${statuses.map((status) => status.state).join(' → ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return service.status;
    };
    const attempts = () => statuses.filter((status) => status.state === 'syncing').length;
    return { service, timers, statuses, until, attempts };
  }

  function machines(count: number): Machine[] {
    const opened = openMachines(count, randomSource(7));
    cleanups.push(...opened.map((machine) => () => machine.close()));
    return opened;
  }

  test('named, it syncs five seconds after start; a change made here goes ten seconds later; what another machine sent shows there and is not sent back', async () => {
    const folder = base();
    const setting = { repository: bareRepository(folder) };
    const [laptop, desktop] = machines(2);
    const a = windowOf(laptop.store, path.join(folder, 'cache-a.git'), setting);
    a.service.configure();
    assert.equal(a.service.status.state, 'idle');
    await a.timers.advance(4.9 * SECOND);
    assert.equal(a.attempts(), 0, 'nothing during activation');
    await a.timers.advance(0.1 * SECOND);
    await a.until('synced');
    const outcome = written(laptop.store.changes.createOutcome({ text: 'Refunds reach the customer in a day', kind: 'impact', source: 'manual' }));
    a.service.changed();
    await a.timers.advance(9 * SECOND);
    assert.equal(a.attempts(), 1, 'not before the changes settle');
    await a.timers.advance(1 * SECOND);
    assert.equal((await a.until('synced')).last?.sent, 1);
    assert.equal(a.attempts(), 2);

    const b = windowOf(desktop.store, path.join(folder, 'cache-b.git'), setting);
    b.service.configure();
    await b.timers.advance(5 * SECOND);
    assert.equal((await b.until('synced')).last?.received, 1);
    assert.equal(desktop.store.outcomes.outcome(outcome.id)?.text, 'Refunds reach the customer in a day');
    b.service.changed(); // receiving changed the log, as the store says
    await b.timers.advance(60 * SECOND);
    assert.equal(b.attempts(), 1, 'what was received is not a change to send');
    const refs = runGit(setting.repository, ['for-each-ref', '--format=%(refname)']).split('\n');
    assert.deepEqual(refs, [`refs/progress-log/${laptop.store.operations.machineId()}`], 'the desktop had nothing of its own to push');
  });

  test('a repository git cannot reach shows offline with the one sentence of what happens, and is tried again by itself', async () => {
    const folder = base();
    const [laptop] = machines(1);
    const w = windowOf(laptop.store, path.join(folder, 'cache.git'), { repository: 'ssh://progress-log-sync.invalid/you/log.git' });
    w.service.configure();
    await w.timers.advance(5 * SECOND);
    const offline = await w.until('offline');
    assert.equal(offline.problem?.kind, 'offline');
    assert.match(offline.problem!.sentence, /could not reach ssh:\/\/progress-log-sync\.invalid\/you\/log\.git .*tries again by itself/);
    await w.timers.advance(30 * SECOND);
    await w.until('offline');
    assert.equal(w.attempts(), 2, 'tried again 30 s later');
  });

  test('a folder path with no repository is an error that says how to make one', async () => {
    const folder = base();
    const [laptop] = machines(1);
    const missing = path.join(folder, 'not-made-yet.git');
    const w = windowOf(laptop.store, path.join(folder, 'cache.git'), { repository: missing });
    const status = await w.service.syncNow();
    assert.equal(status.state, 'error');
    assert.equal(status.problem?.kind, 'notFound');
    assert.ok(status.problem!.sentence.includes(`git init --bare ${missing}`), status.problem!.sentence);
    runGit(folder, ['init', '-q', '--bare', missing]);
    assert.equal((await w.service.syncNow()).state, 'synced', 'made, it syncs');
  });

  test('the check before the setting is written: nothing for a repository git reaches, the one sentence otherwise', async () => {
    const folder = base();
    const [laptop] = machines(1);
    const w = windowOf(laptop.store, path.join(folder, 'cache.git'), { repository: '' });
    assert.equal(await w.service.check(bareRepository(folder)), undefined);
    assert.equal((await w.service.check('https://progress-log-sync.invalid/you/log.git'))?.kind, 'offline');
    assert.equal((await w.service.check(path.join(folder, 'nothing-here')))?.kind, 'notFound');
    assert.equal(w.service.status.state, 'off', 'a check is no sync');
  });

  test('turned off, background sync stops; another repository named, it syncs there', async () => {
    const folder = base();
    const first = bareRepository(folder, 'first.git');
    const setting = { repository: first };
    const [laptop] = machines(1);
    written(laptop.store.changes.createOutcome({ text: 'Search answers in under a second', kind: 'impact', source: 'manual' }));
    const w = windowOf(laptop.store, path.join(folder, 'cache.git'), setting);
    w.service.configure();
    await w.timers.advance(5 * SECOND);
    await w.until('synced');
    setting.repository = '';
    w.service.configure();
    assert.equal(w.service.status.state, 'off');
    written(laptop.store.changes.createOutcome({ text: 'Exports keep their time zone', kind: 'impact', source: 'manual' }));
    w.service.changed();
    await w.timers.advance(60 * 60 * SECOND);
    assert.equal(w.attempts(), 1, 'nothing while off');
    const second = bareRepository(folder, 'second.git');
    setting.repository = second;
    w.service.configure();
    await w.timers.advance(5 * SECOND);
    await w.until('synced');
    const me = laptop.store.operations.machineId();
    const lines = runGit(second, ['log', '-p', `refs/progress-log/${me}`]);
    assert.match(lines, /Search answers in under a second/, 'what was sent to the first repository is in the second too');
    assert.match(lines, /Exports keep their time zone/);
  });

  test('every window of the machine knows when it last synced, and a window does not sync every five minutes beside another one that does', async () => {
    const folder = base();
    const setting = { repository: bareRepository(folder) };
    const [laptop] = machines(1);
    const other = Store.open(laptop.store.file, { logger: silentLogger });
    cleanups.push(() => other.close());
    const first = windowOf(laptop.store, path.join(folder, 'cache.git'), setting);
    const second = windowOf(other, path.join(folder, 'cache.git'), setting);
    first.service.configure();
    await first.timers.advance(5 * SECOND);
    const synced = await first.until('synced');
    second.service.configure();
    assert.equal(second.service.status.lastSyncedAt, synced.lastSyncedAt, 'the second window shows when the first synced');
    await second.timers.advance(60 * SECOND);
    assert.equal(second.attempts(), 0, 'its start sync is not due while the first synced a minute ago');
  });
});
