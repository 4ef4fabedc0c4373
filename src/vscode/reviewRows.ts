import * as vscode from 'vscode';
import type { OutcomeView, Review } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Week } from '../core/weeks';
import { Commands, ItemContexts, LogNodeIds } from '../ids';
import { questionShort, questionText, QUESTIONS, type Question } from '../core/reviewAnswers';
import * as rows from './rowLabels';

/** Where the Weekly Log reads a week's review. */
export interface ReviewLookup {
  forWeek(week: Week): Review | undefined;
}

/** The rows a reviewed week adds to the Weekly Log: "Reviewed", and under it the highlights and answers. */
export type ReviewNode = { type: 'review'; week: Week; review: Review } | { type: 'reviewAnswer'; week: Week; question: Question; text: string };

/** Under "Reviewed": the highlights (as outcome rows, found among the week's outcomes), then each answer. */
export function reviewChildren(node: Extract<ReviewNode, { type: 'review' }>, outcomes: readonly OutcomeView[]): (ReviewNode | { type: 'outcome'; outcome: OutcomeView; parentId: string })[] {
  const byId = new Map<string, OutcomeView>();
  const visit = (list: readonly OutcomeView[]) => {
    for (const outcome of list) {
      byId.set(outcome.id, outcome);
      visit(outcome.children);
    }
  };
  visit(outcomes);
  const parentId = LogNodeIds.review(node.week.start);
  return [
    ...node.review.highlights.flatMap((id) => {
      const outcome = byId.get(id);
      return outcome ? [{ type: 'outcome' as const, outcome, parentId }] : [];
    }),
    ...QUESTIONS.flatMap((question) => {
      const text = node.review[question];
      return text ? [{ type: 'reviewAnswer' as const, week: node.week, question, text }] : [];
    }),
  ];
}

export function reviewItem(node: ReviewNode): vscode.TreeItem {
  if (node.type === 'review') {
    const { review } = node;
    const item = new vscode.TreeItem(vscode.l10n.t('Reviewed'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = LogNodeIds.review(node.week.start);
    const answered = QUESTIONS.filter((question) => review[question]).length;
    item.description = [
      review.highlights.length ? l10n.plural(review.highlights.length, '{0} highlight', '{0} highlights') : undefined,
      answered ? vscode.l10n.t('{0} of {1} answered', answered, QUESTIONS.length) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon('checklist');
    item.tooltip = vscode.l10n.t('Reviewed on {0}. Click to open the review.', new Date(review.updatedAt).toLocaleString());
    item.contextValue = ItemContexts.log.review;
    item.command = { command: Commands.reviewWeek, title: vscode.l10n.t('Open the Review'), arguments: [{ week: node.week }] };
    item.accessibilityInformation = rows.reviewRow(review);
    return item;
  }
  const [firstLine] = node.text.split('\n');
  const item = new vscode.TreeItem(vscode.l10n.t('{0}: {1}', questionShort(node.question), firstLine), vscode.TreeItemCollapsibleState.None);
  item.id = LogNodeIds.reviewAnswer(node.week.start, node.question);
  item.iconPath = new vscode.ThemeIcon(node.question === 'nextFocus' ? 'target' : node.question === 'busyWork' ? 'circle-slash' : 'arrow-right');
  item.tooltip = `${questionText(node.question)}\n\n${node.text}`;
  item.contextValue = ItemContexts.log.reviewAnswer;
  item.accessibilityInformation = rows.reviewAnswerRow(questionShort(node.question), node.text);
  return item;
}
