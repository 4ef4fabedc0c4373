import * as assert from 'node:assert/strict';
import { gatherReport } from '../../src/report/gather';
import { customRange, dateProblem, oneOnOneRange, reviewRange } from '../../src/core/ranges';
import { renderReport } from '../../src/report/render';
import { Store } from '../../src/storage/store';
import { MemoryLogger, removeDatabase, tempDatabase, recordCommits } from '../support/harness';
import { written } from '../support/written';

const iso = (range: { from: number; to: number }) => [new Date(range.from).toISOString(), new Date(range.to).toISOString()];

suite('export ranges', () => {
  // Wednesday 2026-11-18 12:00 UTC
  const now = Date.UTC(2026, 10, 18, 12);
  const utcMonday = { weekStart: 'monday' as const, timeZone: 'UTC' };

  test('this week, last week and the last two weeks follow the week start', () => {
    assert.deepEqual(iso(oneOnOneRange('thisWeek', now, utcMonday)), ['2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    assert.deepEqual(iso(oneOnOneRange('lastWeek', now, utcMonday)), ['2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z']);
    assert.deepEqual(iso(oneOnOneRange('lastTwoWeeks', now, utcMonday)), ['2026-11-02T00:00:00.000Z', '2026-11-16T00:00:00.000Z']);
    assert.deepEqual(iso(oneOnOneRange('lastWeek', now, { weekStart: 'sunday', timeZone: 'UTC' })), ['2026-11-08T00:00:00.000Z', '2026-11-15T00:00:00.000Z']);
  });

  test('since the last 1:1 export runs from that moment to now', () => {
    const last = Date.UTC(2026, 10, 11, 15, 30);
    const range = oneOnOneRange('sinceLastExport', now, utcMonday, last);
    assert.equal(range.from, last);
    assert.ok(range.to > now);
  });

  test('this month and last quarter are calendar months in the user\'s time zone', () => {
    const berlin = { weekStart: 'monday' as const, timeZone: 'Europe/Berlin' };
    assert.deepEqual(iso(oneOnOneRange('thisMonth', now, berlin)), ['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    assert.deepEqual(iso(oneOnOneRange('lastQuarter', now, berlin)), ['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
  });

  test('review ranges are quarters and half-years, reaching back across a new year', () => {
    assert.deepEqual(iso(reviewRange('thisQuarter', now, 'UTC')), ['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    assert.deepEqual(iso(reviewRange('lastHalf', now, 'UTC')), ['2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
    assert.deepEqual(iso(reviewRange('lastQuarter', Date.UTC(2027, 1, 3), 'UTC')), ['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  test('a custom range includes its last day; bad dates get a clear message', () => {
    assert.deepEqual(iso(customRange('2026-11-02', '2026-11-08', 'UTC')), ['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    assert.equal(dateProblem('2026-11-02'), undefined);
    assert.match(dateProblem('11/02/2026')!, /YYYY-MM-DD/);
    assert.match(dateProblem('2026-02-30')!, /not a day on the calendar/);
  });
});

suite('gathering a report from the store', () => {
  let file: string;
  let store: Store;

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => Date.UTC(2026, 10, 18) });
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('a week of work becomes a report with impact, routine, unnamed commits and a waiting count', () => {
    store.clones.ensure('/work/api', { rootCommit: 'f'.repeat(40), remoteUrl: 'git@github.com:acme/api.git', defaultBranch: 'main' });
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const commit = (sha: string, subject: string) => ({ sha: sha.padEnd(40, '0'), subject, authorEmail: 'dev@example.com', authorTime: tuesday, branch: 'main', isMerge: false });
    const [named, routine, waiting] = recordCommits(store, '/work/api', [commit('a1', 'feat: refunds'), commit('b2', 'chore: deps'), commit('c3', 'feat: wip')]);
    written(store.changes.createOutcome({ text: 'One-click refunds', kind: 'impact', source: 'commit', commitIds: [named.id] }));
    written(store.changes.settleCommits([routine.id], 'routine'));
    assert.ok(waiting);
    const data = gatherReport(store, { from: Date.UTC(2026, 10, 16), to: Date.UTC(2026, 10, 23) }, 'UTC');
    assert.equal(data.impact[0].repository?.name, 'api');
    assert.equal(data.impact[0].commits[0].sha, named.sha);
    assert.deepEqual(data.unnamedRoutine.map((group) => [group.repository.name, group.commitCount]), [['api', 1]]);
    assert.equal(data.waitingCount, 1);
    // Whether origin reaches a commit, or has the branch, is git's to say, not the store's: here both are taken as pushed.
    for (const gathered of data.impact[0].commits) gathered.published = true;
    data.impact[0].branchPublished = true;
    const markdown = renderReport(data, 'markdown');
    assert.match(markdown, /One-click refunds — api · \[main\]\(https:\/\/github\.com\/acme\/api\/tree\/main\) · \[a100000\]\(https:\/\/github\.com\/acme\/api\/commit\/a1/);
    assert.match(markdown, /1 routine commit in api/);
  });
});
