/**
 * Signals: patterns a single week hides, said in one plain sentence with the numbers behind it.
 * They describe the log, never the person: no "should", no praise, no blame. Each rule is a pure
 * function of counted weeks, goals and spans, so that it can be pinned by tests on synthetic years.
 *
 * The rules (thresholds in SIGNAL_RULES), all as of one complete week `a`:
 * - routineShare: routine share = routine activity / (shipped impact + routine activity), where
 *   routine activity is top-level routine outcomes plus commits settled as routine (what the
 *   Weekly Log counts under "Routine activity"). The share of the 4 weeks ending with `a` against
 *   the 4 weeks before them; a signal when both hold at least 6 items and the share moved by 20
 *   points or more: "Routine share rose from 40% to 70% over the last 8 weeks".
 * - busyWithoutImpact: the run of weeks ending with `a`, each with 20 or more counted commits
 *   made while Progress Log was watching (`history` commits, from before it, were never asked
 *   about, so they cannot have shipped impact in the log) and no shipped impact; a signal at 3
 *   weeks or more: "3 weeks in a row with 20+ commits and no shipped impact".
 * - goalQuiet: an active goal (set before `a` ended, not completed or dropped by then) with no
 *   linked outcome in the 4 or more weeks up to `a`: "No outcome for “Faster checkout” in 6
 *   weeks" (weeks after the week of its last outcome), or, never moved, "… since it was set 5
 *   weeks ago" (weeks from the week it was set, that one included).
 * - sameQuarterLastYear: the calendar quarter holding the last day of `a`, from its first day to
 *   that day, against the same days a year earlier; when both hold at least 10 items: the
 *   repositories worked in (a top-level outcome or a counted commit) and the impact share
 *   (1 − routine share): "Compared with the same quarter last year: the same two repositories,
 *   impact share 30% → 25%".
 * - activityAsImpact: the top-level outcomes of kind impact of the 4 weeks ending with `a` whose
 *   line reads like activity (src/naming/activity.ts: a commit prefix, "Refactored code", a
 *   ticket alone, or just a subject of its commits or its branch's name); a signal when at least 3
 *   do and they are at least 30% of those lines: "4 of 9 lines saved as shipped impact in the last
 *   4 weeks read like activity", each with why as evidence.
 *
 * Nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import * as l10n from '../core/l10n';
import { quoted } from '../core/text';
import { weekOf, weekRange, type Week, type WeekOptions } from '../core/weeks';
import type { Signal, SignalChange } from './model';
import { weeksApart } from '../core/ranges';
import { activityShape, describeShape } from '../naming/activity';

export const SIGNAL_RULES = {
  routineShare: { windowWeeks: 4, minItems: 6, minChangePoints: 20 },
  busyWithoutImpact: { minCommits: 20, minWeeks: 3 },
  goalQuiet: { minWeeks: 4 },
  sameQuarterLastYear: { minItems: 10 },
  activityAsImpact: { windowWeeks: 4, minLines: 3, minSharePercent: 30 },
} as const;

/** How many weeks, ending with the week signals are computed for, the rules read. */
export const SIGNAL_LOOKBACK_WEEKS = 26;

/** One counted week, as the rules read it. */
export interface SignalWeek {
  week: Week;
  impact: number;
  /** Top-level routine outcomes. */
  routine: number;
  /** Commits settled as routine (no outcome). */
  routineCommits: number;
  /** Counted commits made while Progress Log was watching (not `history`). */
  commits: number;
}

export interface SignalGoal {
  id: string;
  title: string;
  createdAt: number;
  /** When it was completed or dropped; null while active. */
  closedAt: number | null;
  /** Its newest linked outcome before the end of the week signals are computed for. */
  last?: { text: string; happenedAt: number };
}

/** A line saved as shipped impact, with the work it names. */
export interface SignalImpactLine {
  text: string;
  happenedAt: number;
  /** The subjects of its commits, and its branch when it names one: a line that only repeats them reads like activity. */
  subjects: readonly string[];
  branch: string | null;
}

/** One side of the quarter comparison. */
export interface QuarterSide {
  from: number;
  to: number;
  /** "Q4 2026" */
  label: string;
  impact: number;
  routine: number;
  routineCommits: number;
  repositories: string[];
}

export interface SignalInput {
  /** Counted weeks, oldest first, ending with the week signals are computed for. */
  weeks: SignalWeek[];
  goals: SignalGoal[];
  quarter?: { now: QuarterSide; lastYear: QuarterSide };
  /** The lines saved as shipped impact in the last `activityAsImpact.windowWeeks` of `weeks`, oldest first. */
  impactLines?: readonly SignalImpactLine[];
  options: WeekOptions;
  /** For labels ("Nov 3 – 9" gains a year when it is not this year's). */
  now: number;
}

/** The signals as of the last of `input.weeks`, in a fixed order of rules. */
export function signalsFrom(input: SignalInput): Signal[] {
  if (input.weeks.length === 0) return [];
  return [...routineShare(input), ...busyWithoutImpact(input), ...goalQuiet(input), ...sameQuarterLastYear(input), ...activityAsImpact(input)];
}

/** What appeared and what ended between two weeks' signals (a signal that goes on is no change). */
export function signalChanges(before: readonly Signal[], after: readonly Signal[]): SignalChange[] {
  const beforeKeys = new Set(before.map((signal) => signal.key));
  const afterKeys = new Set(after.map((signal) => signal.key));
  return [
    ...after.filter((signal) => !beforeKeys.has(signal.key)).map((signal): SignalChange => ({ change: 'appeared', signal })),
    ...before.filter((signal) => !afterKeys.has(signal.key)).map((signal): SignalChange => ({ change: 'ended', signal })),
  ];
}

/** Routine activity over all items, as a whole percentage; undefined without items. */
function routinePercent(impact: number, routineActivity: number): number | undefined {
  const items = impact + routineActivity;
  return items === 0 ? undefined : Math.round((100 * routineActivity) / items);
}

function spanLabel(weeks: readonly SignalWeek[], input: SignalInput): string {
  return weekRange({ start: weeks[0].week.start, end: weeks[weeks.length - 1].week.end }, input.now, input.options);
}

function routineShare(input: SignalInput): Signal[] {
  const { windowWeeks, minItems, minChangePoints } = SIGNAL_RULES.routineShare;
  if (input.weeks.length < 2 * windowWeeks) return [];
  const recent = input.weeks.slice(-windowWeeks);
  const earlier = input.weeks.slice(-2 * windowWeeks, -windowWeeks);
  const total = (weeks: SignalWeek[]) => {
    const impact = weeks.reduce((sum, week) => sum + week.impact, 0);
    const outcomes = weeks.reduce((sum, week) => sum + week.routine, 0);
    const commits = weeks.reduce((sum, week) => sum + week.routineCommits, 0);
    return { impact, outcomes, commits, routine: outcomes + commits, items: impact + outcomes + commits };
  };
  const before = total(earlier);
  const after = total(recent);
  if (before.items < minItems || after.items < minItems) return [];
  const from = routinePercent(before.impact, before.routine)!;
  const to = routinePercent(after.impact, after.routine)!;
  if (Math.abs(to - from) < minChangePoints) return [];
  const direction = to > from ? 'rose' : 'fell';
  const line = (weeks: SignalWeek[], counts: ReturnType<typeof total>, percent: number) =>
    l10n.t(
      '{0}: {1} routine ({2}, {3}) of {4} ({5}%)',
      spanLabel(weeks, input),
      counts.routine,
      l10n.plural(counts.outcomes, '{0} outcome', '{0} outcomes'),
      l10n.plural(counts.commits, '{0} unnamed commit', '{0} unnamed commits'),
      counts.items,
      percent,
    );
  return [
    {
      key: `routineShare:${direction}`,
      rule: 'routineShare',
      sentence:
        direction === 'rose'
          ? l10n.t('Routine share rose from {0}% to {1}% over the last {2} weeks', from, to, 2 * windowWeeks)
          : l10n.t('Routine share fell from {0}% to {1}% over the last {2} weeks', from, to, 2 * windowWeeks),
      evidence: [line(earlier, before, from), line(recent, after, to)],
      weeks: [...earlier, ...recent].map((week) => week.week.start),
    },
  ];
}

function busyWithoutImpact(input: SignalInput): Signal[] {
  const { minCommits, minWeeks } = SIGNAL_RULES.busyWithoutImpact;
  const run: SignalWeek[] = [];
  for (let index = input.weeks.length - 1; index >= 0; index--) {
    const week = input.weeks[index];
    if (week.commits < minCommits || week.impact > 0) break;
    run.unshift(week);
  }
  if (run.length < minWeeks) return [];
  return [
    {
      key: `busyWithoutImpact:${run[0].week.start}`,
      rule: 'busyWithoutImpact',
      sentence: l10n.t('{0} weeks in a row with {1}+ commits and no shipped impact', run.length, minCommits),
      evidence: run.map((week) => l10n.t('{0}: {1} commits, no shipped impact', weekRange(week.week, input.now, input.options), week.commits)),
      weeks: run.map((week) => week.week.start),
    },
  ];
}

function goalQuiet(input: SignalInput): Signal[] {
  const { minWeeks } = SIGNAL_RULES.goalQuiet;
  const asOf = input.weeks[input.weeks.length - 1].week;
  const calendar = calendarIn(input.options.timeZone);
  const signals: Signal[] = [];
  for (const goal of input.goals) {
    const activeThen = goal.createdAt < asOf.end && (goal.closedAt === null || goal.closedAt >= asOf.end);
    if (!activeThen) continue;
    const title = quoted(goal.title);
    if (goal.last) {
      const quiet = weeksApart(weekOf(goal.last.happenedAt, input.options).start, asOf.start);
      if (quiet < minWeeks) continue;
      signals.push({
        key: `goalQuiet:${goal.id}`,
        rule: 'goalQuiet',
        sentence: l10n.t('No outcome for {0} in {1} weeks', title, quiet),
        evidence: [l10n.t('Last outcome on {0}: {1}', calendar.dayWithYear(goal.last.happenedAt), quoted(goal.last.text))],
        weeks: quietWeeks(input.weeks, quiet),
      });
    } else {
      const quiet = weeksApart(weekOf(goal.createdAt, input.options).start, asOf.start) + 1;
      if (quiet < minWeeks) continue;
      signals.push({
        key: `goalQuiet:${goal.id}`,
        rule: 'goalQuiet',
        sentence: l10n.t('No outcome for {0} since it was set {1} weeks ago', title, quiet),
        evidence: [l10n.t('Set on {0}; no outcome linked to it since', calendar.dayWithYear(goal.createdAt))],
        weeks: quietWeeks(input.weeks, quiet),
      });
    }
  }
  return signals;
}

/** The starts of the last `count` weeks we have counts for. */
function quietWeeks(weeks: readonly SignalWeek[], count: number): number[] {
  return weeks.slice(-count).map((week) => week.week.start);
}

/** "no", "one" … "ten", then digits. */
function numberWord(count: number): string {
  const words = [l10n.t('no'), l10n.t('one'), l10n.t('two'), l10n.t('three'), l10n.t('four'), l10n.t('five'), l10n.t('six'), l10n.t('seven'), l10n.t('eight'), l10n.t('nine'), l10n.t('ten')];
  return words[count] ?? String(count);
}

function sameQuarterLastYear(input: SignalInput): Signal[] {
  const comparison = input.quarter;
  if (!comparison) return [];
  const { minItems } = SIGNAL_RULES.sameQuarterLastYear;
  const items = (side: QuarterSide) => side.impact + side.routine + side.routineCommits;
  if (items(comparison.now) < minItems || items(comparison.lastYear) < minItems) return [];
  const impactPercent = (side: QuarterSide) => 100 - routinePercent(side.impact, side.routine + side.routineCommits)!;
  const before = new Set(comparison.lastYear.repositories);
  const same = comparison.now.repositories.filter((name) => before.has(name)).length;
  const sameSet = same === before.size && same === comparison.now.repositories.length;
  const nowCount = comparison.now.repositories.length;
  const where = sameSet
    ? same === 0
      ? l10n.t('no repository either time')
      : l10n.plural(same, 'the same {1} repository', 'the same {1} repositories', numberWord(same))
    : l10n.plural(
        nowCount,
        '{1} repository instead of {2} ({3} the same)',
        '{1} repositories instead of {2} ({3} the same)',
        numberWord(nowCount),
        numberWord(before.size),
        same === 0 ? l10n.t('none') : same,
      );
  const calendar = calendarIn(input.options.timeZone);
  const line = (side: QuarterSide) => {
    const days = `${calendar.day(side.from)} – ${calendar.day(side.to - 1)}`;
    const worked = side.repositories.length ? side.repositories.join(', ') : l10n.t('no repository');
    return l10n.t('{0} ({1}): {2}; {3} of {4} shipped impact ({5}%)', side.label, days, worked, side.impact, items(side), impactPercent(side));
  };
  return [
    {
      key: `sameQuarterLastYear:${comparison.now.from}`,
      rule: 'sameQuarterLastYear',
      sentence: l10n.t('Compared with the same quarter last year: {0}, impact share {1}% → {2}%', where, impactPercent(comparison.lastYear), impactPercent(comparison.now)),
      evidence: [line(comparison.lastYear), line(comparison.now)],
      weeks: [],
    },
  ];
}

function activityAsImpact(input: SignalInput): Signal[] {
  const { windowWeeks, minLines, minSharePercent } = SIGNAL_RULES.activityAsImpact;
  const lines = input.impactLines ?? [];
  const activity = lines.flatMap((line) => {
    const shape = activityShape(line.text, { subjects: line.subjects, branch: line.branch });
    return shape ? [{ line, why: describeShape(shape) }] : [];
  });
  if (activity.length < minLines || 100 * activity.length < minSharePercent * lines.length) return [];
  const calendar = calendarIn(input.options.timeZone);
  return [
    {
      key: 'activityAsImpact',
      rule: 'activityAsImpact',
      sentence: l10n.t('{0} of {1} lines saved as shipped impact in the last {2} weeks read like activity', activity.length, lines.length, windowWeeks),
      evidence: activity.map(({ line, why }) => l10n.t('{0} ({1}): {2}', quoted(line.text), calendar.day(line.happenedAt), why)),
      weeks: [...new Set(activity.map(({ line }) => weekOf(line.happenedAt, input.options).start))],
    },
  ];
}
