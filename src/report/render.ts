/**
 * Turns report data into what people read (Markdown, plain text: prose.ts) and what tools read
 * (JSON: json.ts, CSV: csv.ts). Pure: the same data and format give the same string on any
 * machine, because every date is shown in the report's own time zone, in en-US.
 */
import { renderReportCsv, renderReviewCsv } from './csv';
import { renderReportJson, renderReviewJson } from './json';
import type { ReportData, ReportFormat } from './model';
import { MARKDOWN, PLAIN_TEXT, proseGrowth, proseReport, proseReview } from './prose';

export type { GoalJson, OutcomeJson, ReportJson, RepositoryJson, ReviewJson } from './json';

/**
 * Which document an export is: the 1:1 report of a week or any range, the review of a quarter or
 * half month by month, or the same review grouped by reach with the firsts (its JSON and CSV are
 * the review's, whose outcomes carry `reach` and `first`).
 */
export type ReportKind = 'report' | 'review' | 'growth';

type Renderer = (data: ReportData) => string;

const RENDERERS: Record<ReportKind, Record<ReportFormat, Renderer>> = {
  report: {
    markdown: (data) => proseReport(data, MARKDOWN),
    text: (data) => proseReport(data, PLAIN_TEXT),
    json: renderReportJson,
    csv: renderReportCsv,
  },
  review: {
    markdown: (data) => proseReview(data, MARKDOWN),
    text: (data) => proseReview(data, PLAIN_TEXT),
    json: renderReviewJson,
    csv: renderReviewCsv,
  },
  growth: {
    markdown: (data) => proseGrowth(data, MARKDOWN),
    text: (data) => proseGrowth(data, PLAIN_TEXT),
    json: renderReviewJson,
    csv: renderReviewCsv,
  },
};

/** One export kind in one format. */
export function render(kind: ReportKind, data: ReportData, format: ReportFormat): string {
  return RENDERERS[kind][format](data);
}

/** The 1:1 report: shipped impact, then routine activity, for a week or any other range. */
export function renderReport(data: ReportData, format: ReportFormat): string {
  return render('report', data, format);
}

/** The review of a quarter or half year: totals per kind and per repository, then month by month. */
export function renderReview(data: ReportData, format: ReportFormat): string {
  return render('review', data, format);
}
