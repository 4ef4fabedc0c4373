/**
 * The exports, each described once: its title, the ranges it offers and how a named one is
 * computed, which document it renders, and whether it marks a 1:1. One pipeline in the VS Code
 * layer (exportCommands.ts) drives every kind; a range of one kind's family can never reach
 * another kind, because each kind checks the names it is given. Nothing here knows VS Code.
 */
import { localDays } from '../core/calendar';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import type { WeekOptions } from '../core/weeks';
import { REPORT_FORMATS, type ReportFormat } from './model';
import { customRange, dateProblem, lastDayProblem, oneOnOneRange, reviewRange, type DateRange, type OneOnOneRange, type ReviewRange } from '../core/ranges';
import type { ReportKind } from './render';

/** What a named range depends on, read once when an export starts. */
export interface ExportContext {
  now: number;
  weekOptions: WeekOptions;
  /** When the last 1:1 export was delivered, if ever. */
  lastOneOnOne: number | undefined;
}

export interface RangeOption<Name extends string> {
  name: Name;
  label: string;
  description?: string;
}

/** One way an export lays its range out (the review: month by month, or by reach with the firsts). */
export interface ExportLayout {
  name: string;
  label: string;
  detail: string;
  document: ReportKind;
  fileStem: string;
}

export interface ExportKind<Name extends string> {
  /** "Export for 1:1": the picker's title and how messages name the export. */
  title: string;
  /** Which document it renders. */
  document: ReportKind;
  /** The start of a saved file's name: "progress-2026-11-02-to-2026-11-08.md". */
  fileStem: string;
  /** Delivering it marks a 1:1, the start of the next "since last 1:1 export". */
  recordsOneOnOne: boolean;
  /** Every range name a caller may pass, in the picker's order. */
  rangeNames: readonly Name[];
  /** The ranges the picker offers now. */
  options(context: ExportContext): RangeOption<Name>[];
  rangeOf(name: Name, context: ExportContext): DateRange;
  /** Other layouts than `document`, the first being `document` itself; absent: one layout. */
  layouts?: readonly ExportLayout[];
}

/** Labels are made when the picker shows, in the user's language. */
const ONE_ON_ONE_LABELS: Record<OneOnOneRange, () => string> = {
  sinceLastExport: () => l10n.t('Since last 1:1 export'),
  thisWeek: () => l10n.t('This week'),
  lastWeek: () => l10n.t('Last week'),
  lastTwoWeeks: () => l10n.t('Last 2 weeks'),
  thisMonth: () => l10n.t('This month'),
  lastQuarter: () => l10n.t('Last quarter'),
};

const ONE_ON_ONE_RANGES: readonly OneOnOneRange[] = ['sinceLastExport', 'thisWeek', 'lastWeek', 'lastTwoWeeks', 'thisMonth', 'lastQuarter'];

export const ONE_ON_ONE: ExportKind<OneOnOneRange> = {
  get title() {
    return l10n.t('Export for 1:1');
  },
  document: 'report',
  fileStem: 'progress',
  recordsOneOnOne: true,
  rangeNames: ONE_ON_ONE_RANGES,
  options(context) {
    return ONE_ON_ONE_RANGES.filter((name) => name !== 'sinceLastExport' || context.lastOneOnOne !== undefined)
      .map((name) => ({
        name,
        label: ONE_ON_ONE_LABELS[name](),
        ...(name === 'sinceLastExport' && context.lastOneOnOne !== undefined ? { description: new Date(context.lastOneOnOne).toLocaleString() } : {}),
      }));
  },
  rangeOf: (name, context) => oneOnOneRange(name, context.now, context.weekOptions, context.lastOneOnOne),
};

const REVIEW_LABELS: Record<ReviewRange, () => string> = {
  thisQuarter: () => l10n.t('This quarter'),
  lastQuarter: () => l10n.t('Last quarter'),
  thisHalf: () => l10n.t('This half-year'),
  lastHalf: () => l10n.t('Last half-year'),
};

const REVIEW_RANGES: readonly ReviewRange[] = ['thisQuarter', 'lastQuarter', 'thisHalf', 'lastHalf'];

export const REVIEW: ExportKind<ReviewRange> = {
  get title() {
    return l10n.t('Export for review');
  },
  document: 'review',
  fileStem: 'review',
  recordsOneOnOne: false,
  rangeNames: REVIEW_RANGES,
  options() {
    return REVIEW_RANGES.map((name) => ({ name, label: REVIEW_LABELS[name]() }));
  },
  rangeOf: (name, context) => reviewRange(name, context.now, context.weekOptions.timeZone),
  get layouts() {
    return [
      { name: 'months', label: l10n.t('Month by month'), detail: l10n.t('Totals, by repository and goal, then each month'), document: 'review', fileStem: 'review' },
      { name: 'growth', label: l10n.t('By reach, with firsts'), detail: l10n.t('Shipped impact grouped by who it reached, then what you did for the first time: the case for a promotion'), document: 'growth', fileStem: 'growth' },
    ] as const;
  },
};

/** The layout a caller passed, checked against the kind: undefined when none was passed (the picker asks). */
export function layoutOf(kind: Pick<ExportKind<string>, 'title' | 'layouts'>, value: unknown): ExportLayout | undefined {
  if (value === undefined) return undefined;
  const layout = kind.layouts?.find((candidate) => candidate.name === value);
  if (layout) return layout;
  throw new InvalidInputError(
    kind.layouts ? l10n.t('{0} has no layout "{1}": pass one of {2}.', kind.title, String(value), kind.layouts.map((candidate) => candidate.name).join(', ')) : l10n.t('{0} has one layout: pass no layout.', kind.title),
  );
}

/** A range as a caller passes it: one of the kind's names, or a first and last day, both included. */
export type RangeRequest<Name extends string> = { type: 'named'; name: Name } | { type: 'days'; from: string; to: string };

/**
 * The range a caller (a test, a keybinding) passed, checked against the kind: undefined when none
 * was passed (the picker asks). A name of another kind, a day that is not on the calendar or a
 * last day before the first is refused with a sentence that says what to pass.
 */
export function rangeRequestOf<Name extends string>(kind: ExportKind<Name>, value: unknown): RangeRequest<Name> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const name = kind.rangeNames.find((candidate) => candidate === value);
    if (name) return { type: 'named', name };
    throw new InvalidInputError(l10n.t('{0} has no range "{1}": pass one of {2}, or first and last days as { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }.', kind.title, value, kind.rangeNames.join(', ')));
  }
  if (typeof value === 'object' && value !== null && typeof (value as { from?: unknown }).from === 'string' && typeof (value as { to?: unknown }).to === 'string') {
    const { from, to } = value as { from: string; to: string };
    const problem = dateProblem(from) ?? dateProblem(to) ?? lastDayProblem(from, to);
    if (problem) throw new InvalidInputError(problem);
    return { type: 'days', from, to };
  }
  throw new InvalidInputError(l10n.t('{0} needs a range name ({1}) or first and last days as { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }.', kind.title, kind.rangeNames.join(', ')));
}

/** [from, to) of a checked request, in the user's time zone. */
export function rangeOfRequest<Name extends string>(kind: ExportKind<Name>, request: RangeRequest<Name>, context: ExportContext): DateRange {
  return request.type === 'named' ? kind.rangeOf(request.name, context) : customRange(request.from, request.to, context.weekOptions.timeZone);
}

/** The format a caller passed, checked; the setting's when none was passed. */
export function formatOf(value: unknown, fallback: ReportFormat): ReportFormat {
  if (value === undefined) return fallback;
  const format = REPORT_FORMATS.find((candidate) => candidate === value);
  if (format) return format;
  throw new InvalidInputError(l10n.t('There is no export format "{0}": pass one of {1}.', String(value), REPORT_FORMATS.join(', ')));
}

export const FILE_EXTENSIONS: Record<ReportFormat, string> = { markdown: 'md', text: 'txt', json: 'json', csv: 'csv' };

/**
 * "progress-2026-11-02-to-2026-11-08.md": the first and last local day of the range in the
 * user's time zone, the days the range was chosen as (not UTC dates, which are a day off east
 * and west of Greenwich).
 */
export function exportFileName(kind: Pick<ExportKind<string>, 'fileStem'>, range: DateRange, format: ReportFormat, timeZone: string): string {
  const days = localDays(range, timeZone);
  return `${kind.fileStem}-${days.first}-to-${days.last}.${FILE_EXTENSIONS[format]}`;
}
