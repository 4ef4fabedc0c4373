import * as vscode from 'vscode';
import { calendarIn } from '../core/calendar';
import type { Goal, GoalStatus } from '../core/domain';
import type { Logger } from '../core/logger';
import * as l10n from '../core/l10n';
import { goalTitleProblem, goalWhyProblem, targetDayProblem } from '../core/goalFields';
import { focusAdvice, goalName } from '../goals/goalsOverview';
import { Commands, StateKeys } from '../ids';
import { GoalDraftTargets } from '../storage/goals';
import type { GoalInput, Store } from '../storage/store';
import type { CommandTable } from './commands';
import type { GoalsNode } from './goalsTree';
import { vscodeGoalSurface, type GoalOption, type GoalSurface } from './goalSurface';
import type { LogNode } from './logTree';
import type { Notices } from './notices';
import { changeGoalInOpenInput, savedMessage } from './promptSurface';

type GoalNode = Extract<GoalsNode, { type: 'goal' }>;

/** A row of either view that holds an outcome: the Weekly Log's, or the Goals view's. */
type OutcomeRow = Extract<LogNode, { type: 'outcome' }> | Extract<GoalsNode, { type: 'goalOutcome' }>;

type Field = 'title' | 'why' | 'targetDay';

const FIELDS: readonly Field[] = ['title', 'why', 'targetDay'];

/** What the goal form says for each field, in the user's language; a target day is set on `today`, over the goal's day so far. */
function fieldRequest(field: Field, targetDay: { today: string; current: string | null }): { placeholder: string; prompt: string; problem: (value: string) => string | undefined } {
  switch (field) {
    case 'title':
      return {
        placeholder: vscode.l10n.t('What you want to move forward, e.g. "Checkout converts 5% better by March"'),
        prompt: vscode.l10n.t('The goal, in one line. Three to five goals is the advice. Escape keeps what you typed.'),
        problem: goalTitleProblem,
      };
    case 'why':
      return {
        placeholder: vscode.l10n.t('Why it matters (optional)'),
        prompt: vscode.l10n.t('Why it matters, in one line; or leave it empty and press Enter.'),
        problem: goalWhyProblem,
      };
    case 'targetDay':
      return {
        placeholder: vscode.l10n.t('Target day, YYYY-MM-DD (optional)'),
        prompt: vscode.l10n.t('The day it should be done by, e.g. 2027-03-31; or leave it empty and press Enter to save.'),
        problem: (value) => targetDayProblem(value, targetDay),
      };
  }
}

/** The Goals view's commands: add, edit, complete, drop, restore; link outcomes (several at once); change the goal in the outcome input. */
export class GoalCommands {
  surface: GoalSurface = vscodeGoalSurface;

  constructor(
    private readonly store: Store,
    private readonly globalState: vscode.Memento,
    private readonly notices: Notices,
    private readonly logger: Logger,
  ) {}

  commands(): CommandTable {
    return {
      [Commands.addGoal]: () => this.add(),
      [Commands.editGoal]: (node?: GoalNode) => this.withGoal(node, ['active', 'completed', 'dropped'], vscode.l10n.t('Edit which goal?'), (goal) => this.edit(goal)),
      [Commands.completeGoal]: (node?: GoalNode) => this.withGoal(node, ['active'], vscode.l10n.t('Complete which goal?'), (goal) => this.setStatus(goal, 'completed')),
      [Commands.dropGoal]: (node?: GoalNode) => this.withGoal(node, ['active'], vscode.l10n.t('Drop which goal?'), (goal) => this.setStatus(goal, 'dropped')),
      [Commands.restoreGoal]: (node?: GoalNode) => this.withGoal(node, ['completed', 'dropped'], vscode.l10n.t('Restore which goal?'), (goal) => this.setStatus(goal, 'active')),
      [Commands.linkToGoal]: (node?: OutcomeRow, selected?: readonly (LogNode | GoalsNode)[]) => this.link(node, selected),
      [Commands.nextGoal]: () => changeGoalInOpenInput(),
    };
  }

  /** Runs `action` on the goal of a row, or, from the Command Palette, on one picked among `statuses`. */
  private async withGoal(node: GoalNode | undefined, statuses: readonly GoalStatus[], question: string, action: (goal: Goal) => unknown): Promise<void> {
    const goal = node?.type === 'goal' ? this.store.goals.goal(node.progress.goal.id) : await this.pickGoal(statuses, question);
    if (!goal) {
      if (node) void vscode.window.showInformationMessage(vscode.l10n.t('That goal no longer exists, perhaps it was changed in another window.'));
      return;
    }
    await action(goal);
  }

  private async pickGoal(statuses: readonly GoalStatus[], question: string): Promise<Goal | undefined> {
    const goals = this.store.goals.list(statuses);
    if (goals.length === 0) {
      void vscode.window.showInformationMessage(
        statuses.includes('active') ? vscode.l10n.t('There is no goal yet: add one with "Progress Log: Add a Goal…".') : vscode.l10n.t('No goal is completed or dropped.'),
      );
      return undefined;
    }
    const id = await this.surface.pickGoal({
      title: vscode.l10n.t('Goals'),
      placeholder: question,
      options: goals.map((goal) => ({
        goalId: goal.id,
        label: goal.title,
        description: goal.status === 'active' ? (goal.why ?? undefined) : goal.status === 'completed' ? vscode.l10n.t('completed') : vscode.l10n.t('dropped'),
      })),
    });
    return id ? this.store.goals.goal(id) : undefined;
  }

  private async add(): Promise<void> {
    const input = await this.askGoal(null, vscode.l10n.t('Add a goal'));
    if (!input) return;
    const added = this.store.changes.createGoal(input);
    this.forgetDrafts(null);
    this.logger.info(`Goal ${added.state === 'saved' ? `added: ${added.value.id} ${goalName(added.value)}` : 'kept until the database is free'}`);
    vscode.window.setStatusBarMessage(`$(target) ${savedMessage(added.state, vscode.l10n.t('Goal added: {0}', input.title))}`, 3000);
    this.adviseFocus();
  }

  private async edit(goal: Goal): Promise<void> {
    const input = await this.askGoal(goal, vscode.l10n.t('Edit goal {0}', goalName(goal)));
    if (!input) return;
    const { state } = this.store.changes.editGoal(goal.id, input);
    this.forgetDrafts(goal.id);
    this.logger.info(`Goal edited: ${goal.id}${state === 'kept' ? ' (kept until the database is free)' : ''}`);
    vscode.window.setStatusBarMessage(`$(target) ${savedMessage(state, vscode.l10n.t('Goal saved: {0}', input.title))}`, 3000);
  }

  private setStatus(goal: Goal, status: GoalStatus): void {
    const { state } = this.store.changes.setGoalStatus(goal.id, status);
    this.logger.info(`Goal ${goal.id} ${status === 'active' ? 'restored' : status}${state === 'kept' ? ' (kept until the database is free)' : ''}`);
    const done =
      status === 'active' ? vscode.l10n.t('Goal restored: {0}', goal.title) : status === 'completed' ? vscode.l10n.t('Goal completed: {0}', goal.title) : vscode.l10n.t('Goal dropped: {0}', goal.title);
    vscode.window.setStatusBarMessage(`$(${status === 'completed' ? 'pass' : 'target'}) ${savedMessage(state, done)}`, 3000);
    if (status === 'active') this.adviseFocus();
  }

  /**
   * The goal form: title, why it matters, target day, one line each, with Back. What was typed is
   * kept per field as a draft: Escape at any step loses nothing, and the next time starts there.
   */
  private async askGoal(goal: Goal | null, title: string): Promise<GoalInput | undefined> {
    const goalId = goal?.id ?? null;
    const initial: Record<Field, string> = { title: goal?.title ?? '', why: goal?.why ?? '', targetDay: goal?.targetDay ?? '' };
    const values = { ...initial };
    for (const field of FIELDS) values[field] = this.store.drafts.get(GoalDraftTargets.field(goalId, field)) ?? initial[field];
    let step = 0;
    while (step < FIELDS.length) {
      const field = FIELDS[step];
      const { placeholder, prompt, problem } = fieldRequest(field, { today: today(), current: goal?.targetDay ?? null });
      const keepDraft = (value: string) =>
        this.notices.guardQuietly('draft', () => this.store.drafts.set(GoalDraftTargets.field(goalId, field), value !== initial[field] ? value : null));
      const answer = await this.surface.askField({
        title,
        step: step + 1,
        totalSteps: FIELDS.length,
        value: values[field],
        placeholder,
        prompt,
        problem,
        keepDraft,
        canGoBack: step > 0,
      });
      if (answer === undefined) return undefined;
      if (answer === 'back') {
        step--;
        continue;
      }
      values[field] = answer.value;
      keepDraft(answer.value);
      step++;
    }
    return { title: values.title, why: values.why, targetDay: values.targetDay };
  }

  private forgetDrafts(goalId: string | null): void {
    for (const field of FIELDS) this.notices.guardQuietly('draft', () => this.store.drafts.set(GoalDraftTargets.field(goalId, field), null));
  }

  /** Past five active goals, says once that focus beats a long list. Never refuses a goal. */
  private adviseFocus(): void {
    const advice = focusAdvice(this.store.goals.activeCount());
    if (!advice || this.globalState.get<boolean>(StateKeys.goalFocusAdviceGiven)) return;
    void this.globalState.update(StateKeys.goalFocusAdviceGiven, true);
    this.logger.info('Said once that focus beats a long list of goals');
    this.surface.tell(advice);
  }

  /**
   * Links the outcomes of the selected rows (or of the row clicked, when it is not part of the
   * selection) to a goal picked among the active ones, or ties them to none.
   */
  private async link(node: OutcomeRow | undefined, selected: readonly (LogNode | GoalsNode)[] | undefined): Promise<void> {
    const rows = selected?.length && (!node || selected.includes(node)) ? selected : node ? [node] : [];
    const outcomes = [...new Map(rows.flatMap(outcomeOf).map((outcome) => [outcome.id, outcome])).values()];
    if (outcomes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select one or more outcomes in the Weekly Log or the Goals view, then link them to a goal.'));
      return;
    }
    const current = new Set(outcomes.map((outcome) => outcome.goalId));
    const shared = current.size === 1 ? [...current][0] : undefined;
    const active = this.store.goals.list(['active']);
    const options: GoalOption[] = [
      ...active.map((goal) => ({ goalId: goal.id, label: `$(target) ${goal.title}`, description: goal.id === shared ? vscode.l10n.t('linked now') : (goal.why ?? undefined) })),
      {
        goalId: null,
        label: `$(circle-slash) ${vscode.l10n.t('No goal')}`,
        description: shared === null ? vscode.l10n.t('none now') : vscode.l10n.t('not tied to a goal (that is fine)'),
      },
    ];
    const goalId = await this.surface.pickGoal({
      title: outcomes.length === 1 ? vscode.l10n.t('Link “{0}” to a goal', outcomes[0].text) : l10n.plural(outcomes.length, 'Link {0} outcome to a goal', 'Link {0} outcomes to a goal'),
      placeholder: active.length ? vscode.l10n.t('Which goal does it move forward?') : vscode.l10n.t('There is no active goal: add one from the Goals view, or tie it to none'),
      options,
    });
    if (goalId === undefined) return;
    const linked = this.store.changes.linkOutcomes(
      outcomes.map((outcome) => outcome.id),
      goalId,
    );
    const goal = goalId ? this.store.goals.goal(goalId) : undefined;
    this.logger.info(`Linked ${linked.state === 'saved' ? linked.value : 'all (kept until the database is free)'} of ${outcomes.length} outcome(s) to ${goalId ?? 'no goal'}`);
    vscode.window.setStatusBarMessage(
      savedMessage(
        linked.state,
        goal
          ? `$(target) ${l10n.plural(outcomes.length, '{0} outcome linked to {1}', '{0} outcomes linked to {1}', goal.title)}`
          : l10n.plural(outcomes.length, '{0} outcome tied to no goal', '{0} outcomes tied to no goal'),
      ),
      3000,
    );
  }
}

/** Today in the user's calendar (the time zone the Goals view shows days in), YYYY-MM-DD. */
function today(): string {
  return calendarIn(Intl.DateTimeFormat().resolvedOptions().timeZone).isoDate(Date.now());
}

/** The outcome a row holds, if it holds one. */
function outcomeOf(node: LogNode | GoalsNode): { id: string; text: string; goalId: string | null }[] {
  if (node.type === 'outcome' || node.type === 'goalOutcome') return [node.outcome];
  return [];
}
