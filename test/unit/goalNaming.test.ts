import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PendingBatch, Reach } from '../../src/core/domain';
import { isStalled } from '../../src/goals/goalsOverview';
import { goalChoicesForLine, NamingWorkflow, nextGoal, suggestedGoal, workOf, workOfCommits } from '../../src/naming/naming';
import { Store } from '../../src/storage/store';
import type * as PromptSurface from '../../src/vscode/promptSurface';
import { cleanupsAfterEach, MemoryLogger, openWindow, recordCommits, removeDatabase, requireWithoutVscode, tempDatabase, type Window } from '../support/harness';
import { BASE_DATE_SECONDS, createTestRepo, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

const { savingWithChoices } = requireWithoutVscode<typeof PromptSurface>(path.join(__dirname, '../../src/vscode/promptSurface'));

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
    const docs = written(store.changes.createGoal({ title: 'Docs people read' }));
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout', why: 'Carts abandoned at payment' }));
    const batch = waitingCommit('feat: one-page checkout form', 'main');
    const choices = naming.goalChoices(workOf(batch))!;
    assert.deepEqual(choices.options.map((option) => option.title), ['Docs people read', 'Faster checkout'], 'in the order the user set them');
    assert.equal(choices.selected, checkout.id);
    naming.save(batch, 'Checkout in one page', 'impact', choices.selected);
    assert.equal(store.goals.outcomesOf(checkout.id)[0].text, 'Checkout in one page');
    assert.deepEqual(store.goals.outcomesOf(docs.id), []);
  });

  test('the goal last linked on the branch wins over words; the goal linked elsewhere in the repository is no evidence', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const docs = written(store.changes.createGoal({ title: 'Docs people read' }));
    const first = waitingCommit('feat: checkout', 'feature/work');
    naming.save(first, 'Checkout in one page', 'impact', docs.id); // the person chose docs, whatever the words said
    now += 1000;
    const again = waitingCommit('feat: checkout again', 'feature/work');
    assert.equal(naming.goalChoices(workOf(again))!.selected, docs.id);
    naming.save(again, 'Checkout again', 'impact', null);
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: checkout once more', 'feature/work')))!.selected, docs.id, 'an untied line does not change the history');
    assert.equal(naming.goalChoices(workOf(waitingCommit('chore: tidy', 'feature/other')))!.selected, null);
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: faster checkout', 'feature/new')))!.selected, checkout.id, 'its words');
    written(store.changes.setGoalStatus(docs.id, 'completed'));
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: second page', 'feature/work')))!.selected, null, 'a closed goal is never suggested');
  });

  test('on the default branch, the goal of one outcome says nothing about the next', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    naming.save(waitingCommit('feat: one-page checkout', 'main'), 'Checkout in one page', 'impact', checkout.id);
    now += 1000;
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: dark mode', 'main')))!.selected, null);
    assert.equal(naming.goalChoices(workOf(waitingCommit('feat: dark mode', 'master')))!.selected, null, 'nor on another usual name of one');
  });

  test('nothing points to a goal: the input offers the goals with none selected', () => {
    written(store.changes.createGoal({ title: 'Faster checkout' }));
    const choices = naming.goalChoices(workOf(waitingCommit('chore: bump eslint', 'main')))!;
    assert.equal(choices.selected, null);
    assert.equal(choices.options.length, 1);
  });

  test('commits named together read the newest commit\'s branch, when it is a line of work, and every subject', () => {
    const work = workOfCommits('r1', [
      { branch: 'feature/a', subject: 'feat: one' },
      { branch: null, subject: 'fix: two' },
      { branch: 'feature/b', subject: 'docs: three' },
    ]);
    assert.deepEqual(work, { repoId: 'r1', branch: 'feature/b', words: ['feat: one', 'fix: two', 'docs: three'] });
    assert.equal(workOfCommits('r1', [{ branch: 'trunk', subject: 'feat: one' }]).branch, null);
    assert.equal(workOfCommits('r1', [{ branch: 'release', subject: 'feat: one' }], 'release').branch, null, 'the repository\'s own default branch');
  });

  test('one button cycles through each active goal in order, then no goal, then the first again', () => {
    const choices = { options: [{ id: 'g1', title: 'One' }, { id: 'g2', title: 'Two' }] };
    assert.deepEqual([nextGoal(choices, 'g1'), nextGoal(choices, 'g2'), nextGoal(choices, null)], ['g2', null, 'g1']);
    assert.equal(nextGoal({ options: [{ id: 'g1', title: 'One' }] }, 'gone'), 'g1', 'a goal closed meanwhile restarts the cycle');
  });

  test('a line added by hand suggests the goal its words share, as it is typed', () => {
    assert.equal(goalChoicesForLine(store, ''), undefined);
    const mentoring = written(store.changes.createGoal({ title: 'Grow the team by mentoring' }));
    const choices = goalChoicesForLine(store, '')!;
    assert.equal(choices.selected, null);
    assert.equal(choices.suggestFor!('Mentored Sam during his first on-call week'), null, '"mentored" is not "mentoring"');
    assert.equal(choices.suggestFor!('Mentoring session with Sam'), mentoring.id);
    assert.equal(goalChoicesForLine(store, 'More mentoring for Sam')!.selected, mentoring.id, 'a kept draft is read too');
  });
});

/**
 * A window on a real repository whose first look is over (what was there is history), asking
 * about every commit as it is made, on any branch, so that each one meets the input; its naming.
 */
async function namingOnARepository(cleanups: (() => void)[]): Promise<{ repo: TestRepo; window: Window; naming: NamingWorkflow }> {
  const repo = createTestRepo();
  const window = openWindow(undefined, { askWhen: 'eachCommit' });
  cleanups.push(() => repo.cleanup(), () => window.close());
  const state = new Map<string, unknown>();
  const naming = new NamingWorkflow(window.store, window.logger, { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key, value) => void state.set(key, value) });
  repo.commit('chore: start', { file: 'start.txt' });
  await window.scanner.scan(repo.root);
  return { repo, window, naming };
}

suite('a goal is suggested only on evidence', () => {
  const cleanups = cleanupsAfterEach();
  let repo: TestRepo;
  let window: Window;
  let naming: NamingWorkflow;

  setup(async () => {
    ({ repo, window, naming } = await namingOnARepository(cleanups));
  });

  /** Commits from a shell and scans, as the window would: the piece of work the input asks about. */
  const commit = async (subject: string, options: { date?: number } = {}): Promise<PendingBatch> => {
    const sha = repo.commit(subject, { file: `${subject.replace(/\W+/g, '-')}.txt`, ...options });
    await window.scanner.scan(repo.root);
    const batch = naming.waiting().find((candidate) => candidate.commits.some((recorded) => recorded.sha === sha));
    assert.ok(batch, `"${subject}" waits for a name`);
    return batch;
  };

  /** The goal the input shows for a piece of work, as it opens with its suggested line and kind (kind flipped when asked), or null for "No goal". */
  const shown = (batch: PendingBatch, kind = naming.suggestion(batch).kind): string | null => {
    const choices = naming.goalChoices(workOf(batch));
    return choices ? suggestedGoal(choices, kind, batch.draft ?? naming.suggestion(batch).text) : null;
  };

  /** Presses Enter in the input as it opened (the suggested line, kind and goal, Ctrl+G untouched, or `goal` picked); returns the goal the line was linked to. */
  const pressEnter = async (batch: PendingBatch, goal?: string | null): Promise<string | null> => {
    const { text, kind } = naming.suggestion(batch);
    const choices = naming.goalChoices(workOf(batch));
    const result = await savingWithChoices({ goals: choices, reach: naming.reachChoices() }, (choice) => async (line, lineKind) => naming.save(batch, line, lineKind, choice.goalId, choice.reach))(text, kind, goal);
    assert.equal(result, 'saved');
    return window.store.log.outcomesWithChildren(0, Number.MAX_SAFE_INTEGER).find((outcome) => outcome.text === text)!.goalId;
  };

  test('after one outcome is linked to a goal, later outcomes in the repository are not suggested it', async () => {
    const routing = written(window.store.changes.createGoal({ title: 'Faster routing', why: 'Requests wait on the route table' }));
    const first = await commit('feat(router): cache the route table');
    assert.equal(shown(first), routing.id, 'its words are the goal\'s');
    assert.equal(await pressEnter(first), routing.id);
    for (const subject of ['chore: update CI node versions', 'docs: fix typo', 'feat: dark mode for the settings page']) {
      const later = await commit(subject);
      assert.equal(shown(later), null, `"${subject}" says "No goal"`);
      assert.equal(await pressEnter(later), null, `Enter links "${subject}" to no goal`);
    }
    assert.equal(window.store.goals.outcomesOf(routing.id).length, 1, 'the goal counts only the work that moved it');
  });

  test('with goals "Faster routing" and "Better docs", a docs commit is suggested "Better docs" or none, never "Faster routing"', async () => {
    const routing = written(window.store.changes.createGoal({ title: 'Faster routing', why: 'Requests wait on the route table' }));
    const docs = written(window.store.changes.createGoal({ title: 'Better docs', why: 'New users set up alone on day one' }));
    assert.equal(await pressEnter(await commit('perf(routing): faster route table lookup')), routing.id);
    const guide = await commit('docs: explain the setup for new users');
    assert.equal(shown(guide), null, 'documentation reads as routine, and routine work moves no goal unless the person says so');
    assert.equal(shown(guide, 'impact'), docs.id, 'counted as shipped impact, its words are the docs goal\'s');
    assert.notEqual(naming.goalChoices(workOf(guide))!.selected, routing.id);
  });

  test('a branch whose earlier outcome was linked to a goal suggests it for the branch\'s next outcome, and only there', async () => {
    const routing = written(window.store.changes.createGoal({ title: 'Faster routing' }));
    repo.git('checkout', '-q', '-b', 'feature/ABC-7-cleanup');
    assert.equal(shown(await commit('feat: first piece')), null, 'nothing points to a goal yet');
    assert.equal(await pressEnter(await commit('feat: second piece'), routing.id), routing.id, 'the person picked it');
    assert.equal(shown(await commit('feat: third piece')), routing.id, 'the branch\'s own outcome is evidence');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'feature/other');
    assert.equal(shown(await commit('feat: something else')), null, 'another branch of the same repository is not');
  });

  test('routine work is never suggested a goal, even when its words match, and Enter links it to none unless the person picks one', async () => {
    const routing = written(window.store.changes.createGoal({ title: 'Faster routing', why: 'Requests wait on the route table' }));
    const tests = await commit('test: cover the route table cache');
    assert.equal(naming.suggestion(tests).kind, 'routine');
    assert.equal(shown(tests), null);
    assert.equal(shown(tests, 'impact'), routing.id, 'toggled to shipped impact, its words count again');
    assert.equal(await pressEnter(tests), null);
    assert.equal(await pressEnter(await commit('ci: route table benchmarks on every push'), routing.id), routing.id, 'a goal the person picked is kept');
  });

  test('a stalled goal stays stalled when only upkeep is named after its last outcome', async () => {
    const day = 86_400_000;
    const routing = written(window.store.changes.createGoal({ title: 'Faster routing', why: 'Requests wait on the route table' }));
    const first = await commit('feat(router): cache the route table');
    assert.equal(await pressEnter(first), routing.id);
    const monthLater = BASE_DATE_SECONDS + 30 * 86_400;
    await pressEnter(await commit('chore: bump dependencies', { date: monthLater }));
    await pressEnter(await commit('chore(router): tidy the route table imports', { date: monthLater + 60 }));
    const now = monthLater * 1000 + day;
    const [progress] = window.store.goals.progress({ from: now - 7 * day, to: now }, { from: now - 90 * day, to: now });
    assert.equal(progress.lastProgressAt, first.commits[0].authorTime);
    assert.ok(isStalled(progress, now), 'no progress for four weeks, whatever upkeep was named since');
  });
});

suite('who a line being named reached', () => {
  const cleanups = cleanupsAfterEach();
  let repo: TestRepo;
  let window: Window;
  let naming: NamingWorkflow;

  setup(async () => {
    ({ repo, window, naming } = await namingOnARepository(cleanups));
  });

  /** Commits and scans; then Enter in the input as it opened, with `reach` pressed to (left out: untouched); the saved outcome's reach. */
  const nameWith = async (subject: string, line: string, options: { kind?: 'impact' | 'routine'; goal?: string | null; reach?: Reach | null } = {}) => {
    const sha = repo.commit(subject, { file: `${subject.replace(/\W+/g, '-')}.txt` });
    await window.scanner.scan(repo.root);
    const batch = naming.waiting().find((candidate) => candidate.commits.some((recorded) => recorded.sha === sha))!;
    const goals = naming.goalChoices(workOf(batch));
    const result = await savingWithChoices({ goals, reach: naming.reachChoices() }, (choice) => async (text, kind) => naming.save(batch, text, kind, choice.goalId, choice.reach))(line, options.kind ?? 'impact', options.goal, options.reach);
    assert.equal(result, 'saved');
    return window.store.log.outcomesWithChildren(0, Number.MAX_SAFE_INTEGER).find((outcome) => outcome.text === line)!.reach ?? null;
  };

  test('Enter saves the reach the line\'s words suggest, and none when they name nobody', async () => {
    assert.equal(await nameWith('feat: retry payments', 'Checkout retries failed payments for customers'), 'users');
    assert.equal(await nameWith('feat: runbook', 'Wrote the on-call runbook for the team'), 'team');
    assert.equal(await nameWith('feat: cache', 'Route table cached at start'), null, 'no words of reach: none, rather than a guess');
  });

  test('a reach the person chose is saved, none included; routine activity carries none whatever was chosen', async () => {
    assert.equal(await nameWith('feat: retry payments', 'Checkout retries failed payments for customers', { reach: 'organisation' }), 'organisation');
    assert.equal(await nameWith('feat: refunds', 'Refunds in one click for customers', { reach: null }), null);
    assert.equal(await nameWith('chore: bump deps', 'Dependencies current for customers', { kind: 'routine', reach: 'users' }), null);
  });

  test('with no words of its own, the line takes the reach its goal\'s words name: the goal shown, or the one the person picked', async () => {
    const platform = written(window.store.changes.createGoal({ title: 'Paved road for other teams', why: 'Every team deploys the same way' }));
    const checkout = written(window.store.changes.createGoal({ title: 'Faster checkout', why: 'Customers leave at payment' }));
    assert.equal(await nameWith('feat: deploy template', 'Deploy template in one file', { goal: platform.id }), 'teams');
    assert.equal(await nameWith('feat: one page', 'One-page form', { goal: checkout.id }), 'users');
    assert.equal(await nameWith('feat: one step', 'One-step form', { goal: null }), null);
    const choices = naming.reachChoices();
    assert.equal(choices.suggestFor('One-page form', 'impact', checkout.id), 'users');
    assert.equal(choices.suggestFor('Demo for the whole company', 'impact', checkout.id), 'organisation', 'the line\'s own words come first');
    assert.equal(choices.suggestFor('One-page form', 'routine', checkout.id), undefined);
  });
});
