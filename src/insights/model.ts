/**
 * What Insights shows, as plain data: the panel receives it as JSON, the weekly review reads its
 * signals. Every number is a count of what the log holds; words a person reads (week labels,
 * signal sentences) are made here, in the user's time zone, so the panel only draws them.
 * Nothing here knows VS Code.
 */
import type { GoalStatus } from '../core/domain';
import type { WeekStart } from '../core/weeks';
import type { InsightRangeKey } from '../core/ranges';
import type { GrowthNumbers } from './growth';

/**
 * One week, counted.
 *
 * *Unnamed commits* are the user's own landed work that no outcome names: commits that still
 * exist, are not merges and are not `ignored`, whose status is `routine` (settled as routine with
 * no line), `history` (from before Progress Log, never asked about) or `pending` (waiting for a
 * name). A commit an outcome names is `named`; `skipped` (the user said it is not worth logging)
 * and `open` (on a branch that has not landed; asked about when it lands) are not unnamed work.
 */
export interface WeekInsight {
  /** [start, end) in ms: local midnight to local midnight. */
  start: number;
  end: number;
  /** "Nov 3 – 9" (with the year when not this year, or when the range spans more than one year). */
  label: string;
  /** "Nov 3": an axis tick; "Nov 3, 2025" when the range spans more than one year. */
  tick: string;
  /** The week in progress. */
  current: boolean;
  /** Top-level outcomes of kind impact: shipped impact. */
  impact: number;
  /** Top-level outcomes of kind routine. */
  routine: number;
  /** Unnamed commits (see above), and by status. */
  unnamed: number;
  unnamedByStatus: { routine: number; history: number; pending: number };
  /** Every counted commit of the week: the user's own, existing, non-merge work in any status. */
  commits: number;
}

/** A goal's outcomes per week of the range: a stalled goal is a row of zeros. */
export interface GoalInsight {
  id: string;
  title: string;
  status: GoalStatus;
  perWeek: number[];
  total: number;
}

/** Where the work went: top-level outcomes of the range in one repository. */
export interface RepositoryInsight {
  /** null for outcomes added by hand (no repository). */
  id: string | null;
  name: string;
  impact: number;
  routine: number;
}

/** The rules, each named: what a signal is about. */
export type SignalRule = 'routineShare' | 'busyWithoutImpact' | 'goalQuiet' | 'sameQuarterLastYear' | 'activityAsImpact';

/** A pattern a week hides, in one plain sentence, with the numbers behind it. */
export interface Signal {
  /** Stable while the same pattern goes on: which rule, and what about (a goal, a quarter, a direction). */
  key: string;
  rule: SignalRule;
  sentence: string;
  /** The numbers behind the sentence, one line each. */
  evidence: string[];
  /** Starts of the weeks it is about (for the panel to point at). */
  weeks: number[];
}

/** How a signal changed from one week to the next: what the weekly review shows. */
export interface SignalChange {
  change: 'appeared' | 'ended';
  /** As of the week for `appeared`; as of the week before for `ended`. */
  signal: Signal;
}

/** Everything the Insights panel draws for one range. */
export interface InsightNumbers {
  range: { key: InsightRangeKey; label: string; days: string };
  weekStart: WeekStart;
  timeZone: string;
  /** Oldest first; the last one is the week in progress. */
  weeks: WeekInsight[];
  /** Active goals, then goals that had outcomes in the range. */
  goals: GoalInsight[];
  /** Top-level outcomes of the range that no goal names. */
  outcomesWithoutGoal: number;
  repositories: RepositoryInsight[];
  /** Signals as of the last complete week. */
  signals: Signal[];
  signalsAsOf: { start: number; label: string };
  /** Nothing at all in the range. */
  empty: boolean;
  /** Whether the work is growing (reach, firsts, plans), whatever the range; absent when not asked for. */
  growth?: GrowthNumbers;
}
