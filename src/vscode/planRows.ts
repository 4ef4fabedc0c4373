import * as vscode from 'vscode';
import type { PlanItem } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Week } from '../core/weeks';
import { ItemContexts, LogNodeIds } from '../ids';

/** Where the Weekly Log reads a week's plan. */
export interface PlanLookup {
  ofWeek(weekStart: number): PlanItem[];
}

/** The rows a planned week adds to the Weekly Log, at the top of its week: "Planned", and under it each intended outcome. */
export type PlanNode = { type: 'plan'; week: Week; items: PlanItem[] } | { type: 'planItem'; week: Week; item: PlanItem };

export function planChildren(node: Extract<PlanNode, { type: 'plan' }>): PlanNode[] {
  return node.items.map((item) => ({ type: 'planItem', week: node.week, item }));
}

function stateText(item: PlanItem): string | undefined {
  switch (item.state) {
    case 'landed':
      return vscode.l10n.t('landed');
    case 'moved':
      return vscode.l10n.t('moved on');
    case 'dropped':
      return vscode.l10n.t('dropped');
    case 'open':
      return undefined;
  }
}

export function planItem(node: PlanNode, goalTitle: (goalId: string) => string | undefined): vscode.TreeItem {
  if (node.type === 'plan') {
    const planned = node.items.filter((item) => item.state !== 'dropped');
    const landed = planned.filter((item) => item.state === 'landed').length;
    const row = new vscode.TreeItem(vscode.l10n.t('Planned'), vscode.TreeItemCollapsibleState.Expanded);
    row.id = LogNodeIds.plan(node.week.start);
    row.description = vscode.l10n.t('{0} of {1} landed', landed, planned.length);
    row.iconPath = new vscode.ThemeIcon('checklist');
    row.tooltip = vscode.l10n.t('What the weekly review planned for this week. Match an outcome to an item from the outcome’s row ("Match to the Week’s Plan…"); the next review settles the rest.');
    row.contextValue = ItemContexts.log.plan;
    row.accessibilityInformation = { label: l10n.plural(planned.length, 'Plan of the week: {1} of {0} planned outcome landed', 'Plan of the week: {1} of {0} planned outcomes landed', landed) };
    return row;
  }
  const { item } = node;
  const row = new vscode.TreeItem(item.text, vscode.TreeItemCollapsibleState.None);
  row.id = LogNodeIds.planItem(node.week.start, item.id);
  const goal = item.goalId ? goalTitle(item.goalId) : undefined;
  row.description = [stateText(item), goal ? vscode.l10n.t('goal: {0}', goal) : undefined, item.dueDay ? vscode.l10n.t('due {0}', item.dueDay) : undefined].filter(Boolean).join(' · ');
  row.iconPath = new vscode.ThemeIcon(item.state === 'landed' ? 'pass-filled' : item.state === 'open' ? 'circle-large-outline' : item.state === 'moved' ? 'arrow-right' : 'circle-slash');
  row.contextValue = ItemContexts.log.planItem[item.state];
  row.accessibilityInformation = { label: vscode.l10n.t('Planned outcome, {0}: {1}', stateText(item) ?? vscode.l10n.t('open'), item.text) };
  return row;
}
