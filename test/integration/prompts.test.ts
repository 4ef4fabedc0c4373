/**
 * Every prompt is seen, in a real VS Code: work that joins a prompt whose toast VS Code already
 * hid shows the prompt again (once for a burst), and a prompt about work that is gone says so.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ProgressLogTestApi } from '../../src/extension';
import { Store } from '../../src/storage/store';
import { MemoryLogger } from '../support/memoryLogger';
import { commitFromTerminal, eventually, git, HesitantPerson, progressLog, query, workspaceRepositoryWatched, workspaceRoot } from './helpers';

/** How long VS Code shows an information toast while its window has focus, and a little more. */
const TOAST_HIDDEN_AFTER_MS = 10_000 + 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('every prompt is seen, in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let root: string;
  let other: Store;
  let person: HesitantPerson | undefined;

  const recorded = (sha: string) => eventually(`${sha.slice(0, 7)} to be recorded`, () => query(api.databaseFile, 'SELECT 1 FROM commits WHERE sha = ?', sha)[0]);
  const gone = (sha: string) => eventually(`${sha.slice(0, 7)} to be gone`, () => query(api.databaseFile, 'SELECT 1 FROM commits WHERE sha = ? AND gone_at IS NOT NULL', sha)[0]);

  suiteSetup(async () => {
    api = await progressLog();
    root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
    other = Store.open(api.databaseFile, { logger: new MemoryLogger() });
  });

  teardown(() => {
    // No prompt of these tests stays on screen for later commits to join.
    person?.dismissAll();
    person = undefined;
  });

  suiteTeardown(() => other.close());

  test('a commit that joins a prompt whose toast has hidden shows the prompt again, once for the burst', async () => {
    const line = 'Finance finds every invoice of a customer on one page';
    person = new HesitantPerson([{ line }]);
    api.setPromptSurface(person);
    const first = commitFromTerminal(root, 'feat: invoices page');
    await eventually('the prompt', () => (person!.notifications.length === 1 ? true : undefined));
    await sleep(TOAST_HIDDEN_AFTER_MS);
    const second = commitFromTerminal(root, 'feat: invoices filter');
    await eventually('the prompt shown again', () => (person!.notifications.length === 2 ? true : undefined));
    assert.match(person.notifications[1], new RegExp(`^2 new commits in ${path.basename(root)}, latest ${second.slice(0, 7)} “feat: invoices filter”`));
    // More of the burst while the prompt is on screen again: it joins, and no toast more.
    const third = commitFromTerminal(root, 'feat: invoices export');
    await recorded(third);
    await api.scanAll();
    await sleep(1000);
    assert.equal(person.notifications.length, 2, person.notifications.join('\n'));
    person.answer(0, undefined); // the first toast, in the notification centre, cleared
    person.answer(1, 'name');
    const named = await eventually('the outcome of the whole burst', () => {
      const rows = query<{ sha: string }>(
        api.databaseFile,
        'SELECT c.sha FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE o.text = ? ORDER BY c.author_time, c.id',
        line,
      );
      return rows.length === 3 ? rows.map((row) => row.sha) : undefined;
    });
    assert.deepEqual(named, [first, second, third]);
    assert.equal(person.requests[0].title, `Outcome of 3 commits in ${path.basename(root)}`);
  });

  test('"Name outcome" on a commit that was reset away says it is gone, in one sentence, asks nothing, and nothing waits for it', async () => {
    person = new HesitantPerson([{ line: 'never asked' }]);
    api.setPromptSurface(person);
    const sha = commitFromTerminal(root, 'feat: experiment with a new cache');
    await eventually('the prompt', () => (person!.notifications.length === 1 ? true : undefined));
    git(root, 'reset', '-q', '--hard', 'HEAD~1');
    await gone(sha);
    person.answer(0, 'name');
    await eventually('a word about the gone work', () => (person!.told.length ? true : undefined));
    assert.deepEqual(person.told, [`Nothing to name: commit ${sha.slice(0, 7)} is no longer in ${path.basename(root)} (it was reset or rebased away).`]);
    await sleep(500);
    assert.equal(person.requests.length, 0, 'no input for work that is gone');
    assert.equal(person.told.length, 1);
    assert.ok(!other.log.pendingBatches().some((batch) => batch.commits.some((commit) => commit.sha === sha)), 'nothing waits for it');
  });

  test('a commit after the work on screen was reset away is a prompt of its own, not joined to work that is gone', async () => {
    person = new HesitantPerson();
    api.setPromptSurface(person);
    // The test before reset its commit away, and this one commits at once: a plain commit written
    // in the same second as work reset away is new work, not that work rewritten.
    const dropped = commitFromTerminal(root, 'feat: spike that goes nowhere');
    await eventually('the prompt', () => (person!.notifications.length === 1 ? true : undefined));
    git(root, 'reset', '-q', '--hard', 'HEAD~1');
    await gone(dropped);
    const kept = commitFromTerminal(root, 'feat: the real fix');
    await eventually('a prompt about the new commit', () => (person!.notifications.length === 2 ? true : undefined));
    assert.match(person.notifications[1], new RegExp(`^Committed ${kept.slice(0, 7)} “feat: the real fix”`));
  });
});
