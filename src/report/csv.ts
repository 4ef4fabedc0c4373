/**
 * CSV (RFC 4180): in a 1:1 report first what it leads with, from the reviewed weeks it covers: a
 * `highlight` row per highlighted outcome (dated as the outcome), and a `focus` row for the next
 * week's focus (dated with the reviewed week's first day). Then one row per outcome, a branch's
 * outcomes right after it with the branch's text in `parent`; then rows that summarise, with `count`: `unnamed` routine commits of a repository,
 * commits `waiting` for a name, and in a review the `total`s per kind, overall (no repository) and
 * per repository (an `unnamed` row without a repository is the review's total of those).
 *
 * A user who keeps goals gets a last column, `goal`: each outcome's goal (empty: not tied to one),
 * and in a review rows per goal (empty `goal`: not tied to one): `goal` totals per kind, and
 * `goal-month` counts of both kinds with the month ("2026-07") in `date`.
 */
import { calendarIn, type ZonedCalendar } from '../core/calendar';
import * as l10n from '../core/l10n';
import { csvLiteral, plainLiteral } from './literal';
import type { ReportData, ReportOutcome, ReportReview, RoutineSummary } from './model';
import { outcomesByMonth, reviewTotals, totalsByGoal, totalsByRepository, type GoalTotals, type RepositoryTotals } from './reviewAggregation';
import { namedRoutineOutcomesText, routineSummaryText, shippedImpactOutcomesText, unnamedRoutineCommitsText } from './wording';

const CSV_COLUMNS = ['date', 'kind', 'source', 'text', 'repository', 'branch', 'commits', 'parent', 'count'] as const;
/** Only for a user who keeps goals, so that a log without goals exports as it always did. */
const GOAL_COLUMN = 'goal';

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number] | typeof GOAL_COLUMN, string>>;

/** A spreadsheet runs a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function renderReportCsv(data: ReportData): string {
  const calendar = calendarIn(data.timeZone);
  return csv([
    ...(data.reviews ?? []).flatMap((review) => reviewRows(review, calendar)),
    ...outcomeRows(data.impact, calendar),
    ...outcomeRows(data.routine, calendar),
    ...unnamedRoutineRows(data.unnamedRoutine),
    ...waitingRows(data.waitingCount),
  ], keepsGoals(data));
}

export function renderReviewCsv(data: ReportData): string {
  const calendar = calendarIn(data.timeZone);
  const totals = reviewTotals(data);
  return csv([
    ...outcomesByMonth(data).flatMap((month) => [...outcomeRows(month.impact, calendar), ...outcomeRows(month.routine, calendar)]),
    ...unnamedRoutineRows(data.unnamedRoutine),
    ...waitingRows(data.waitingCount),
    { kind: 'impact', source: 'total', text: shippedImpactOutcomesText(totals.impact), count: String(totals.impact) },
    { kind: 'routine', source: 'total', text: namedRoutineOutcomesText(totals.routine), count: String(totals.routine) },
    { kind: 'routine', source: 'unnamed', text: unnamedRoutineCommitsText(totals.unnamedRoutineCommits), count: String(totals.unnamedRoutineCommits) },
    ...totalsByRepository(data).flatMap(repositoryTotalRows),
    ...totalsByGoal(data).flatMap(goalTotalRows),
  ], keepsGoals(data));
}

function keepsGoals(data: ReportData): boolean {
  return (data.goals?.length ?? 0) > 0;
}

function csv(rows: CsvRow[], withGoal = false): string {
  const columns: readonly (keyof CsvRow)[] = withGoal ? [...CSV_COLUMNS, GOAL_COLUMN] : CSV_COLUMNS;
  const lines = [columns, ...rows.map((row) => columns.map((column) => row[column] ?? ''))];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(raw: string): string {
  // Defused after cleaning: a control removed from the front must not uncover a formula.
  const value = csvLiteral(raw);
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function outcomeRows(outcomes: readonly ReportOutcome[], calendar: ZonedCalendar, parent?: ReportOutcome): CsvRow[] {
  return outcomes.flatMap((outcome) => [
    {
      date: calendar.isoDate(outcome.happenedAt),
      kind: outcome.kind,
      source: outcome.source,
      text: outcome.text,
      repository: outcome.repository?.name,
      branch: outcome.branch ?? undefined,
      commits: outcome.commits.map((commit) => commit.sha).join(' '),
      parent: parent?.text,
      goal: outcome.goal?.title,
    },
    ...outcomeRows(outcome.children, calendar, outcome),
  ]);
}

function reviewRows(review: ReportReview, calendar: ZonedCalendar): CsvRow[] {
  return [
    ...outcomeRows(review.highlights, calendar).map((row) => ({ ...row, source: 'highlight' })),
    ...(review.nextFocus !== null ? [{ date: calendar.isoDate(review.week.from), source: 'focus', text: review.nextFocus }] : []),
  ];
}

function unnamedRoutineRows(summaries: readonly RoutineSummary[]): CsvRow[] {
  return summaries.map((summary) => ({
    kind: 'routine',
    source: 'unnamed',
    text: routineSummaryText(summary, plainLiteral),
    repository: summary.repository.name,
    count: String(summary.commitCount),
  }));
}

function waitingRows(waitingCount: number): CsvRow[] {
  return waitingCount > 0 ? [{ source: 'waiting', text: l10n.plural(waitingCount, '{0} commit or branch waiting for a name', '{0} commits or branches waiting for a name'), count: String(waitingCount) }] : [];
}

/** Outcomes without a repository have no row here: they are the overall total minus these. */
function repositoryTotalRows(totals: RepositoryTotals): CsvRow[] {
  if (!totals.repository) return [];
  const repository = totals.repository.name;
  const rows: CsvRow[] = [];
  if (totals.impact > 0) {
    const text = l10n.plural(totals.impact, '{0} shipped impact outcome in {1}', '{0} shipped impact outcomes in {1}', repository);
    rows.push({ kind: 'impact', source: 'total', text, repository, count: String(totals.impact) });
  }
  if (totals.routine > 0) {
    const text = l10n.plural(totals.routine, '{0} named routine outcome in {1}', '{0} named routine outcomes in {1}', repository);
    rows.push({ kind: 'routine', source: 'total', text, repository, count: String(totals.routine) });
  }
  return rows;
}

/** Per goal (an empty `goal`: not tied to one): its totals per kind, then its count in each month. */
function goalTotalRows(totals: GoalTotals): CsvRow[] {
  const goal = totals.goal?.title;
  const impact =
    goal === undefined
      ? l10n.plural(totals.impact, '{0} shipped impact outcome not tied to a goal', '{0} shipped impact outcomes not tied to a goal')
      : l10n.plural(totals.impact, '{0} shipped impact outcome for {1}', '{0} shipped impact outcomes for {1}', goal);
  const routine =
    goal === undefined
      ? l10n.plural(totals.routine, '{0} named routine outcome not tied to a goal', '{0} named routine outcomes not tied to a goal')
      : l10n.plural(totals.routine, '{0} named routine outcome for {1}', '{0} named routine outcomes for {1}', goal);
  const rows: CsvRow[] = [
    { kind: 'impact', source: 'goal', text: impact, count: String(totals.impact), goal },
    { kind: 'routine', source: 'goal', text: routine, count: String(totals.routine), goal },
  ];
  for (const month of totals.months) {
    const text =
      goal === undefined
        ? l10n.plural(month.count, '{0} outcome in {1} not tied to a goal', '{0} outcomes in {1} not tied to a goal', month.label)
        : l10n.plural(month.count, '{0} outcome in {1} for {2}', '{0} outcomes in {1} for {2}', month.label, goal);
    rows.push({ date: month.key, source: 'goal-month', text, count: String(month.count), goal });
  }
  return rows;
}
