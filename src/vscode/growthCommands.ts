/**
 * Marks that show whether work grows, set from the Weekly Log on one outcome or several selected:
 * who they reached, whether they were firsts, and which item of their week's plan an outcome
 * landed (the suggested one first, so Enter is the one step).
 */
import * as vscode from 'vscode';
import { REACHES, type Reach } from '../core/domain';
import * as l10n from '../core/l10n';
import { matchingPlanItem } from '../core/planRules';
import { reachLabel, suggestReach } from '../core/reach';
import { weekOf, type WeekOptions } from '../core/weeks';
import { Commands } from '../ids';
import type { Store } from '../storage/store';
import type { CommandTable } from './commands';
import type { LogNode } from './logTree';
import { changeReachInOpenInput, savedMessage } from './promptSurface';

type OutcomeNode = Extract<LogNode, { type: 'outcome' }>;

/** What a caller (a test, a keybinding) may pass instead of picking. */
export interface ReachArgs {
  reach: Reach | null;
}

export class GrowthCommands {
  constructor(
    private readonly store: Store,
    private readonly weekOptions: () => WeekOptions,
  ) {}

  commands(): CommandTable {
    return {
      [Commands.setReach]: (node?: OutcomeNode | ReachArgs, selected?: readonly LogNode[], args?: ReachArgs) => this.setReach(node, selected, args),
      [Commands.markFirst]: (node?: OutcomeNode, selected?: readonly LogNode[]) => this.markFirst(node, selected),
      [Commands.nextReach]: () => changeReachInOpenInput(),
      [Commands.matchPlanItem]: (node?: OutcomeNode, _selected?: readonly LogNode[], itemId?: string) => this.matchPlanItem(node, itemId),
    };
  }

  /** The outcomes a row command acts on: the selection when the row is part of it, else the row. */
  private outcomesOf(node: unknown, selected: readonly LogNode[] | undefined): OutcomeNode['outcome'][] {
    const row = isOutcomeNode(node) ? node : undefined;
    const rows = selected?.length && (!row || selected.includes(row)) ? selected : row ? [row] : [];
    return [...new Map(rows.filter(isOutcomeNode).map((each) => [each.outcome.id, each.outcome])).values()];
  }

  private async setReach(node: OutcomeNode | ReachArgs | undefined, selected: readonly LogNode[] | undefined, args: ReachArgs | undefined): Promise<void> {
    const outcomes = this.outcomesOf(node, selected).filter((outcome) => outcome.kind === 'impact');
    if (outcomes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select one or more outcomes of shipped impact in the Weekly Log, then say who they reached (routine work carries no reach).'));
      return;
    }
    let reach = args?.reach;
    if (reach === undefined) {
      const suggested = outcomes.length === 1 ? suggestReach(outcomes[0].text, this.goalOf(outcomes[0].goalId)) : undefined;
      const current = new Set(outcomes.map((outcome) => outcome.reach ?? null));
      const shared = current.size === 1 ? [...current][0] : undefined;
      const picked = await vscode.window.showQuickPick(
        [
          ...[...REACHES].map((each) => ({
            label: reachLabel(each),
            description: each === shared ? vscode.l10n.t('now') : each === suggested?.reach ? vscode.l10n.t('suggested from "{0}"', suggested.because) : undefined,
            reach: each as Reach | null,
          })),
          { label: vscode.l10n.t('Not said'), description: shared === null ? vscode.l10n.t('now') : undefined, reach: null },
        ],
        {
          title: outcomes.length === 1 ? vscode.l10n.t('Who did “{0}” reach?', outcomes[0].text) : l10n.plural(outcomes.length, 'Who did {0} outcome reach?', 'Who did {0} outcomes reach?'),
          placeHolder: vscode.l10n.t('Nearest first: you, your team, other teams, users or customers, the whole organisation'),
        },
      );
      if (!picked) return;
      reach = picked.reach;
    }
    const { state } = this.store.changes.markOutcomes(outcomes.map((outcome) => outcome.id), { reach });
    vscode.window.setStatusBarMessage(
      savedMessage(state, reach ? l10n.plural(outcomes.length, '{0} outcome reached {1}', '{0} outcomes reached {1}', reachLabel(reach).toLowerCase()) : l10n.plural(outcomes.length, 'Reach cleared for {0} outcome', 'Reach cleared for {0} outcomes')),
      3000,
    );
  }

  /** Marks the outcomes as firsts, or, when every one is already, unmarks them. */
  private markFirst(node: OutcomeNode | undefined, selected: readonly LogNode[] | undefined): void {
    const outcomes = this.outcomesOf(node, selected);
    if (outcomes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select one or more outcomes in the Weekly Log to mark as something you did for the first time.'));
      return;
    }
    const first = !outcomes.every((outcome) => outcome.first);
    const { state } = this.store.changes.markOutcomes(outcomes.map((outcome) => outcome.id), { first });
    vscode.window.setStatusBarMessage(
      savedMessage(state, first ? l10n.plural(outcomes.length, '{0} outcome marked as a first', '{0} outcomes marked as firsts') : l10n.plural(outcomes.length, '{0} outcome no longer a first', '{0} outcomes no longer firsts')),
      3000,
    );
  }

  /** Lands an open item of the outcome's week's plan with it: the item its words suggest first. */
  private async matchPlanItem(node: OutcomeNode | undefined, itemId: string | undefined): Promise<void> {
    const outcome = isOutcomeNode(node) ? node.outcome : undefined;
    if (!outcome) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pick an outcome in the Weekly Log, then match it to its week’s plan.'));
      return;
    }
    const open = this.store.plans.ofWeek(weekOf(outcome.happenedAt, this.weekOptions()).start).filter((item) => item.state === 'open');
    if (open.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The week of “{0}” has no open planned outcome: the weekly review plans the next week.', outcome.text));
      return;
    }
    let item = itemId === undefined ? undefined : open.find((candidate) => candidate.id === itemId);
    if (!item) {
      const suggested = matchingPlanItem(outcome, open);
      const ordered = suggested ? [suggested, ...open.filter((candidate) => candidate !== suggested)] : open;
      const picked = await vscode.window.showQuickPick(
        ordered.map((candidate) => ({ label: candidate.text, description: candidate === suggested ? vscode.l10n.t('suggested') : undefined, item: candidate })),
        { title: vscode.l10n.t('Which planned outcome did “{0}” land?', outcome.text), placeHolder: vscode.l10n.t('It shows as landed in the plan, and the next review counts it') },
      );
      if (!picked) return;
      item = picked.item;
    }
    const { state } = this.store.changes.settlePlanItem(item.id, 'landed', outcome.id);
    vscode.window.setStatusBarMessage(`$(pass-filled) ${savedMessage(state, vscode.l10n.t('Landed: {0}', item.text))}`, 3000);
  }

  private goalOf(goalId: string | null): { title: string; why: string | null } | undefined {
    return goalId ? this.store.goals.goal(goalId) : undefined;
  }
}

function isOutcomeNode(node: unknown): node is OutcomeNode {
  return typeof node === 'object' && node !== null && (node as { type?: unknown }).type === 'outcome';
}
