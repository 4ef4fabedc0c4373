/**
 * What a goal's fields may hold: a one-line title, an optional one-line "why it matters", an
 * optional target day (YYYY-MM-DD, not already past when the person sets it). The store checks
 * them on every write; the goal form says them as the person types. Nothing here knows VS Code.
 */
import * as l10n from './l10n';
import { lineProblem, normalizeOutcomeText, type LineWording } from './outcomeLine';
import { dayProblem } from './ranges';

const titleWording = (): LineWording => ({
  oneLine: l10n.t('Keep the goal to one line: what you want to move forward.'),
  empty: l10n.t('Write the goal in one line, for example "Checkout converts 5% better by March".'),
  nothingVisible: l10n.t('That goal shows nothing but invisible characters or lone accents: write it in words.'),
});

const whyWording = (): LineWording => ({
  oneLine: l10n.t('Keep why it matters to one line.'),
  empty: l10n.t('Write why the goal matters in one line, or leave it empty.'),
  nothingVisible: l10n.t('That shows nothing but invisible characters or lone accents: write why it matters in words, or leave it empty.'),
});

/** Why a goal's title cannot be used, or undefined. */
export function goalTitleProblem(title: string): string | undefined {
  return lineProblem(title, titleWording());
}

/** Why a goal's "why it matters" line cannot be used (empty is fine), or undefined. */
export function goalWhyProblem(why: string): string | undefined {
  return why.trim() === '' ? undefined : lineProblem(why, whyWording());
}

/**
 * Why a target day cannot be used (empty is fine): a real calendar day written YYYY-MM-DD. Set by
 * the person (`setNow`: today in their calendar, and the goal's day so far), it is also refused
 * when it is already past: a target behind us is a slip of the year or the month far more often
 * than a wish, and a goal born "passed" says nothing. The day an overdue goal already has is kept,
 * so that editing its words does not force a new target; what the store is given, it keeps.
 */
export function targetDayProblem(day: string, setNow?: { today: string; current: string | null }): string | undefined {
  const text = day.trim();
  if (text === '') return undefined;
  const problem = dayProblem(text, () => l10n.t('Write the target day as YYYY-MM-DD, for example 2027-03-31, or leave it empty.'));
  if (problem) return problem;
  if (setNow && text < setNow.today && text !== setNow.current) return l10n.t('{0} is already past (today is {1}): write a later day, or leave it empty.', text, setNow.today);
  return undefined;
}

/** The stored form of a one-line field: trimmed, tabs as spaces; empty becomes null. */
export function normalizeOptionalLine(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const normalized = normalizeOutcomeText(text);
  return normalized === '' ? null : normalized;
}
