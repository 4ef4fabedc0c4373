/**
 * Schema 3 moved every record to ids no machine reuses and split repositories into what they are
 * and where they live here; schema 6 made the Insights indexes covering, schema 7 gave history a leaner home, schema 11 records
 * how far back history was imported. Databases written by every earlier version come over whole.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { isId } from '../../src/core/ulid';
import { Insights } from '../../src/insights/insights';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations';
import { BRANCHES_WITH_WORK, WITHOUT_PATCH_ID } from '../../src/storage/scanRecords';
import { DraftTargets, Store } from '../../src/storage/store';
import { cleanupsAfterEach, MemoryLogger, removeDatabase, tempDatabase } from '../support/harness';
import { projectRoot } from '../support/manifest';
import { written } from '../support/written';

/** A database as Progress Log of schema `version` left it, with a little of everything in it. */
function writtenBy(version: 1 | 2, file: string): void {
  const raw = new Database(file);
  for (let step = 0; step < version; step++) raw.exec(MIGRATIONS[step] as string);
  raw.pragma(`user_version = ${version}`);
  raw.exec(`
    INSERT INTO repositories (id, root, remote_url, default_branch, first_seen_at, scanned_at) VALUES
      (1, '/work/api', 'git@github.com:acme/api.git', 'main', 1000, 5000),
      (2, '/work/web', NULL, NULL, 2000, NULL);
    INSERT INTO ref_positions (repo_id, ref, sha) VALUES (1, 'refs/heads/main', '${'a'.repeat(40)}');
    INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, draft, seen_at) VALUES
      (1, 1, '${'1'.repeat(40)}', 'feat: refunds', 'dev@example.com', 3000, 'main', 0, 'named', NULL, 3100),
      (2, 1, '${'2'.repeat(40)}', 'chore: deps', 'dev@example.com', 3001, 'main', 0, 'routine', NULL, 3100),
      (3, 1, '${'3'.repeat(40)}', 'feat: search', 'dev@example.com', 3002, 'main', 0, 'pending', 'Search half-wri', 3200),
      (4, 1, '${'4'.repeat(40)}', 'feat: search more', 'dev@example.com', 3003, 'main', 0, 'pending', 'Search half-wri', 3200),
      (5, 2, '${'5'.repeat(40)}', 'fix: layout', 'dev@example.com', 3004, 'main', 0, 'pending', NULL, 3300);
    INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, repo_id, branch) VALUES
      (10, 'One-click refunds', 'impact', 'commit', 3000, 3500, 1, 'main'),
      (11, 'Mentored a new hire', 'impact', 'manual', 4000, 4000, NULL, NULL);
    INSERT INTO outcome_commits (outcome_id, commit_id) VALUES (10, 1);
  `);
  if (version >= 2) {
    raw.exec(`
      INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, draft, seen_at) VALUES
        (6, 1, '${'6'.repeat(40)}', 'feat: export', 'dev@example.com', 3010, 'feature/export', 0, 'pending', NULL, 3400),
        (7, 1, '${'7'.repeat(40)}', 'feat: export csv', 'dev@example.com', 3011, 'feature/export', 0, 'named', NULL, 3400);
      INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, repo_id, branch) VALUES
        (12, 'Export as CSV', 'impact', 'commit', 3011, 3600, 1, 'feature/export'),
        (13, 'Reports can be exported', 'impact', 'branch', 3700, 3700, 1, 'feature/export');
      UPDATE outcomes SET parent_id = 13 WHERE id = 12;
      INSERT INTO outcome_commits (outcome_id, commit_id) VALUES (12, 7), (13, 6), (13, 7);
      INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, outcome_id, draft, closed_at) VALUES
        (20, 1, 'feature/export', '${'7'.repeat(40)}', 'merged', 'main', 'named', 13, NULL, 3700),
        (21, 1, 'feature/wip', '${'8'.repeat(40)}', 'merged', 'main', 'pending', NULL, 'Wip line', 3800),
        (22, 2, 'spike', '${'9'.repeat(40)}', 'deleted', NULL, 'abandoned', NULL, NULL, 3900);
      INSERT INTO branch_commits (branch_id, commit_id) VALUES (20, 6), (20, 7);
    `);
  }
  raw.close();
}

suite('databases of every earlier schema come over whole', () => {
  let file: string;
  let store: Store | undefined;
  setup(() => {
    file = tempDatabase();
  });
  teardown(() => {
    store?.close();
    store = undefined;
    removeDatabase(file);
  });

  for (const version of [1, 2] as const) {
    test(`a schema ${version} database keeps its repositories, commits, outcomes${version === 2 ? ', branches' : ''} and drafts, with every link, under new ids`, () => {
      writtenBy(version, file);
      store = Store.open(file, { logger: new MemoryLogger() });
      const check = new Database(file, { readonly: true });
      try {
        assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
        assert.deepEqual(check.pragma('foreign_key_check'), []);
        assert.equal((check.pragma('integrity_check', { simple: true }) as string), 'ok');
        for (const table of ['repositories', 'commits', 'outcomes', ...(version === 2 ? ['branches'] : [])]) {
          for (const { id } of check.prepare(`SELECT id FROM ${table}`).all() as { id: string }[]) assert.ok(isId(id), `${table} id ${id} is a ULID`);
        }
        assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'old_%'").all(), [], 'no table of the old schema is left');
      } finally {
        check.close();
      }

      // Where each repository lives here, and when Progress Log first saw it, stay machine-local.
      const api = store.clones.ensure('/work/api');
      assert.equal(api.firstSeenAt, 1000);
      assert.deepEqual([...api.position!], [['refs/heads/main', 'a'.repeat(40)]]);
      assert.deepEqual([api.repo.name, api.repo.remoteUrl, api.repo.defaultBranch, api.repo.root], ['api', 'git@github.com:acme/api', 'main', '/work/api']);
      assert.equal(store.clones.ensure('/work/web').position, undefined, 'never scanned stays never scanned');

      const all = store.log.contentsBetween(0, Number.MAX_SAFE_INTEGER);
      const refunds = [...all.impact, ...all.routine].find((outcome) => outcome.text === 'One-click refunds')!;
      assert.deepEqual(refunds.commits.map((commit) => commit.sha), ['1'.repeat(40)]);
      assert.equal(refunds.repo?.name, 'api');
      assert.ok(all.impact.some((outcome) => outcome.text === 'Mentored a new hire' && outcome.repo === null));
      assert.deepEqual(all.unnamedRoutine.map((group) => group.commits.map((commit) => commit.subject)), [['chore: deps']]);

      // Commits that arrived in one scan are still one piece of work, with what was typed for them.
      const waiting = store.log.pendingBatches();
      const search = waiting.find((batch) => batch.type === 'commits' && batch.commits[0].subject === 'feat: search')!;
      assert.deepEqual(search.commits.map((commit) => commit.subject), ['feat: search', 'feat: search more']);
      assert.equal(search.draft, 'Search half-wri');

      if (version === 2) {
        const exported = all.impact.find((outcome) => outcome.text === 'Reports can be exported')!;
        assert.deepEqual(exported.children.map((child) => child.text), ['Export as CSV']);
        assert.deepEqual(exported.commits.map((commit) => commit.subject).sort(), ['feat: export', 'feat: export csv']);
        const wip = waiting.find((batch) => batch.type === 'branch')!;
        assert.equal(wip.type === 'branch' && wip.branch.name, 'feature/wip');
        assert.equal(wip.draft, 'Wip line');
        assert.equal(store.drafts.get(DraftTargets.branch(wip.type === 'branch' ? wip.branch.id : '')), 'Wip line');
        assert.deepEqual(store.log.abandonedBranches().map((branch) => branch.name), ['spike']);
        assert.ok(store.scans.isBranchRecorded(api.repo.id, 'feature/export', '7'.repeat(40)));
      }
      // Three pieces of work wait: the search commits, the layout fix, and (schema 2) the pending commit and the waiting branch.
      assert.equal(store.log.countWaiting(), version === 2 ? 4 : 2);
    });
  }

  test('a migrated log keeps working: Undo of a delete brings the outcome back under its own id', () => {
    writtenBy(2, file);
    store = Store.open(file, { logger: new MemoryLogger() });
    const [outcome] = store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).filter((candidate) => candidate.text === 'Mentored a new hire');
    const deleted = written(store.changes.deleteOutcome(outcome.id))!;
    written(store.changes.createOutcome({ text: 'Saved meanwhile', kind: 'impact', source: 'manual' }));
    assert.equal(written(store.changes.restoreOutcome(deleted)), outcome.id);
    assert.equal(store.outcomes.outcome(outcome.id)!.text, 'Mentored a new hire');
  });

  test('a schema 5 database comes to schema 6: Insights count commits and top-level outcomes from covering indexes, as before', () => {
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 5)) {
      if (typeof migration === 'string') raw.exec(migration);
      else migration(raw);
    }
    raw.pragma('user_version = 5');
    const tuesday = Date.UTC(2026, 10, 17, 10);
    raw.exec(`
      INSERT INTO repositories (id, name, created_at, updated_at) VALUES ('api', 'api', 0, 0);
      INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES ('checkout', 'Faster checkout', 'active', 0, 0, 0);
      INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, is_merge, status, gone_at, recorded_at, updated_at) VALUES
        ('c1', 'api', '${'1'.repeat(40)}', 'feat: one-step checkout', 'dev@example.com', ${tuesday}, 0, 'named', NULL, 0, 0),
        ('c2', 'api', '${'2'.repeat(40)}', 'chore: deps', 'dev@example.com', ${tuesday + 1}, 0, 'routine', NULL, 0, 0),
        ('c3', 'api', '${'3'.repeat(40)}', 'Merge branch x', 'dev@example.com', ${tuesday + 2}, 1, 'ignored', NULL, 0, 0),
        ('c4', 'api', '${'4'.repeat(40)}', 'wip', 'dev@example.com', ${tuesday + 3}, 0, 'pending', ${tuesday + 4}, 0, 0);
      INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, goal_id, parent_id) VALUES
        ('o1', 'Checkout in one step', 'impact', 'branch', ${tuesday}, 0, 0, 'api', 'checkout', NULL),
        ('o2', 'Address form remembers the card', 'impact', 'commit', ${tuesday}, 0, 0, 'api', 'checkout', 'o1'),
        ('o3', 'Mentored Sam', 'routine', 'manual', ${tuesday}, 0, 0, NULL, NULL, NULL);
    `);
    raw.close();

    store = Store.open(file, { logger: new MemoryLogger(), now: () => tuesday });
    const check = new Database(file, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      const plan = (sql: string) => (check.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
      assert.match(plan("SELECT count(*) FROM commits WHERE status = 'routine' AND author_time >= 0 AND author_time < 1 AND gone_at IS NULL AND is_merge = 0"), /COVERING INDEX commits_live_by_status/);
      assert.match(plan("SELECT count(*), count(goal_id) FROM outcomes WHERE repo_id IS 'api' AND kind = 'impact' AND happened_at >= 0 AND happened_at < 1 AND parent_id IS NULL"), /COVERING INDEX outcomes_shown_by_repo/);
      // The Weekly Log keeps reading top-level outcomes by time.
      assert.match(plan('SELECT id FROM outcomes WHERE +parent_id IS NULL AND happened_at >= 0 AND happened_at < 1'), /INDEX outcomes_by_time/);
    } finally {
      check.close();
    }
    const week = new Insights(store, () => ({ weekStart: 'monday', timeZone: 'UTC' }), () => tuesday).numbers('last12Weeks');
    const thisWeek = week.weeks[11];
    assert.deepEqual([thisWeek.impact, thisWeek.routine, thisWeek.commits, thisWeek.unnamed], [1, 1, 2, 1]);
    assert.deepEqual([week.goals[0].total, week.outcomesWithoutGoal], [2, 1]);
    assert.deepEqual(week.repositories.map((row) => [row.name, row.impact, row.routine]), [['Added by hand', 0, 1], ['api', 1, 0]]);
  });

  suite('schema 7: history is one row per commit', () => {
    const sha = (digit: string) => digit.repeat(40);
    const repoId = '01KAAAAAAAAAAAAAAAAAAAAAAA';
    const [history, named, unknownPatch] = ['01KBAAAAAAAAAAAAAAAAAAAAAA', '01KCAAAAAAAAAAAAAAAAAAAAAA', '01KDAAAAAAAAAAAAAAAAAAAAAA'];
    /** Runs `work` on a connection of its own to the file, as another program would. */
    const inFile = <T>(work: (db: Database.Database) => T, options: Database.Options = {}): T => {
      const db = new Database(file, options);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };

    /** A schema 5 database as an import and a few scans left it: every sha a record had in commit_aliases, history's patch ids ''. */
    function writtenBySchema5(): void {
      const raw = new Database(file);
      for (const migration of MIGRATIONS.slice(0, 5)) {
        if (typeof migration === 'string') raw.exec(migration);
        else migration(raw);
      }
      raw.pragma('user_version = 5');
      raw.exec(`
        INSERT INTO repositories (id, name, created_at, updated_at) VALUES ('${repoId}', 'api', 1, 1);
        INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, status, patch_id, recorded_at, updated_at) VALUES
          ('${history}', '${repoId}', '${sha('1')}', 'chore: imported', 'dev@example.com', 1000, 'history', '', 2, 2),
          ('${named}', '${repoId}', '${sha('3')}', 'feat: amended', 'dev@example.com', 2000, 'named', '${'p'.repeat(40)}', 2, 2),
          ('${unknownPatch}', '${repoId}', '${sha('4')}', 'feat: objects gone', 'dev@example.com', 3000, 'routine', '', 2, 2);
        INSERT INTO commit_aliases (repo_id, sha, commit_id) VALUES
          ('${repoId}', '${sha('1')}', '${history}'),
          ('${repoId}', '${sha('2')}', '${named}'),
          ('${repoId}', '${sha('3')}', '${named}'),
          ('${repoId}', '${sha('4')}', '${unknownPatch}'),
          ('${repoId}', '${sha('5')}', '${named}');
      `);
      raw.close();
    }

    test("aliases that repeat a commit's own sha go, its other names stay, and every sha still finds its record", () => {
      writtenBySchema5();
      store = Store.open(file, { logger: new MemoryLogger() });
      inFile(
        (check) => {
          assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
          assert.deepEqual(check.prepare('SELECT sha, commit_id AS id FROM commit_aliases ORDER BY sha').all(), [
            { sha: sha('2'), id: named },
            { sha: sha('5'), id: named },
          ]);
        },
        { readonly: true },
      );
      const found = store.scans.recordsBySha(repoId, ['1', '2', '3', '4', '5', '6'].map(sha));
      assert.deepEqual(
        ['1', '2', '3', '4', '5', '6'].map((digit) => found.get(sha(digit))?.id),
        [history, named, named, unknownPatch, named, undefined],
      );
      // commit_aliases was built anew: its rows still go with their commit.
      inFile((raw) => {
        raw.pragma('foreign_keys = ON');
        raw.prepare('DELETE FROM commits WHERE id = ?').run(named);
        assert.deepEqual(raw.prepare('SELECT * FROM commit_aliases').all(), []);
      });
    });

    test("history's patch id becomes unknown (NULL, outside the patch-id index); a patch id git could not tell stays ''", () => {
      writtenBySchema5();
      store = Store.open(file, { logger: new MemoryLogger() });
      const patchIds = inFile((check) => check.prepare('SELECT id, patch_id FROM commits ORDER BY id').all(), { readonly: true });
      assert.deepEqual(patchIds, [
        { id: history, patch_id: null },
        { id: named, patch_id: 'p'.repeat(40) },
        { id: unknownPatch, patch_id: '' },
      ]);
      assert.deepEqual(store.scans.withoutPatchId(repoId, 10), [], 'no scan computes patch ids for history');
    });

    test("a scan's two reads of a repository's recorded work go through indexes that leave history out", () => {
      writtenBySchema5();
      Store.open(file, { logger: new MemoryLogger() }).close();
      for (const [sql, index] of [
        [WITHOUT_PATCH_ID, 'commits_without_patch_id'],
        [BRANCHES_WITH_WORK, 'commits_work_by_branch'],
      ]) {
        const plan = inFile((check) => check.prepare<[string, number], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(repoId, 10), { readonly: true });
        assert.match(plan.map((row) => row.detail).join('; '), new RegExp(`USING INDEX ${index} `));
      }
    });
  });
});

suite('schema 11: imported history says how far back it reaches, on every machine', () => {
  const cleanups = cleanupsAfterEach();
  const repoId = '01KAAAAAAAAAAAAAAAAAAAAAAA';
  const root = 'a'.repeat(40);
  const [older, newer, newest] = [Date.UTC(2025, 0, 6, 9), Date.UTC(2025, 5, 2, 9), Date.UTC(2026, 0, 5, 9)];

  /** A schema 10 database as an older Progress Log left it after imports: rows in history (and one taken into commits), an operation log with its baseline made or not. */
  function writtenBySchema10(file: string, options: { baselineMade: boolean }): void {
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 10)) {
      if (typeof migration === 'string') raw.exec(migration);
      else migration(raw);
    }
    raw.pragma('user_version = 10');
    raw.exec(`
      INSERT INTO repositories (id, name, root_commit, remote_url, created_at, updated_at) VALUES
        ('${repoId}', 'shop', '${root}', 'git@github.com:acme/shop', 1, 1),
        ('01KBBBBBBBBBBBBBBBBBBBBBBB', 'never-imported', '${'b'.repeat(40)}', NULL, 1, 1);
      INSERT INTO history (repo_id, author_time, sha, subject, author_email, branch) VALUES
        ('${repoId}', ${newer}, '${'2'.repeat(40)}', 'feat: imported', 'dev@example.com', 'main'),
        ('${repoId}', ${newest}, '${'3'.repeat(40)}', 'feat: imported later', 'dev@example.com', 'main');
      INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, status, recorded_at, updated_at) VALUES
        ('01KCAAAAAAAAAAAAAAAAAAAAAA', '${repoId}', '${'1'.repeat(40)}', 'feat: imported and named since', 'dev@example.com', ${older}, 'history', 2, 2);
    `);
    if (options.baselineMade) raw.exec("INSERT INTO sync_state (key, value) VALUES ('baseline', '5')");
    raw.close();
  }

  for (const baselineMade of [false, true]) {
    test(`history imported before counts as imported here from its earliest commit, and the first sync says so once${baselineMade ? ', also when an older build made the baseline' : ''}`, () => {
      const file = tempDatabase();
      cleanups.push(() => removeDatabase(file));
      writtenBySchema10(file, { baselineMade });
      const store = Store.open(file, { logger: new MemoryLogger() });
      cleanups.push(() => store.close());
      const check = new Database(file, { readonly: true });
      try {
        assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
        assert.deepEqual(check.prepare('SELECT repo_id, since FROM history_imported').all(), [{ repo_id: repoId, since: older }], 'machine-local: how far back this machine imported');
        assert.deepEqual(check.prepare('SELECT * FROM history_ranges').all(), [], 'no machine said so yet');
      } finally {
        check.close();
      }

      assert.equal(store.operations.baseline(), 1);
      const [operation] = [...store.operations.all()];
      assert.deepEqual(operation.change, { type: 'history.import', repo: { root, remote: 'git@github.com:acme/shop', name: 'shop' }, since: older });
      assert.equal(operation.clock, 0, 'older than any change made since');
      assert.equal(store.historyRanges.wanted(repoId), older);
      assert.equal(store.operations.baseline(), 0, 'once');

      const other = Store.open(tempDatabase(), { logger: new MemoryLogger() });
      cleanups.push(() => (other.close(), removeDatabase(other.file)));
      assert.equal(other.operations.receive([operation]), 1);
      assert.equal(other.operations.digest(), store.operations.digest());
    });
  }
});

suite('released migrations are frozen code', () => {
  test('migrations.ts imports no code of Progress Log: a later change to live code cannot change what an old migration did', () => {
    const source = fs.readFileSync(path.join(projectRoot, 'src', 'storage', 'migrations.ts'), 'utf8');
    const imported = ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
    assert.ok(imported.includes('better-sqlite3'), 'the imports were read');
    assert.deepEqual(
      imported.filter((name) => name.startsWith('.')),
      [],
      'a migration keeps its own copy of every helper it uses, as the helper was when the migration was released',
    );
  });
});
