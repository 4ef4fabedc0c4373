/**
 * The numbers behind Insights, aggregated by SQLite. Weeks are not computed here: the caller
 * passes the boundaries of the weeks it wants (local midnights in the user's time zone, DST
 * included, from src/core/weeks.ts) as one JSON parameter, and every count is an indexed range
 * count per week, so the statements stay the same text for any range and no row crosses into
 * JavaScript just to be counted.
 *
 * What is counted, everywhere:
 * - an outcome in a week: a top-level outcome (`parent_id IS NULL`, as the Weekly Log lists them)
 *   whose `happened_at` falls in the week;
 * - a goal's outcome: every outcome linked to the goal, top-level or shown under a branch's
 *   outcome (a commit's outcome keeps moving its goal after its branch is named);
 * - a commit: the user's own work that still exists: not a merge, not `ignored` (a merge or a
 *   squash that lands a branch), not gone (`gone_at IS NULL`), by `author_time`.
 */
import type { GoalStatus, Reach } from '../core/domain';
import type { TimeSpan } from '../core/calendar';
import type { Week } from '../core/weeks';
import type { Database } from './database';
import { historyBetween } from './rows';

/** Commit statuses that count as the user's work (everything but `ignored`). */
export const COUNTED_COMMIT_STATUSES = ['open', 'pending', 'named', 'routine', 'skipped', 'history'] as const;
export type CountedCommitStatus = (typeof COUNTED_COMMIT_STATUSES)[number];

/** What one week holds, counted. */
export interface WeekCounts {
  /** Top-level outcomes of kind impact: shipped impact. */
  impact: number;
  /** Top-level outcomes of kind routine. */
  routine: number;
  /** Top-level outcomes not linked to any goal. */
  withoutGoal: number;
  /** Top-level outcomes by repository (null: added by hand), for the repositories that have any. */
  byRepository: RepositoryCounts[];
  /** Counted commits by status. */
  commits: Record<CountedCommitStatus, number>;
}

/** Top-level outcomes of one repository (null: outcomes added by hand, without a repository). */
export interface RepositoryCounts {
  repoId: string | null;
  impact: number;
  routine: number;
}

export interface GoalRecord {
  id: string;
  title: string;
  status: GoalStatus;
  position: number;
  createdAt: number;
  closedAt: number | null;
}

/** The last outcome linked to a goal before some moment. */
export interface GoalOutcome {
  text: string;
  happenedAt: number;
}

/** A top-level outcome of kind impact, with what it names: what the "activity saved as impact" signal reads. */
export interface ImpactLine {
  text: string;
  happenedAt: number;
  source: 'commit' | 'branch' | 'manual';
  branch: string | null;
  /** The subjects of the commits it names. */
  subjects: string[];
}

/** Activity of a span as a whole: what the quarter comparison reads. */
export interface SpanCounts {
  impact: number;
  routine: number;
  routineCommits: number;
  /** Repositories with a counted commit in the span, by name. */
  repositories: string[];
}

/** The weeks, materialised in order so that per-week aggregates need no sorting. */
const WEEKS = `weeks(i, s, e) AS MATERIALIZED (SELECT key, value ->> 0, value ->> 1 FROM json_each(@weeks) ORDER BY key)`;

/** A counted commit (see the header); `c` is the commit. */
const COUNTED_COMMIT = `c.gone_at IS NULL AND c.is_merge = 0`;

const commitsOfStatus = (status: CountedCommitStatus) =>
  `((SELECT count(*) FROM commits c WHERE c.status = '${status}' AND c.author_time >= w.s AND c.author_time < w.e AND ${COUNTED_COMMIT})${
    status === 'history' ? ` + (SELECT count(*) FROM ${historyBetween('w.s', 'w.e')})` : ''
  }) AS ${status}`;

/**
 * Per week and status, one range count each on commits_live_by_status (status, author_time,
 * gone_at, is_merge), partial on the counted commits and covering them: each counted commit of the
 * weeks is stepped over once in the index, as counting them all in one statement does, and no row
 * is read; history's rows of `history` are counted on its own key, per repository. The statuses
 * are constants of this file, not input.
 */
const WEEKLY_COMMITS = `WITH ${WEEKS} SELECT w.i AS i, ${COUNTED_COMMIT_STATUSES.map(commitsOfStatus).join(', ')} FROM weeks w ORDER BY w.i`;

/** A top-level outcome of repository `r` (null: added by hand) and kind `k`, in [from, to). */
const shownOutcome = (from: string, to: string) =>
  `o.repo_id IS r.id AND o.kind = k.kind AND o.happened_at >= ${from} AND o.happened_at < ${to} AND o.parent_id IS NULL`;

/**
 * The repositories with a top-level outcome in [@from, @to), and null for outcomes added by hand
 * (an outcome's repo_id is a foreign key: removing a repository sets it to null); with both kinds. Counting per repository and kind is a range count on outcomes_shown_by_repo
 * (repo_id, kind, happened_at, goal_id, parent_id), partial on top-level outcomes and covering
 * them: no row is read and nothing is sorted (SQLite groups by sorting; counting in the index's
 * own order is several times cheaper).
 */
const SHOWN_BY = `repos(id) AS MATERIALIZED (
      SELECT r.id FROM repositories r
       WHERE EXISTS (SELECT 1 FROM outcomes o WHERE o.repo_id = r.id AND o.kind IN ('impact', 'routine') AND o.happened_at >= @from AND o.happened_at < @to AND o.parent_id IS NULL)
      UNION ALL SELECT NULL),
    k(kind) AS (VALUES ('impact'), ('routine'))`;

/**
 * Per week, repository and kind: the top-level outcomes, and how many of them no goal names, as
 * `[count, withoutGoal]` (one pass over the index for both). Empty weeks are left out.
 */
const WEEKLY_OUTCOMES = `WITH ${WEEKS}, ${SHOWN_BY},
  counted(i, repoId, kind, n) AS MATERIALIZED (
    SELECT w.i, r.id, k.kind, (SELECT json_array(count(*), count(*) - count(o.goal_id)) FROM outcomes o WHERE ${shownOutcome('w.s', 'w.e')})
      FROM repos r CROSS JOIN k CROSS JOIN weeks w)
  SELECT i, repoId, kind, n ->> 0 AS outcomes, n ->> 1 AS withoutGoal FROM counted WHERE n ->> 0 > 0`;

/** Top-level outcomes of a span by kind, from outcomes_shown_by_repo (see SHOWN_BY). */
const SPAN_OUTCOMES = `WITH ${SHOWN_BY}
  SELECT k.kind AS kind, sum((SELECT count(*) FROM outcomes o WHERE ${shownOutcome('@from', '@to')})) AS n FROM repos r CROSS JOIN k GROUP BY k.kind`;

/** Per goal and week, a range count on outcomes_by_goal (goal_id, happened_at): the index alone answers. */
const WEEKLY_GOALS = `WITH ${WEEKS}
  SELECT g.id AS goalId, w.i AS i,
    (SELECT count(*) FROM outcomes o WHERE o.goal_id = g.id AND o.happened_at >= w.s AND o.happened_at < w.e) AS n
  FROM goals g CROSS JOIN weeks w`;

interface WeekOutcomeRow {
  i: number;
  repoId: string | null;
  kind: 'impact' | 'routine';
  outcomes: number;
  withoutGoal: number;
}

/** Top-level shipped impact of one span (by its index), reach, repository and goal. */
export interface GrowthCountRow {
  span: number;
  reach: Reach | null;
  repoId: string | null;
  goalId: string | null;
  count: number;
}

export interface GrowthCounts {
  counts: GrowthCountRow[];
  recentImpact: number;
  oldestImpactAt: number | undefined;
  firsts: { text: string; happenedAt: number }[];
}

/** Shipped impact per span (binds a JSON array of [from, to) pairs), reach, repository and goal, read from one partial index that covers it. */
const GROWTH_COUNTS = `WITH s(i, a, b) AS (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
  SELECT s.i AS span, o.reach, o.repo_id AS repoId, o.goal_id AS goalId, count(*) AS count
  FROM s CROSS JOIN outcomes o INDEXED BY outcomes_shipped_reach ON o.happened_at >= s.a AND o.happened_at < s.b
  WHERE o.kind = 'impact' AND o.parent_id IS NULL
  GROUP BY s.i, o.reach, o.repo_id, o.goal_id`;

type WeekCommitRow = { i: number } & Record<CountedCommitStatus, number>;

export class InsightQueries {
  constructor(private readonly db: Database) {}

  /**
   * What growth reads, counted by SQLite: top-level shipped impact per span of `spans` (any spans,
   * by index) and reach, repository and goal; how much shipped since `recentFrom`; when the first
   * shipped outcome happened; and every first from `firstsFrom` on, with the newest one before it.
   */
  growthCounts(spans: readonly TimeSpan[], recentFrom: number, firstsFrom: number): GrowthCounts {
    const parameter = JSON.stringify(spans.map((span) => [span.from, span.to]));
    return this.db.read(() => ({
      counts: this.db.statement<[string], GrowthCountRow>(GROWTH_COUNTS).all(parameter),
      recentImpact: this.db
        .statement<[number], { n: number }>("SELECT count(*) AS n FROM outcomes INDEXED BY outcomes_shipped_reach WHERE happened_at >= ? AND kind = 'impact' AND parent_id IS NULL")
        .get(recentFrom)!.n,
      oldestImpactAt: this.db
        .statement<[], { at: number }>("SELECT happened_at AS at FROM outcomes INDEXED BY outcomes_shipped_reach WHERE kind = 'impact' AND parent_id IS NULL ORDER BY happened_at LIMIT 1")
        .get()?.at,
      firsts: this.db
        .statement<[number, number], { text: string; happenedAt: number }>(
          `SELECT text, happened_at AS happenedAt FROM outcomes INDEXED BY outcomes_firsts WHERE is_first = 1 AND parent_id IS NULL AND happened_at >= ?
           UNION ALL SELECT * FROM (SELECT text, happened_at FROM outcomes INDEXED BY outcomes_firsts WHERE is_first = 1 AND parent_id IS NULL AND happened_at < ? ORDER BY happened_at DESC LIMIT 1)`,
        )
        .all(firstsFrom, firstsFrom),
    }));
  }

  /** Counts for each of `weeks` (any spans, in any order; results in the same order). */
  weeklyCounts(weeks: readonly Week[]): WeekCounts[] {
    if (weeks.length === 0) return [];
    const parameter = { weeks: weekBoundaries(weeks), from: Math.min(...weeks.map((week) => week.start)), to: Math.max(...weeks.map((week) => week.end)) };
    return this.db.read(() => {
      const counts: WeekCounts[] = weeks.map(() => ({ impact: 0, routine: 0, withoutGoal: 0, byRepository: [], commits: emptyCommitCounts() }));
      const byRepository = weeks.map(() => new Map<string | null, RepositoryCounts>());
      for (const row of this.db.statement<[typeof parameter], WeekOutcomeRow>(WEEKLY_OUTCOMES).all(parameter)) {
        const week = counts[row.i];
        week[row.kind] += row.outcomes;
        week.withoutGoal += row.withoutGoal;
        let repository = byRepository[row.i].get(row.repoId);
        if (!repository) {
          repository = { repoId: row.repoId, impact: 0, routine: 0 };
          byRepository[row.i].set(row.repoId, repository);
          week.byRepository.push(repository);
        }
        repository[row.kind] += row.outcomes;
      }
      for (const row of this.db.statement<[typeof parameter], WeekCommitRow>(WEEKLY_COMMITS).all(parameter)) {
        for (const status of COUNTED_COMMIT_STATUSES) counts[row.i].commits[status] = row[status];
      }
      return counts;
    });
  }

  /** Every goal's outcomes in each of `weeks`, by goal id. */
  goalCounts(weeks: readonly Week[]): Map<string, number[]> {
    const parameter = { weeks: weekBoundaries(weeks) };
    return this.db.read(() => {
      const byGoal = new Map<string, number[]>();
      for (const row of this.db.statement<[typeof parameter], { goalId: string; i: number; n: number }>(WEEKLY_GOALS).all(parameter)) {
        let perWeek = byGoal.get(row.goalId);
        if (!perWeek) {
          perWeek = weeks.map(() => 0);
          byGoal.set(row.goalId, perWeek);
        }
        perWeek[row.i] = row.n;
      }
      return byGoal;
    });
  }

  /** Every goal, in the user's order (active ones first). */
  goals(): GoalRecord[] {
    return this.db.read(() =>
      this.db
        .statement<[], GoalRecord>(
          `SELECT id, title, status, position, created_at AS createdAt, closed_at AS closedAt FROM goals
            ORDER BY status = 'active' DESC, position, created_at, id`,
        )
        .all(),
    );
  }

  /** The newest outcome linked to the goal before `before`; one seek on outcomes_by_goal. */
  lastGoalOutcome(goalId: string, before: number): GoalOutcome | undefined {
    return this.db.read(() =>
      this.db
        .statement<[string, number], GoalOutcome>(
          'SELECT text, happened_at AS happenedAt FROM outcomes WHERE goal_id = ? AND happened_at < ? ORDER BY happened_at DESC, id DESC LIMIT 1',
        )
        .get(goalId, before),
    );
  }

  /** Every repository's name, by id. */
  repositoryNames(): Map<string, string> {
    return this.db.read(() => new Map(this.db.statement<[], { id: string; name: string }>('SELECT id, name FROM repositories').all().map((row) => [row.id, row.name])));
  }

  /**
   * A span as a whole: top-level outcomes by kind, routine commits, and the repositories worked
   * in (those with a counted commit in the span: an outcome's repository is its commits').
   */
  spanCounts(span: TimeSpan): SpanCounts {
    return this.db.read(() => {
      const outcomes = { impact: 0, routine: 0 };
      for (const row of this.db.statement<[TimeSpan], { kind: 'impact' | 'routine'; n: number }>(SPAN_OUTCOMES).all(span)) outcomes[row.kind] = row.n;
      const routineCommits = this.db
        .statement<[number, number], { n: number }>(`SELECT count(*) AS n FROM commits c WHERE c.status = 'routine' AND c.author_time >= ? AND c.author_time < ? AND ${COUNTED_COMMIT}`)
        .get(span.from, span.to)!.n;
      // One seek per repository on commits_by_author_time (repo_id, author_time); EXISTS stops at the first.
      const repositories = this.db
        .statement<[TimeSpan], { name: string }>(
          `SELECT r.name FROM repositories r WHERE EXISTS (
             SELECT 1 FROM commits c WHERE c.repo_id = r.id AND c.author_time >= @from AND c.author_time < @to AND c.status <> 'ignored' AND ${COUNTED_COMMIT})
             OR EXISTS (SELECT 1 FROM history h WHERE h.repo_id = r.id AND h.author_time >= @from AND h.author_time < @to)
           ORDER BY r.name`,
        )
        .all(span)
        .map((row) => row.name);
      return { impact: outcomes.impact, routine: outcomes.routine, routineCommits, repositories: [...new Set(repositories)] };
    });
  }

  /** The top-level outcomes of kind impact in a span, oldest first, each with its commits' subjects; a range on outcomes_by_time. */
  impactLines(span: TimeSpan): ImpactLine[] {
    return this.db.read(() =>
      this.db
        .statement<[TimeSpan], Omit<ImpactLine, 'subjects'> & { subjects: string }>(
          `SELECT o.text, o.happened_at AS happenedAt, o.source, o.branch,
                  (SELECT json_group_array(c.subject) FROM outcome_commits oc JOIN commits c ON c.id = oc.commit_id WHERE oc.outcome_id = o.id) AS subjects
             FROM outcomes o
            WHERE o.happened_at >= @from AND o.happened_at < @to AND o.parent_id IS NULL AND o.kind = 'impact'
            ORDER BY o.happened_at, o.id`,
        )
        .all(span)
        .map((row) => ({ ...row, subjects: JSON.parse(row.subjects) as string[] })),
    );
  }

  /** The earliest moment anything counted happened: a top-level outcome or a counted commit. */
  firstActivity(): number | undefined {
    return this.db.read(() => {
      const outcome = this.db.statement<[], { t: number | null }>('SELECT min(happened_at) AS t FROM outcomes').get()?.t ?? undefined;
      const commits = COUNTED_COMMIT_STATUSES.map(
        (status) =>
          this.db.statement<[string], { t: number | null }>(`SELECT min(c.author_time) AS t FROM commits c WHERE c.status = ? AND ${COUNTED_COMMIT}`).get(status)?.t ?? undefined,
      );
      const history = this.db.statement<[], { t: number | null }>('SELECT min((SELECT min(h.author_time) FROM history h WHERE h.repo_id = r.id)) AS t FROM repositories r').get()?.t ?? undefined;
      const times = [outcome, ...commits, history].filter((time): time is number => time !== undefined);
      return times.length ? Math.min(...times) : undefined;
    });
  }
}

function emptyCommitCounts(): Record<CountedCommitStatus, number> {
  return { open: 0, pending: 0, named: 0, routine: 0, skipped: 0, history: 0 };
}

/** `[[start, end], …]` as JSON: integers, which json_each hands to SQLite as integers. */
function weekBoundaries(weeks: readonly Week[]): string {
  return JSON.stringify(weeks.map((week) => [Math.trunc(week.start), Math.trunc(week.end)]));
}
