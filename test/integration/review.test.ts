import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MemoryLogger } from '../support/memoryLogger';
import type { ProgressLogTestApi } from '../../src/extension';
import { weekOf } from '../../src/core/weeks';
import { Commands, SETTINGS_SECTION, Settings } from '../../src/ids';
import type { ReviewModel, ToPage } from '../../src/review/messages';
import { Store } from '../../src/storage/store';
import type { LogNode } from '../../src/vscode/logTree';
import type { ReviewPanelHandle } from '../../src/vscode/reviewPanel';
import { commitFromTerminal, eventually, progressLog, query, ScriptedPerson, workspaceRoot } from './helpers';
import { written } from '../support/written';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const options = () => ({ weekStart: 'monday' as const, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });

/** Writes to the shared database as another program would (for resetting machine-local state). */
function write(databaseFile: string, sql: string): void {
  const db = new Database(databaseFile);
  try {
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

async function setReviewSettings(values: Record<string, unknown>): Promise<void> {
  const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  for (const [key, value] of Object.entries(values)) await section.update(key, value, vscode.ConfigurationTarget.Global);
}

suite('the weekly review in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let other: Store;

  const panel = (): ReviewPanelHandle => {
    const handle = api.reviews.handle;
    assert.ok(handle, 'a review panel is open');
    return handle;
  };
  /** The newest model the panel sent to its webview after `since` messages. */
  const modelAfter = (since: number) =>
    eventually('a model sent to the webview', () => {
      const found = panel().posted.slice(since).filter((message): message is Extract<ToPage, { type: 'model' }> => message.type === 'model');
      return found.length ? found[found.length - 1].model : undefined;
    });
  const freshModel = async (): Promise<ReviewModel> => {
    const since = panel().posted.length;
    await panel().receive({ type: 'ready' });
    return modelAfter(since);
  };
  const children = async (node?: LogNode) => api.tree.getChildren(node);
  const label = (node: LogNode) => String(api.tree.getTreeItem(node).label);

  suiteSetup(async () => {
    api = await progressLog();
    other = Store.open(api.databaseFile, { logger: new MemoryLogger() });
  });

  suiteTeardown(async () => {
    await setReviewSettings({ [Settings.reviewNudgeDay]: undefined, [Settings.reviewNudgeTime]: undefined, [Settings.reviewWorkingDays]: undefined, [Settings.reviewWorkingHours]: undefined });
    api.nudge.surface = { ask: async () => undefined };
    other.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('with the nudge set to now, one notification asks to review this week; "Later" opens nothing and is remembered', async () => {
    write(api.databaseFile, 'DELETE FROM nudges');
    const asked: string[] = [];
    api.nudge.surface = { ask: async (message) => (asked.push(message), 'later') };
    // Activity today: typing in an editor.
    const document = await vscode.workspace.openTextDocument({ content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'notes'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await setReviewSettings({
      [Settings.reviewWorkingDays]: WEEKDAYS,
      [Settings.reviewWorkingHours]: '00:00-24:00',
      [Settings.reviewNudgeTime]: '00:00',
      [Settings.reviewNudgeDay]: WEEKDAYS[new Date().getDay()],
    });
    await eventually('the nudge', () => (asked.length ? true : undefined));
    assert.match(asked[0], /^This week: \d+ shipped, \d+ routine, \d+ waiting\. Review it\?$/);
    await eventually('the answer remembered', () => (query<{ answer: string }>(api.databaseFile, 'SELECT answer FROM nudges')[0]?.answer === 'later' ? true : undefined));
    assert.equal(api.reviews.handle, undefined, 'nothing opened');
    api.nudge.reconsider();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(asked.length, 1, '"Later" waits for the next working day');
  });

  test('when the nudge comes, "Review" opens this week\'s review, once a week', async () => {
    write(api.databaseFile, 'DELETE FROM nudges');
    const asked: string[] = [];
    api.nudge.surface = { ask: async (message) => (asked.push(message), 'review') };
    api.nudge.reconsider();
    await eventually('the nudge', () => (asked.length ? true : undefined));
    await eventually('the review panel', () => api.reviews.handle);
    assert.equal(panel().week.start, weekOf(Date.now(), options()).start);
    assert.deepEqual(
      query<{ answer: string }>(api.databaseFile, 'SELECT answer FROM nudges').map((row) => row.answer),
      ['review'],
    );
    api.nudge.reconsider();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(asked.length, 1, 'once a week');
  });

  test('the webview page loads under its Content-Security-Policy and asks for the week itself', async () => {
    await vscode.commands.executeCommand(Commands.reviewWeek);
    await eventually('the page\'s own "ready"', () => (panel().heard.includes('ready') ? true : undefined));
    const model = await modelAfter(0);
    assert.equal(model.week.label, 'This week');
    assert.ok(Array.isArray(model.signals) && model.signals.every((signal) => typeof signal === 'string'), 'the signals that changed this week, one sentence each');
  });

  test('a waiting commit is named in the panel under the prompt\'s rules', async () => {
    api.setPromptSurface(new ScriptedPerson(() => undefined));
    const sha = commitFromTerminal(workspaceRoot(), 'feat: export invoices as CSV');
    await eventually('the waiting commit', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'pending'", sha)[0]);
    const card = await eventually('the commit in the panel', async () => (await freshModel()).waiting.find((candidate) => candidate.title === 'feat: export invoices as CSV'));
    assert.equal(card.value, 'Export invoices as CSV', 'the suggestion the prompt offers');
    let since = panel().posted.length;
    await panel().receive({ type: 'name', key: card.key, text: 'Finance\ngets CSV', kind: 'impact', goalId: null });
    assert.deepEqual(panel().posted.slice(since).find((message) => message.type === 'result'), {
      type: 'result',
      action: 'name',
      target: card.key,
      ok: false,
      problem: 'Keep it to one line: what moved forward, and why it matters.',
    });
    since = panel().posted.length;
    await panel().receive({ type: 'name', key: card.key, text: 'Finance closes the month a day sooner with CSV invoices', kind: 'impact', goalId: null });
    assert.equal(panel().posted.slice(since).find((message) => message.type === 'result')?.ok, true);
    const [{ text }] = await eventually('the outcome', () => {
      const rows = query<{ text: string }>(api.databaseFile, 'SELECT o.text FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE c.sha = ?', sha);
      return rows.length ? rows : undefined;
    });
    assert.equal(text, 'Finance closes the month a day sooner with CSV invoices');
    const refreshed = await modelAfter(since);
    assert.ok(!refreshed.waiting.some((candidate) => candidate.key === card.key), 'the panel follows the log');
  });

  test('a waiting commit named in the panel links the goal its card shows; a goal no longer active is refused in one sentence and nothing is named', async () => {
    const goal = written(other.changes.createGoal({ title: 'Finance self-serve' }));
    const dropped = written(other.changes.createGoal({ title: 'Quarterly billing' }));
    written(other.changes.setGoalStatus(dropped.id, 'dropped'));
    try {
      api.setPromptSurface(new ScriptedPerson(() => undefined));
      const sha = commitFromTerminal(workspaceRoot(), 'feat: invoices for finance as PDF');
      const card = await eventually('the commit in the panel', async () => (await freshModel()).waiting.find((candidate) => candidate.title === 'feat: invoices for finance as PDF'));
      assert.equal(card.goalId, goal.id, 'the goal the prompt would offer: the work names it');
      let asked = panel().posted.length;
      await panel().receive({ type: 'goalFor', key: card.key, text: 'Invoices as PDF' });
      assert.deepEqual(panel().posted.slice(asked).find((message) => message.type === 'goal'), { type: 'goal', key: card.key, goalId: goal.id }, 'the work still names it');
      asked = panel().posted.length;
      await panel().receive({ type: 'goalFor', key: 'group:gone', text: 'Invoices as PDF' });
      assert.deepEqual(panel().posted.slice(asked).find((message) => message.type === 'goal'), { type: 'goal', key: 'group:gone', goalId: null });
      let since = panel().posted.length;
      await panel().receive({ type: 'name', key: card.key, text: 'Finance sends invoices as PDF themselves', kind: 'impact', goalId: dropped.id });
      assert.deepEqual(panel().posted.slice(since).find((message) => message.type === 'result'), {
        type: 'result',
        action: 'name',
        target: card.key,
        ok: false,
        problem: 'That goal is no longer active, perhaps changed in another window: pick another goal or none.',
      });
      assert.ok((await freshModel()).waiting.some((candidate) => candidate.key === card.key), 'still waiting');
      since = panel().posted.length;
      await panel().receive({ type: 'name', key: card.key, text: 'Finance sends invoices as PDF themselves', kind: 'impact', goalId: goal.id });
      assert.equal(panel().posted.slice(since).find((message) => message.type === 'result')?.ok, true);
      const [row] = await eventually('the outcome', () => {
        const rows = query<{ goal_id: string | null }>(api.databaseFile, 'SELECT o.goal_id FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE c.sha = ?', sha);
        return rows.length ? rows : undefined;
      });
      assert.equal(row.goal_id, goal.id);
    } finally {
      written(other.changes.setGoalStatus(goal.id, 'dropped'));
    }
  });

  test('unsaved answers are kept as a draft: closing and reopening the panel brings them back', async () => {
    await panel().receive({ type: 'form', form: { answers: { movedForward: 'Invoices export', busyWork: null, nextFocus: null }, highlights: [] } });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('the panel closed', () => (api.reviews.handle ? undefined : true));
    await vscode.commands.executeCommand(Commands.reviewWeek);
    const model = await freshModel();
    assert.deepEqual([model.form.from, model.form.answers.movedForward], ['draft', 'Invoices export']);
  });

  test('saving stores the review; the week row says "reviewed", with the highlight and answers under it', async () => {
    const outcome = written(other.changes.createOutcome({ text: 'Support answers refund questions from one page', kind: 'impact', source: 'manual' }));
    const model = await eventually('the outcome among the candidates', async () => ((await freshModel()).candidates.some((candidate) => candidate.id === outcome.id) ? freshModel() : undefined));
    const since = panel().posted.length;
    await panel().receive({ type: 'save', form: { answers: { ...model.form.answers, nextFocus: 'Refunds for every shop' }, highlights: [outcome.id] } });
    assert.equal(panel().posted.slice(since).find((message) => message.type === 'result')?.ok, true);
    const [review] = query<{ id: string; moved_forward: string; next_focus: string }>(api.databaseFile, 'SELECT id, moved_forward, next_focus FROM reviews WHERE week_start = ?', panel().week.start);
    assert.deepEqual([review.moved_forward, review.next_focus], ['Invoices export', 'Refunds for every shop']);
    assert.deepEqual(query(api.databaseFile, 'SELECT outcome_id FROM review_highlights WHERE review_id = ?', review.id), [{ outcome_id: outcome.id }]);
    assert.deepEqual(query(api.databaseFile, "SELECT 1 FROM drafts WHERE target LIKE 'review:%'"), [], 'the draft went with the save');

    const thisWeek = await eventually('the reviewed week row', async () => (await children()).find((node) => /reviewed/.test(String(api.tree.getTreeItem(node).description))));
    assert.equal(label(thisWeek), 'This week');
    // At the top of the week: its plan when it has one (other suites plan this week), then "Reviewed".
    const top = await children(thisWeek);
    const reviewed = top.find((node) => node.type === 'review')!;
    assert.deepEqual(top.slice(0, top.indexOf(reviewed) + 1).map((node) => node.type).filter((type) => type !== 'plan'), ['review']);
    assert.equal(label(reviewed), 'Reviewed');
    assert.equal(api.tree.getTreeItem(reviewed).command?.command, Commands.reviewWeek);
    assert.deepEqual((await children(reviewed)).map(label), ['Support answers refund questions from one page', 'Moved forward: Invoices export', 'Next week: Refunds for every shop']);
    assert.equal(api.tree.getTreeItem((await children(reviewed))[0]).contextValue, 'outcome.impact', 'a highlight is an outcome row, with its menu');
  });

  test('Review Week… from a week row of the Weekly Log opens that week', async () => {
    const lastWeek = (await children()).find((node) => label(node) === 'Last week')!;
    await vscode.commands.executeCommand(Commands.reviewWeek, lastWeek);
    assert.equal(panel().week.start, (lastWeek as Extract<LogNode, { type: 'week' }>).week.start);
    assert.equal((await freshModel()).week.label, 'Last week');
  });

  test('a day that is not on the calendar is refused and the panel stays on its week', async () => {
    const before = panel().week.start;
    await vscode.commands.executeCommand(Commands.reviewWeek, { day: '2026-02-30' });
    assert.equal(panel().week.start, before);
  });

  test('Export for 1:1 of this week leads with the highlight and next week\'s focus', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.exportOneOnOne, { range: 'thisWeek', destination: 'editor' });
    const text = document.getText();
    assert.match(text, /^# Progress: [^\n]+\n\n## Highlights\n\n- Support answers refund questions from one page\n\n## Next week's focus\n\n- Refunds for every shop\n\n## Shipped impact\n/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the review plans the next week, settles this week\'s plan, marks a first and says who outcomes reached, each saved as it is clicked', async () => {
    await vscode.commands.executeCommand(Commands.reviewWeek);
    const week = panel().week;
    const nextWeek = weekOf(week.end + 1, options()).start;
    const since = panel().posted.length;
    const results = () => panel().posted.slice(since).filter((message): message is Extract<ToPage, { type: 'result' }> => message.type === 'result');
    const planned = ['Refunds in one click for every shop', 'Search answers in under 200 ms', 'On-call runbook the team trusts'];
    for (const text of planned) await panel().receive({ type: 'planAdd', text, goalId: null, dueDay: null });
    assert.deepEqual(query<{ text: string }>(api.databaseFile, 'SELECT text FROM plan_items WHERE week_start = ? ORDER BY position', nextWeek).map((row) => row.text), planned);
    const item = written(other.changes.addPlanItem({ weekStart: week.start, text: 'Invoices export for finance' }));
    await panel().receive({ type: 'planSettle', id: item.id, state: 'landed' });
    assert.equal(other.plans.item(item.id)?.state, 'landed');
    const [one, two] = ['Finance exports invoices as CSV for every customer', 'Support answers refunds from one page'].map((text) => written(other.changes.createOutcome({ text, kind: 'impact', source: 'manual' })));
    await panel().receive({ type: 'first', id: two.id, first: true });
    await panel().receive({ type: 'reach', ids: [one.id, two.id], reach: 'users' });
    assert.deepEqual([other.outcomes.outcome(one.id)?.reach, other.outcomes.outcome(two.id)?.reach, other.outcomes.outcome(two.id)?.first], ['users', 'users', true]);
    await panel().receive({ type: 'reach', ids: [one.id], reach: 'everyone' as never });
    assert.equal(other.outcomes.outcome(one.id)?.reach, 'users', 'a reach the page made up changes nothing');
    assert.deepEqual(
      results().map((result) => [result.action, result.ok, result.problem ?? null]),
      [...planned.map(() => ['plan', true, null]), ['plan', true, null], ['first', true, null], ['reach', true, null], ['reach', false, 'That is not a reach an outcome can have.']],
    );
    const model = await freshModel();
    assert.deepEqual(model.plan.nextWeek.map((card) => card.text), planned);
    assert.equal(model.candidates.find((card) => card.id === one.id)?.reach, 'users');
    for (const outcome of [one, two]) written(other.changes.deleteOutcome(outcome.id));
    for (const each of other.plans.ofWeek(nextWeek)) written(other.changes.settlePlanItem(each.id, 'dropped'));
  });
});
