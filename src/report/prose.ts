/**
 * What people read: Markdown for a 1:1 document, plain text for an email or a chat. Both formats
 * and both documents (the 1:1 report and the review) share one layout and one opening; a style
 * says how each piece is written.
 */
import { calendarIn, spanDays, type TimeSpan, type ZonedCalendar } from '../core/calendar';
import { plural, shortSha } from '../core/text';
import { markdownLiteral, plainLiteral } from './literal';
import type { ReportData, ReportGoal, ReportOutcome, RoutineSummary } from './model';
import { publishedCommitUrl, remoteLinksOf } from './remoteLinks';
import { outcomesByMonth, reviewTotals, totalsByGoal, totalsByRepository, type GoalTotals, type MonthOfOutcomes, type RepositoryTotals, type ReviewTotals } from './reviewAggregation';
import { routineSummaryText, waitingCountText } from './wording';

export interface ProseStyle {
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

export const MARKDOWN: ProseStyle = {
  title: (text) => `# ${text}`,
  heading: (text) => `## ${text}`,
  subheading: (text) => `### ${text}`,
  literal: markdownLiteral,
  bullet: (depth, content) => `${'  '.repeat(depth)}- ${content}`,
  link: (label, url) => (url ? `[${label}](${url})` : label),
  sha: (sha, url) => (url ? `[${shortSha(sha)}](${url})` : `\`${shortSha(sha)}\``),
};

export const PLAIN_TEXT: ProseStyle = {
  title: (text) => underlined(text, '='),
  heading: (text) => underlined(text, '-'),
  subheading: (text) => `${text}:`,
  literal: plainLiteral,
  bullet: (depth, content) => `${'  '.repeat(depth)}- ${content}`,
  link: (label) => label,
  sha: (sha) => shortSha(sha),
};

/** The 1:1 report: shipped impact, then routine activity. */
export function proseReport(data: ReportData, style: ProseStyle): string {
  return proseDocument(data, style, { title: 'Progress', scope: 'report' }, () => [
    [style.heading('Shipped impact')],
    impactLines(data.impact, style),
    [style.heading('Routine activity')],
    routineLines(data.routine, data.unnamedRoutine, style),
  ]);
}

/** The review: totals, totals by repository, by goal (when the user keeps goals), then month by month. */
export function proseReview(data: ReportData, style: ProseStyle): string {
  return proseDocument(data, style, { title: 'Review', scope: 'review' }, () => [
    [style.heading('Totals')],
    totalLines(reviewTotals(data), style),
    [style.heading('By repository')],
    totalsByRepository(data).map((totals) => style.bullet(0, repositoryTotalsText(totals, style))),
    ...goalBlocks(totalsByGoal(data), data, style),
    ...outcomesByMonth(data).flatMap((month) => monthBlocks(month, style)),
  ]);
}

/**
 * The opening both documents share ("Progress: Nov 2 – Nov 8, 2026"), a plain sentence when there
 * is nothing, and the count of work still waiting at the end.
 */
function proseDocument(data: ReportData, style: ProseStyle, document: { title: string; scope: 'report' | 'review' }, body: () => string[][]): string {
  const calendar = calendarIn(data.timeZone);
  const title = [style.title(`${document.title}: ${spanDays(data.range, calendar).join(' – ')}`)];
  if (isEmpty(data)) return joinBlocks([title, [nothingRecorded(data.range, calendar)]]);
  return joinBlocks([title, ...body(), ...waitingBlock(data.waitingCount, document.scope)]);
}

function underlined(text: string, rule: string): string {
  return `${text}\n${rule.repeat(Array.from(text).length)}`;
}

/** One paragraph per block, blank lines between. */
function joinBlocks(blocks: string[][]): string {
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

function isEmpty(data: ReportData): boolean {
  return data.impact.length === 0 && data.routine.length === 0 && data.unnamedRoutine.length === 0 && data.waitingCount === 0;
}

function nothingRecorded(range: TimeSpan, calendar: ZonedCalendar): string {
  const days = spanDays(range, calendar);
  return days.length === 1 ? `Nothing recorded on ${days[0]}.` : `Nothing recorded between ${days[0]} and ${days[1]}.`;
}

function impactLines(impact: readonly ReportOutcome[], style: ProseStyle): string[] {
  return impact.length > 0 ? outcomeBullets(impact, style) : ['Nothing shipped in this range.'];
}

function routineLines(routine: readonly ReportOutcome[], unnamedRoutine: readonly RoutineSummary[], style: ProseStyle): string[] {
  const lines = [...outcomeBullets(routine, style), ...unnamedRoutine.map((summary) => style.bullet(0, routineSummaryText(summary, style.literal)))];
  return lines.length > 0 ? lines : ['No routine activity recorded.'];
}

/** Said out loud, so that a reader never takes a report with unnamed work for the whole story. */
function waitingBlock(waitingCount: number, scope: 'report' | 'review'): string[][] {
  if (waitingCount === 0) return [];
  const verb = waitingCount === 1 ? 'is' : 'are';
  return [[`${waitingCountText(waitingCount)} still waiting for a name ${verb} not in this ${scope}.`]];
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
  if (outcome.goal && outcome.goal.id !== parent?.goal?.id) details.push(`goal: ${style.literal(outcome.goal.title)}`);
  if (outcome.repository && !sameRepository) details.push(style.literal(outcome.repository.name));
  if (outcome.branch && !(sameRepository && parent?.branch === outcome.branch)) {
    details.push(style.link(style.literal(outcome.branch), links?.branchUrl(outcome.branch)));
  }
  if (outcome.commits.length > 0) details.push(outcome.commits.map((commit) => style.sha(commit.sha, publishedCommitUrl(links, commit))).join(' '));
  const text = style.literal(outcome.text);
  return details.length > 0 ? `${text} — ${details.join(' · ')}` : text;
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

/**
 * "By goal": each goal with its counts, per kind and per month, and its outcomes (oldest first,
 * text and day: the months below hold the details); then what no goal claims. Nothing when the
 * user keeps no goals.
 */
function goalBlocks(goals: readonly GoalTotals[], data: ReportData, style: ProseStyle): string[][] {
  if (goals.length === 0) return [];
  const calendar = calendarIn(data.timeZone);
  return [
    [style.heading('By goal')],
    ...goals.flatMap((totals) => {
      const about = totals.goal ? goalAbout(totals.goal, style) : undefined;
      const total = totals.impact + totals.routine;
      const counts =
        total === 0
          ? 'No outcome in this range.'
          : `${plural(total, 'outcome')}: ${totals.impact} shipped impact, ${totals.routine} routine. Per month — ${totals.months.map((month) => `${month.label}: ${month.count}`).join(', ')}.`;
      return [
        [style.subheading(totals.goal ? goalHeading(totals.goal, style) : 'Not tied to a goal')],
        ...(about ? [[about]] : []),
        [counts],
        ...(totals.outcomes.length ? [totals.outcomes.map((outcome) => style.bullet(0, `${style.literal(outcome.text)} (${calendar.day(outcome.happenedAt)})`))] : []),
      ];
    }),
  ];
}

/** "Faster checkout", or "Faster checkout (completed)" for a goal no longer active. */
function goalHeading(goal: ReportGoal, style: ProseStyle): string {
  return `${style.literal(goal.title)}${goal.status === 'active' ? '' : ` (${goal.status})`}`;
}

/** "Why it matters: … · Target: 2027-03-31" when the goal says either. */
function goalAbout(goal: ReportGoal, style: ProseStyle): string | undefined {
  const parts = [goal.why ? `Why it matters: ${style.literal(goal.why)}` : undefined, goal.targetDay ? `Target: ${goal.targetDay}` : undefined].filter((part) => part !== undefined);
  return parts.length ? parts.join(' · ') : undefined;
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
