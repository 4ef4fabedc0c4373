import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Reach } from '../../src/core/domain';
import { REACHES } from '../../src/core/domain';
import { nextReach, suggestReach } from '../../src/core/reach';

/** The labelled lines: who each one reached, or nobody named. */
function labelledLines(): { expected: Reach | undefined; line: string; goal: string | undefined }[] {
  const file = path.join(__dirname, '../../../test/unit/fixtures/reach-lines.tsv');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((row) => row.trim() && !row.startsWith('#'))
    .map((row) => {
      const [reach, line, goal] = row.split('\t');
      return { expected: (reach || undefined) as Reach | undefined, line: line!, goal: goal || undefined };
    });
}

suite('the reach suggestion', () => {
  test('on 140+ labelled lines it is right when it speaks (precision ≥ 0.9) and speaks for most lines that name someone', () => {
    const lines = labelledLines();
    assert.ok(lines.length >= 140, `${lines.length} labelled lines`);
    let suggested = 0;
    let right = 0;
    let named = 0;
    const wrong: string[] = [];
    for (const { expected, line, goal } of lines) {
      const suggestion = suggestReach(line, goal ? { title: goal } : undefined);
      if (expected) named++;
      if (!suggestion) continue;
      suggested++;
      if (suggestion.reach === expected) right++;
      else wrong.push(`${line} → ${suggestion.reach} (from "${suggestion.because}"), labelled ${expected ?? 'none'}`);
    }
    const precision = right / suggested;
    const recall = right / named;
    console.log(`      reach suggestion on ${lines.length} lines (${named} name someone): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ${wrong.length} wrong`);
    for (const line of wrong) console.log(`        wrong: ${line}`);
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(3)}`);
    assert.ok(recall >= 0.8, `recall ${recall.toFixed(3)}`);
  });

  test('the widest reach a line names wins: a team fix every team uses reached every team', () => {
    assert.equal(suggestReach("Fixed the team's deploy script that every team uses")?.reach, 'organisation');
    assert.equal(suggestReach('Our team shipped the refund flow for customers')?.reach, 'users');
  });

  test('words that name code, not people, suggest nothing', () => {
    for (const line of ['Added an index to the users table', 'Renamed team_id to squad_id', 'Users service returns 404 for unknown ids']) assert.equal(suggestReach(line), undefined, line);
  });

  test("the goal's words suggest a reach only when the line names nobody, and say so", () => {
    const goal = { title: 'Make checkout feel instant', why: 'Customers abandon slow checkouts' };
    assert.deepEqual(suggestReach('Cached the price lookups', goal), { reach: 'users', because: 'checkout', fromGoal: true });
    assert.deepEqual(suggestReach('Mentored Ana on the cache', goal), { reach: 'team', because: 'Mentored', fromGoal: false });
  });

  test('the reach key goes nearest first, then back to none', () => {
    const seen: (Reach | undefined)[] = [];
    let reach: Reach | undefined;
    for (let press = 0; press <= REACHES.length; press++) seen.push((reach = nextReach(reach, REACHES)));
    assert.deepEqual(seen, ['me', 'team', 'teams', 'users', 'organisation', undefined]);
  });
});
