/**
 * A week's plan: up to five intended outcomes, made in the review, matched to the outcomes that
 * land them, and settled by the next review as landed, moved on or dropped.
 * Nothing here knows VS Code.
 */
import type { PlanItem, PlanState } from '../core/domain';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import { normalizeOptionalLine } from '../core/goalFields';
import { normalizeOutcomeText } from '../core/outcomeLine';
import { dueDayProblem, planFullProblem, planTextProblem } from '../core/planRules';
import type { Database } from './database';

export interface PlanInput {
  weekStart: number;
  text: string;
  goalId?: string | null;
  dueDay?: string | null;
}

export interface PlanItemRow {
  id: string;
  week_start: number;
  text: string;
  goal_id: string | null;
  due_day: string | null;
  state: PlanState;
  outcome_id: string | null;
}

export function toPlanItem(row: PlanItemRow): PlanItem {
  return { id: row.id, weekStart: row.week_start, text: row.text, goalId: row.goal_id, dueDay: row.due_day, state: row.state, outcomeId: row.outcome_id };
}

const COLUMNS = 'id, week_start, text, goal_id, due_day, state, outcome_id';

export class Plans {
  constructor(private readonly db: Database) {}

  /**
   * Adds an intended outcome to a week's plan, last. A plan made on another machine (`synced`)
   * is taken whole, even when the two machines together planned more than five.
   */
  add(input: PlanInput, id: string, options: { synced?: boolean } = {}): PlanItem {
    const problem = planTextProblem(input.text) ?? dueDayProblem(input.dueDay ?? '');
    if (problem) throw new InvalidInputError(problem);
    return this.db.write(() => {
      if (!options.synced) {
        const full = planFullProblem(this.db.statement<[number], { n: number }>("SELECT count(*) AS n FROM plan_items WHERE week_start = ? AND state != 'dropped'").get(input.weekStart)!.n);
        if (full) throw new InvalidInputError(full);
      }
      const now = this.db.now();
      const position = this.db.statement<[number], { next: number }>('SELECT coalesce(max(position), 0) + 1 AS next FROM plan_items WHERE week_start = ?').get(input.weekStart)!.next;
      this.db
        .statement('INSERT INTO plan_items (id, week_start, text, goal_id, due_day, state, outcome_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)')
        .run(id, input.weekStart, normalizeOutcomeText(input.text), this.knownGoal(input.goalId ?? null), normalizeOptionalLine(input.dueDay), 'open', position, now, now);
      this.db.markLogChanged();
      return this.item(id)!;
    });
  }

  /** Changes an item's words, goal or due day; fields left out stay. */
  edit(id: string, change: { text?: string; goalId?: string | null; dueDay?: string | null }): void {
    const problem = (change.text === undefined ? undefined : planTextProblem(change.text)) ?? dueDayProblem(change.dueDay ?? '');
    if (problem) throw new InvalidInputError(problem);
    this.db.write(() => {
      this.mustExist(id);
      const now = this.db.now();
      if (change.text !== undefined) this.db.statement('UPDATE plan_items SET text = ?, updated_at = ? WHERE id = ?').run(normalizeOutcomeText(change.text), now, id);
      if (change.goalId !== undefined) this.db.statement('UPDATE plan_items SET goal_id = ?, updated_at = ? WHERE id = ?').run(this.knownGoal(change.goalId), now, id);
      if (change.dueDay !== undefined) this.db.statement('UPDATE plan_items SET due_day = ?, updated_at = ? WHERE id = ?').run(normalizeOptionalLine(change.dueDay), now, id);
      this.db.markLogChanged();
    });
  }

  /** Settles an item: landed (by an outcome, or said so), moved on, dropped, or open again. */
  settle(id: string, state: PlanState, outcomeId: string | null = null): void {
    this.db.write(() => {
      this.mustExist(id);
      const outcome = state === 'landed' && outcomeId !== null && this.db.statement('SELECT 1 FROM outcomes WHERE id = ?').get(outcomeId) ? outcomeId : null;
      this.db.statement('UPDATE plan_items SET state = ?, outcome_id = ?, updated_at = ? WHERE id = ?').run(state, outcome, this.db.now(), id);
      this.db.markLogChanged();
    });
  }

  item(id: string): PlanItem | undefined {
    const row = this.db.read(() => this.db.statement<[string], PlanItemRow>(`SELECT ${COLUMNS} FROM plan_items WHERE id = ?`).get(id));
    return row ? toPlanItem(row) : undefined;
  }

  /** A week's plan, in the order it was written. */
  ofWeek(weekStart: number): PlanItem[] {
    return this.db.read(() => this.db.statement<[number], PlanItemRow>(`SELECT ${COLUMNS} FROM plan_items WHERE week_start = ? ORDER BY position, id`).all(weekStart).map(toPlanItem));
  }

  /** Every plan item of the weeks starting in [from, to), oldest week first. */
  inRange(from: number, to: number): PlanItem[] {
    return this.db.read(() =>
      this.db.statement<[number, number], PlanItemRow>(`SELECT ${COLUMNS} FROM plan_items WHERE week_start >= ? AND week_start < ? ORDER BY week_start, position, id`).all(from, to).map(toPlanItem),
    );
  }

  /** The plan item an outcome landed, if any. */
  ofOutcome(outcomeId: string): PlanItem | undefined {
    const row = this.db.read(() => this.db.statement<[string], PlanItemRow>(`SELECT ${COLUMNS} FROM plan_items WHERE outcome_id = ?`).get(outcomeId));
    return row ? toPlanItem(row) : undefined;
  }

  private mustExist(id: string): void {
    if (!this.db.statement('SELECT 1 FROM plan_items WHERE id = ?').get(id)) throw new InvalidInputError(l10n.t('That planned outcome is no longer in the plan, perhaps changed in another window; nothing was changed.'));
  }

  /** A goal this machine knows, else none (a synced plan whose goal is not here yet). */
  private knownGoal(goalId: string | null): string | null {
    return goalId !== null && this.db.statement('SELECT 1 FROM goals WHERE id = ?').get(goalId) ? goalId : null;
  }
}
