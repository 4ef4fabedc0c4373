/**
 * Issue 19: the log comes back from the sync repository. A damaged database set aside starts a new,
 * empty one: its first sync brings back everything the machine had sent. A log from before sync
 * (schema 8: rows, no operation) is turned into operations by its first sync, once. Real SQLite
 * files, real git, one bare sync repository on disk.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { machineRef, SyncGit } from '../../src/git/syncGit';
import { MIGRATIONS } from '../../src/storage/migrations';
import { Store } from '../../src/storage/store';
import { SyncEngine, type SyncSettings } from '../../src/sync/syncEngine';
import { damagePages } from '../stress/scenarios';
import { cleanupsAfterEach, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { makeTempDir, runGit } from '../support/testRepo';
import { written } from '../support/written';

const CLONE = '/home/dev/shop';
const REPOSITORY = { rootCommit: 'f'.repeat(40), remoteUrl: 'git@github.com:acme/shop.git', defaultBranch: 'main' };
const WORK = [0, 1, 2].map((index) => ({
  sha: index.toString(16).padStart(40, 'a'),
  subject: `feat: invoices ${index}`,
  authorEmail: 'dev@example.com',
  authorTime: Date.UTC(2026, 10, 2, 10 + index),
  branch: 'main',
  isMerge: false,
  patchId: index.toString(16).padStart(40, 'b'),
}));

/** A log with a little of everything a person makes: a goal, an outcome naming a commit and linked to it, one added by hand, a commit settled as routine. */
function fillLog(store: Store): void {
  const commits = seeWork(store, CLONE);
  const goal = written(store.changes.createGoal({ title: 'Finance closes the month in a day' }));
  written(store.changes.createOutcome({ text: 'Invoices print on one page', kind: 'impact', source: 'commit', commitIds: [commits[0].id], goalId: goal.id }));
  written(store.changes.createOutcome({ text: 'Walked finance through the new invoices', kind: 'impact', source: 'manual' }));
  written(store.changes.settleCommits([commits[1].id], 'routine'));
}

/** The user's commits, as a scan of the clone at `root` records them. */
function seeWork(store: Store, root: string) {
  store.clones.ensure(root, REPOSITORY);
  return recordCommits(store, root, WORK);
}

/** What a person sees of the log: outcomes with their kind, goal and commits; goals; settled work. */
function logOf(store: Store, root: string): { outcomes: unknown[]; goals: string[]; work: string[] } {
  const goals = new Map(store.goals.list().map((goal) => [goal.id, goal.title]));
  const work = store.scans.recordsBySha(store.clones.ensure(root, REPOSITORY).repo.id, WORK.map((commit) => commit.sha));
  return {
    outcomes: store.log
      .outcomesBetween(0, Number.MAX_SAFE_INTEGER)
      .map((outcome) => [outcome.text, outcome.kind, outcome.goalId ? goals.get(outcome.goalId) : null, outcome.commitIds.map((id) => store.scans.commit(id)?.sha)])
      .sort(),
    goals: [...goals.values()].sort(),
    work: WORK.map((commit) => work.get(commit.sha)?.status ?? 'unknown'),
  };
}

/** The tables, columns and indexes a database has, to compare two schemas. */
function shapeOf(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const objects = db.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string; tbl_name: string }[];
    return objects.map((object) => (object.type === 'table' ? { ...object, columns: db.pragma(`table_info(${object.name})`) } : object));
  } finally {
    db.close();
  }
}

/** The database as schema 8 held it: its rows, and no operation, field version or sync state. */
function asSchema8(file: string): void {
  const raw = new Database(file);
  // Schema 11 (history ranges) first, then 10 (reach, firsts, plans), then 9 (operations).
  raw.exec('DROP TABLE history_ranges; DROP TABLE history_imported; DROP TABLE history_catch_ups;');
  raw.exec('DROP INDEX outcomes_firsts; DROP INDEX outcomes_shipped_reach; ALTER TABLE outcomes DROP COLUMN reach; ALTER TABLE outcomes DROP COLUMN is_first; DROP TABLE plan_items;');
  raw.exec('DROP TABLE operations; DROP TABLE field_versions; DROP TABLE sync_state; ALTER TABLE tombstones DROP COLUMN body; PRAGMA user_version = 8;');
  raw.close();
}

suite('the log comes back from the sync repository', function () {
  this.timeout(60_000);
  const cleanups = cleanupsAfterEach();

  function syncRepository(): { base: string; settingsOf(name: string): SyncSettings } {
    const base = makeTempDir('progress-log-sync-');
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const repository = path.join(base, 'sync.git');
    runGit(base, ['init', '-q', '--bare', repository]);
    return { base, settingsOf: (name) => ({ cache: path.join(base, `cache-${name}.git`), repository }) };
  }

  const engineFor = (store: Store) => new SyncEngine(store, new SyncGit(silentLogger), silentLogger);

  test('a damaged database set aside starts empty, and its first sync brings the whole log back; the damaged file stays beside it', async () => {
    const { settingsOf } = syncRepository();
    const settings = settingsOf('laptop'); // the same machine, the same cache, before and after
    const file = tempDatabase();
    cleanups.push(() => removeDatabase(file));
    const before = Store.open(file, { logger: silentLogger });
    fillLog(before);
    const sent = await engineFor(before).sync(settings);
    assert.ok(sent && sent.sent > 0);
    const expected = logOf(before, CLONE);
    before.close(); // checkpointed: every page in the main file
    damagePages(file, 'all but the first');

    const { store: after, movedAside } = await Store.openForWindow(file, { logger: silentLogger });
    cleanups.push(() => after.close());
    assert.ok(movedAside && fs.existsSync(movedAside), 'the damaged file is set aside, not deleted');
    assert.deepEqual(after.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER), [], 'a new, empty database');
    // Its commits are found again by the next scan of the clone, as after any new start.
    seeWork(after, CLONE);

    const result = await engineFor(after).sync(settings);
    assert.equal(result?.received, sent.sent);
    assert.deepEqual(logOf(after, CLONE), expected);
    assert.equal(after.log.countWaiting(), 1, 'only the commit never named or settled waits again');
  });

  test('outcomes and goals of a log from before sync, changed before its first sync (renamed, flipped, linked, a goal edited or done), still reach the other machine', async () => {
    const { settingsOf } = syncRepository();
    const file = tempDatabase();
    cleanups.push(() => removeDatabase(file));
    const writer = Store.open(file, { logger: silentLogger });
    fillLog(writer);
    written(writer.changes.createGoal({ title: 'Calmer on-call' }));
    written(writer.changes.createOutcome({ text: 'Deleted after the upgrade', kind: 'impact', source: 'manual' }));
    written(writer.changes.createOutcome({ text: 'Month-end report in one click', kind: 'impact', source: 'manual' }));
    writer.close();
    asSchema8(file);

    const old = Store.open(file, { logger: silentLogger });
    cleanups.push(() => old.close());
    const byText = (text: string) => old.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).find((outcome) => outcome.text === text)!;
    const goal = (title: string) => old.goals.list().find((candidate) => candidate.title === title)!;
    // Changed with this version, before sync is ever set up.
    written(old.changes.editOutcome(byText('Invoices print on one page').id, { text: 'Every invoice prints on one page' }));
    written(old.changes.editOutcome(byText('Walked finance through the new invoices').id, { kind: 'routine' }));
    written(old.changes.linkOutcomes([byText('Walked finance through the new invoices').id], goal('Calmer on-call').id));
    written(old.changes.editGoal(goal('Finance closes the month in a day').id, { why: 'Two days of overtime each month' }));
    written(old.changes.setGoalStatus(goal('Calmer on-call').id, 'completed'));
    written(old.changes.deleteOutcome(byText('Deleted after the upgrade').id));
    // Marked and planned against, as schema 10 lets it be.
    written(old.changes.markOutcomes([byText('Month-end report in one click').id], { reach: 'teams', first: true }));
    const plan = written(old.changes.addPlanItem({ weekStart: Date.UTC(2026, 10, 30), text: 'Finance closes in a day', goalId: goal('Finance closes the month in a day').id }));
    written(old.changes.settlePlanItem(plan.id, 'landed', byText('Month-end report in one click').id));
    await engineFor(old).sync(settingsOf('old'));

    const other = Store.open(tempDatabase(), { logger: silentLogger });
    cleanups.push(() => (other.close(), removeDatabase(other.file)));
    seeWork(other, '/home/dev/elsewhere/shop');
    await engineFor(other).sync(settingsOf('other'));
    assert.deepEqual(logOf(other, '/home/dev/elsewhere/shop'), logOf(old, CLONE));
    assert.deepEqual(
      other.goals.list().map((goal) => [goal.title, goal.why, goal.status]).sort(),
      old.goals.list().map((goal) => [goal.title, goal.why, goal.status]).sort(),
    );
    const marked = other.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).find((outcome) => outcome.text === 'Month-end report in one click')!;
    assert.deepEqual([marked.reach, marked.first], ['teams', true]);
    assert.deepEqual(
      other.plans.inRange(0, Number.MAX_SAFE_INTEGER).map((item) => [item.text, item.state, item.outcomeId === marked.id, item.goalId === goal('Finance closes the month in a day').id]),
      [['Finance closes in a day', 'landed', true, true]],
    );
    assert.equal(other.operations.digest(), old.operations.digest());
  });

  test('the operations of a large log from before sync are made in turns: other work runs between them, and each is made once', async () => {
    const file = tempDatabase();
    cleanups.push(() => removeDatabase(file));
    const writer = Store.open(file, { logger: silentLogger });
    for (let index = 0; index < 1_000; index++) written(writer.changes.createOutcome({ text: `Shipped improvement ${index}`, kind: 'impact', source: 'manual' }));
    writer.close();
    asSchema8(file);
    const old = Store.open(file, { logger: silentLogger });
    cleanups.push(() => old.close());
    let turns = 0;
    let running = true;
    const otherWork = () => {
      turns++;
      if (running) setImmediate(otherWork);
    };
    setImmediate(otherWork);
    // Turns of 1 ms: a turn quicker than that keeps its size (8 outcomes), so there are 125 turns or
    // more on any machine; with 5 ms a fast machine grew them fourfold a turn and needed only 9.
    const making = old.operations.baselineInTurns(1);
    // A change made meanwhile to an outcome the baseline has not reached yet brings its baseline first.
    const last = old.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).find((outcome) => outcome.text === 'Shipped improvement 999')!;
    written(old.changes.editOutcome(last.id, { text: 'Shipped improvement 999, renamed meanwhile' }));
    const made = await making;
    running = false;
    assert.ok(turns >= 10, `other work ran ${turns} times meanwhile`);
    assert.equal(made + 1, 1_000, 'every outcome but the one its change brought, once');
    assert.equal(await old.operations.baselineInTurns(), 0);
    const creates = [...old.operations.all()].filter((operation) => operation.change.type === 'outcome.create');
    assert.equal(new Set(creates.map((operation) => (operation.change as { id: string }).id)).size, 1_000);
    assert.equal(creates.length, 1_000);
  });

  test('a log from before sync (schema 8) is sent by its first sync, once: the second sends nothing, and another machine gets every row', async () => {
    const { settingsOf } = syncRepository();
    const file = tempDatabase();
    cleanups.push(() => removeDatabase(file));
    // The rows as Progress Log writes them, then the database as schema 8 held it: no operation, no field version, no sync state.
    const writer = Store.open(file, { logger: silentLogger });
    fillLog(writer);
    const expected = logOf(writer, CLONE);
    writer.close();
    asSchema8(file);
    const schema8 = tempDatabase();
    cleanups.push(() => removeDatabase(schema8));
    const made = new Database(schema8);
    for (const migration of MIGRATIONS.slice(0, 8)) {
      if (typeof migration === 'string') made.exec(migration);
      else migration(made);
    }
    made.close();
    assert.deepEqual(shapeOf(file), shapeOf(schema8), 'the database is as schema 8 made it');

    const old = Store.open(file, { logger: silentLogger }); // migrates to this build's schema
    cleanups.push(() => old.close());
    assert.equal(old.operations.counts().all, 0, 'the migration makes no operation: the first sync does');
    const first = await engineFor(old).sync(settingsOf('old'));
    // The goal, the two outcomes, the routine commit.
    assert.deepEqual(first, { received: 0, sent: 4, repushed: false });
    assert.deepEqual(await engineFor(old).sync(settingsOf('old')), { received: 0, sent: 0, repushed: false });
    written(old.changes.createOutcome({ text: 'Month closed in a day', kind: 'impact', source: 'manual' }));
    assert.deepEqual(await engineFor(old).sync(settingsOf('old')), { received: 0, sent: 1, repushed: false }, 'what is new since, alone');
    const batches = runGit(settingsOf('old').repository, ['ls-tree', '-r', '--name-only', machineRef(old.operations.machineId())]).split('\n');
    assert.equal(batches.length, 2, 'one batch for the rows, one for the change since');

    const other = Store.open(tempDatabase(), { logger: silentLogger });
    cleanups.push(() => (other.close(), removeDatabase(other.file)));
    seeWork(other, '/home/dev/elsewhere/shop');
    assert.deepEqual(await engineFor(other).sync(settingsOf('other')), { received: 5, sent: 0, repushed: false });
    const migrated = logOf(old, CLONE);
    assert.deepEqual(logOf(other, '/home/dev/elsewhere/shop'), migrated);
    assert.deepEqual({ ...migrated, outcomes: migrated.outcomes.filter((row) => (row as string[])[0] !== 'Month closed in a day') }, expected, 'the migration kept every row');
  });
});
