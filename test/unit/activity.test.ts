import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activityHint, activityShape, describeShape, readsLikeActivity } from '../../src/naming/activity';
import { NamingWorkflow } from '../../src/naming/naming';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';

interface LabelledLine {
  label: 'activity' | 'outcome';
  split: 'tune' | 'holdout';
  source: string;
  line: string;
}

const FIXTURE = path.resolve(__dirname, '../../../test/unit/fixtures/activityLines.tsv');

function labelledLines(): LabelledLine[] {
  return fs
    .readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((row) => row !== '' && !row.startsWith('#'))
    .map((row) => {
      const [label, split, source, line] = row.split('\t');
      assert.ok(label === 'activity' || label === 'outcome', row);
      assert.ok(split === 'tune' || split === 'holdout', row);
      return { label, split, source, line };
    });
}

interface Scores {
  lines: number;
  precision: number;
  recall: number;
  /** Outcome lines called activity, activity lines missed. */
  falseAlarms: LabelledLine[];
  missed: LabelledLine[];
}

function score(lines: readonly LabelledLine[]): Scores {
  const called = lines.filter((entry) => readsLikeActivity(entry.line));
  const right = called.filter((entry) => entry.label === 'activity');
  const activity = lines.filter((entry) => entry.label === 'activity');
  return {
    lines: lines.length,
    precision: right.length / called.length,
    recall: right.length / activity.length,
    falseAlarms: called.filter((entry) => entry.label === 'outcome'),
    missed: activity.filter((entry) => !readsLikeActivity(entry.line)),
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

// Measured when the rule was settled: 91.9% on the whole set (README). The floor sits a little
// below, so that a change that loses real recall fails while the wording of one line does not.
const RECALL_FLOOR = 0.9;

suite('the activity rule on labelled lines', () => {
  const lines = labelledLines();

  test('the set holds at least 300 real lines, both labels, in both parts', () => {
    assert.ok(lines.length >= 300, `${lines.length} lines`);
    assert.ok(lines.filter((entry) => entry.source !== 'written').length >= 300);
    for (const split of ['tune', 'holdout'] as const) {
      for (const label of ['activity', 'outcome'] as const) assert.ok(lines.some((entry) => entry.split === split && entry.label === label), `${split} ${label}`);
    }
  });

  test('precision on "activity" is at least 0.9, on the whole set and on the held-out part; recall stays above its measured floor', () => {
    const all = score(lines);
    const tune = score(lines.filter((entry) => entry.split === 'tune'));
    const holdout = score(lines.filter((entry) => entry.split === 'holdout'));
    for (const [name, scores] of [['tune', tune], ['holdout', holdout], ['all', all]] as const) {
      console.log(`      activity rule, ${name} (${scores.lines} lines): precision ${percent(scores.precision)}, recall ${percent(scores.recall)}`);
    }
    // Most of the easy activity (bots' bumps, merges, versions) comes from a few histories: each source apart shows where the rule is weaker.
    for (const source of [...new Set(lines.map((entry) => entry.source))]) {
      const scores = score(lines.filter((entry) => entry.source === source));
      console.log(`        ${source} (${scores.lines}): precision ${percent(scores.precision)}, recall ${percent(scores.recall)}`);
    }
    // Tuning looks at the tune part's mistakes only: ACTIVITY_MISTAKES=1 lists them.
    if (process.env.ACTIVITY_MISTAKES === '1') {
      for (const entry of tune.falseAlarms) console.log(`      false alarm: ${entry.line}   [${describeShape(activityShape(entry.line)!)}]`);
      for (const entry of tune.missed) console.log(`      missed: ${entry.line}`);
    }
    assert.ok(all.precision >= 0.9, `precision ${percent(all.precision)}`);
    assert.ok(holdout.precision >= 0.9, `held-out precision ${percent(holdout.precision)}`);
    assert.ok(all.recall >= RECALL_FLOOR, `recall ${percent(all.recall)}`);
  });
});

suite('what reads like activity, shape by shape', () => {
  const shapeOf = (line: string, context = {}) => activityShape(line, context)?.shape;

  test('a Conventional-Commit prefix, even before a real outcome', () => {
    assert.deepEqual(activityShape('chore: update CI node versions'), { shape: 'commitPrefix', prefix: 'chore:' });
    assert.deepEqual(activityShape('feat(search)!: shoppers find products by colour'), { shape: 'commitPrefix', prefix: 'feat(search)!:' });
    assert.equal(shapeOf('pager.rs: fix a panic'), 'commitPrefix');
  });

  test('an area prefix is read past: what follows decides', () => {
    assert.equal(shapeOf('ignore: remove unused parameter'), 'codeChange');
    assert.equal(shapeOf('printer: --only-matching works with --replace'), undefined);
  });

  test('update, refactor, typo fixes, bumps, merges, versions, misc, WIP', () => {
    for (const text of ['Update README', 'Refactored code', 'Fix typo', 'Fixed typos in the docs', 'Bump lodash from 4.17.20 to 4.17.21', "Merge branch 'feature/x'", 'v2.3.1', 'Release 1.4.0', 'Misc fixes', 'WIP', 'Minor improvements and bug fixes', 'Upgraded to React 18']) {
      assert.equal(shapeOf(text), 'generic', text);
    }
  });

  test('a bare verb and a piece of code', () => {
    for (const text of ['Add unit tests', 'Refactor UserService', 'Implemented getUserById', 'Fixed lint errors', 'Add .travis.yml', 'remove unused imports']) {
      assert.ok(['codeChange', 'generic'].includes(shapeOf(text)!), text);
    }
    assert.equal(shapeOf('Implemented getUserById'), 'codeChange');
  });

  test('a ticket id alone, however it is written', () => {
    for (const text of ['PROJ-482', 'fixes #1600', 'Fix #355.', '#12, #13', 'Closes ABC-9']) assert.equal(shapeOf(text), 'ticket', text);
    assert.equal(shapeOf('PROJ-482: refunds take one click for support'), undefined, 'a key before an outcome is still an outcome');
  });

  test('the same verbs with what changed for whom, or why it matters, are outcomes', () => {
    for (const text of [
      'Updated the pricing page so EU visitors see VAT included',
      'Refactored the importer; large CSV files no longer time out for customers',
      'Bumped the free plan to five projects after forty users asked for more',
      'Added offline mode for field technicians in basements and tunnels',
      'Cut build time from 25 to 9 minutes, so reviews start sooner',
      'Fixed the payment bug behind 3% checkout abandonment',
    ]) {
      assert.equal(shapeOf(text), undefined, text);
    }
  });

  test('a line equal or close to a subject of the work, or to its branch, reads like activity', () => {
    const subjects = ['fix(checkout): retry payments on gateway timeout', 'test: cover the retry'];
    assert.deepEqual(activityShape('Retry payments on gateway timeout', { subjects }), { shape: 'echo', of: subjects[0] });
    assert.deepEqual(activityShape('Retry the payments on a gateway timeout', { subjects }), { shape: 'echo', of: subjects[0] }, 'two small words added');
    assert.equal(shapeOf('Retry payments on gateway timeout; cover the retry', { subjects }), 'echo', 'the joined subjects the input offered');
    assert.equal(shapeOf('One click refunds', { branch: 'feature/ACME-12-one-click-refunds' }), 'echo');
    assert.equal(shapeOf('Retry payments on gateway timeout, so shoppers keep their order', { subjects }), undefined);
    assert.equal(shapeOf('Retry payments on gateway timeout'), undefined, 'without the work, the same words are a plain description');
  });

  test('nothing typed is nothing to say', () => {
    assert.equal(activityShape('   '), undefined);
    assert.equal(activityShape('', { subjects: [''] }), undefined);
  });

  test('each shape is said in a few words', () => {
    assert.equal(describeShape({ shape: 'echo', of: 'fix: x' }), 'Repeats fix: x');
    assert.equal(describeShape({ shape: 'commitPrefix', prefix: 'chore:' }), 'Starts like a commit message (chore:)');
    assert.equal(describeShape({ shape: 'ticket' }), 'Names a ticket, not what changed');
  });
});

suite('the hint under the naming input', () => {
  test('shown for a line of shipped impact that reads like activity, never for routine activity, never for an outcome', () => {
    assert.equal(activityHint('chore: bump deps', 'impact'), 'Reads like activity: what changed for whom?');
    assert.equal(activityHint('chore: bump deps', 'routine'), undefined);
    assert.equal(activityHint('Checkout no longer double-charges a card when the gateway times out', 'impact'), undefined);
    assert.equal(activityHint('', 'impact'), undefined);
  });

  test('a burst hints at a line that repeats any one of its commits, or their branch, not only the first', () => {
    const file = tempDatabase();
    const store = Store.open(file, { logger: new MemoryLogger() });
    try {
      const subjects = ['feat: saved searches', 'fix(search): keep filters when paging'];
      recordCommits(
        store,
        '/work/shop',
        subjects.map((subject, index) => ({ sha: String(index + 1).repeat(40), subject, authorEmail: 'dev@example.com', authorTime: Date.UTC(2026, 10, 16, 10 + index), branch: 'feature/search-filters', isMerge: false })),
      );
      const values = new Map<string, unknown>();
      const naming = new NamingWorkflow(store, new MemoryLogger(), { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) });
      const [batch] = naming.waiting();
      const work = naming.activityContext(batch);
      assert.deepEqual(work, { subjects, branch: 'feature/search-filters' });
      assert.equal(naming.suggestion(batch).text, 'Search filters', 'the input offers the branch name');
      for (const line of ['Search filters', 'Keep filters when paging', 'Saved searches']) assert.ok(activityHint(line, 'impact', work), line);
      assert.equal(activityHint('Shoppers keep their filters when they page through results', 'impact', work), undefined);
    } finally {
      store.close();
      removeDatabase(file);
    }
  });
});
