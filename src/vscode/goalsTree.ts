import * as vscode from 'vscode';
import { calendarIn } from '../core/calendar';
import type { Goal, Outcome } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import { goalCountsText, goalDescription, goalDetails, goalTargetText, isStalled, type GoalsOverview } from '../goals/goalsOverview';
import { Commands, GoalNodeIds, ItemContexts } from '../ids';
import type { GoalProgress } from '../storage/store';
import { Disposable } from './lifecycle';
import * as rows from './rowLabels';

export type GoalsNode =
  | { type: 'goal'; progress: GoalProgress }
  | { type: 'why'; goal: Goal }
  | { type: 'fact'; goal: Goal; fact: 'stalled' | 'counts' | 'target'; text: string }
  | { type: 'goalOutcome'; outcome: Outcome; parentId: string }
  | { type: 'untied'; outcomes: Outcome[] }
  | { type: 'closedGoals'; goals: GoalProgress[] }
  | { type: 'noActiveGoal' };

/**
 * The Goals view: each active goal with when it last moved beside its title (or that it stalled),
 * and under it why it matters, its outcomes this week and this quarter, its target day and its
 * outcomes, newest first: one fact a row, so that a narrow sidebar cuts none of them. Then this
 * week's outcomes no goal claims, and completed and dropped goals in a collapsed group of their
 * own. Read afresh on every refresh.
 */
export class GoalsTreeProvider extends Disposable implements vscode.TreeDataProvider<GoalsNode> {
  private readonly changed = this.register(new vscode.EventEmitter<GoalsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly overview: GoalsOverview,
    private readonly timeZone: () => string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: GoalsNode): GoalsNode[] {
    try {
      return this.childrenOf(node);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
      void vscode.window.showErrorMessage(vscode.l10n.t('Progress Log could not read the goals ({0}); see the Progress Log output.', errorMessage(error)));
      return [];
    }
  }

  private childrenOf(node?: GoalsNode): GoalsNode[] {
    if (!node) {
      // No goal ever set: an empty tree lets VS Code show the view's welcome (viewsWelcome).
      if (this.overview.isEmpty()) return [];
      const active = this.overview.active();
      const nodes: GoalsNode[] = active.length ? active.map((progress) => ({ type: 'goal', progress })) : [{ type: 'noActiveGoal' }];
      const untied = this.overview.untiedThisWeek();
      if (untied.length) nodes.push({ type: 'untied', outcomes: untied });
      const closed = this.overview.closed();
      if (closed.length) nodes.push({ type: 'closedGoals', goals: closed });
      return nodes;
    }
    switch (node.type) {
      case 'goal': {
        const { goal } = node.progress;
        const parentId = GoalNodeIds.goal(goal);
        return [...goalFacts(node.progress, this.now(), this.timeZone()), ...this.overview.outcomesOf(goal.id).map((outcome): GoalsNode => ({ type: 'goalOutcome', outcome, parentId }))];
      }
      case 'untied':
        return node.outcomes.map((outcome) => ({ type: 'goalOutcome', outcome, parentId: GoalNodeIds.untied }));
      case 'closedGoals':
        return node.goals.map((progress) => ({ type: 'goal', progress }));
      default:
        return [];
    }
  }

  getTreeItem(node: GoalsNode): vscode.TreeItem {
    const now = this.now();
    switch (node.type) {
      case 'goal':
        return goalItem(node.progress, now, this.timeZone());
      case 'fact': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = GoalNodeIds.goalFact(node.goal, node.fact);
        item.iconPath = new vscode.ThemeIcon({ stalled: 'watch', counts: 'graph', target: 'calendar' }[node.fact]);
        item.contextValue = ItemContexts.goals.fact;
        item.accessibilityInformation = rows.goalFactRow(node.text);
        return item;
      }
      case 'why': {
        const item = new vscode.TreeItem(node.goal.why ?? '', vscode.TreeItemCollapsibleState.None);
        item.id = GoalNodeIds.goalFact(node.goal, 'why');
        item.iconPath = new vscode.ThemeIcon('quote');
        item.tooltip = vscode.l10n.t('Why “{0}” matters: {1}', node.goal.title, node.goal.why ?? '');
        item.contextValue = ItemContexts.goals.why;
        item.accessibilityInformation = { label: vscode.l10n.t('Why it matters: {0}', node.goal.why ?? '') };
        return item;
      }
      case 'goalOutcome':
        return outcomeItem(node.outcome, node.parentId, now, this.timeZone());
      case 'untied': {
        const item = new vscode.TreeItem(vscode.l10n.t('Not tied to a goal'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = GoalNodeIds.untied;
        item.description = vscode.l10n.t('{0} this week', node.outcomes.length);
        item.iconPath = new vscode.ThemeIcon('circle-outline');
        item.tooltip = l10n.plural(
          node.outcomes.length,
          '{0} outcome this week no goal claims. That is fine: not all good work moves a goal. Link one with "Link to a Goal…" when it does.',
          '{0} outcomes this week no goal claims. That is fine: not all good work moves a goal. Link one with "Link to a Goal…" when it does.',
        );
        item.contextValue = ItemContexts.goals.untied;
        item.accessibilityInformation = rows.untiedRow(node.outcomes.length);
        return item;
      }
      case 'closedGoals': {
        const item = new vscode.TreeItem(vscode.l10n.t('Completed and dropped'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = GoalNodeIds.closedGoals;
        item.description = String(node.goals.length);
        item.iconPath = new vscode.ThemeIcon('archive');
        item.tooltip = vscode.l10n.t('Goals you completed or let go. Restore one to work on it again; its outcomes stay linked.');
        item.contextValue = ItemContexts.goals.closedGoals;
        item.accessibilityInformation = rows.closedGoalsRow(node.goals.length);
        return item;
      }
      case 'noActiveGoal': {
        const item = new vscode.TreeItem(vscode.l10n.t('No active goal: add one…'), vscode.TreeItemCollapsibleState.None);
        item.id = GoalNodeIds.noActiveGoal;
        item.iconPath = new vscode.ThemeIcon('add');
        item.command = { command: Commands.addGoal, title: vscode.l10n.t('Add a Goal…') };
        item.accessibilityInformation = { label: String(item.label) };
        return item;
      }
    }
  }
}

/**
 * The rows under a goal before its outcomes: that it stalled (said in a row of its own, which no
 * sidebar width hides), why it matters, how it moved (once it has), its target day; for a closed
 * goal only why.
 */
function goalFacts(progress: GoalProgress, now: number, timeZone: string): GoalsNode[] {
  const { goal } = progress;
  const facts: GoalsNode[] = [];
  if (isStalled(progress, now)) facts.push({ type: 'fact', goal, fact: 'stalled', text: capitalized(goalDescription(progress, now, timeZone)) });
  if (goal.why) facts.push({ type: 'why', goal });
  if (goal.status !== 'active') return facts;
  const counts = goalCountsText(progress);
  if (counts) facts.push({ type: 'fact', goal, fact: 'counts', text: counts });
  const target = goalTargetText(goal, now, timeZone);
  if (target) facts.push({ type: 'fact', goal, fact: 'target', text: target });
  return facts;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STATUS_ICON: Record<Goal['status'], string> = { active: 'target', completed: 'pass', dropped: 'circle-slash' };

function goalItem(progress: GoalProgress, now: number, timeZone: string): vscode.TreeItem {
  const { goal } = progress;
  const hasRows = progress.lastProgressAt !== null || goalFacts(progress, now, timeZone).length > 0;
  const state = !hasRows ? vscode.TreeItemCollapsibleState.None : goal.status === 'active' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(goal.title, state);
  // VS Code keeps an item's first state: a goal that gains its first row comes back as a new item, open.
  item.id = hasRows ? GoalNodeIds.goal(goal) : GoalNodeIds.bareGoal(goal);
  const description = goalDescription(progress, now, timeZone);
  item.description = description;
  const stalled = isStalled(progress, now);
  item.iconPath = new vscode.ThemeIcon(stalled ? 'watch' : STATUS_ICON[goal.status]);
  const tooltip = new vscode.MarkdownString();
  const [title, ...details] = goalDetails(progress, now, timeZone);
  tooltip.appendMarkdown('**');
  tooltip.appendText(title);
  tooltip.appendMarkdown('**');
  for (const line of details) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(line);
  }
  item.tooltip = tooltip;
  item.contextValue = stalled ? ItemContexts.goals.stalledGoal : ItemContexts.goals.goal[goal.status];
  item.accessibilityInformation = rows.goalRow(progress, capitalized(description));
  return item;
}

function outcomeItem(outcome: Outcome, parentId: string, now: number, timeZone: string): vscode.TreeItem {
  const item = new vscode.TreeItem(outcome.text, vscode.TreeItemCollapsibleState.None);
  item.id = GoalNodeIds.outcome(parentId, outcome.id);
  const calendar = calendarIn(timeZone);
  const sameYear = calendar.isoDate(outcome.happenedAt).slice(0, 4) === calendar.isoDate(now).slice(0, 4);
  item.description = [sameYear ? calendar.day(outcome.happenedAt) : calendar.dayWithYear(outcome.happenedAt), outcome.kind === 'routine' ? vscode.l10n.t('routine') : undefined]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(outcome.source === 'branch' ? 'git-merge' : outcome.kind === 'impact' ? 'rocket' : 'tools');
  item.tooltip = `${outcome.text}\n\n${outcome.kind === 'impact' ? vscode.l10n.t('Shipped impact') : vscode.l10n.t('Routine activity')} · ${new Date(outcome.happenedAt).toLocaleString()}`;
  item.contextValue = ItemContexts.goals.outcome;
  item.accessibilityInformation = { label: outcome.kind === 'impact' ? vscode.l10n.t('Shipped impact: {0}', outcome.text) : vscode.l10n.t('Routine: {0}', outcome.text) };
  return item;
}
