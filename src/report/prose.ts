/**
 * What people read: Markdown for a 1:1 document, plain text for an email or a chat. Both formats
 * and both documents (the 1:1 report and the review) share one layout and one opening; a style
 * says how each piece is written.
 */
import { calendarIn, spanDays, type TimeSpan, type ZonedCalendar } from '../core/calendar';
import * as l10n from '../core/l10n';
import { REACHES } from '../core/domain';
import { reachLabel } from '../core/reach';
import { shortSha } from '../core/text';
import { markdownLiteral, plainLiteral } from './literal';
import type { ReportData, ReportGoal, ReportOutcome, ReportReview, RoutineSummary } from './model';
import { publishedBranchUrl, publishedCommitUrl, remoteLinksOf } from './remoteLinks';
import { outcomesByMonth, reviewTotals, totalsByGoal, totalsByRepository, type GoalTotals, type MonthOfOutcomes, type RepositoryTotals, type ReviewTotals } from './reviewAggregation';
import { namedRoutineOutcomesText, routineSummaryText, shippedImpactOutcomesText, unnamedRoutineCommitsText } from './wording';

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

/** The 1:1 report: the reviewed weeks' highlights and next focus, shipped impact, then routine activity. */
export function proseReport(data: ReportData, style: ProseStyle): string {
  return proseDocument(data, style, { title: (days) => l10n.t('Progress: {0}', days), scope: 'report' }, () => [
    ...reviewBlocks(data, style),
    [style.heading(l10n.t('Shipped impact'))],
    impactLines(data.impact, style),
    [style.heading(l10n.t('Routine activity'))],
    routineLines(data.routine, data.unnamedRoutine, style),
  ]);
}

/** The review: totals, totals by repository, by goal (when the user keeps goals), then month by month. */
export function proseReview(data: ReportData, style: ProseStyle): string {
  return proseDocument(data, style, { title: (days) => l10n.t('Review: {0}', days), scope: 'review' }, () => [
    [style.heading(l10n.t('Totals'))],
    totalLines(reviewTotals(data), style),
    [style.heading(l10n.t('By repository'))],
    totalsByRepository(data).map((totals) => style.bullet(0, repositoryTotalsText(totals, style))),
    ...goalBlocks(totalsByGoal(data), data, style),
    ...outcomesByMonth(data).flatMap((month) => monthBlocks(month, style)),
  ]);
}

/**
 * The growth case for a review: shipped impact grouped by who it reached (widest first, then what
 * says nobody), then the firsts; each outcome with its repository, branch and commits as evidence.
 */
export function proseGrowth(data: ReportData, style: ProseStyle): string {
  const all = (outcomes: readonly ReportOutcome[]): ReportOutcome[] => outcomes.flatMap((outcome) => [outcome, ...all(outcome.children)]);
  const firsts = all([...data.impact, ...data.routine]).filter((outcome) => outcome.first).sort((a, b) => a.happenedAt - b.happenedAt);
  const groups = [...[...REACHES].reverse().map((reach) => ({ label: reachLabel(reach), outcomes: data.impact.filter((outcome) => outcome.reach === reach) })), { label: l10n.t('Reach not said'), outcomes: data.impact.filter((outcome) => !outcome.reach) }];
  return proseDocument(data, style, { title: (days) => l10n.t('Growth: {0}', days), scope: 'review' }, () => [
    [style.heading(l10n.t('Shipped impact by reach'))],
    [style.bullet(0, shippedImpactOutcomesText(data.impact.length)), ...groups.filter((group) => group.outcomes.length > 0).map((group) => style.bullet(1, `${group.label}: ${group.outcomes.length}`))],
    ...groups.filter((group) => group.outcomes.length > 0).flatMap((group) => [[style.subheading(group.label)], outcomeBullets(group.outcomes, style)]),
    [style.heading(l10n.t('Firsts'))],
    firsts.length > 0 ? firsts.map((outcome) => style.bullet(0, outcomeLine(outcome, style))) : [l10n.t('No outcome in this range is marked as a first.')],
  ]);
}

/**
 * The opening both documents share ("Progress: Nov 2 – Nov 8, 2026"), a plain sentence when there
 * is nothing, and the count of work still waiting at the end.
 */
function proseDocument(data: ReportData, style: ProseStyle, document: { title: (days: string) => string; scope: 'report' | 'review' }, body: () => string[][]): string {
  const calendar = calendarIn(data.timeZone);
  const title = [style.title(document.title(spanDays(data.range, calendar).join(' – ')))];
  if (isEmpty(data) && (document.scope === 'review' || !data.reviews?.length)) return joinBlocks([title, [nothingRecorded(data.range, calendar)]]);
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

/**
 * What the 1:1 report leads with: the outcomes the user marked to talk about in the reviewed weeks
 * it covers, then the focus each review set for the week after. With several weeks, each says
 * which week it is; a review's answer of several lines is a bullet per line.
 */
function reviewBlocks(data: ReportData, style: ProseStyle): string[][] {
  const reviews = data.reviews ?? [];
  if (reviews.length === 0) return [];
  const calendar = calendarIn(data.timeZone);
  const weekLabel = (review: ReportReview): string[][] => (reviews.length > 1 ? [[style.subheading(l10n.t('Week of {0}', calendar.day(review.week.from)))]] : []);
  const withHighlights = reviews.filter((review) => review.highlights.length > 0);
  const withFocus = reviews.filter((review) => review.nextFocus !== null);
  return [
    ...(withHighlights.length > 0 ? [[style.heading(l10n.t('Highlights'))]] : []),
    ...withHighlights.flatMap((review) => [...weekLabel(review), review.highlights.map((highlight) => style.bullet(0, outcomeLine(highlight, style)))]),
    ...(withFocus.length > 0 ? [[style.heading(l10n.t("Next week's focus"))]] : []),
    ...withFocus.flatMap((review) => [...weekLabel(review), answerLines(review.nextFocus!).map((line) => style.bullet(0, style.literal(line)))]),
  ];
}

function answerLines(answer: string): string[] {
  return answer.split('\n').filter((line) => line.trim() !== '');
}

function nothingRecorded(range: TimeSpan, calendar: ZonedCalendar): string {
  const days = spanDays(range, calendar);
  return days.length === 1 ? l10n.t('Nothing recorded on {0}.', days[0]) : l10n.t('Nothing recorded between {0} and {1}.', days[0], days[1]);
}

function impactLines(impact: readonly ReportOutcome[], style: ProseStyle): string[] {
  return impact.length > 0 ? outcomeBullets(impact, style) : [l10n.t('Nothing shipped in this range.')];
}

function routineLines(routine: readonly ReportOutcome[], unnamedRoutine: readonly RoutineSummary[], style: ProseStyle): string[] {
  const lines = [...outcomeBullets(routine, style), ...unnamedRoutine.map((summary) => style.bullet(0, routineSummaryText(summary, style.literal)))];
  return lines.length > 0 ? lines : [l10n.t('No routine activity recorded.')];
}

/** Said out loud, so that a reader never takes a report with unnamed work for the whole story. */
function waitingBlock(waitingCount: number, scope: 'report' | 'review'): string[][] {
  if (waitingCount === 0) return [];
  return [
    [
      scope === 'report'
        ? l10n.plural(waitingCount, '{0} commit or branch still waiting for a name is not in this report.', '{0} commits or branches still waiting for a name are not in this report.')
        : l10n.plural(waitingCount, '{0} commit or branch still waiting for a name is not in this review.', '{0} commits or branches still waiting for a name are not in this review.'),
    ],
  ];
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
  if (parent && parent.kind !== outcome.kind) details.push(outcome.kind === 'impact' ? l10n.t('impact') : l10n.t('routine'));
  if (outcome.goal && outcome.goal.id !== parent?.goal?.id) details.push(l10n.t('goal: {0}', style.literal(outcome.goal.title)));
  if (outcome.repository && !sameRepository) details.push(style.literal(outcome.repository.name));
  if (outcome.branch && !(sameRepository && parent?.branch === outcome.branch)) {
    details.push(style.link(style.literal(outcome.branch), publishedBranchUrl(links, outcome)));
  }
  if (outcome.commits.length > 0) details.push(outcome.commits.map((commit) => style.sha(commit.sha, publishedCommitUrl(links, commit))).join(' '));
  const text = style.literal(outcome.text);
  return details.length > 0 ? `${text} — ${details.join(' · ')}` : text;
}

function totalLines(totals: ReviewTotals, style: ProseStyle): string[] {
  return [
    style.bullet(0, shippedImpactOutcomesText(totals.impact)),
    style.bullet(0, namedRoutineOutcomesText(totals.routine)),
    style.bullet(0, unnamedRoutineCommitsText(totals.unnamedRoutineCommits)),
  ];
}

function repositoryTotalsText(totals: RepositoryTotals, style: ProseStyle): string {
  const counts = [
    totals.impact > 0 ? l10n.plural(totals.impact, '{0} impact outcome', '{0} impact outcomes') : undefined,
    totals.routine > 0 ? l10n.plural(totals.routine, '{0} routine outcome', '{0} routine outcomes') : undefined,
    totals.unnamedRoutineCommits > 0 ? unnamedRoutineCommitsText(totals.unnamedRoutineCommits) : undefined,
  ].filter((count) => count !== undefined);
  const name = totals.repository ? style.literal(totals.repository.name) : l10n.t('Without a repository');
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
    [style.heading(l10n.t('By goal'))],
    ...goals.flatMap((totals) => {
      const about = totals.goal ? goalAbout(totals.goal, style) : undefined;
      const total = totals.impact + totals.routine;
      const counts =
        total === 0
          ? l10n.t('No outcome in this range.')
          : l10n.plural(
              total,
              '{0} outcome: {1} shipped impact, {2} routine. Per month — {3}.',
              '{0} outcomes: {1} shipped impact, {2} routine. Per month — {3}.',
              totals.impact,
              totals.routine,
              totals.months.map((month) => `${month.label}: ${month.count}`).join(', '),
            );
      return [
        [style.subheading(totals.goal ? goalHeading(totals.goal, style) : l10n.t('Not tied to a goal'))],
        ...(about ? [[about]] : []),
        [counts],
        ...(totals.outcomes.length ? [totals.outcomes.map((outcome) => style.bullet(0, `${style.literal(outcome.text)} (${calendar.day(outcome.happenedAt)})`))] : []),
      ];
    }),
  ];
}

/** "Faster checkout", or "Faster checkout (completed)" for a goal no longer active. */
function goalHeading(goal: ReportGoal, style: ProseStyle): string {
  const title = style.literal(goal.title);
  if (goal.status === 'active') return title;
  return goal.status === 'completed' ? l10n.t('{0} (completed)', title) : l10n.t('{0} (dropped)', title);
}

/** "Why it matters: … · Target: 2027-03-31" when the goal says either. */
function goalAbout(goal: ReportGoal, style: ProseStyle): string | undefined {
  const parts = [goal.why ? l10n.t('Why it matters: {0}', style.literal(goal.why)) : undefined, goal.targetDay ? l10n.t('Target: {0}', goal.targetDay) : undefined].filter(
    (part) => part !== undefined,
  );
  return parts.length ? parts.join(' · ') : undefined;
}

/** A month with nothing says so; otherwise only the kinds it holds are shown. */
function monthBlocks(month: MonthOfOutcomes, style: ProseStyle): string[][] {
  const heading = [style.heading(month.label)];
  if (month.impact.length === 0 && month.routine.length === 0) return [heading, [l10n.t('Nothing recorded.')]];
  return [
    heading,
    ...(month.impact.length > 0 ? [[style.subheading(l10n.t('Shipped impact'))], outcomeBullets(month.impact, style)] : []),
    ...(month.routine.length > 0 ? [[style.subheading(l10n.t('Routine activity'))], outcomeBullets(month.routine, style)] : []),
  ];
}
