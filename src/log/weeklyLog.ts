/**
 * The log seen week by week, as the sidebar and the status bar show it: which weeks to list,
 * and what each holds, grouped into shipped impact, routine activity and work waiting for a name.
 * Nothing here knows VS Code.
 */
import type { BranchRecord, LogContents, OpenBranch, OutcomeView, PendingBatch, RoutineCommits, RoutineGroup } from '../core/domain';
import * as l10n from '../core/l10n';
import { previousWeek, weekOf, type Week, type WeekOptions } from '../core/weeks';
import type { Store } from '../storage/store';

/** What narrows the log: one repository, and/or text in outcomes, subjects or branch names. */
export interface LogFilter {
  repoRoot?: string;
  text?: string;
}

export interface WeekGroups {
  impact: OutcomeView[];
  routine: OutcomeView[];
  unnamedRoutine: RoutineGroup[];
  /** Named routine outcomes plus unnamed routine commits. */
  routineCount: number;
  waiting: PendingBatch[];
  /** Work on branches that have not landed: recorded, asked about when the branch lands. */
  open: OpenBranch[];
  abandoned: BranchRecord[];
}

/** What a week's row says it holds. */
export interface WeekCounts {
  shipped: number;
  routine: number;
  waiting: number;
}

/** The same counts, from a week already read. */
export function countsOf(groups: WeekGroups): WeekCounts {
  return { shipped: groups.impact.length, routine: groups.routineCount, waiting: groups.waiting.length };
}

/** "14 commits in api, web" */
export function routineSummary(groups: readonly RoutineGroup[]): string {
  const count = groups.reduce((sum, group) => sum + group.count, 0);
  return l10n.plural(count, '{0} commit in {1}', '{0} commits in {1}', groups.map((group) => group.repo.name).join(', '));
}

/**
 * How many weeks with activity a filtered list reads, at most, per week it lists: a filter that
 * matches nothing in years of history still answers at once, and older weeks are read on the next page.
 */
const WEEKS_READ_PER_WEEK_LISTED = 8;

/** Whether the filter narrows anything (a blank text does not). */
export function isFiltering(filter: LogFilter): boolean {
  return !!filter.repoRoot || !!filter.text?.trim();
}

/** Whether a week holds anything to show; abandoned branches count only where they are shown. */
export function holdsAnything(groups: WeekGroups, withAbandoned: boolean): boolean {
  return groups.impact.length + groups.routineCount + groups.waiting.length + groups.open.length + (withAbandoned ? groups.abandoned.length : 0) > 0;
}

function matches(text: string | null | undefined, needle: string): boolean {
  return !!text && text.toLocaleLowerCase().includes(needle);
}

/** Keeps what the filter lets through; an outcome stays when it or any of its commits matches. */
export function applyFilter(contents: LogContents, filter: LogFilter): LogContents {
  const needle = filter.text?.trim().toLocaleLowerCase();
  const inRepo = (root: string | null | undefined) => !filter.repoRoot || root === filter.repoRoot;
  const outcomeMatches = (outcome: OutcomeView): boolean =>
    inRepo(outcome.repo?.root) &&
    (!needle ||
      matches(outcome.text, needle) ||
      matches(outcome.branch, needle) ||
      outcome.commits.some((commit) => matches(commit.subject, needle)) ||
      outcome.children.some(outcomeMatches));
  const commitsMatching = <T extends { subject: string }>(commits: T[]) => (needle ? commits.filter((commit) => matches(commit.subject, needle)) : commits);
  return {
    impact: contents.impact.filter(outcomeMatches),
    routine: contents.routine.filter(outcomeMatches),
    unnamedRoutine: contents.unnamedRoutine
      .filter((group) => inRepo(group.repo.root))
      .map((group) => {
        if (!needle) return group;
        const commits = commitsMatching(group.commits);
        return { ...group, commits, count: commits.length };
      })
      .filter((group) => group.count > 0),
    waiting: contents.waiting
      .filter((batch) => inRepo(batch.repo.root))
      .map((batch) => {
        if (batch.type === 'branch') return !needle || matches(batch.branch.name, needle) || batch.commits.some((c) => matches(c.subject, needle)) ? batch : undefined;
        const commits = commitsMatching(batch.commits);
        return commits.length ? { ...batch, commits } : undefined;
      })
      .filter((batch): batch is PendingBatch => batch !== undefined),
    open: contents.open
      .filter((group) => inRepo(group.repo.root))
      .map((group) => ({ ...group, commits: !needle || matches(group.branch, needle) ? group.commits : commitsMatching(group.commits) }))
      .filter((group) => group.commits.length > 0),
    abandoned: contents.abandoned.filter((branch) => !needle || matches(branch.name, needle)),
  };
}

export function groupWeek(contents: LogContents): WeekGroups {
  const unnamed = contents.unnamedRoutine.reduce((sum, group) => sum + group.count, 0);
  return {
    impact: contents.impact,
    routine: contents.routine,
    unnamedRoutine: contents.unnamedRoutine,
    routineCount: contents.routine.length + unnamed,
    waiting: contents.waiting,
    open: contents.open,
    abandoned: contents.abandoned,
  };
}

/** The weekly view over the store. */
export class WeeklyLog {
  constructor(
    private readonly store: Store,
    private readonly options: () => WeekOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Weeks newest first: this week and last week always, then, `count` at a time, older weeks that
   * hold anything. Empty weeks in between are skipped with one indexed query each, so a year of
   * history costs a page of weeks, not a year of rows.
   */
  weeks(count: number, after?: Week): { weeks: Week[]; more: boolean } {
    const options = this.options();
    const weeks: Week[] = [];
    let cursor: Week;
    if (!after) {
      const thisWeek = weekOf(this.now(), options);
      const lastWeek = previousWeek(thisWeek, options);
      weeks.push(thisWeek, lastWeek);
      cursor = lastWeek;
    } else {
      cursor = after;
    }
    while (weeks.length < count + (after ? 0 : 2)) {
      const latest = this.store.log.latestActivityBefore(cursor.start);
      if (latest === undefined) return { weeks, more: false };
      cursor = weekOf(latest, options);
      weeks.push(cursor);
    }
    return { weeks, more: this.store.log.latestActivityBefore(cursor.start) !== undefined };
  }

  /**
   * Weeks newest first that hold something the filter lets through, `count` at a time (this week
   * and last week too only when they do), with what each holds. Weeks with activity are read one
   * by one, at most WEEKS_READ_PER_WEEK_LISTED × `count` of them; `more` says older weeks are left.
   */
  matchingWeeks(count: number, filter: LogFilter, withAbandoned: boolean): { weeks: Week[]; groups: Map<number, WeekGroups>; more: boolean } {
    const options = this.options();
    const weeks: Week[] = [];
    const groups = new Map<number, WeekGroups>();
    let week: Week | undefined = weekOf(this.now(), options);
    for (let read = 0; week && weeks.length < count; read++) {
      if (read === count * WEEKS_READ_PER_WEEK_LISTED) break;
      const held = this.week(week, filter);
      if (holdsAnything(held, withAbandoned)) {
        weeks.push(week);
        groups.set(week.start, held);
      }
      const latest = this.store.log.latestActivityBefore(week.start);
      week = latest === undefined ? undefined : weekOf(latest, options);
    }
    return { weeks, groups, more: week !== undefined };
  }

  /** Whether anything at all was ever logged: the view shows its welcome until then. */
  isEmpty(): boolean {
    return this.store.log.latestActivityBefore(Number.MAX_SAFE_INTEGER) === undefined;
  }

  /**
   * What one week holds, filtered and grouped. Its routine commits nobody named are listed, or,
   * for a week shown at a glance, only counted; a filter reads their subjects, so it lists them.
   */
  week(week: Week, filter: LogFilter = {}, routine: RoutineCommits = 'listed'): WeekGroups {
    return groupWeek(applyFilter(this.store.log.contentsBetween(week.start, week.end, isFiltering(filter) ? 'listed' : routine), filter));
  }

  /**
   * How much a week holds, counted without reading it (what its row says before it is opened):
   * what `week()` would list as shipped, routine (outcomes and unnamed commits) and waiting.
   */
  weekCounts(week: Week): WeekCounts {
    const { log } = this.store;
    const unnamed = log.routineCountsBetween(week.start, week.end).reduce((sum, count) => sum + count.commits, 0);
    return { shipped: log.impactCountBetween(week.start, week.end), routine: log.outcomeCountBetween('routine', week.start, week.end) + unnamed, waiting: log.waitingCountBetween(week.start, week.end) };
  }

  /** Shipped impact this week, for the status bar. */
  shippedThisWeek(): number {
    const week = weekOf(this.now(), this.options());
    return this.store.log.impactCountBetween(week.start, week.end);
  }
}
