/**
 * Every change a person makes to the log, as data, and the one way to make it: `LogChanges.apply`
 * (the methods below only build the change). Naming, editing, deleting and restoring outcomes,
 * settling work, linking outcomes to a goal, adding, editing, completing or dropping goals, saving
 * a week's review, an import of history finished: each is one durable transaction (synced to
 * disk, so a saved line survives a power cut) that raises "log changed". When the database is locked for longer than a write
 * waits, the change is kept beside it and written as soon as it can be (`PendingWrites`), and
 * `apply` says so: `{ state: 'kept' }`, never an exception. What a change creates carries an id
 * chosen before it is made, so a kept change, written later by any window, makes the very record it
 * names, once. This is the seam a change is recorded at (sync).
 * A line that cannot be saved is refused at once, with its sentence, and never kept.
 * Nothing here knows VS Code.
 */
import type { DeletedOutcome, Goal, GoalStatus, Outcome, OutcomeKind, PlanItem, PlanState, Review } from '../core/domain';
import { InvalidInputError, InvalidOutcomeError } from '../core/errors';
import { goalTitleProblem, goalWhyProblem, targetDayProblem } from '../core/goalFields';
import { highlightsProblem } from '../core/reviewAnswers';
import { normalizeOutcomeText, outcomeTextProblem } from '../core/rules';
import { newId } from '../core/ulid';
import type { Database } from './database';
import type { GoalInput, Goals } from './goals';
import type { HistoryRanges } from './historyRanges';
import type { OperationLog } from './operations';
import type { NewOutcome, OutcomeMarks, Outcomes } from './outcomes';
import type { PendingWrites, Written } from './pendingWrites';
import type { PlanInput, Plans } from './plans';
import { dueDayProblem, planTextProblem } from '../core/planRules';
import { checkedAnswers, type ReviewInput, type Reviews } from './reviews';

/** A change to the log, as data (kept on disk as JSON while the database is locked). */
export type LogChange =
  | { type: 'outcome.create'; id: string; outcome: NewOutcome }
  | { type: 'outcome.edit'; id: string; text?: string; kind?: OutcomeKind }
  | { type: 'outcome.delete'; id: string }
  | { type: 'outcome.restore'; deleted: DeletedOutcome }
  | { type: 'outcome.link'; outcomeIds: readonly string[]; goalId: string | null }
  | ({ type: 'outcome.mark'; outcomeIds: readonly string[] } & OutcomeMarks)
  | { type: 'commits.settle'; commitIds: readonly string[]; status: 'routine' | 'skipped' }
  | { type: 'branch.settle'; branchId: string; status: 'routine' | 'skipped' }
  | { type: 'goal.create'; id: string; goal: GoalInput }
  | { type: 'goal.edit'; id: string; change: Partial<GoalInput> }
  | { type: 'goal.status'; id: string; status: GoalStatus }
  | { type: 'review.save'; id: string; review: ReviewInput }
  | { type: 'plan.add'; id: string; item: PlanInput }
  | { type: 'plan.edit'; id: string; change: { text?: string; goalId?: string | null; dueDay?: string | null } }
  | { type: 'plan.settle'; id: string; state: PlanState; outcomeId: string | null }
  /** An import of a repository's history finished on this machine: every commit of the user's since `since` (ms; null for all history). */
  | { type: 'history.import'; repoId: string; since: number | null };

/** The change of one type. */
export type Change<T extends LogChange['type']> = Extract<LogChange, { type: T }>;

/** What each change gives back once written. */
interface ResultOf {
  'outcome.create': Outcome;
  'outcome.edit': void;
  /** Undefined when the outcome was gone already. */
  'outcome.delete': DeletedOutcome | undefined;
  'outcome.restore': string;
  /** How many outcomes changed their goal. */
  'outcome.link': number;
  /** How many marks changed. */
  'outcome.mark': number;
  /** How many commits changed. */
  'commits.settle': number;
  'branch.settle': void;
  'goal.create': Goal;
  'goal.edit': void;
  'goal.status': void;
  'review.save': Review;
  'plan.add': PlanItem;
  'plan.edit': void;
  'plan.settle': void;
  /** Whether the range every machine imports reached further back for it (only then is it an operation). */
  'history.import': { widened: boolean };
}

/** What `apply` did: saved (with what the change gives back), or kept to be written once the database is free. */
export type Applied<C extends LogChange> = Written<ResultOf[C['type']]>;

export class LogChanges {
  constructor(
    private readonly db: Database,
    private readonly pending: PendingWrites,
    private readonly parts: { outcomes: Outcomes; goals: Goals; reviews: Reviews; plans: Plans; history: HistoryRanges },
    /** Where each change is recorded as an operation, in its own transaction (src/sync moves them). */
    private readonly operations: OperationLog,
  ) {
    pending.handleChanges({ write: (change) => void this.write(change), alreadyWritten: (change, keptAt, legacy) => this.alreadyWritten(change, keptAt, legacy) });
  }

  /**
   * Makes a change: checked first (a line that cannot be saved throws its sentence at once), then
   * written in one durable transaction, or kept while the database is locked.
   * @throws InvalidInputError (InvalidOutcomeError for an outcome's line) with a sentence for the user.
   */
  apply<C extends LogChange>(change: C): Applied<C> {
    check(change);
    return this.pending.run(change, () => this.db.write(() => this.write(change), { durable: true })) as Applied<C>;
  }

  /** Names work (commits, a closed branch) or something done by hand. */
  createOutcome(outcome: NewOutcome): Applied<Change<'outcome.create'>> {
    return this.apply({ type: 'outcome.create', id: newId(this.db.now()), outcome });
  }

  editOutcome(id: string, change: { text?: string; kind?: OutcomeKind }): Applied<Change<'outcome.edit'>> {
    return this.apply({ type: 'outcome.edit', id, ...change });
  }

  deleteOutcome(id: string): Applied<Change<'outcome.delete'>> {
    return this.apply({ type: 'outcome.delete', id });
  }

  restoreOutcome(deleted: DeletedOutcome): Applied<Change<'outcome.restore'>> {
    return this.apply({ type: 'outcome.restore', deleted });
  }

  /** Links outcomes to a goal, or unlinks them with null. */
  linkOutcomes(outcomeIds: readonly string[], goalId: string | null): Applied<Change<'outcome.link'>> {
    return this.apply({ type: 'outcome.link', outcomeIds, goalId });
  }

  /** Says who outcomes reached (null: nobody said) and whether they were firsts; a mark left out stays. */
  markOutcomes(outcomeIds: readonly string[], marks: OutcomeMarks): Applied<Change<'outcome.mark'>> {
    return this.apply({ type: 'outcome.mark', outcomeIds, ...marks });
  }

  /** Marks commits that wait for a name as routine or skipped. */
  settleCommits(commitIds: readonly string[], status: 'routine' | 'skipped'): Applied<Change<'commits.settle'>> {
    return this.apply({ type: 'commits.settle', commitIds, status });
  }

  /** Marks a closed branch that waits, and its waiting commits, as routine or skipped. */
  settleBranch(branchId: string, status: 'routine' | 'skipped'): Applied<Change<'branch.settle'>> {
    return this.apply({ type: 'branch.settle', branchId, status });
  }

  createGoal(goal: GoalInput): Applied<Change<'goal.create'>> {
    return this.apply({ type: 'goal.create', id: newId(this.db.now()), goal });
  }

  /** Changes a goal's words or target day; fields left out stay as they are. */
  editGoal(id: string, change: Partial<GoalInput>): Applied<Change<'goal.edit'>> {
    return this.apply({ type: 'goal.edit', id, change });
  }

  /** Completes, drops or restores (to active) a goal. */
  setGoalStatus(id: string, status: GoalStatus): Applied<Change<'goal.status'>> {
    return this.apply({ type: 'goal.status', id, status });
  }

  /** Saves the review of a week: its answers and highlights replace what was saved before. */
  saveReview(review: ReviewInput): Applied<Change<'review.save'>> {
    return this.apply({ type: 'review.save', id: newId(this.db.now()), review });
  }

  /** Adds an intended outcome to a week's plan (five at most). */
  addPlanItem(item: PlanInput): Applied<Change<'plan.add'>> {
    return this.apply({ type: 'plan.add', id: newId(this.db.now()), item });
  }

  /** Changes a planned outcome's words, goal or due day; fields left out stay. */
  editPlanItem(id: string, change: Change<'plan.edit'>['change']): Applied<Change<'plan.edit'>> {
    return this.apply({ type: 'plan.edit', id, change });
  }

  /** Settles a planned outcome: landed (by an outcome, or said so), moved on, dropped, or open again. */
  settlePlanItem(id: string, state: PlanState, outcomeId: string | null = null): Applied<Change<'plan.settle'>> {
    return this.apply({ type: 'plan.settle', id, state, outcomeId });
  }

  /** Says that an import of a repository's history finished here, from `since` (ms; null for all history). */
  recordHistoryImport(repoId: string, since: number | null): Applied<Change<'history.import'>> {
    return this.apply({ type: 'history.import', repoId, since });
  }

  /** Makes a change and records it as an operation, both in the caller's transaction. */
  private write(change: LogChange): ResultOf[LogChange['type']] {
    this.operations.beforeChange(change);
    const value = this.make(change);
    // An import within the range every machine imports already changes nothing anywhere: no operation.
    if (change.type === 'history.import' && !(value as ResultOf['history.import']).widened) return value;
    this.operations.record(change);
    return value;
  }

  private make(change: LogChange): ResultOf[LogChange['type']] {
    const { outcomes, goals, reviews, plans, history } = this.parts;
    switch (change.type) {
      case 'outcome.create':
        // Routine work carries no reach, whatever the naming input held: its operation carries none either.
        return outcomes.save(change.outcome.kind === 'routine' ? { ...change.outcome, reach: null } : change.outcome, change.id);
      case 'outcome.edit':
        return outcomes.edit(change.id, { text: change.text, kind: change.kind });
      case 'outcome.delete':
        return outcomes.delete(change.id);
      case 'outcome.restore':
        return outcomes.restore(change.deleted);
      case 'outcome.link':
        return goals.link(change.outcomeIds, change.goalId);
      case 'outcome.mark':
        return outcomes.mark(change.outcomeIds, { reach: change.reach, first: change.first });
      case 'commits.settle':
        return outcomes.settleCommits(change.commitIds, change.status);
      case 'branch.settle':
        return outcomes.settleBranch(change.branchId, change.status);
      case 'goal.create':
        return goals.add(change.goal, change.id);
      case 'goal.edit':
        return goals.edit(change.id, change.change);
      case 'goal.status':
        return goals.setStatus(change.id, change.status);
      case 'review.save':
        return reviews.save(change.review, change.id);
      case 'plan.add':
        return plans.add(change.item, change.id);
      case 'plan.edit':
        return plans.edit(change.id, change.change);
      case 'plan.settle':
        return plans.settle(change.id, change.state, change.outcomeId);
      case 'history.import':
        history.importedHere(change.repoId, change.since);
        return { widened: history.widen(change.repoId, change.since) };
    }
  }

  /**
   * Whether a kept change is in the log already (a window wrote it, then died before removing its
   * file): what it creates exists, or was deleted since. Other changes are written again harmlessly.
   */
  private alreadyWritten(change: LogChange, keptAt: number, legacy: boolean): boolean {
    if (change.type === 'outcome.create') return this.exists('outcomes', change.id) || (legacy && this.savedSince(change.outcome, keptAt));
    if (change.type === 'goal.create') return this.exists('goals', change.id);
    if (change.type === 'plan.add') return this.db.statement('SELECT 1 FROM plan_items WHERE id = ?').get(change.id) !== undefined;
    return false;
  }

  /**
   * For an outcome kept by an older Progress Log (which chose its id only as it wrote it): the same
   * words, saved since it was kept, for the same work.
   */
  private savedSince(input: NewOutcome, keptAt: number): boolean {
    const text = normalizeOutcomeText(input.text);
    if (input.branchId !== undefined) {
      return this.db
        .statement('SELECT 1 FROM branches b JOIN outcomes o ON o.id = b.outcome_id WHERE b.id = ? AND o.text = ? AND o.kind = ? AND o.created_at >= ?')
        .get(input.branchId, text, input.kind, keptAt) !== undefined;
    }
    if (input.commitIds?.length) {
      const linked = this.db.statement('SELECT 1 FROM outcome_commits oc JOIN outcomes o ON o.id = oc.outcome_id WHERE oc.commit_id = ? AND o.text = ? AND o.kind = ? AND o.created_at >= ?');
      return input.commitIds.some((commitId) => linked.get(commitId, text, input.kind, keptAt) !== undefined);
    }
    return this.db.statement('SELECT 1 FROM outcomes WHERE source = ? AND text = ? AND kind = ? AND created_at >= ?').get(input.source, text, input.kind, keptAt) !== undefined;
  }

  private exists(table: 'outcomes' | 'goals', id: string): boolean {
    return (
      this.db.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined || this.db.statement('SELECT 1 FROM tombstones WHERE id = ?').get(id) !== undefined
    );
  }
}

/** Throws the sentence of a change that cannot be made whatever the log holds (a line that is not one). */
function check(change: LogChange): void {
  const problem = (() => {
    switch (change.type) {
      case 'outcome.create':
        return outcomeTextProblem(change.outcome.text);
      case 'outcome.edit':
        return change.text === undefined ? undefined : outcomeTextProblem(change.text);
      case 'goal.create':
        return goalTitleProblem(change.goal.title) ?? goalWhyProblem(change.goal.why ?? '') ?? targetDayProblem(change.goal.targetDay ?? '');
      case 'goal.edit':
        return (
          (change.change.title === undefined ? undefined : goalTitleProblem(change.change.title)) ??
          (change.change.why === undefined ? undefined : goalWhyProblem(change.change.why ?? '')) ??
          (change.change.targetDay === undefined ? undefined : targetDayProblem(change.change.targetDay ?? ''))
        );
      case 'review.save':
        checkedAnswers(change.review.answers);
        return highlightsProblem(change.review.highlights);
      case 'plan.add':
        return planTextProblem(change.item.text) ?? dueDayProblem(change.item.dueDay ?? '');
      case 'plan.edit':
        return (change.change.text === undefined ? undefined : planTextProblem(change.change.text)) ?? dueDayProblem(change.change.dueDay ?? '');
      default:
        return undefined;
    }
  })();
  if (problem === undefined) return;
  throw change.type.startsWith('outcome.') ? new InvalidOutcomeError(problem) : new InvalidInputError(problem);
}
