/**
 * Turns report data into what people read (Markdown for a 1:1 document, plain text for an email or
 * a chat) and what tools read (JSON, CSV). Pure: the same data and format give the same string on
 * any machine, because every date is shown in the report's own time zone, in en-US.
 */
import type { OutcomeKind, OutcomeSource } from '../core/domain';
import { localTime } from '../core/weeks';
import type { ReportData, ReportFormat, ReportOutcome, ReportRepository, RoutineSummary } from './model';
import { parseRemoteLinks, withoutCredentials, type RemoteLinks } from './remoteLinks';

/** The 1:1 report: shipped impact, then routine activity, for a week or any other range. */
export function renderReport(data: ReportData, format: ReportFormat): string {
  return REPORT_RENDERERS[format](data);
}

/** The review of a quarter or half year: totals per kind and per repository, then month by month. */
export function renderReview(data: ReportData, format: ReportFormat): string {
  return REVIEW_RENDERERS[format](data);
}

const REPORT_RENDERERS: Record<ReportFormat, (data: ReportData) => string> = {
  markdown: (data) => proseReport(data, MARKDOWN),
  text: (data) => proseReport(data, PLAIN_TEXT),
  json: (data) => json(reportJson(data)),
  csv: (data) => csv(reportRows(data)),
};

const REVIEW_RENDERERS: Record<ReportFormat, (data: ReportData) => string> = {
  markdown: (data) => proseReview(data, MARKDOWN),
  text: (data) => proseReview(data, PLAIN_TEXT),
  json: (data) => json(reviewJson(data)),
  csv: (data) => csv(reviewRows(data)),
};

// ---------------------------------------------------------------------------------------------
// JSON: the documented shape of the export. Field names and meanings only ever grow; a change
// that would break a reader bumps `version`.

/** `renderReport(data, 'json')`. Instants are ISO 8601 in UTC; `timeZone` is how the report shows them. */
export interface ReportJson {
  format: 'progress-log/report';
  version: 1;
  /** [from, to): `to` is the first instant not included. */
  range: { from: string; to: string };
  timeZone: string;
  /** Top-level shipped impact, newest first; a branch's outcomes are its `children`. */
  impact: OutcomeJson[];
  /** Top-level named routine activity, newest first. */
  routine: OutcomeJson[];
  /** Routine commits nobody named, counted per repository. */
  unnamedRoutine: { repository: RepositoryJson; commitCount: number }[];
  /** Commits and closed branches in the range still waiting for a name, so not in the report. */
  waitingCount: number;
}

/** `renderReview(data, 'json')`. */
export interface ReviewJson {
  format: 'progress-log/review';
  version: 1;
  range: { from: string; to: string };
  timeZone: string;
  /** Counts of top-level outcomes; a branch's child outcomes are part of the branch's one. */
  totals: { impact: number; routine: number; unnamedRoutineCommits: number; waitingCount: number };
  /** By repository name; outcomes without a repository (added by hand) last, with `repository: null`. */
  repositories: { repository: RepositoryJson | null; impact: number; routine: number; unnamedRoutineCommits: number }[];
  /** Every month of the range in its time zone, oldest first; outcomes oldest first. */
  /** `month` is "2026-07". */
  months: { month: string; impact: OutcomeJson[]; routine: OutcomeJson[] }[];
}

export interface OutcomeJson {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  happenedAt: string;
  repository: RepositoryJson | null;
  branch: string | null;
  /** The branch on the remote's web site; null without a known remote or branch. */
  branchUrl: string | null;
  commits: { sha: string; subject: string; url: string | null }[];
  children: OutcomeJson[];
}

export interface RepositoryJson {
  name: string;
  root: string;
  /** The remote URL without any user name, password or token it held. */
  remoteUrl: string | null;
  /** The repository's page on a known host (GitHub, GitLab, Bitbucket, Azure DevOps). */
  webUrl: string | null;
}

function json(value: ReportJson | ReviewJson): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function reportJson(data: ReportData): ReportJson {
  return {
    format: 'progress-log/report',
    version: 1,
    range: rangeJson(data),
    timeZone: data.timeZone,
    impact: data.impact.map(outcomeJson),
    routine: data.routine.map(outcomeJson),
    unnamedRoutine: data.unnamedRoutine.map((summary) => ({ repository: repositoryJson(summary.repository), commitCount: summary.commitCount })),
    waitingCount: data.waitingCount,
  };
}

function reviewJson(data: ReportData): ReviewJson {
  return {
    format: 'progress-log/review',
    version: 1,
    range: rangeJson(data),
    timeZone: data.timeZone,
    totals: { ...reviewTotals(data), waitingCount: data.waitingCount },
    repositories: totalsByRepository(data).map((totals) => ({ ...totals, repository: totals.repository && repositoryJson(totals.repository) })),
    months: outcomesByMonth(data).map((month) => ({ month: month.key, impact: month.impact.map(outcomeJson), routine: month.routine.map(outcomeJson) })),
  };
}

function rangeJson(data: ReportData): ReportJson['range'] {
  return { from: new Date(data.range.from).toISOString(), to: new Date(data.range.to).toISOString() };
}

function outcomeJson(outcome: ReportOutcome): OutcomeJson {
  const links = remoteLinksOf(outcome.repository);
  return {
    text: outcome.text,
    kind: outcome.kind,
    source: outcome.source,
    happenedAt: new Date(outcome.happenedAt).toISOString(),
    repository: outcome.repository && repositoryJson(outcome.repository),
    branch: outcome.branch,
    branchUrl: outcome.branch ? (links?.branchUrl(outcome.branch) ?? null) : null,
    commits: outcome.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject, url: links?.commitUrl(commit.sha) ?? null })),
    children: outcome.children.map(outcomeJson),
  };
}

function repositoryJson(repository: ReportRepository): RepositoryJson {
  return {
    name: repository.name,
    root: repository.root,
    remoteUrl: repository.remoteUrl && withoutCredentials(repository.remoteUrl),
    webUrl: remoteLinksOf(repository)?.webBase ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): one row per outcome, a branch's outcomes right after it with the branch's text
// in `parent`; then rows that summarise, with `count`: `unnamed` routine commits of a repository,
// commits `waiting` for a name, and in a review the `total`s per kind, overall (no repository) and
// per repository (an `unnamed` row without a repository is the review's total of those).

const CSV_COLUMNS = ['date', 'kind', 'source', 'text', 'repository', 'branch', 'commits', 'parent', 'count'] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/** A spreadsheet runs a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csv(rows: CsvRow[]): string {
  const lines = [CSV_COLUMNS, ...rows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? ''))];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function reportRows(data: ReportData): CsvRow[] {
  const calendar = calendarIn(data.timeZone);
  return [
    ...outcomeRows(data.impact, calendar),
    ...outcomeRows(data.routine, calendar),
    ...unnamedRoutineRows(data.unnamedRoutine),
    ...waitingRows(data.waitingCount),
  ];
}

function reviewRows(data: ReportData): CsvRow[] {
  const calendar = calendarIn(data.timeZone);
  const totals = reviewTotals(data);
  return [
    ...outcomesByMonth(data).flatMap((month) => [...outcomeRows(month.impact, calendar), ...outcomeRows(month.routine, calendar)]),
    ...unnamedRoutineRows(data.unnamedRoutine),
    ...waitingRows(data.waitingCount),
    { kind: 'impact', source: 'total', text: plural(totals.impact, 'shipped impact outcome'), count: String(totals.impact) },
    { kind: 'routine', source: 'total', text: plural(totals.routine, 'named routine outcome'), count: String(totals.routine) },
    { kind: 'routine', source: 'unnamed', text: plural(totals.unnamedRoutineCommits, 'unnamed routine commit'), count: String(totals.unnamedRoutineCommits) },
    ...totalsByRepository(data).flatMap(repositoryTotalRows),
  ];
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
    },
    ...outcomeRows(outcome.children, calendar, outcome),
  ]);
}

function unnamedRoutineRows(summaries: readonly RoutineSummary[]): CsvRow[] {
  return summaries.map((summary) => ({
    kind: 'routine',
    source: 'unnamed',
    text: routineSummaryText(summary, PLAIN_TEXT),
    repository: summary.repository.name,
    count: String(summary.commitCount),
  }));
}

function waitingRows(waitingCount: number): CsvRow[] {
  return waitingCount > 0 ? [{ source: 'waiting', text: plural(waitingCount, 'commit or branch', 'commits or branches') + ' waiting for a name', count: String(waitingCount) }] : [];
}

/** Outcomes without a repository have no row here: they are the overall total minus these. */
function repositoryTotalRows(totals: RepositoryTotals): CsvRow[] {
  if (!totals.repository) return [];
  const repository = totals.repository.name;
  const rows: CsvRow[] = [];
  if (totals.impact > 0) rows.push({ kind: 'impact', source: 'total', text: `${plural(totals.impact, 'shipped impact outcome')} in ${repository}`, repository, count: String(totals.impact) });
  if (totals.routine > 0) rows.push({ kind: 'routine', source: 'total', text: `${plural(totals.routine, 'named routine outcome')} in ${repository}`, repository, count: String(totals.routine) });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Markdown and plain text share one layout; a style says how each piece is written.

interface ProseStyle {
  title(text: string): string;
  heading(text: string): string;
  subheading(text: string): string;
  /** The user's words, and names of repositories and branches, as text that is never markup. */
  literal(raw: string): string;
  bullet(depth: number, content: string): string;
  /** `label` is already literal. */
  link(label: string, url: string | undefined): string;
  sha(sha: string, url: string | undefined): string;
}

const MARKDOWN: ProseStyle = {
  title: (text) => `# ${text}`,
  heading: (text) => `## ${text}`,
  subheading: (text) => `### ${text}`,
  literal: escapeMarkdown,
  bullet: (depth, content) => `${'  '.repeat(depth)}- ${content}`,
  link: (label, url) => (url ? `[${label}](${url})` : label),
  sha: (sha, url) => (url ? `[${shortSha(sha)}](${url})` : `\`${shortSha(sha)}\``),
};

const PLAIN_TEXT: ProseStyle = {
  title: (text) => underlined(text, '='),
  heading: (text) => underlined(text, '-'),
  subheading: (text) => `${text}:`,
  literal: asOneLine,
  bullet: (depth, content) => `${'  '.repeat(depth)}- ${content}`,
  link: (label) => label,
  sha: (sha) => shortSha(sha),
};

function underlined(text: string, rule: string): string {
  return `${text}\n${rule.repeat(Array.from(text).length)}`;
}

/** One paragraph per block, blank lines between. */
function joinBlocks(blocks: string[][]): string {
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

function proseReport(data: ReportData, style: ProseStyle): string {
  const calendar = calendarIn(data.timeZone);
  const title = [style.title(`Progress: ${rangeDays(data.range, calendar).join(' – ')}`)];
  if (isEmpty(data)) return joinBlocks([title, [nothingRecorded(data.range, calendar)]]);
  return joinBlocks([
    title,
    [style.heading('Shipped impact')],
    impactLines(data.impact, style),
    [style.heading('Routine activity')],
    routineLines(data.routine, data.unnamedRoutine, style),
    ...waitingBlock(data.waitingCount, 'report'),
  ]);
}

function proseReview(data: ReportData, style: ProseStyle): string {
  const calendar = calendarIn(data.timeZone);
  const title = [style.title(`Review: ${rangeDays(data.range, calendar).join(' – ')}`)];
  if (isEmpty(data)) return joinBlocks([title, [nothingRecorded(data.range, calendar)]]);
  return joinBlocks([
    title,
    [style.heading('Totals')],
    totalLines(reviewTotals(data), style),
    [style.heading('By repository')],
    totalsByRepository(data).map((totals) => style.bullet(0, repositoryTotalsText(totals, style))),
    ...outcomesByMonth(data).flatMap((month) => monthBlocks(month, style)),
    ...waitingBlock(data.waitingCount, 'review'),
  ]);
}

function isEmpty(data: ReportData): boolean {
  return data.impact.length === 0 && data.routine.length === 0 && data.unnamedRoutine.length === 0 && data.waitingCount === 0;
}

function nothingRecorded(range: ReportData['range'], calendar: ZonedCalendar): string {
  const days = rangeDays(range, calendar);
  return days.length === 1 ? `Nothing recorded on ${days[0]}.` : `Nothing recorded between ${days[0]} and ${days[1]}.`;
}

function impactLines(impact: readonly ReportOutcome[], style: ProseStyle): string[] {
  return impact.length > 0 ? outcomeBullets(impact, style) : ['Nothing shipped in this range.'];
}

function routineLines(routine: readonly ReportOutcome[], unnamedRoutine: readonly RoutineSummary[], style: ProseStyle): string[] {
  const lines = [...outcomeBullets(routine, style), ...unnamedRoutine.map((summary) => style.bullet(0, routineSummaryText(summary, style)))];
  return lines.length > 0 ? lines : ['No routine activity recorded.'];
}

/** Said out loud, so that a reader never takes a report with unnamed work for the whole story. */
function waitingBlock(waitingCount: number, scope: 'report' | 'review'): string[][] {
  if (waitingCount === 0) return [];
  const verb = waitingCount === 1 ? 'is' : 'are';
  return [[`${plural(waitingCount, 'commit or branch', 'commits or branches')} still waiting for a name ${verb} not in this ${scope}.`]];
}

function outcomeBullets(outcomes: readonly ReportOutcome[], style: ProseStyle, depth = 0, parent?: ReportOutcome): string[] {
  return outcomes.flatMap((outcome) => [
    style.bullet(depth, outcomeLine(outcome, style, parent)),
    ...outcomeBullets(outcome.children, style, depth + 1, outcome),
  ]);
}

/**
 * "Text — repository · branch · commits", leaving out what a child shares with its branch and
 * naming a child's kind when it differs (routine work under a branch that shipped impact).
 */
function outcomeLine(outcome: ReportOutcome, style: ProseStyle, parent?: ReportOutcome): string {
  const links = remoteLinksOf(outcome.repository);
  const sameRepository = parent !== undefined && parent.repository?.root === outcome.repository?.root;
  const details: string[] = [];
  if (parent && parent.kind !== outcome.kind) details.push(outcome.kind);
  if (outcome.repository && !sameRepository) details.push(style.literal(outcome.repository.name));
  if (outcome.branch && !(sameRepository && parent?.branch === outcome.branch)) {
    details.push(style.link(style.literal(outcome.branch), links?.branchUrl(outcome.branch)));
  }
  if (outcome.commits.length > 0) details.push(outcome.commits.map((commit) => style.sha(commit.sha, links?.commitUrl(commit.sha))).join(' '));
  const text = style.literal(outcome.text);
  return details.length > 0 ? `${text} — ${details.join(' · ')}` : text;
}

function routineSummaryText(summary: RoutineSummary, style: ProseStyle): string {
  return `${plural(summary.commitCount, 'routine commit')} in ${style.literal(summary.repository.name)}`;
}

function totalLines(totals: ReviewTotals, style: ProseStyle): string[] {
  return [
    style.bullet(0, plural(totals.impact, 'shipped impact outcome')),
    style.bullet(0, plural(totals.routine, 'named routine outcome')),
    style.bullet(0, plural(totals.unnamedRoutineCommits, 'unnamed routine commit')),
  ];
}

function repositoryTotalsText(totals: RepositoryTotals, style: ProseStyle): string {
  const counts = [
    totals.impact > 0 ? plural(totals.impact, 'impact outcome') : undefined,
    totals.routine > 0 ? plural(totals.routine, 'routine outcome') : undefined,
    totals.unnamedRoutineCommits > 0 ? plural(totals.unnamedRoutineCommits, 'unnamed routine commit') : undefined,
  ].filter((count) => count !== undefined);
  const name = totals.repository ? style.literal(totals.repository.name) : 'Without a repository';
  return `${name}: ${counts.join(', ')}`;
}

/** A month with nothing says so; otherwise only the kinds it holds are shown. */
function monthBlocks(month: MonthOfOutcomes, style: ProseStyle): string[][] {
  const heading = [style.heading(month.label)];
  if (month.impact.length === 0 && month.routine.length === 0) return [heading, ['Nothing recorded.']];
  return [
    heading,
    ...(month.impact.length > 0 ? [[style.subheading('Shipped impact')], outcomeBullets(month.impact, style)] : []),
    ...(month.routine.length > 0 ? [[style.subheading('Routine activity')], outcomeBullets(month.routine, style)] : []),
  ];
}

const MARKDOWN_INLINE = /[\\`*_[\]|~]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes what Markdown or HTML would read as markup, and what would turn the start of a line
 * into structure (`#` heading, `-`/`+` list, `1.` numbered list; `>` is already an entity).
 */
function escapeMarkdown(raw: string): string {
  return asOneLine(raw)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(/^[#+-]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A line break in stored text must not end a bullet early or start a new block. */
function asOneLine(raw: string): string {
  return raw.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Totals and months of a review.

interface ReviewTotals {
  impact: number;
  routine: number;
  unnamedRoutineCommits: number;
}

interface RepositoryTotals extends ReviewTotals {
  repository: ReportRepository | null;
}

interface MonthOfOutcomes {
  /** "2026-07" */
  key: string;
  /** "July 2026" */
  label: string;
  impact: ReportOutcome[];
  routine: ReportOutcome[];
}

/** Counts top-level outcomes: a branch and the outcomes of its commits are one piece of work. */
function reviewTotals(data: ReportData): ReviewTotals {
  return {
    impact: data.impact.length,
    routine: data.routine.length,
    unnamedRoutineCommits: data.unnamedRoutine.reduce((sum, summary) => sum + summary.commitCount, 0),
  };
}

function totalsByRepository(data: ReportData): RepositoryTotals[] {
  const byRoot = new Map<string | null, RepositoryTotals>();
  const totalsOf = (repository: ReportRepository | null): RepositoryTotals => {
    const key = repository?.root ?? null;
    let totals = byRoot.get(key);
    if (!totals) {
      totals = { repository, impact: 0, routine: 0, unnamedRoutineCommits: 0 };
      byRoot.set(key, totals);
    }
    return totals;
  };
  for (const outcome of data.impact) totalsOf(outcome.repository).impact += 1;
  for (const outcome of data.routine) totalsOf(outcome.repository).routine += 1;
  for (const summary of data.unnamedRoutine) totalsOf(summary.repository).unnamedRoutineCommits += summary.commitCount;
  return [...byRoot.values()].sort(byRepositoryName);
}

function byRepositoryName(a: RepositoryTotals, b: RepositoryTotals): number {
  if (!a.repository || !b.repository) return (a.repository ? 0 : 1) - (b.repository ? 0 : 1);
  return a.repository.name.localeCompare(b.repository.name, 'en-US') || a.repository.root.localeCompare(b.repository.root, 'en-US');
}

/**
 * Every month of the range, oldest first, with its outcomes oldest first: a review reads as the
 * story of the period. A month outside the range still appears, so that no outcome goes missing.
 */
function outcomesByMonth(data: ReportData): MonthOfOutcomes[] {
  const calendar = calendarIn(data.timeZone);
  const months = new Map<string, MonthOfOutcomes>();
  const month = (key: string): MonthOfOutcomes => {
    let found = months.get(key);
    if (!found) {
      found = { key, label: calendar.monthLabel(key), impact: [], routine: [] };
      months.set(key, found);
    }
    return found;
  };
  for (const key of monthKeysBetween(data.range, calendar)) month(key);
  for (const outcome of oldestFirst(data.impact)) month(calendar.monthKey(outcome.happenedAt)).impact.push(outcome);
  for (const outcome of oldestFirst(data.routine)) month(calendar.monthKey(outcome.happenedAt)).routine.push(outcome);
  return [...months.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** "2026-07", "2026-08", … for each month the range touches in its time zone. */
function monthKeysBetween(range: ReportData['range'], calendar: ZonedCalendar): string[] {
  const [firstYear, firstMonth] = calendar.monthKey(range.from).split('-').map(Number);
  const [lastYear, lastMonth] = calendar.monthKey(lastInstant(range)).split('-').map(Number);
  const keys: string[] = [];
  for (let index = firstYear * 12 + firstMonth - 1; index <= lastYear * 12 + lastMonth - 1; index++) {
    keys.push(`${Math.floor(index / 12)}-${twoDigits((index % 12) + 1)}`);
  }
  return keys;
}

function oldestFirst(outcomes: readonly ReportOutcome[]): ReportOutcome[] {
  return [...outcomes].sort((a, b) => a.happenedAt - b.happenedAt);
}

// ---------------------------------------------------------------------------------------------
// Dates in the report's time zone.

interface ZonedCalendar {
  /** "Nov 3" */
  day(time: number): string;
  /** "Nov 3, 2026" */
  dayWithYear(time: number): string;
  /** "2026-11-03" */
  isoDate(time: number): string;
  /** "2026-11" */
  monthKey(time: number): string;
  /** "2026-11" → "November 2026" */
  monthLabel(key: string): string;
}

function calendarIn(timeZone: string): ZonedCalendar {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' });
  const dayWithYear = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' });
  // A month's name does not depend on the zone: the key already placed the instant in it.
  const month = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const isoDate = (time: number): string => {
    const local = localTime(time, timeZone);
    return `${local.year}-${twoDigits(local.month)}-${twoDigits(local.day)}`;
  };
  return {
    day: (time) => day.format(time),
    dayWithYear: (time) => dayWithYear.format(time),
    isoDate,
    monthKey: (time) => isoDate(time).slice(0, 7),
    monthLabel: (key) => {
      const [year, monthNumber] = key.split('-').map(Number);
      return month.format(Date.UTC(year, monthNumber - 1, 1));
    },
  };
}

/** The last instant in [from, to); `from` itself when the range is empty. */
function lastInstant(range: ReportData['range']): number {
  return Math.max(range.from, range.to - 1);
}

/** The first and last day of the range ("Nov 3", "Nov 9, 2026"), or one day when they are the same. */
function rangeDays(range: ReportData['range'], calendar: ZonedCalendar): string[] {
  const last = lastInstant(range);
  if (calendar.isoDate(range.from) === calendar.isoDate(last)) return [calendar.dayWithYear(range.from)];
  const sameYear = calendar.isoDate(range.from).slice(0, 4) === calendar.isoDate(last).slice(0, 4);
  return [sameYear ? calendar.day(range.from) : calendar.dayWithYear(range.from), calendar.dayWithYear(last)];
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------

function remoteLinksOf(repository: ReportRepository | null): RemoteLinks | undefined {
  return repository?.remoteUrl ? parseRemoteLinks(repository.remoteUrl) : undefined;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** "1 routine commit", "14 routine commits". */
function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
