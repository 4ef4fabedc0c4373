import * as assert from 'node:assert/strict';
import type { PendingBatch } from '../../src/core/domain';
import { goalChoicesForLine, NamingWorkflow, nextGoal, workOf, workOfCommits } from '../../src/naming/naming';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';

suite('the naming input suggests a goal', () => {
  let file: string;
  let store: Store;
  let naming: NamingWorkflow;
  let now: number;
  let counter = 0;

  /** A commit recorded as waiting, on `branch`; returns the piece of work that asks about it. */
  const waitingCommit = (subject: string, branch: string | null): PendingBatch => {
    const sha = (++counter).toString(16).padStart(40, '0');
    recordCommits(store, '/work/shop', [{ sha, subject, authorEmail: 'dev@example.com', authorTime: now, branch, isMerge: false }]);
    return naming.waiting().find((batch) => batch.commits.some((commit) => commit.sha === sha))!;
  };

  setup(() => {
    file = tempDatabase();
    now = Date.UTC(2026, 10, 18, 12);
    const logger = new MemoryLogger();
    store = Store.open(file, { logger, now: () => now });
    const state = new Map<string, unknown>();
    naming = new NamingWorkflow(store, logger, { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key, value) => void state.set(key, value) }, () => now);
  });
  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('without an active goal the input offers none, and the line is saved untied', () => {
    const batch = waitingCommit('feat: one-page checkout', 'main');
    assert.equal(naming.goalChoices(workOf(batch)), undefined);
    naming.save(batch, 'Checkout in one page', 'impact');
    assert.equal(store.log.outcomesWithChildren(0, Number.MAX_SAFE_INTEGER)[0].goalId, null);
  });

  test('a commit whose words share a goal\'s words suggests it, and Enter saves the line linked to it', () => {
    const docs = store.goals.add({ title: 'Docs people read' });
    const checkout = store.goals.add({ title: 'Faster checkout', why: 'Carts abandoned at payment' });
    const batch = waitingCommit('feat: one-page checkout form', 'main');
    const choices = naming.goalChoices(workOf(batch))!;
    assert.deepEqual(choices.options.map((option) => option.title), ['Docs people read', 'Faster checkout'], 'in the order the user set them');
    assert.equal(choices.selected, checkout.id);
    naming.save(batch, 'Checkout in one page', 'impact', choices.selected);
    assert.equal(store.goals.outcomesOf(checkout.id)[0].text, 'Checkout in one page');
    assert.deepEqual(store.goals.outcomesOf(docs.id), []);
  });

  test('the goal last linked on the branch wins over words, and then the one last linked in the repository', () => {
    const checkout = store.goals.add({ title: 'Faster checkout' });
    const docs = store.goals.add({ title: 'Docs people read' });
    const first = waitingCommit('feat: checkout', 'feature/work');
    naming.save(first, 'Checkout in one page', 'impact', docs.id); // the person chose docs, whatever the words said
    now += 1000;
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: checkout again', 'feature/work')))!.selected, docs.id);
    const elsewhere = waitingCommit('chore: tidy', 'feature/other');
    assert.equal(naming.goalChoices(workOf(elsewhere))!.selected, docs.id, 'the repository\'s last goal');
    naming.save(elsewhere, 'Tidied', 'routine', null);
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: faster checkout', 'feature/new')))!.selected, docs.id, 'an untied line does not change the history');
    store.goals.setStatus(docs.id, 'completed');
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: faster checkout', 'feature/new')))!.selected, checkout.id, 'a closed goal is never suggested');
  });

  test('nothing points to a goal: the input offers the goals with none selected', () => {
    store.goals.add({ title: 'Faster checkout' });
    const choices = naming.goalChoices(workOf(waitingCommit('chore: bump eslint', 'main')))!;
    assert.equal(choices.selected, null);
    assert.equal(choices.options.length, 1);
  });

  test('commits named together read the newest commit\'s branch, and every subject', () => {
    const work = workOfCommits('r1', [
      { branch: 'feature/a', subject: 'feat: one' },
      { branch: null, subject: 'fix: two' },
      { branch: 'feature/b', subject: 'docs: three' },
    ]);
    assert.deepEqual(work, { repoId: 'r1', branch: 'feature/b', words: ['feat: one', 'fix: two', 'docs: three'] });
  });

  test('one button cycles through each active goal in order, then no goal, then the first again', () => {
    const choices = { options: [{ id: 'g1', title: 'One' }, { id: 'g2', title: 'Two' }], selected: 'g2' };
    assert.deepEqual([nextGoal(choices, 'g1'), nextGoal(choices, 'g2'), nextGoal(choices, null)], ['g2', null, 'g1']);
    assert.equal(nextGoal({ options: [{ id: 'g1', title: 'One' }], selected: null }, 'gone'), 'g1', 'a goal closed meanwhile restarts the cycle');
  });

  test('a line added by hand suggests the goal its words share, as it is typed', () => {
    assert.equal(goalChoicesForLine(store, ''), undefined);
    const mentoring = store.goals.add({ title: 'Grow the team by mentoring' });
    const choices = goalChoicesForLine(store, '')!;
    assert.equal(choices.selected, null);
    assert.equal(choices.suggestFor!('Mentored Sam during his first on-call week'), null, '"mentored" is not "mentoring"');
    assert.equal(choices.suggestFor!('Mentoring session with Sam'), mentoring.id);
    assert.equal(goalChoicesForLine(store, 'More mentoring for Sam')!.selected, mentoring.id, 'a kept draft is read too');
  });
});
