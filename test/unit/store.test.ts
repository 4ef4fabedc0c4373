import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { InvalidOutcomeError, StoreBusyError, StoreCorruptError, StoreTooNewError } from '../../src/core/errors';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations';
import { DraftTargets, Store, type NewCommit } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

function commit(sha: string, subject = `feat: work ${sha}`): NewCommit {
  return { sha: sha.padEnd(40, '0'), subject, authorEmail: 'dev@example.com', authorTime: 1_772_000_000_000, branch: 'main', isMerge: false, status: 'pending' };
}

/** Takes a raw database one schema version up, as Progress Log of that version did. */
function applyMigration(raw: Database.Database, step: number): void {
  const migration = MIGRATIONS[step];
  if (typeof migration === 'string') raw.exec(migration);
  else raw.transaction(() => migration(raw))();
}

suite('the store', () => {
  let file: string;
  const opened: Store[] = [];
  const open = (options: { busyTimeoutMs?: number } = {}) => {
    const store = Store.open(file, { logger: new MemoryLogger(), ...options });
    opened.push(store);
    return store;
  };

  setup(() => {
    file = tempDatabase();
  });

  teardown(() => {
    for (const store of opened.splice(0)) store.close();
    removeDatabase(file);
  });

  function seededPending(store: Store, ...shas: string[]) {
    return recordCommits(store, '/repo', shas.map((sha) => commit(sha)));
  }

  test('a new database is in WAL mode at the current schema version', () => {
    open();
    const raw = new Database(file, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  for (let from = 0; from < SCHEMA_VERSION; from++) {
    test(`a database at schema version ${from} is migrated to ${SCHEMA_VERSION}, keeping its data`, () => {
      const raw = new Database(file);
      for (let step = 0; step < from; step++) applyMigration(raw, step);
      raw.pragma(`user_version = ${from}`);
      if (from >= 1 && from < 3) raw.prepare("INSERT INTO repositories (root, first_seen_at) VALUES ('/kept', 1)").run();
      if (from >= 3) {
        raw.prepare("INSERT INTO repositories (id, name, created_at, updated_at) VALUES ('01KJMA0FM0E9F4GFFBWMBHB9NB', 'kept', 1, 1)").run();
        raw.prepare("INSERT INTO clones (path, repo_id, first_seen_at) VALUES ('/kept', '01KJMA0FM0E9F4GFFBWMBHB9NB', 1)").run();
      }
      raw.close();
      const store = open();
      if (from >= 1) assert.equal(store.clones.ensure('/kept').firstSeenAt, 1);
      const check = new Database(file, { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      check.close();
    });
  }

  test('migrations run once when two windows open a new database together', () => {
    const logger = new MemoryLogger();
    const first = Store.open(file, { logger });
    const second = Store.open(file, { logger });
    opened.push(first, second);
    assert.equal(logger.lines.filter((line) => line.includes('migrated from version 0')).length, 1);
  });

  test('a database written by a newer Progress Log is refused and left untouched', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    assert.throws(() => open(), StoreTooNewError);
    assert.deepEqual(fs.readFileSync(file), before);
  });

  test('a damaged database file is reported, then set aside (not deleted) for a fresh one', () => {
    fs.writeFileSync(file, 'this is not a SQLite database, just some bytes the user cares about'.repeat(100));
    assert.throws(() => open(), StoreCorruptError);
    const { store, movedAside } = Store.openOrRecover(file, { logger: new MemoryLogger() });
    opened.push(store);
    assert.ok(movedAside);
    assert.match(fs.readFileSync(movedAside, 'utf8'), /^this is not a SQLite database/);
    assert.equal(store.log.countWaiting(), 0);
  });

  test('a database locked by another program gives a busy error, and the write succeeds once it is free', () => {
    const store = open({ busyTimeoutMs: 100 });
    const [pending] = seededPending(store, 'ab12');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      assert.throws(() => written(store.changes.createOutcome({ text: 'Shipped it', kind: 'impact', source: 'commit', commitIds: [pending.id] })), StoreBusyError);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    written(store.changes.createOutcome({ text: 'Shipped it', kind: 'impact', source: 'commit', commitIds: [pending.id] }));
    assert.equal(store.log.countWaiting(), 0);
  });

  test('saving an outcome links its commits, names them, and dates it by the newest commit', () => {
    const store = open();
    const claimed = seededPending(store, 'aa11', 'bb22');
    const outcome = written(store.changes.createOutcome({ text: '  Fixed the payment bug behind 3% checkout abandonment ', kind: 'impact', source: 'commit', commitIds: claimed.map((c) => c.id) }));
    assert.equal(outcome.text, 'Fixed the payment bug behind 3% checkout abandonment');
    assert.deepEqual(outcome.commitIds.sort(), claimed.map((c) => c.id).sort());
    assert.equal(outcome.happenedAt, 1_772_000_000_000);
    assert.equal(outcome.branch, 'main');
    assert.equal(store.log.countWaiting(), 0);
    assert.equal(store.scans.commit(claimed[0].id)!.status, 'named');
  });

  for (const [name, text, message] of [
    ['an empty line', '   ', /one line about what moved forward/],
    ['several lines', 'Shipped search\nand also export', /Keep it to one line/],
    ['more than 200 characters', 'x'.repeat(201), /201 characters; keep it to 200/],
    ['control characters', 'Shipped\u0007 search', /control characters/],
  ] as const) {
    test(`an outcome with ${name} is refused with a clear message and nothing is written`, () => {
      const store = open();
      const [pending] = seededPending(store, 'cc33');
      assert.throws(() => written(store.changes.createOutcome({ text, kind: 'impact', source: 'commit', commitIds: [pending.id] })), (error: unknown) => {
        assert.ok(error instanceof InvalidOutcomeError);
        assert.match(error.message, message);
        return true;
      });
      assert.equal(store.log.countWaiting(), 1);
      assert.deepEqual(store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER), []);
    });
  }

  test('odd characters are stored exactly as typed', () => {
    const store = open();
    const text = `Ünïcödé 🚀 "quotes" 'single' <b>html</b> | pipes; DROP TABLE outcomes;-- עברית ${'é'.repeat(50)}`;
    const outcome = written(store.changes.createOutcome({ text, kind: 'impact', source: 'manual' }));
    assert.equal(store.outcomes.outcome(outcome.id)!.text, text);
  });

  test('exactly 200 characters, counted as a person counts them, is accepted', () => {
    const store = open();
    const text = '🚀'.repeat(200);
    assert.equal(written(store.changes.createOutcome({ text, kind: 'routine', source: 'manual' })).text, text);
  });

  test('routine and skip settle only commits that still wait', () => {
    const store = open();
    const [first, second] = seededPending(store, 'dd44', 'ee55');
    written(store.changes.createOutcome({ text: 'Named elsewhere', kind: 'impact', source: 'commit', commitIds: [first.id] }));
    assert.equal(written(store.changes.settleCommits([first.id, second.id], 'routine')), 1);
    assert.equal(store.scans.commit(first.id)!.status, 'named');
    assert.equal(store.scans.commit(second.id)!.status, 'routine');
  });

  test('a draft is kept for a waiting commit and cleared when it is named', () => {
    const store = open();
    const [pending] = seededPending(store, 'ff66');
    store.drafts.set(DraftTargets.group(pending.askGroup!), 'Half-typed outc');
    assert.equal(store.log.pendingBatches()[0].draft, 'Half-typed outc');
    written(store.changes.createOutcome({ text: 'Whole outcome', kind: 'impact', source: 'commit', commitIds: [pending.id] }));
    assert.equal(store.drafts.get(DraftTargets.group(pending.askGroup!)), null);
  });

  test('another connection\'s write changes the log version this one sees', () => {
    const store = open();
    const before = store.logVersion();
    const other = open();
    written(other.changes.createOutcome({ text: 'Written in another window', kind: 'impact', source: 'manual' }));
    assert.notEqual(store.logVersion(), before);
  });
});

suite('the store keeps names honest', () => {
  let file: string;
  let store: Store;
  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger() });
  });
  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('commits already named (in another window, from a stale prompt) are not named twice', () => {
    const [pending] = recordCommits(store, '/repo', [commit('aa99')]);
    const first = written(store.changes.createOutcome({ text: 'Named in the first window', kind: 'impact', source: 'commit', commitIds: [pending.id] }));
    assert.throws(() => written(store.changes.createOutcome({ text: 'Named again elsewhere', kind: 'impact', source: 'commit', commitIds: [pending.id] })), /already named/);
    assert.equal(store.outcomes.outcome(first.id)!.parentId, null);
    assert.equal(store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).length, 1);
  });

  test('Undo of a delete works even after a newer outcome took its id', () => {
    const outcome = written(store.changes.createOutcome({ text: 'Deleted, then wanted back', kind: 'impact', source: 'manual' }));
    const deleted = written(store.changes.deleteOutcome(outcome.id))!;
    const newer = written(store.changes.createOutcome({ text: 'Saved meanwhile', kind: 'routine', source: 'manual' }));
    const restoredId = written(store.changes.restoreOutcome(deleted));
    assert.equal(store.outcomes.outcome(restoredId)!.text, 'Deleted, then wanted back');
    assert.equal(store.outcomes.outcome(newer.id)!.text, 'Saved meanwhile');
  });
});
