/**
 * Issue 19: back up and restore without a remote. A log written to a file of operations comes
 * back whole in a new database (a new machine), restoring it twice changes nothing, and a log that
 * predates operations (an older Progress Log) is backed up too. Real SQLite files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { restoreBackup, writeBackup } from '../../src/sync/backup';
import { cleanupsAfterEach } from '../support/harness';
import { openMachines, randomChange, randomSource, sharedCommits } from '../support/machines';
import { makeTempDir } from '../support/testRepo';

suite('a backup of the log, and a restore from it', () => {
  const cleanups = cleanupsAfterEach();

  test('a log backed up and restored into a new database is the same log; restoring it twice changes nothing', async () => {
    const random = randomSource(21);
    const [old, fresh] = openMachines(2, random);
    cleanups.push(() => old.close(), () => fresh.close());
    const commits = sharedCommits([old], 6);
    for (let change = 0; change < 40; change++) randomChange(old, random, commits.get(old)!);
    const folder = makeTempDir('progress-log-backup-');
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'progress-log-backup.jsonl');
    const written = writeBackup(old.store, file);
    assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, written);
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600', 'readable by its owner only');
    const first = await restoreBackup(fresh.store, file);
    assert.deepEqual(first, { received: written, skipped: 0 });
    assert.equal(fresh.store.operations.digest(), old.store.operations.digest());
    assert.deepEqual(await restoreBackup(fresh.store, file), { received: 0, skipped: 0 });
    assert.equal(fresh.store.operations.digest(), old.store.operations.digest());
  });

  test('a log from before operations were kept is backed up whole, once', async () => {
    const [old, fresh] = openMachines(2, randomSource(22));
    cleanups.push(() => old.close(), () => fresh.close());
    const [commit] = sharedCommits([old], 1).get(old)!;
    old.store.changes.createOutcome({ text: 'Named before sync existed', kind: 'impact', source: 'commit', commitIds: [commit.id] });
    old.store.changes.createGoal({ title: 'Faster checkout' });
    // As an older Progress Log left it: the rows, and no operation.
    const raw = old.store['database'] as { write<T>(work: () => T): T; statement(sql: string): { run(): unknown } };
    raw.write(() => {
      raw.statement('DELETE FROM operations').run();
      raw.statement('DELETE FROM field_versions').run();
    });
    const folder = makeTempDir('progress-log-backup-');
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'backup.jsonl');
    assert.equal(writeBackup(old.store, file), 2);
    assert.equal(writeBackup(old.store, file), 2, 'the baseline is made once');
    await restoreBackup(fresh.store, file);
    assert.equal(fresh.store.operations.digest(), old.store.operations.digest());
    assert.deepEqual(fresh.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).map((outcome) => outcome.text), ['Named before sync existed']);
  });

  test('lines that are not operations (damaged, or of a newer format) are counted and left alone; the rest is restored', async () => {
    const [old, fresh] = openMachines(2, randomSource(23));
    cleanups.push(() => old.close(), () => fresh.close());
    old.store.changes.createOutcome({ text: 'Survives a damaged line', kind: 'impact', source: 'manual' });
    const folder = makeTempDir('progress-log-backup-');
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'backup.jsonl');
    writeBackup(old.store, file);
    fs.appendFileSync(file, '{"v":1,"id":\n{"v":2,"id":"x"}\n');
    assert.deepEqual(await restoreBackup(fresh.store, file), { received: 1, skipped: 2 });
  });
});
