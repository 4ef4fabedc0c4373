/**
 * What the store promises when files, locks and other windows misbehave, pinned in one process:
 * opening through locks, setting damaged files aside without ever moving a healthy one, following
 * a file another window set aside, remembering damage met in use, keeping what the user typed
 * while the database is locked, durable writes, and every error's sentence.
 */
import BetterSqlite3 from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  InvalidInputError,
  StoreBusyError,
  StoreCorruptError,
  StoreDiskFullError,
  StoreIoError,
  StoreIsFolderError,
  StoreNotFolderError,
  StoreReadOnlyError,
  StoreTooNewError,
} from '../../src/core/errors';
import { Database, translate } from '../../src/storage/database';
import { damageMarkerOf, identityOf, setAside } from '../../src/storage/databaseFiles';
import { Store, type NewCommit } from '../../src/storage/store';
import type * as Notices from '../../src/vscode/notices';
import { MemoryLogger, recordCommits, removeDatabase, requireWithoutVscode, tempDatabase, windowsWritingInTurn } from '../support/harness';
import { damagePages, databaseDamagedMidFile, databaseOfSomePages } from '../stress/scenarios';
import { written } from '../support/written';

const { describeError } = requireWithoutVscode<typeof Notices>(path.join(__dirname, '../../src/vscode/notices'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function commit(sha: string): NewCommit {
  return { sha: sha.padEnd(40, '0'), subject: `feat: work ${sha}`, authorEmail: 'dev@example.com', authorTime: 1_772_000_000_000, branch: 'main', isMerge: false, status: 'pending' };
}

function texts(file: string): string[] {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return raw.prepare<[], { text: string }>('SELECT text FROM outcomes ORDER BY created_at, id').all().map((row) => row.text);
  } finally {
    raw.close();
  }
}

/** Another program holding the database's write lock, as `BEGIN EXCLUSIVE` in WAL mode does. */
function holdWriteLock(file: string): { release(): void } {
  const other = new BetterSqlite3(file);
  other.exec('BEGIN EXCLUSIVE');
  return { release: () => (other.exec('ROLLBACK'), other.close()) };
}

suite('the store, when files, locks and other windows misbehave', () => {
  let file: string;
  const opened: Store[] = [];
  const track = <T extends { store: Store }>(result: T): T => (opened.push(result.store), result);

  setup(() => {
    file = tempDatabase();
  });

  teardown(() => {
    for (const store of opened.splice(0)) store.close();
    removeDatabase(file);
  });

  suite('opening', () => {
    test('an open that meets a lock waits it out without holding the thread, and opens once it clears', async () => {
      Store.open(file, { logger: new MemoryLogger() }).close();
      const other = new BetterSqlite3(file);
      other.pragma('locking_mode = EXCLUSIVE');
      other.exec('BEGIN EXCLUSIVE; COMMIT');
      setTimeout(() => other.close(), 400);
      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      const started = Date.now();
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger(), openTimeoutMs: 5000 }));
      stalls.disable();
      assert.ok(Date.now() - started >= 350, 'it waited for the lock');
      assert.ok(stalls.max / 1e6 < 250, `the thread was held for ${Math.round(stalls.max / 1e6)} ms at once while waiting`);
      written(store.changes.createOutcome({ text: 'Saved once the lock cleared', kind: 'impact', source: 'manual' }));
    });

    test('an open that meets a lock that never clears gives up after its bounded time, saying what holds it', async () => {
      Store.open(file, { logger: new MemoryLogger() }).close();
      const other = new BetterSqlite3(file);
      other.pragma('locking_mode = EXCLUSIVE');
      other.exec('BEGIN EXCLUSIVE; COMMIT');
      const started = Date.now();
      try {
        await assert.rejects(Store.openForWindow(file, { logger: new MemoryLogger(), openTimeoutMs: 300 }), StoreBusyError);
      } finally {
        other.close();
      }
      assert.ok(Date.now() - started < 2000, `it gave up after ${Date.now() - started} ms`);
    });

    test('the database and every file beside it are readable by the owner only', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      written(store.changes.createOutcome({ text: 'Private by construction', kind: 'impact', source: 'manual' }));
      const lock = holdWriteLock(file);
      try {
        assert.equal(store.changes.createOutcome({ text: 'Kept while locked', kind: 'impact', source: 'manual' }).state, 'kept');
      } finally {
        lock.release();
      }
      const folder = path.dirname(file);
      const names = fs.readdirSync(folder);
      for (const expected of ['progress-log.sqlite', 'progress-log.sqlite-wal', 'progress-log.sqlite-shm', 'progress-log.sqlite.open-lock']) assert.ok(names.includes(expected), `${expected} is there`);
      assert.ok(names.some((name) => name.startsWith('progress-log.sqlite.pending-')), 'a kept write is there');
      for (const name of names) assert.equal(fs.statSync(path.join(folder, name)).mode & 0o777, 0o600, `${name} is ${(fs.statSync(path.join(folder, name)).mode & 0o777).toString(8)}`);
    });

    test('an existing database readable by others is made readable by its owner only', () => {
      Store.open(file, { logger: new MemoryLogger() }).close();
      fs.chmodSync(file, 0o644);
      Store.open(file, { logger: new MemoryLogger() }).close();
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    });

    test('a damaged file set aside readable by others is readable by its owner only', () => {
      databaseDamagedMidFile(file);
      fs.chmodSync(file, 0o644);
      const { movedAside } = track(Store.openOrRecover(file, { logger: new MemoryLogger() }));
      assert.equal(fs.statSync(movedAside!).mode & 0o777, 0o600);
    });
  });

  suite('setting a damaged file aside', () => {
    test('a window never sets aside a new database another window started in place of the damaged one', () => {
      fs.writeFileSync(file, 'damaged bytes the user may want back'.repeat(200));
      const damaged = identityOf(file)!;
      // Another window sets it aside first and starts a new database, with an outcome in it.
      const first = track(Store.openOrRecover(file, { logger: new MemoryLogger() }));
      written(first.store.changes.createOutcome({ text: 'Acknowledged in the new database', kind: 'impact', source: 'manual' }));
      // This window found the same damage a moment ago and now sets "it" aside.
      assert.equal(setAside(file, damaged, new MemoryLogger(), 100), undefined);
      assert.deepEqual(texts(file), ['Acknowledged in the new database']);
      assert.match(fs.readFileSync(first.movedAside!, 'utf8'), /^damaged bytes the user may want back/);
    });

    test('a set-aside name never replaces a file: when the name is taken another is found', () => {
      fs.writeFileSync(file, 'the second damaged file'.repeat(100));
      const decoys: string[] = [];
      const now = Date.now();
      for (let ms = -5; ms < 200; ms++) {
        const decoy = `${file}.damaged-${new Date(now + ms).toISOString().replace(/[:.]/g, '-')}`;
        fs.writeFileSync(decoy, 'an earlier damaged file');
        decoys.push(decoy);
      }
      const { movedAside } = track(Store.openOrRecover(file, { logger: new MemoryLogger() }));
      assert.ok(movedAside && !decoys.includes(movedAside), `set aside as ${movedAside}`);
      assert.match(fs.readFileSync(movedAside, 'utf8'), /^the second damaged file/);
      for (const decoy of decoys) assert.equal(fs.readFileSync(decoy, 'utf8'), 'an earlier damaged file');
    });

    test('a window whose file another window set aside writes into the new database, never into the old one', () => {
      const logger = new MemoryLogger();
      const stale = Store.open(file, { logger });
      opened.push(stale);
      const [pending] = recordCommits(stale, '/repo', [commit('aa01')]);
      // Damage is found (here: by another window's check) and the file is set aside while `stale` is open.
      const aside = setAside(file, identityOf(file)!, new MemoryLogger(), 100)!;
      const fresh = Store.open(file, { logger: new MemoryLogger() });
      opened.push(fresh);
      written(stale.changes.createOutcome({ text: 'Typed after the file was set aside', kind: 'impact', source: 'manual' }));
      assert.deepEqual(texts(file), ['Typed after the file was set aside']);
      assert.deepEqual(texts(aside), []);
      assert.equal(fresh.log.countWaiting(), 0, 'the new database starts empty');
      assert.ok(pending);
      assert.ok(logger.lines.some((line) => line.includes('replaced by another window')));
    });

    test('closing a connection to a file set aside leaves the new database and its journal alone', () => {
      const stale = Store.open(file, { logger: new MemoryLogger() });
      setAside(file, identityOf(file)!, new MemoryLogger(), 100);
      const fresh = Store.open(file, { logger: new MemoryLogger() });
      opened.push(fresh);
      written(fresh.changes.createOutcome({ text: 'Only in the new journal so far', kind: 'impact', source: 'manual' }));
      assert.ok(fs.existsSync(`${file}-wal`));
      stale.close();
      assert.ok(fs.existsSync(`${file}-wal`), 'the new database keeps its journal');
      assert.deepEqual(texts(file), ['Only in the new journal so far']);
    });
  });

  suite('damage met while in use', () => {
    test('damage met in use is remembered beside the file, stops writes into it, and the next open sets it aside', () => {
      databaseOfSomePages(file);
      const database = Database.open(file, { logger: new MemoryLogger() });
      database.statement('PRAGMA cache_size = 1').run(); // read pages from the file, not from memory
      damagePages(file, 'all but the first');
      assert.throws(() => database.read(() => database.statement("SELECT count(*) FROM commits WHERE subject LIKE '%never%'").get()), StoreCorruptError);
      assert.ok(fs.existsSync(damageMarkerOf(file)), 'the damage is remembered beside the file');
      assert.equal(fs.statSync(damageMarkerOf(file)).mode & 0o777, 0o600, 'the marker is readable by the owner only');
      assert.throws(() => database.write(() => database.statement('UPDATE log_version SET version = version + 1').run()), StoreCorruptError);
      database.close();
      const { movedAside } = track(Store.openOrRecover(file, { logger: new MemoryLogger() }));
      assert.ok(movedAside, 'the next open set it aside');
      assert.ok(!fs.existsSync(damageMarkerOf(file)), 'the marker went with it');
    });

    test('a check that outlasts its budget goes on in the background, and damage it finds stops writes', async () => {
      databaseDamagedMidFile(file);
      const { store, movedAside } = track(await Store.openForWindow(file, { logger: new MemoryLogger(), checkBudgetMs: 0 }));
      assert.equal(movedAside, undefined, 'the open did not wait for the check');
      for (let waited = 0; !fs.existsSync(damageMarkerOf(file)) && waited < 5000; waited += 20) await sleep(20);
      assert.ok(fs.existsSync(damageMarkerOf(file)), 'the late check remembered the damage');
      assert.throws(() => store.drafts.set('add', 'typed'), StoreCorruptError);
    });
  });

  suite('what the user typed while the database is locked', () => {
    test('a save that meets another program\'s lock is kept, not lost and not blocking, and written once the lock clears; the user is told once the lock lasts', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger(), lastingLockMs: 400 }));
      const [pending] = recordCommits(store, '/repo', [commit('bb01')]);
      const [other] = recordCommits(store, '/repo', [commit('bb02')]);
      const kept: string[] = [];
      const told: string[] = [];
      store.pending.onDidKeep(() => kept.push('told'));
      store.pending.onDidWriteKept(() => told.push('told'));
      const lock = holdWriteLock(file);
      const started = performance.now();
      try {
        assert.equal(store.changes.createOutcome({ text: 'Named while locked', kind: 'impact', source: 'commit', commitIds: [pending.id] }).state, 'kept');
        assert.equal(store.changes.settleCommits([other.id], 'routine').state, 'kept');
        assert.equal(store.changes.createOutcome({ text: 'Added by hand while locked', kind: 'routine', source: 'manual' }).state, 'kept');
        assert.ok(performance.now() - started < 3 * 250, 'no call waited long');
        assert.deepEqual(kept, [], 'a lock just met may be a window of ours: nothing said yet');
        for (let waited = 0; kept.length === 0 && waited < 5000; waited += 20) await sleep(20);
      } finally {
        lock.release();
      }
      assert.deepEqual(kept, ['told'], 'the user is told once, when the lock has lasted');
      for (let waited = 0; store.pending.waiting() > 0 && waited < 5000; waited += 20) await sleep(20);
      assert.deepEqual(texts(file), ['Named while locked', 'Added by hand while locked']);
      assert.equal(store.scans.commit(pending.id)!.status, 'named');
      assert.equal(store.scans.commit(other.id)!.status, 'routine');
      assert.deepEqual(told, ['told']);
    });

    test('a save that meets windows of ours writing in turn is kept a moment and written, and the user is told nothing', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger(), lastingLockMs: 400 }));
      const kept: string[] = [];
      store.pending.onDidKeep(() => kept.push('told'));
      // Longer than a lock may last.
      const ours = windowsWritingInTurn(file);
      try {
        assert.equal(store.changes.createOutcome({ text: 'Named while windows wrote', kind: 'impact', source: 'manual' }).state, 'kept');
        await sleep(1200);
      } finally {
        ours.stop();
      }
      for (let waited = 0; store.pending.waiting() > 0 && waited < 5000; waited += 20) await sleep(20);
      assert.deepEqual(texts(file), ['Named while windows wrote']);
      assert.deepEqual(kept, [], 'windows of ours are not another program');
    });

    test('an edit and a draft kept while locked are written in the order they were made', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      const outcome = written(store.changes.createOutcome({ text: 'First words', kind: 'impact', source: 'manual' }));
      const lock = holdWriteLock(file);
      try {
        assert.equal(store.changes.editOutcome(outcome.id, { text: 'Second words' }).state, 'kept');
        assert.equal(store.changes.editOutcome(outcome.id, { text: 'Third words', kind: 'routine' }).state, 'kept');
        assert.equal(store.drafts.set('add', 'Half a line'), 'kept');
      } finally {
        lock.release();
      }
      for (let waited = 0; store.pending.waiting() > 0 && waited < 5000; waited += 20) await sleep(20);
      assert.equal(store.outcomes.outcome(outcome.id)!.text, 'Third words');
      assert.equal(store.outcomes.outcome(outcome.id)!.kind, 'routine');
      assert.equal(store.drafts.get('add'), 'Half a line');
    });

    test('what a window kept before it closed is written by the next window that opens', async () => {
      const first = await Store.openForWindow(file, { logger: new MemoryLogger() });
      const lock = holdWriteLock(file);
      try {
        assert.equal(first.store.changes.createOutcome({ text: 'Kept, then the window closed', kind: 'impact', source: 'manual' }).state, 'kept');
      } finally {
        first.store.close();
        lock.release();
      }
      assert.deepEqual(texts(file), []);
      const next = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      assert.equal(next.store.pending.waiting(), 0);
      assert.deepEqual(texts(file), ['Kept, then the window closed']);
    });

    test('a kept write is written once, even when two windows write what is kept and one died before removing it', async () => {
      const first = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      const lock = holdWriteLock(file);
      try {
        assert.equal(first.store.changes.createOutcome({ text: 'Written exactly once', kind: 'impact', source: 'manual' }).state, 'kept');
      } finally {
        lock.release();
      }
      const keptFile = fs.readdirSync(path.dirname(file)).find((name) => name.includes('.pending-'))!;
      const copy = fs.readFileSync(path.join(path.dirname(file), keptFile));
      assert.equal(first.store.pending.writeKept(), 'done');
      // As if the window died between its commit and removing the file:
      fs.writeFileSync(path.join(path.dirname(file), keptFile), copy);
      const second = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      assert.equal(second.store.pending.waiting(), 0);
      assert.deepEqual(texts(file), ['Written exactly once']);
    });

    test('a kept line that can no longer be saved (named meanwhile in another window) stays on disk and the user is told', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      const [pending] = recordCommits(store, '/repo', [commit('cc01')]);
      const refused: string[] = [];
      store.pending.onDidRefuse((_kept, reason) => refused.push(describeError(reason)));
      const lock = holdWriteLock(file);
      try {
        assert.equal(store.changes.createOutcome({ text: 'Named here while locked', kind: 'impact', source: 'commit', commitIds: [pending.id] }).state, 'kept');
      } finally {
        lock.release();
      }
      const otherWindow = Store.open(file, { logger: new MemoryLogger() });
      written(otherWindow.changes.createOutcome({ text: 'Named in another window first', kind: 'impact', source: 'commit', commitIds: [pending.id] }));
      otherWindow.close();
      store.pending.writeKept();
      assert.equal(refused.length, 1);
      assert.match(refused[0], /could not write outcome "Named here while locked", kept while the database was locked: .*already named.* It is still in .*\.refused\.$/);
      const left = fs.readdirSync(path.dirname(file)).filter((name) => name.endsWith('.refused'));
      assert.equal(left.length, 1);
      assert.match(fs.readFileSync(path.join(path.dirname(file), left[0]), 'utf8'), /Named here while locked/);
    });

    test('goals and reviews met by a lock are kept like outcomes, said "kept", and written once it clears', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      const outcome = written(store.changes.createOutcome({ text: 'Checkout retries a declined card', kind: 'impact', source: 'manual' }));
      const week = { start: outcome.happenedAt - 1000, end: outcome.happenedAt + 1000 };
      const lock = holdWriteLock(file);
      try {
        assert.equal(store.changes.createGoal({ title: 'Fewer failed payments' }).state, 'kept');
        assert.equal(store.changes.saveReview({ week, answers: { movedForward: 'Payments', busyWork: null, nextFocus: null }, highlights: [outcome.id] }).state, 'kept');
      } finally {
        lock.release();
      }
      for (let waited = 0; store.pending.waiting() > 0 && waited < 5000; waited += 20) await sleep(20);
      assert.deepEqual(store.goals.list().map((goal) => goal.title), ['Fewer failed payments']);
      assert.deepEqual(store.reviews.forWeek(week)?.highlights, [outcome.id]);
    });

    test('a line kept by an older Progress Log, in its own format, is still written, once', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const id = '01JXKEPT0000000000000000AA';
      const kept = { id, keptAt: Date.now() - 60_000, write: { type: 'saveOutcome', outcome: { text: 'Kept before the upgrade', kind: 'impact', source: 'manual' } } };
      fs.writeFileSync(`${file}.pending-${id}`, JSON.stringify(kept));
      const first = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      assert.equal(first.store.pending.waiting(), 0);
      assert.deepEqual(texts(file), ['Kept before the upgrade']);
      assert.ok(first.store.outcomes.outcome(id), 'the kept file names what it creates');
      // As if a window died between its commit and removing the file: written once all the same.
      fs.writeFileSync(`${file}.pending-${id}`, JSON.stringify(kept));
      first.store.pending.writeKept();
      assert.deepEqual(texts(file), ['Kept before the upgrade']);
    });

    test('a line that cannot be an outcome is refused at once, not kept to fail later', async () => {
      const { store } = track(await Store.openForWindow(file, { logger: new MemoryLogger() }));
      const lock = holdWriteLock(file);
      try {
        assert.throws(() => written(store.changes.createOutcome({ text: '   ', kind: 'impact', source: 'manual' })), InvalidInputError);
      } finally {
        lock.release();
      }
      assert.equal(store.pending.waiting(), 0);
    });
  });

  suite('durability', () => {
    test('what the user typed is written with synchronous = FULL; other writes with NORMAL', () => {
      const database = Database.open(file, { logger: new MemoryLogger() });
      try {
        const level = () => (database.statement('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
        assert.equal(database.write(level, { durable: true }), 2);
        assert.equal(database.write(level), 1);
      } finally {
        database.close();
      }
    });
  });
});

suite('every error the user can meet has a sentence that says what to do', () => {
  const file = '/home/dev/.config/Code/User/globalStorage/progress-log.progress-log/progress-log.sqlite';
  const sqlite = (code: string) => Object.assign(new Error(`sqlite says ${code}`), { code });
  const rows: [string, unknown, new (...args: never[]) => Error, RegExp][] = [
    ['a damaged file (SQLITE_CORRUPT)', sqlite('SQLITE_CORRUPT'), StoreCorruptError, /is damaged: reload the window to set it aside \(it is kept\) and start a new one\.$/],
    ['not a database (SQLITE_NOTADB)', sqlite('SQLITE_NOTADB'), StoreCorruptError, /is damaged: reload the window/],
    ['locked (SQLITE_BUSY)', sqlite('SQLITE_BUSY'), StoreBusyError, /is locked by another program: close whatever holds it/],
    ['locked (SQLITE_BUSY_SNAPSHOT)', sqlite('SQLITE_BUSY_SNAPSHOT'), StoreBusyError, /is locked by another program/],
    ['locked (SQLITE_LOCKED)', sqlite('SQLITE_LOCKED'), StoreBusyError, /is locked by another program/],
    ['disk full (SQLITE_FULL)', sqlite('SQLITE_FULL'), StoreDiskFullError, /The disk that holds Progress Log's database \(.*progress-log\.progress-log\) is full: free some space, then try again/],
    ['disk full (ENOSPC)', sqlite('ENOSPC'), StoreDiskFullError, /is full: free some space/],
    ['an I/O error (SQLITE_IOERR_WRITE)', sqlite('SQLITE_IOERR_WRITE'), StoreIoError, /could not read or write its database \(.*\) because of a disk error: check the disk .*, then reload the window\.$/],
    ['an I/O error (EIO)', sqlite('EIO'), StoreIoError, /because of a disk error/],
    ['a read-only disk (EROFS)', sqlite('EROFS'), StoreReadOnlyError, /the folder .*progress-log\.progress-log is read-only \(or on a read-only disk\): make it writable/],
    ['a read-only folder (SQLITE_READONLY_CANTINIT)', sqlite('SQLITE_READONLY_CANTINIT'), StoreReadOnlyError, /is read-only.*: make it writable for your user, then reload the window\.$/],
    ['a folder at the path (EISDIR)', sqlite('EISDIR'), StoreIsFolderError, /because .*progress-log\.sqlite is a folder, not a file: move or rename that folder/],
    ['a file on the way (ENOTDIR)', sqlite('ENOTDIR'), StoreNotFolderError, /is a file, not a folder: move or rename that file/],
  ];
  for (const [name, raw, type, sentence] of rows) {
    test(`${name} reaches the user as one sentence naming the place and what to do`, () => {
      const typed = translate(raw, file);
      assert.ok(typed instanceof type, `${name} became ${(typed as Error).name}`);
      const said = describeError(typed);
      assert.match(said, sentence);
      assert.doesNotMatch(said, /unexpected problem/);
    });
  }

  test('a lock that passes (windows of ours taking turns) says to try again, and nothing of closing a program', () => {
    const said = describeError(new StoreBusyError({ file, lasting: false }));
    assert.match(said, /\(.*progress-log\.sqlite\) was busy for a moment: try again; nothing was lost\.$/);
    assert.doesNotMatch(said, /another program|close/);
  });

  test('a database written by a newer version names the file and says to update', () => {
    assert.match(describeError(new StoreTooNewError(file, 99)), /\(.*progress-log\.sqlite\) was written by a newer version of Progress Log: update the extension/);
  });

});
