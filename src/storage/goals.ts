/**
 * Goals, and the links from outcomes to them: add, edit, complete, drop, restore; link or unlink
 * several outcomes at once; how each goal moved (this week, this quarter, last progress); and the
 * history the naming input's goal suggestion reads.
 */
import type { Goal, GoalStatus, Outcome } from '../core/domain';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import { goalTitleProblem, goalWhyProblem, normalizeOptionalLine, targetDayProblem } from '../core/goalFields';
import type { Database } from './database';
import { OUTCOME_COLUMNS, toOutcome, type OutcomeRow } from './rows';

export interface GoalInput {
  title: string;
  why?: string | null;
  targetDay?: string | null;
}

/** How a goal moved: top-level outcomes linked to it in two spans, and its newest outcome. */
export interface GoalProgress {
  goal: Goal;
  /** Outcomes in the first span asked for (this week, in the Goals view). */
  inWeek: number;
  /** Outcomes in the second span asked for (this quarter). */
  inQuarter: number;
  /** When its newest linked outcome happened; null when none yet. */
  lastProgressAt: number | null;
}

interface GoalRow {
  id: string;
  title: string;
  why: string | null;
  target_day: string | null;
  status: GoalStatus;
  created_at: number;
  closed_at: number | null;
}

function toGoal(row: GoalRow): Goal {
  return { id: row.id, title: row.title, why: row.why, targetDay: row.target_day, status: row.status, createdAt: row.created_at, closedAt: row.closed_at };
}

const ORDER = "ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'completed' THEN 1 ELSE 2 END, position, created_at, id";

/**
 * The outcomes that count for a goal: linked to it, and not under an outcome linked to the same
 * goal (a branch and the outcomes of its commits are one piece of work; a commit's outcome under
 * a branch that moved another goal, or none, still moved this one).
 */
const COUNTED_FOR_GOAL = `o.goal_id = ? AND (o.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM outcomes p WHERE p.id = o.parent_id AND p.goal_id = o.goal_id))`;

/** Draft keys of the goal form, one per field, for a new goal or an existing one. */
export const GoalDraftTargets = {
  field: (goalId: string | null, field: 'title' | 'why' | 'targetDay') => `goal:${goalId ?? 'new'}:${field}`,
} as const;

export class Goals {
  constructor(private readonly db: Database) {}

  /**
   * Adds a goal under `id` (chosen by the change that adds it, src/storage/changes.ts).
   * @throws InvalidInputError with a sentence for the user when a field cannot be used.
   */
  add(input: GoalInput, id: string): Goal {
    const fields = checked(input);
    return this.db.write(() => {
      const now = this.db.now();
      const position = this.db.statement<[], { next: number }>("SELECT coalesce(max(position), 0) + 1 AS next FROM goals WHERE status = 'active'").get()!.next;
      this.db
        .statement("INSERT INTO goals (id, title, why, target_day, status, position, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?)")
        .run(id, fields.title, fields.why, fields.targetDay, position, now, now);
      this.db.markLogChanged();
      return this.goal(id)!;
    });
  }

  /** Changes a goal's words or target day; fields left out stay as they are. */
  edit(id: string, change: Partial<GoalInput>): void {
    const current = this.goal(id);
    if (!current) throw new InvalidInputError(l10n.t('That goal no longer exists, perhaps it was changed in another window; nothing was changed.'));
    const fields = checked({ title: change.title ?? current.title, why: change.why === undefined ? current.why : change.why, targetDay: change.targetDay === undefined ? current.targetDay : change.targetDay });
    this.db.write(() => {
      this.db.statement('UPDATE goals SET title = ?, why = ?, target_day = ?, updated_at = ? WHERE id = ?').run(fields.title, fields.why, fields.targetDay, this.db.now(), id);
      this.db.markLogChanged();
    });
  }

  /** Completes, drops or restores (to active) a goal. Its outcomes keep their link. */
  setStatus(id: string, status: GoalStatus): void {
    this.db.write(() => {
      const now = this.db.now();
      const changed = this.db.statement('UPDATE goals SET status = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status <> ?').run(status, status === 'active' ? null : now, now, id, status).changes;
      if (changed > 0) this.db.markLogChanged();
    });
  }

  goal(id: string): Goal | undefined {
    const row = this.db.read(() => this.db.statement<[string], GoalRow>('SELECT * FROM goals WHERE id = ?').get(id));
    return row ? toGoal(row) : undefined;
  }

  /** Goals, active first (in the order they were added), then completed, then dropped. */
  list(statuses: readonly GoalStatus[] = ['active', 'completed', 'dropped']): Goal[] {
    const wanted = new Set(statuses);
    return this.db.read(() => this.db.statement<[], GoalRow>(`SELECT * FROM goals ${ORDER}`).all().map(toGoal).filter((goal) => wanted.has(goal.status)));
  }

  activeCount(): number {
    return this.db.read(() => this.db.statement<[], { n: number }>("SELECT count(*) AS n FROM goals WHERE status = 'active'").get()!.n);
  }

  /** How each goal of `statuses` moved: the outcomes that count for it in `week` and in `quarter`, and its newest one. */
  progress(week: { from: number; to: number }, quarter: { from: number; to: number }, statuses: readonly GoalStatus[] = ['active']): GoalProgress[] {
    return this.db.read(() => {
      const counts = this.db.statement<[number, number, number, number, string], { in_week: number; in_quarter: number; last: number | null }>(
        `SELECT sum(happened_at >= ? AND happened_at < ?) AS in_week, sum(happened_at >= ? AND happened_at < ?) AS in_quarter, max(happened_at) AS last
           FROM outcomes o WHERE ${COUNTED_FOR_GOAL}`,
      );
      return this.list(statuses).map((goal) => {
        const row = counts.get(week.from, week.to, quarter.from, quarter.to, goal.id)!;
        return { goal, inWeek: row.in_week ?? 0, inQuarter: row.in_quarter ?? 0, lastProgressAt: row.last };
      });
    });
  }

  /** The outcomes that count for a goal, newest first (at most `limit`). */
  outcomesOf(goalId: string, limit = 200): Outcome[] {
    return this.db.read(() =>
      this.db
        .statement<[string, number], OutcomeRow>(`SELECT ${OUTCOME_COLUMNS} FROM outcomes o WHERE ${COUNTED_FOR_GOAL} ORDER BY o.happened_at DESC, o.id DESC LIMIT ?`)
        .all(goalId, limit)
        .map(toOutcome),
    );
  }

  /** Links outcomes to a goal, or unlinks them with null; returns how many changed. */
  link(outcomeIds: readonly string[], goalId: string | null): number {
    return this.db.write(() => {
      if (goalId !== null && !this.db.statement('SELECT 1 FROM goals WHERE id = ?').get(goalId)) {
        throw new InvalidInputError(l10n.t('That goal no longer exists, perhaps it was changed in another window; nothing was linked.'));
      }
      const now = this.db.now();
      const update = this.db.statement('UPDATE outcomes SET goal_id = ?, updated_at = ? WHERE id = ? AND goal_id IS NOT ?');
      let changed = 0;
      for (const id of outcomeIds) changed += update.run(goalId, now, id, goalId).changes;
      if (changed > 0) this.db.markLogChanged();
      return changed;
    });
  }

  /** The goal of the newest outcome linked on this branch of this repository. */
  lastGoalOnBranch(repoId: string, branch: string): string | null {
    return this.db.read(
      () =>
        this.db
          .statement<[string, string], { goal_id: string }>('SELECT goal_id FROM outcomes WHERE repo_id = ? AND branch = ? AND goal_id IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1')
          .get(repoId, branch)?.goal_id ?? null,
    );
  }
}

function checked(input: GoalInput): { title: string; why: string | null; targetDay: string | null } {
  const problem = goalTitleProblem(input.title) ?? goalWhyProblem(input.why ?? '') ?? targetDayProblem(input.targetDay ?? '');
  if (problem) throw new InvalidInputError(problem);
  return { title: normalizeOptionalLine(input.title)!, why: normalizeOptionalLine(input.why), targetDay: normalizeOptionalLine(input.targetDay) };
}
