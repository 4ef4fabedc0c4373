/**
 * Insights over the store: the numbers of a range for the panel, and the signals of a week for
 * the weekly review. Weeks come from the user's settings (week start, time zone); SQLite counts
 * (src/storage/insightQueries.ts); the rules are in signals.ts. Nothing here knows VS Code.
 *
 * For the weekly review: `signalsChangedInWeek(week)` gives the signals that appeared or ended in
 * a complete week (as of that week against as of the week before); `signalsAsOf(week)` gives all
 * the signals standing as of a week.
 */
import { calendarIn, lastInstant } from '../core/calendar';
import * as l10n from '../core/l10n';
import { localTime, startOfLocalDay, weekRange, type Week, type WeekOptions } from '../core/weeks';
import type { Store } from '../storage/store';
import type { SpanCounts, WeekCounts } from '../storage/insightQueries';
import type { GoalInsight, InsightNumbers, RepositoryInsight, Signal, SignalChange, WeekInsight } from './model';
import { lastWeeks, quarterStart, rangeLabel, rangeWeeks, type InsightRangeKey } from '../core/ranges';
import { SIGNAL_LOOKBACK_WEEKS, SIGNAL_RULES, signalChanges, signalsFrom, type QuarterSide, type SignalGoal, type SignalWeek } from './signals';
import { VersionCache } from './versionCache';
import { growthOf, growthQuarters, PLAN_WEEKS, recentFrom, type GrowthNumbers, type GrowthOutcome } from './growth';

export class Insights {
  private readonly cache: VersionCache;

  constructor(
    private readonly store: Store,
    private readonly options: () => WeekOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new VersionCache(() => store.logVersion());
  }

  /** Whether the work is growing: reach and firsts per quarter, plan versus done, and their signals, as of now. */
  growth(): GrowthNumbers {
    this.cache.refresh();
    const options = this.options();
    const now = this.now();
    const quarters = growthQuarters(now, options.timeZone);
    const from = quarters[0].from;
    // Not kept between calls: "the last six months" moves with the clock, and the counts take a moment.
    const read = this.store.insights.growthCounts(quarters, recentFrom(now), from);
    const earlierFirst = read.firsts.find((first) => first.happenedAt < from);
    const outcomes: GrowthOutcome[] = [
      ...read.counts.map((row) => ({ text: '', happenedAt: quarters[row.span].from, count: row.count, impact: true, reach: row.reach ?? undefined, repoId: row.repoId, goalId: row.goalId })),
      ...read.firsts.filter((first) => first !== earlierFirst).map((first) => ({ ...first, impact: false, first: true, repoId: null, goalId: null })),
    ];
    const plans = this.store.plans.inRange(lastWeeks(PLAN_WEEKS, now, options)[0].start, now + 1);
    return growthOf({ outcomes, plans, now, options, earlierFirst, recentImpact: read.recentImpact, oldestImpactAt: read.oldestImpactAt });
  }

  /** The numbers of a range, with the signals as of the last complete week. */
  numbers(rangeKey: InsightRangeKey): InsightNumbers {
    this.cache.refresh();
    const options = this.options();
    const now = this.now();
    const range = rangeWeeks(rangeKey, now, options, rangeKey === 'all' ? this.store.insights.firstActivity() : undefined);
    // Both end with this week: the longer list holds the other, so one set of counts serves both.
    const weeks = range.length > SIGNAL_LOOKBACK_WEEKS ? range : lastWeeks(SIGNAL_LOOKBACK_WEEKS + 1, now, options);
    const counts = this.weeklyCounts(weeks);
    const inRange = counts.slice(weeks.length - range.length);

    // Across a new year "Nov 3" could be either year's: then every week says which.
    const span = { from: range[0].start, to: range[range.length - 1].end };
    const calendar = calendarIn(options.timeZone);
    const spansYears = localTime(span.from, options.timeZone).year !== localTime(lastInstant(span), options.timeZone).year;
    const weekInsights = range.map(
      (week, index): WeekInsight =>
        toWeekInsight(week, inRange[index], index === range.length - 1, {
          label: weekRange(week, now, options, spansYears),
          tick: spansYears ? calendar.dayWithYear(week.start) : calendar.day(week.start),
        }),
    );

    const goalCounts = this.cache.get(`goals ${range.map((week) => week.start).join(' ')} ${range[range.length - 1].end}`, () => this.store.insights.goalCounts(range));
    const goals: GoalInsight[] = [];
    for (const goal of this.store.insights.goals()) {
      const perWeek = goalCounts.get(goal.id) ?? range.map(() => 0);
      const total = perWeek.reduce((sum, count) => sum + count, 0);
      if (goal.status === 'active' || total > 0) goals.push({ id: goal.id, title: goal.title, status: goal.status, perWeek, total });
    }

    const repositories = repositoryTotals(inRange, this.store.insights.repositoryNames());

    const signalWeeks = weeks.slice(0, -1).slice(-SIGNAL_LOOKBACK_WEEKS);
    const signalCounts = counts.slice(0, -1).slice(-SIGNAL_LOOKBACK_WEEKS);
    const asOf = signalWeeks[signalWeeks.length - 1];
    return {
      range: { key: rangeKey, label: rangeLabel(rangeKey), days: weekRange({ start: span.from, end: span.to }, now, options) },
      weekStart: options.weekStart,
      timeZone: options.timeZone,
      weeks: weekInsights,
      goals,
      outcomesWithoutGoal: inRange.reduce((sum, week) => sum + week.withoutGoal, 0),
      repositories,
      signals: this.signals(signalWeeks, signalCounts, options, now),
      signalsAsOf: { start: asOf.start, label: weekRange(asOf, now, options) },
      empty: weekInsights.every((week) => week.impact + week.routine + week.commits === 0),
    };
  }

  /** Every signal standing as of a (complete) week. */
  signalsAsOf(week: Week): Signal[] {
    this.cache.refresh();
    const options = this.options();
    const weeks = lastWeeks(SIGNAL_LOOKBACK_WEEKS, week.start, options);
    return this.signals(weeks, this.weeklyCounts(weeks), options, this.now());
  }

  /**
   * For the weekly review: the signals that appeared in `week` (standing as of it, not as of the
   * week before) and those that ended in it (standing the week before, not any more).
   */
  signalsChangedInWeek(week: Week): SignalChange[] {
    this.cache.refresh();
    const options = this.options();
    const now = this.now();
    const weeks = lastWeeks(SIGNAL_LOOKBACK_WEEKS + 1, week.start, options);
    const counts = this.weeklyCounts(weeks);
    const before = this.signals(weeks.slice(0, -1), counts.slice(0, -1), options, now);
    const after = this.signals(weeks.slice(1), counts.slice(1), options, now);
    return signalChanges(before, after);
  }

  /** Each week's counts: those kept for this version of the log, and the rest read in one pass. */
  private weeklyCounts(weeks: readonly Week[]): WeekCounts[] {
    return this.cache.each(weeks, (week) => `week ${week.start} ${week.end}`, (missing) => this.store.insights.weeklyCounts(missing));
  }

  private spanCounts(from: number, to: number): SpanCounts {
    return this.cache.get(`span ${from} ${to}`, () => this.store.insights.spanCounts({ from, to }));
  }

  /** The signals as of the last of `weeks`. */
  private signals(weeks: readonly Week[], counts: readonly WeekCounts[], options: WeekOptions, now: number): Signal[] {
    const asOf = weeks[weeks.length - 1];
    const signalWeeks = weeks.map(
      (week, index): SignalWeek => ({
        week,
        impact: counts[index].impact,
        routine: counts[index].routine,
        routineCommits: counts[index].commits.routine,
        commits: commitTotal(counts[index]) - counts[index].commits.history,
      }),
    );
    const goals: SignalGoal[] = this.store.insights
      .goals()
      .filter((goal) => goal.createdAt < asOf.end && (goal.closedAt === null || goal.closedAt >= asOf.end))
      .map((goal) => ({ id: goal.id, title: goal.title, createdAt: goal.createdAt, closedAt: goal.closedAt, last: this.store.insights.lastGoalOutcome(goal.id, asOf.end) }));
    const window = weeks.slice(-SIGNAL_RULES.activityAsImpact.windowWeeks);
    const impactLines = this.cache.get(`impact lines ${window[0].start} ${asOf.end}`, () => this.store.insights.impactLines({ from: window[0].start, to: asOf.end }));
    const lines = impactLines.map((line) => ({ text: line.text, happenedAt: line.happenedAt, subjects: line.subjects, branch: line.source === 'branch' ? line.branch : null }));
    return signalsFrom({ weeks: signalWeeks, goals, quarter: this.quarterSides(asOf, options), impactLines: lines, options, now });
  }

  /** This quarter up to the end of `asOf`, and the same days a year earlier. */
  private quarterSides(asOf: Week, options: WeekOptions): { now: QuarterSide; lastYear: QuarterSide } {
    const lastDay = localTime(asOf.end - 1, options.timeZone);
    const from = quarterStart(asOf.end - 1, options.timeZone);
    const first = localTime(from, options.timeZone);
    const quarter = Math.floor((first.month - 1) / 3) + 1;
    const side = (spanFrom: number, spanTo: number, year: number): QuarterSide => ({
      from: spanFrom,
      to: spanTo,
      label: l10n.t('Q{0} {1}', quarter, year),
      ...this.spanCounts(spanFrom, spanTo),
    });
    return {
      now: side(from, asOf.end, first.year),
      lastYear: side(
        startOfLocalDay(first.year - 1, first.month, 1, options.timeZone),
        startOfLocalDay(lastDay.year - 1, lastDay.month, lastDay.day + 1, options.timeZone),
        first.year - 1,
      ),
    };
  }
}

/** Where the work went: each repository's top-level outcomes over the weeks, most first. */
function repositoryTotals(weeks: readonly WeekCounts[], names: ReadonlyMap<string, string>): RepositoryInsight[] {
  const totals = new Map<string | null, RepositoryInsight>();
  for (const row of weeks.flatMap((week) => week.byRepository)) {
    const total = totals.get(row.repoId) ?? { id: row.repoId, name: row.repoId === null ? l10n.t('Added by hand') : (names.get(row.repoId) ?? l10n.t('A removed repository')), impact: 0, routine: 0 };
    total.impact += row.impact;
    total.routine += row.routine;
    totals.set(row.repoId, total);
  }
  return [...totals.values()].sort((a, b) => b.impact + b.routine - (a.impact + a.routine) || a.name.localeCompare(b.name));
}

function commitTotal(counts: WeekCounts): number {
  return Object.values(counts.commits).reduce((sum, count) => sum + count, 0);
}

function toWeekInsight(week: Week, counts: WeekCounts, current: boolean, words: Pick<WeekInsight, 'label' | 'tick'>): WeekInsight {
  const unnamedByStatus = { routine: counts.commits.routine, history: counts.commits.history, pending: counts.commits.pending };
  return {
    start: week.start,
    end: week.end,
    ...words,
    current,
    impact: counts.impact,
    routine: counts.routine,
    unnamed: unnamedByStatus.routine + unnamedByStatus.history + unnamedByStatus.pending,
    unnamedByStatus,
    commits: commitTotal(counts),
  };
}
