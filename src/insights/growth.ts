/**
 * Is the work growing? What a week hides and months show: how far shipped impact reached (beyond
 * the person's own team or not), firsts, and how much of each week's plan landed; and the signals
 * the seeds name for inertia (high output with reach unchanged, no first in six months, the same
 * repositories and goals as a year ago with reach unchanged) and for growth (reach beyond the team
 * doubled this half). Pure functions of counted outcomes and plans, pinned by tests on synthetic
 * years. They describe the log, never the person: no "should", no praise, no blame.
 *
 * The rules (thresholds in GROWTH_RULES), as of `now`:
 * - flatReach: the last two complete calendar quarters each hold at least 12 shipped outcomes, at
 *   least half of them say who they reached, and the share reaching beyond the team moved less than
 *   10 points between them.
 * - noFirst: the log's first shipped outcome is at least 182 days old and no outcome of the last
 *   182 days is a first.
 * - sameAsYearAgo: the last complete half-year against the same half a year earlier, both with at
 *   least 20 shipped outcomes: the repositories of shipped impact overlap by 80% or more (both
 *   ways), the goals too (or neither had any), and the share beyond the team moved less than 10 points.
 * - reachGrew: this half-year so far against the last one, each with at least 8 outcomes that say
 *   who they reached: the share beyond the team at least doubled, with 4 or more such outcomes now.
 *
 * Nothing here knows VS Code.
 */
import { REACHES, reachesBeyondTeam, type PlanItem, type Reach } from '../core/domain';
import * as l10n from '../core/l10n';
import { quoted } from '../core/text';
import { localTime, startOfLocalDay, weekOf, type WeekOptions } from '../core/weeks';

export const GROWTH_RULES = {
  flatReach: { minImpact: 12, minMarkedShare: 0.5, maxChangePoints: 10 },
  noFirst: { days: 182 },
  sameAsYearAgo: { minImpact: 20, minOverlap: 0.8, maxChangePoints: 10 },
  reachGrew: { minMarked: 8, minBeyondNow: 4, factor: 2 },
} as const;

/** How many quarters the growth charts show. */
export const GROWTH_QUARTERS = 8;
/** How many weeks of plans the plan-versus-done chart shows. */
export const PLAN_WEEKS = 12;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A top-level outcome as growth reads it: shipped impact, or any outcome marked as a first. Read
 * from the store, shipped impact comes counted (`count` outcomes of one quarter, reach, repository
 * and goal, at the quarter's start) and firsts one by one (not counted again as impact).
 */
export interface GrowthOutcome {
  text: string;
  happenedAt: number;
  /** How many outcomes it stands for (1 when absent). */
  count?: number;
  impact: boolean;
  reach?: Reach;
  first?: boolean;
  repoId: string | null;
  goalId: string | null;
}

export interface GrowthInput {
  /** Top-level outcomes, all time up to `now` (history and routine work carry no reach). */
  outcomes: readonly GrowthOutcome[];
  /** Plan items of the weeks shown. */
  plans: readonly PlanItem[];
  /** The newest first from before the outcomes given, when they are not all time. */
  earlierFirst?: { text: string; happenedAt: number };
  /** Shipped impact in the last 182 days, and when the first shipped outcome happened, when `outcomes` are counted by quarter. */
  recentImpact?: number;
  oldestImpactAt?: number;
  now: number;
  options: WeekOptions;
}

/** One calendar quarter of shipped impact. */
export interface QuarterGrowth {
  /** "Q4 2026" */
  label: string;
  from: number;
  to: number;
  impact: number;
  /** Shipped impact that says who it reached. */
  marked: number;
  /** Of those, how many reached beyond the team (other teams, users, the organisation). */
  beyondTeam: number;
  byReach: Record<Reach, number>;
  /** Outcomes marked as firsts (any kind). */
  firsts: number;
}

/** One week's plan, as the next review settled it. */
export interface PlanWeek {
  weekStart: number;
  planned: number;
  landed: number;
  moved: number;
  dropped: number;
  open: number;
}

export type GrowthRule = 'flatReach' | 'noFirst' | 'sameAsYearAgo' | 'reachGrew';

/** A pattern of growth or inertia, in one plain sentence with the numbers behind it. */
export interface GrowthSignal {
  key: string;
  rule: GrowthRule;
  /** Growth (reach widened) rather than inertia. */
  positive: boolean;
  sentence: string;
  evidence: string[];
}

export interface GrowthNumbers {
  quarters: QuarterGrowth[];
  planWeeks: PlanWeek[];
  /** Landed of planned over the plan weeks that are over; undefined without any. */
  planDone: { landed: number; planned: number } | undefined;
  signals: GrowthSignal[];
}

/** Calendar quarters (and halves) as a person in one time zone reads them. */
interface Span {
  from: number;
  to: number;
  label: string;
}

function quarterOf(time: number, timeZone: string, back = 0): Span {
  const local = localTime(time, timeZone);
  const index = local.year * 4 + Math.floor((local.month - 1) / 3) - back;
  const year = Math.floor(index / 4);
  const quarter = index % 4;
  const from = startOfLocalDay(year, quarter * 3 + 1, 1, timeZone);
  const to = quarter === 3 ? startOfLocalDay(year + 1, 1, 1, timeZone) : startOfLocalDay(year, quarter * 3 + 4, 1, timeZone);
  return { from, to, label: l10n.t('Q{0} {1}', quarter + 1, year) };
}

function halfOf(time: number, timeZone: string, back = 0): Span {
  const local = localTime(time, timeZone);
  const index = local.year * 2 + (local.month > 6 ? 1 : 0) - back;
  const year = Math.floor(index / 2);
  const second = index % 2 === 1;
  const from = startOfLocalDay(year, second ? 7 : 1, 1, timeZone);
  const to = second ? startOfLocalDay(year + 1, 1, 1, timeZone) : startOfLocalDay(year, 7, 1, timeZone);
  return { from, to, label: second ? l10n.t('H2 {0}', year) : l10n.t('H1 {0}', year) };
}

const weight = (outcome: GrowthOutcome): number => outcome.count ?? 1;

/** How many outcomes of `outcomes` match. */
function total(outcomes: readonly GrowthOutcome[], match: (outcome: GrowthOutcome) => boolean = () => true): number {
  let sum = 0;
  for (const outcome of outcomes) if (match(outcome)) sum += weight(outcome);
  return sum;
}

function within(outcomes: readonly GrowthOutcome[], span: { from: number; to: number }): GrowthOutcome[] {
  return outcomes.filter((outcome) => outcome.happenedAt >= span.from && outcome.happenedAt < span.to);
}

function quarterGrowth(outcomes: readonly GrowthOutcome[], span: Span): QuarterGrowth {
  const inSpan = within(outcomes, span);
  const impact = inSpan.filter((outcome) => outcome.impact);
  const byReach = Object.fromEntries(REACHES.map((reach) => [reach, 0])) as Record<Reach, number>;
  for (const outcome of impact) if (outcome.reach) byReach[outcome.reach] += weight(outcome);
  return {
    label: span.label,
    from: span.from,
    to: span.to,
    impact: total(impact),
    marked: total(impact, (outcome) => outcome.reach !== undefined),
    beyondTeam: total(impact, (outcome) => reachesBeyondTeam(outcome.reach)),
    byReach,
    firsts: total(inSpan, (outcome) => outcome.first === true),
  };
}

/** Beyond-team outcomes over outcomes that say who they reached, as a whole percentage. */
function beyondPercent(side: { marked: number; beyondTeam: number }): number {
  return side.marked === 0 ? 0 : Math.round((100 * side.beyondTeam) / side.marked);
}

/** Where the outcomes growth reads begin: the oldest quarter shown (its rules read at most two years back). */
export function growthFrom(now: number, timeZone: string): number {
  return Math.min(quarterOf(now, timeZone, GROWTH_QUARTERS - 1).from, halfOf(now, timeZone, 3).from);
}

/** The calendar quarters growth counts in, oldest first, from `growthFrom` to the one holding `now`. */
export function growthQuarters(now: number, timeZone: string): { from: number; to: number }[] {
  const from = growthFrom(now, timeZone);
  const quarters: { from: number; to: number }[] = [];
  for (let back = 0; ; back++) {
    const quarter = quarterOf(now, timeZone, back);
    quarters.unshift({ from: quarter.from, to: quarter.to });
    if (quarter.from <= from) return quarters;
  }
}

/** Where "no first in six months" starts counting. */
export function recentFrom(now: number): number {
  return now - GROWTH_RULES.noFirst.days * DAY_MS;
}

/** Everything the growth view draws, and its signals, as of `input.now`. */
export function growthOf(input: GrowthInput): GrowthNumbers {
  const { timeZone } = input.options;
  const quarters = Array.from({ length: GROWTH_QUARTERS }, (_, index) => quarterGrowth(input.outcomes, quarterOf(input.now, timeZone, GROWTH_QUARTERS - 1 - index)));
  const planWeeks = planWeeksOf(input.plans, input.now, input.options);
  const over = planWeeks.filter((week) => week.weekStart < weekOf(input.now, input.options).start);
  const planned = over.reduce((sum, week) => sum + week.planned, 0);
  return {
    quarters,
    planWeeks,
    planDone: planned === 0 ? undefined : { landed: over.reduce((sum, week) => sum + week.landed, 0), planned },
    signals: [...flatReach(input), ...noFirst(input), ...sameAsYearAgo(input), ...reachGrew(input)],
  };
}

/** The last PLAN_WEEKS weeks that held a plan, oldest first (dropped items are not planned). */
function planWeeksOf(plans: readonly PlanItem[], now: number, options: WeekOptions): PlanWeek[] {
  const byWeek = new Map<number, PlanWeek>();
  for (const item of plans) {
    if (item.weekStart > now) continue;
    const week = byWeek.get(item.weekStart) ?? { weekStart: item.weekStart, planned: 0, landed: 0, moved: 0, dropped: 0, open: 0 };
    week[item.state]++;
    if (item.state !== 'dropped') week.planned++;
    byWeek.set(item.weekStart, week);
  }
  const thisWeek = weekOf(now, options).start;
  return [...byWeek.values()].filter((week) => week.weekStart <= thisWeek).sort((a, b) => a.weekStart - b.weekStart).slice(-PLAN_WEEKS);
}

function flatReach(input: GrowthInput): GrowthSignal[] {
  const { minImpact, minMarkedShare, maxChangePoints } = GROWTH_RULES.flatReach;
  const older = quarterGrowth(input.outcomes, quarterOf(input.now, input.options.timeZone, 2));
  const newer = quarterGrowth(input.outcomes, quarterOf(input.now, input.options.timeZone, 1));
  const enough = (side: QuarterGrowth) => side.impact >= minImpact && side.marked >= minMarkedShare * side.impact;
  if (!enough(older) || !enough(newer)) return [];
  const from = beyondPercent(older);
  const to = beyondPercent(newer);
  if (Math.abs(to - from) >= maxChangePoints) return [];
  return [
    {
      key: `flatReach:${newer.label}`,
      rule: 'flatReach',
      positive: false,
      sentence: l10n.t('High output, reach unchanged: {0} and {1} shipped outcomes in {2} and {3}, and the share reaching beyond your team stayed at {4}% → {5}%', older.impact, newer.impact, older.label, newer.label, from, to),
      evidence: [older, newer].map((side) => quarterEvidence(side)),
    },
  ];
}

function quarterEvidence(side: { label: string; impact: number; marked: number; beyondTeam: number }): string {
  return l10n.t('{0}: {1} shipped, {2} say who they reached, {3} beyond your team ({4}%)', side.label, side.impact, side.marked, side.beyondTeam, beyondPercent(side));
}

function noFirst(input: GrowthInput): GrowthSignal[] {
  const since = recentFrom(input.now);
  const impact = input.outcomes.filter((outcome) => outcome.impact && outcome.happenedAt <= input.now);
  const oldest = input.oldestImpactAt ?? (impact.length ? Math.min(...impact.map((outcome) => outcome.happenedAt)) : undefined);
  if (oldest === undefined || oldest > since) return [];
  if (input.outcomes.some((outcome) => outcome.first && outcome.happenedAt >= since && outcome.happenedAt <= input.now)) return [];
  const last = input.outcomes.filter((outcome) => outcome.first && outcome.happenedAt < since).sort((a, b) => b.happenedAt - a.happenedAt)[0] ?? input.earlierFirst;
  const recent = input.recentImpact ?? total(impact, (outcome) => outcome.happenedAt >= since);
  return [
    {
      key: 'noFirst',
      rule: 'noFirst',
      positive: false,
      sentence: l10n.t('No first in six months: nothing in the last {0} shipped outcomes was marked as something you had not done before', recent),
      evidence: [
        last
          ? l10n.t('The last first: {0}, {1}', quoted(last.text), new Date(last.happenedAt).toISOString().slice(0, 10))
          : l10n.t('No outcome has been marked as a first yet'),
      ],
    },
  ];
}

function sameAsYearAgo(input: GrowthInput): GrowthSignal[] {
  const { minImpact, minOverlap, maxChangePoints } = GROWTH_RULES.sameAsYearAgo;
  const nowSpan = halfOf(input.now, input.options.timeZone, 1);
  const thenSpan = halfOf(input.now, input.options.timeZone, 3);
  const side = (span: Span) => {
    const impact = within(input.outcomes, span).filter((outcome) => outcome.impact);
    return {
      label: span.label,
      impact: total(impact),
      marked: total(impact, (outcome) => outcome.reach !== undefined),
      beyondTeam: total(impact, (outcome) => reachesBeyondTeam(outcome.reach)),
      repos: new Set(impact.flatMap((outcome) => (outcome.repoId ? [outcome.repoId] : []))),
      goals: new Set(impact.flatMap((outcome) => (outcome.goalId ? [outcome.goalId] : []))),
    };
  };
  const now = side(nowSpan);
  const then = side(thenSpan);
  if (now.impact < minImpact || then.impact < minImpact) return [];
  const overlap = (a: Set<string>, b: Set<string>) => {
    if (a.size === 0 && b.size === 0) return 1;
    const shared = [...a].filter((item) => b.has(item)).length;
    return Math.min(shared / Math.max(a.size, 1), shared / Math.max(b.size, 1));
  };
  if (now.repos.size === 0 || overlap(now.repos, then.repos) < minOverlap || overlap(now.goals, then.goals) < minOverlap) return [];
  const from = beyondPercent(then);
  const to = beyondPercent(now);
  if (Math.abs(to - from) >= maxChangePoints) return [];
  return [
    {
      key: `sameAsYearAgo:${now.label}`,
      rule: 'sameAsYearAgo',
      positive: false,
      sentence: l10n.t('{0} looks like {1}: the same {2} and {3}, and {4}% → {5}% of shipped impact reaching beyond your team', now.label, then.label, l10n.plural(now.repos.size, '{0} repository', '{0} repositories'), l10n.plural(now.goals.size, '{0} goal', '{0} goals'), from, to),
      evidence: [then, now].map((half) => quarterEvidence(half)),
    },
  ];
}

function reachGrew(input: GrowthInput): GrowthSignal[] {
  const { minMarked, minBeyondNow, factor } = GROWTH_RULES.reachGrew;
  const nowSpan = halfOf(input.now, input.options.timeZone, 0);
  const beforeSpan = halfOf(input.now, input.options.timeZone, 1);
  const side = (span: Span) => {
    const impact = within(input.outcomes, { from: span.from, to: Math.min(span.to, input.now + 1) }).filter((outcome) => outcome.impact);
    return { label: span.label, impact: total(impact), marked: total(impact, (outcome) => outcome.reach !== undefined), beyondTeam: total(impact, (outcome) => reachesBeyondTeam(outcome.reach)) };
  };
  const now = side(nowSpan);
  const before = side(beforeSpan);
  if (now.marked < minMarked || before.marked < minMarked || now.beyondTeam < minBeyondNow) return [];
  const from = beyondPercent(before);
  const to = beyondPercent(now);
  if (to < factor * Math.max(from, 1)) return [];
  return [
    {
      key: `reachGrew:${now.label}`,
      rule: 'reachGrew',
      positive: true,
      sentence:
        from === 0
          ? l10n.t('Reach beyond your team opened up this half: {0}% → {1}% of shipped impact that says who it reached', from, to)
          : l10n.t('Reach beyond your team doubled this half: {0}% → {1}% of shipped impact that says who it reached', from, to),
      evidence: [before, now].map((half) => quarterEvidence(half)),
    },
  ];
}
