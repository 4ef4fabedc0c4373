/**
 * The weekly review, whatever shows it: reads a week into the panel's model, and does what the
 * panel asks: name waiting work (through the NamingWorkflow, under the prompt's rules), settle it,
 * sharpen a line, keep what was typed as a draft, and save the review. The clock is injected.
 * Nothing here knows VS Code.
 */
import { InvalidInputError } from '../core/errors';
import type { OutcomeKind, PendingBatch, PlanState, Reach } from '../core/domain';
import * as l10n from '../core/l10n';
import { outcomeTextProblem } from '../core/outcomeLine';
import { weekLabel, weekOf, weekRange, type Week, type WeekOptions } from '../core/weeks';
import { groupWeek, routineSummary } from '../log/weeklyLog';
import { batchKey, suggestedGoal, workOf, type NamingWorkflow, type SaveState } from '../naming/naming';
import type { Store } from '../storage/store';
import { answerProblem, normalizeAnswer, QUESTIONS, type ReviewAnswers } from '../core/reviewAnswers';
import type { ReviewForm, ReviewModel } from './messages';
import { buildReviewModel } from './reviewModel';

/** What an action in the panel came to: done, or a sentence for the user (the typed text stays). */
export type ReviewResult = { ok: true; state: SaveState } | { ok: false; problem: string };

/** Where the insights work plugs in: the signals that changed in a week, one sentence each. */
export type ReviewSignalSource = (week: Week) => string[];

/** The draft of a week's review form, kept in the drafts table until the review is saved. */
export function reviewDraftTarget(week: Week): string {
  return `review:${week.start}`;
}

export class ReviewWorkflow {
  /** The waiting work the reviews showed, by key: what a card the person answers late was. */
  private readonly shown = new Map<string, PendingBatch>();

  constructor(
    private readonly store: Store,
    private readonly naming: NamingWorkflow,
    private readonly weekOptions: () => WeekOptions,
    private readonly now: () => number = Date.now,
    private readonly signals: ReviewSignalSource = () => [],
  ) {}

  /** Everything the panel shows for `week`, read now. */
  model(week: Week): ReviewModel {
    const options = this.weekOptions();
    const now = this.now();
    const groups = groupWeek(this.store.log.contentsBetween(week.start, week.end));
    for (const batch of groups.waiting) this.shown.set(batchKey(batch), batch);
    const review = this.store.reviews.forWeek(week);
    const goals = this.store.goals.list();
    const lastProgress = new Map(this.store.goals.progress({ from: week.start, to: week.end }, { from: week.start, to: week.end }).map((entry) => [entry.goal.id, entry.lastProgressAt]));
    return buildReviewModel({
      week,
      label: weekLabel(week, now, options),
      range: weekRange(week, now, options),
      timeZone: options.timeZone,
      contents: {
        impact: groups.impact,
        routine: groups.routine,
        routineCount: groups.routineCount,
        unnamedRoutine: groups.unnamedRoutine.length ? routineSummary(groups.unnamedRoutine) : null,
        waiting: groups.waiting,
        inProgress: groups.open.reduce((sum, work) => sum + work.commits.length, 0),
      },
      commitCount: this.store.reviews.commitCountBetween(week.start, week.end),
      goals,
      lastProgress,
      saved: review ? { at: review.updatedAt, form: { answers: { movedForward: review.movedForward, busyWork: review.busyWork, nextFocus: review.nextFocus }, highlights: review.highlights } } : null,
      draft: this.draft(week),
      suggestion: (batch) => this.suggestion(batch),
      signals: this.signals(week),
      plan: this.planOf(week, now, options),
    });
  }

  /** This week's plan, the next week's, and how the plans of the four weeks up to this one landed. */
  private planOf(week: Week, now: number, options: WeekOptions): NonNullable<Parameters<typeof buildReviewModel>[0]['plan']> {
    const next = weekOf(week.end + 1, options);
    const recent = this.store.plans.inRange(week.start - 3 * 7 * 24 * 60 * 60 * 1000 - 1, week.end).filter((item) => item.state !== 'dropped');
    return {
      thisWeek: this.store.plans.ofWeek(week.start),
      nextWeek: this.store.plans.ofWeek(next.start),
      nextWeekLabel: weekRange(next, now, options),
      recent: recent.length ? { landed: recent.filter((item) => item.state === 'landed').length, planned: recent.length, weeks: new Set(recent.map((item) => item.weekStart)).size } : undefined,
    };
  }

  /** Plans an outcome for the week after `week`. */
  planAdd(week: Week, text: string, goalId: string | null, dueDay: string | null): ReviewResult {
    return attempt(() => this.store.changes.addPlanItem({ weekStart: weekOf(week.end + 1, this.weekOptions()).start, text, goalId, dueDay }).state);
  }

  /**
   * Settles a planned outcome. Moved on, it is planned again for the week after `week` (its words,
   * goal and due day), and is refused, unchanged, when that week holds five already.
   */
  planSettle(week: Week, id: string, state: PlanState): ReviewResult {
    const item = this.store.plans.item(id);
    if (!item) return { ok: false, problem: l10n.t('That planned outcome is no longer in the plan, perhaps changed in another window; nothing was changed.') };
    if (state === 'moved' && item.weekStart === week.start) {
      const carried = this.planAdd(week, item.text, item.goalId, null);
      if (!carried.ok) return carried;
    }
    return attempt(() => this.store.changes.settlePlanItem(id, state, state === 'landed' ? item.outcomeId : null).state);
  }

  /** Marks one of the week's outcomes as a first, or unmarks it. */
  markFirst(outcomeId: string, first: boolean): ReviewResult {
    if (!this.store.outcomes.outcome(outcomeId)) return { ok: false, problem: l10n.t('That outcome was deleted meanwhile, perhaps in another window.') };
    return attempt(() => this.store.changes.markOutcomes([outcomeId], { first }).state);
  }

  /**
   * Says who some of the week's outcomes reached (null: not said). Routine work carries no reach:
   * only shipped impact of `week` still in the log is marked (a page names no other); none left is
   * said in one sentence.
   */
  setReach(week: Week, outcomeIds: readonly string[], reach: Reach | null): ReviewResult {
    const shipped = [...new Set(outcomeIds)].filter((id) => {
      const outcome = this.store.outcomes.outcome(id);
      return outcome?.kind === 'impact' && outcome.happenedAt >= week.start && outcome.happenedAt < week.end;
    });
    if (shipped.length === 0) return { ok: false, problem: l10n.t('Only shipped impact carries a reach, and none of those outcomes is still shipped impact in the log.') };
    return attempt(() => this.store.changes.markOutcomes(shipped, { reach }).state);
  }

  /** Why a line or an answer cannot be saved as it is, for the panel to show while typing. */
  problem(field: 'line' | 'answer', text: string): string | undefined {
    if (field === 'answer') return answerProblem(text);
    return text.trim() === '' ? undefined : outcomeTextProblem(text);
  }

  /**
   * Names a piece of work waiting for a name, as the prompt would, linked to `goalId` (an active
   * goal; null for none). A goal that is no longer active is refused with a sentence.
   */
  name(key: string, text: string, kind: OutcomeKind, goalId: string | null = null): ReviewResult {
    return this.withWaiting(key, (batch) => {
      if (goalId !== null && this.activeGoalTitle(goalId) === null) {
        throw new InvalidInputError(l10n.t('That goal is no longer active, perhaps changed in another window: pick another goal or none.'));
      }
      return this.naming.save(batch, text, kind, goalId);
    });
  }

  /** The goal the waiting work `key` and `line` point to as shipped impact, as the prompt's input follows a typed line; null for none. */
  goalFor(key: string, line: string): string | null {
    const batch = this.waitingBy(key);
    const goals = batch && this.naming.goalChoices(workOf(batch));
    return goals ? suggestedGoal(goals, 'impact', line) : null;
  }

  /** The title of `goalId` while it is an active goal; null for none or any other. */
  activeGoalTitle(goalId: string | null): string | null {
    return goalId === null ? null : (this.store.goals.list(['active']).find((goal) => goal.id === goalId)?.title ?? null);
  }

  /** A card's line and kind as the prompt would offer them, and the goal the work and that line point to as shipped impact. */
  private suggestion(batch: PendingBatch): { text: string; kind: OutcomeKind; goalId: string | null } {
    const suggestion = this.naming.suggestion(batch);
    const goals = this.naming.goalChoices(workOf(batch));
    return { ...suggestion, goalId: goals ? suggestedGoal(goals, 'impact', batch.draft ?? suggestion.text) : null };
  }

  /** "Routine, no name" or "Skip": the work stops waiting without a name. */
  settle(key: string, status: 'routine' | 'skipped'): ReviewResult {
    return this.withWaiting(key, (batch) => this.naming.settle(batch, status));
  }

  /** Keeps what was typed for a piece of work (the same draft the prompt shows). */
  keepWorkDraft(key: string, text: string): void {
    const batch = this.waitingBy(key);
    if (batch) this.naming.keepDraft(batch, text);
  }

  /** Rewrites a line that reads like activity. */
  sharpen(outcomeId: string, text: string): ReviewResult {
    if (!this.store.outcomes.outcome(outcomeId)) return { ok: false, problem: l10n.t('That outcome was deleted meanwhile, perhaps in another window.') };
    return attempt(() => this.store.changes.editOutcome(outcomeId, { text }).state);
  }

  /** Keeps the unsaved form; a form equal to what is saved (or empty, when nothing is) is no draft. */
  keepForm(week: Week, form: ReviewForm): void {
    const review = this.store.reviews.forWeek(week);
    const saved: ReviewForm = review
      ? { answers: { movedForward: review.movedForward, busyWork: review.busyWork, nextFocus: review.nextFocus }, highlights: review.highlights }
      : { answers: { movedForward: null, busyWork: null, nextFocus: null }, highlights: [] };
    const target = reviewDraftTarget(week);
    this.store.drafts.set(target, sameForm(form, saved) ? null : JSON.stringify(cleanForm(form)));
  }

  /** Saves the review of `week`; the draft goes. */
  save(week: Week, form: ReviewForm): ReviewResult {
    const result = attempt(() => this.store.changes.saveReview({ week, answers: cleanForm(form).answers, highlights: form.highlights }).state);
    if (result.ok) this.store.drafts.set(reviewDraftTarget(week), null);
    return result;
  }

  /** The draft of a week's form, if one was kept and can be read. */
  private draft(week: Week): ReviewForm | null {
    const text = this.store.drafts.get(reviewDraftTarget(week));
    if (!text) return null;
    try {
      return cleanForm(JSON.parse(text) as Partial<ReviewForm>);
    } catch {
      return null; // a draft nobody can read is no reason to lose the review
    }
  }

  /** The piece of work waiting for a name that `key` (`batchKey`) names, if it still waits. */
  waitingBy(key: string): PendingBatch | undefined {
    return this.naming.waiting().find((batch) => batchKey(batch) === key);
  }

  /**
   * Why the work a review showed under `key` no longer waits, in one sentence: gone from its
   * repository (reset or rebased away), or named or settled meanwhile.
   */
  notWaitingReason(key: string): string {
    const shown = this.shown.get(key);
    return shown ? this.naming.notWaitingReason(shown) : l10n.t('That work already has a name (perhaps from another window).');
  }

  private withWaiting(key: string, work: (batch: PendingBatch) => SaveState): ReviewResult {
    const batch = this.waitingBy(key);
    if (!batch) return { ok: false, problem: this.notWaitingReason(key) };
    return attempt(() => work(batch));
  }
}

/** Runs a write; a refusal with a sentence for the user becomes a result, anything else is thrown. */
function attempt(work: () => SaveState): ReviewResult {
  try {
    return { ok: true, state: work() };
  } catch (error) {
    if (error instanceof InvalidInputError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** A form as it arrived (from a draft or the webview), with only what it may hold. */
export function cleanForm(form: Partial<ReviewForm> | null | undefined): ReviewForm {
  const answers = {} as ReviewAnswers;
  for (const question of QUESTIONS) {
    const value = form?.answers?.[question];
    answers[question] = typeof value === 'string' ? value : null;
  }
  const highlights = Array.isArray(form?.highlights) ? form.highlights.filter((id): id is string => typeof id === 'string') : [];
  return { answers, highlights };
}

function sameForm(a: ReviewForm, b: ReviewForm): boolean {
  return QUESTIONS.every((question) => normalizeAnswer(a.answers[question]) === normalizeAnswer(b.answers[question])) && a.highlights.join() === b.highlights.join();
}
