/** Sentences every format of an export shares, so that a count reads the same in each. */
import * as l10n from '../core/l10n';
import type { RoutineSummary } from './model';

/** "14 routine commits in api"; `literal` writes the repository name for the format. */
export function routineSummaryText(summary: RoutineSummary, literal: (raw: string) => string): string {
  return l10n.plural(summary.commitCount, '{0} routine commit in {1}', '{0} routine commits in {1}', literal(summary.repository.name));
}

/** "12 shipped impact outcomes": a review's total of top-level shipped impact. */
export function shippedImpactOutcomesText(count: number): string {
  return l10n.plural(count, '{0} shipped impact outcome', '{0} shipped impact outcomes');
}

/** "4 named routine outcomes": a review's total of top-level routine outcomes. */
export function namedRoutineOutcomesText(count: number): string {
  return l10n.plural(count, '{0} named routine outcome', '{0} named routine outcomes');
}

/** "30 unnamed routine commits": commits settled as routine without a line. */
export function unnamedRoutineCommitsText(count: number): string {
  return l10n.plural(count, '{0} unnamed routine commit', '{0} unnamed routine commits');
}
