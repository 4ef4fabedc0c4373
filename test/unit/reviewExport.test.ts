import * as assert from 'node:assert/strict';
import { weekOf, type WeekOptions } from '../../src/core/weeks';
import { NO_ANSWERS } from '../../src/core/reviewAnswers';
import { oneOnOneRange } from '../../src/core/ranges';
import { gatherReport, markPublished } from '../../src/report/gather';
import { renderReport } from '../../src/report/render';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

const options: WeekOptions = { weekStart: 'monday', timeZone: 'Europe/Berlin' };
const friday = Date.UTC(2026, 10, 20, 15);
const DAY = 86_400_000;

suite('Export for 1:1 leads with the reviewed weeks it covers', () => {
  let file: string;
  let store: Store;

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => friday });
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  function reviewWeek(time: number, highlights: string[], nextFocus: string | null) {
    written(store.changes.saveReview({ week: weekOf(time, options), answers: { ...NO_ANSWERS, nextFocus, busyWork: 'Status meetings' }, highlights }));
  }

  test('this week\'s export starts with its highlight and the focus for next week, and keeps the honest answers private', () => {
    const [commit] = recordCommits(store, '/work/shop', [
      { sha: 'a'.repeat(40), subject: 'feat: one-click refunds', authorEmail: 'dev@example.com', authorTime: friday - DAY, branch: 'main', isMerge: false },
    ]);
    const refunds = written(store.changes.createOutcome({ text: 'Refunds take one click for every shop', kind: 'impact', source: 'commit', commitIds: [commit.id] }));
    written(store.changes.createOutcome({ text: 'Paired with Sam on search', kind: 'impact', source: 'manual', happenedAt: friday - 2 * DAY }));
    reviewWeek(friday, [refunds.id], 'Checkout converts 2% better');
    const markdown = renderReport(gatherReport(store, oneOnOneRange('thisWeek', friday, options), options.timeZone), 'markdown');
    assert.match(markdown, /^# Progress: Nov 16 – Nov 22, 2026\n\n## Highlights\n\n- Refunds take one click for every shop — shop · main · `aaaaaaa`\n\n## Next week's focus\n\n- Checkout converts 2% better\n\n## Shipped impact\n/);
    assert.doesNotMatch(markdown, /Status meetings/, 'busy work is the user\'s own reflection, not the 1:1 document\'s');
  });

  test('"Last 2 weeks" covers the reviewed weeks inside it; one with nothing to lead with, or outside the range, adds nothing', async () => {
    const lastWeekOutcome = written(store.changes.createOutcome({ text: 'Search answers in half the time', kind: 'impact', source: 'manual', happenedAt: friday - 7 * DAY }));
    reviewWeek(friday - 14 * DAY, [], 'Outside the range');
    reviewWeek(friday - 7 * DAY, [lastWeekOutcome.id], 'Refunds');
    reviewWeek(friday, [], null);
    const range = oneOnOneRange('lastTwoWeeks', friday + 7 * DAY, options);
    const data = await markPublished(gatherReport(store, range, options.timeZone), { published: async () => new Set(), branchesOnRemote: async () => new Set() });
    assert.deepEqual(
      data.reviews?.map((review) => [new Date(review.week.from).toISOString(), review.highlights.map((highlight) => highlight.text), review.nextFocus]),
      [['2026-11-08T23:00:00.000Z', ['Search answers in half the time'], 'Refunds']],
    );
    assert.match(renderReport(data, 'text'), /^Progress: Nov 9 – Nov 22, 2026\n=+\n\nHighlights\n-+\n\n- Search answers in half the time\n\nNext week's focus\n-+\n\n- Refunds\n/);
  });

  test('a review with neither highlights nor a focus leads with nothing', () => {
    reviewWeek(friday, [], null);
    const data = gatherReport(store, oneOnOneRange('thisWeek', friday, options), options.timeZone);
    assert.deepEqual(data.reviews, []);
    assert.match(renderReport(data, 'markdown'), /^# Progress: Nov 16 – Nov 22, 2026\n\nNothing recorded between/);
  });

  test('a highlighted commit that a remote-tracking branch reaches is a link, like the same commit below', async () => {
    const [commit] = recordCommits(store, '/work/shop', [
      { sha: 'b'.repeat(40), subject: 'feat: refunds', authorEmail: 'dev@example.com', authorTime: friday - DAY, branch: 'main', isMerge: false },
    ]);
    const outcome = written(store.changes.createOutcome({ text: 'Refunds', kind: 'impact', source: 'commit', commitIds: [commit.id] }));
    reviewWeek(friday, [outcome.id], null);
    const data = await markPublished(gatherReport(store, oneOnOneRange('thisWeek', friday, options), options.timeZone), { published: async (_root, shas) => new Set(shas), branchesOnRemote: async () => new Set() });
    assert.equal(data.reviews?.[0].highlights[0].commits[0].published, true);
  });
});
