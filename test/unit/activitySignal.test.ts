import * as assert from 'node:assert/strict';
import type { WeekOptions } from '../../src/core/weeks';
import { weekOf } from '../../src/core/weeks';
import { Insights } from '../../src/insights/insights';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

suite('insights: activity saved as shipped impact', () => {
  let file: string;
  let store: Store;
  // "Now" is Wednesday 2026-11-18 12:00 UTC; signals are as of the week of Nov 9 – 15, whose four
  // weeks start on Oct 19.
  const now = Date.UTC(2026, 10, 18, 12);
  const utc: WeekOptions = { weekStart: 'monday', timeZone: 'UTC' };
  const insights = () => new Insights(store, () => utc, () => now);
  const asOf = weekOf(Date.UTC(2026, 10, 11), utc);
  const oct20 = Date.UTC(2026, 9, 20, 10);

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  const byHand = (text: string, happenedAt: number, kind: 'impact' | 'routine' = 'impact') => written(store.changes.createOutcome({ text, kind, source: 'manual', happenedAt }));
  const signal = () => insights().numbers('last12Weeks').signals.find((candidate) => candidate.rule === 'activityAsImpact');

  test('lines of shipped impact that read like activity, three or more and a third of them, are said with each line as evidence', () => {
    byHand('Refactored code', oct20);
    byHand('chore: update CI node versions', oct20 + DAY);
    byHand('PROJ-482', oct20 + 7 * DAY);
    byHand('Support can refund an order in one click instead of filing a ticket', oct20 + 8 * DAY);
    byHand('Search answers in under a second for our ten largest customers', oct20 + 14 * DAY);
    byHand('Mentored Priya through her first on-call week', oct20 + 21 * DAY);
    const found = signal();
    assert.ok(found, 'a signal');
    assert.equal(found.sentence, '3 of 6 lines saved as shipped impact in the last 4 weeks read like activity');
    assert.deepEqual(found.evidence, [
      '“Refactored code” (Oct 20): Says that work happened, not what it changed',
      '“chore: update CI node versions” (Oct 21): Starts like a commit message (chore:)',
      '“PROJ-482” (Oct 27): Names a ticket, not what changed',
    ]);
    assert.deepEqual(found.weeks, [weekOf(oct20, utc).start, weekOf(oct20 + 7 * DAY, utc).start]);
  });

  test('a line that only repeats the subject of its commit counts as well', () => {
    const [commit] = recordCommits(store, '/work/shop', [{ sha: 'a'.repeat(40), subject: 'fix(checkout): retry payments on gateway timeout', authorEmail: 'dev@example.com', authorTime: oct20, branch: 'main', isMerge: false }]);
    written(store.changes.createOutcome({ text: 'Retry payments on gateway timeout', kind: 'impact', source: 'commit', commitIds: [commit.id], happenedAt: oct20 }));
    byHand('Misc fixes', oct20 + DAY);
    byHand('WIP', oct20 + 2 * DAY);
    assert.deepEqual(signal()?.evidence[0], '“Retry payments on gateway timeout” (Oct 20): Repeats fix(checkout): retry payments on gateway timeout');
  });

  test('two such lines, a small share of many, routine activity, or lines older than four weeks say nothing', () => {
    byHand('Refactored code', oct20);
    byHand('Bug fixes', oct20 + DAY);
    assert.equal(signal(), undefined, 'two are too few');
    byHand('Closed 12 tickets', oct20 + 2 * DAY, 'routine');
    byHand('Worked on the auth service', oct20 - 7 * DAY);
    assert.equal(signal(), undefined, 'routine lines and lines before the four weeks are not read');
    byHand('WIP', oct20 + 3 * DAY);
    for (let index = 0; index < 8; index++) byHand(`Checkout handles ${index + 2} currencies for shoppers abroad`, oct20 + 4 * DAY);
    assert.equal(signal(), undefined, 'three of eleven is below a third');
  });

  test('the weekly review hears of it in the week it appeared', () => {
    for (const text of ['Refactored code', 'Misc fixes', 'Update README']) byHand(text, asOf.start + 10 * HOUR);
    assert.deepEqual(
      insights()
        .signalsChangedInWeek(asOf)
        .map((change) => [change.change, change.signal.rule]),
      [['appeared', 'activityAsImpact']],
    );
  });
});
