/**
 * What the review panel and its page say to each other, and the model the page renders: the one
 * contract of src/vscode/reviewPanel.ts and src/webview/review. Only types (and what they are made
 * of), so that the page, a browser script, takes nothing of the extension with it. Nothing here
 * knows VS Code.
 */
import type { OutcomeKind, PlanState, Reach } from '../core/domain';
import type { Question, ReviewAnswers } from '../core/reviewAnswers';

/** An outcome as the panel lists it. */
export interface OutcomeCard {
  id: string;
  text: string;
  kind: OutcomeKind;
  /** "api · main", "added by hand". */
  where: string;
  /** The goal it moves, by title; null when not tied to a goal. */
  goal: string | null;
  /** Marked as something the person had not done before. */
  first?: boolean;
  /** Who it reached, when the person said (shipped impact only). */
  reach?: Reach;
  /** Who its words (or its goal's) suggest it reached, while nobody said (shipped impact only). */
  suggestedReach?: Reach;
}

/** An intended outcome of a week's plan. */
export interface PlanCard {
  id: string;
  text: string;
  state: PlanState;
  /** The goal it is tied to, by title. */
  goal: string | null;
  dueDay: string | null;
  /** The outcome it landed as, by its line. */
  landedAs: string | null;
}

/** A piece of work waiting for a name, with what its input starts with. */
export interface WaitingCard {
  /** Identifies the piece of work across reads (`batchKey`). */
  key: string;
  title: string;
  where: string;
  commits: { sha: string; subject: string }[];
  /** The draft typed earlier, or the suggestion the prompt would offer. */
  value: string;
  kind: OutcomeKind;
  /**
   * The goal the work and its line (`value`) point to when it counts as shipped impact, as the
   * prompt's input would offer it; null for none. Routine work is offered no goal.
   */
  goalId: string | null;
}

/** A shipped line that reads like activity. */
export interface SharpenCard {
  id: string;
  text: string;
  /** Why it reads like activity: "Repeats fix: retry payments", "Starts like a commit message (chore:)". */
  why: string;
  where: string;
}

export interface GoalCard {
  id: string;
  title: string;
  outcomes: OutcomeCard[];
}

/** An active goal with no outcome in the week. */
export interface IdleGoal {
  id: string;
  title: string;
  /** "last moved Nov 12", or "no outcomes yet". */
  lastMoved: string;
}

/** What the form holds: the answers and the highlights, saved or not yet. */
export interface ReviewForm {
  answers: ReviewAnswers;
  highlights: string[];
}

/** One week as the page shows it (built by src/review/reviewModel.ts). */
export interface ReviewModel {
  week: { start: number; end: number; label: string; range: string };
  /** When the week's review was last saved; null when it was never reviewed. */
  saved: { at: number; label: string } | null;
  glance: { shipped: number; routine: number; commits: number; waiting: number; inProgress: number; unnamedRoutine: string | null };
  impact: OutcomeCard[];
  routine: OutcomeCard[];
  goals: { moved: GoalCard[]; notTied: OutcomeCard[]; idle: IdleGoal[]; anyActive: boolean };
  waiting: WaitingCard[];
  sharpen: { question: string; lines: SharpenCard[] };
  /** The week's top-level outcomes, shipped impact first: what can be a highlight. */
  candidates: OutcomeCard[];
  form: ReviewForm & { from: 'draft' | 'saved' | 'new' };
  questions: { id: Question; text: string }[];
  limits: { highlights: number; answerLines: number; answerLength: number; line: number };
  /**
   * The plan: what this week planned (each item settled here as landed, moved on or dropped), what
   * the next week plans (five at most), the goals an item can be tied to, and how much of the
   * plans landed over the last weeks.
   */
  plan: {
    thisWeek: PlanCard[];
    nextWeek: PlanCard[];
    nextWeekLabel: string;
    goals: { id: string; title: string }[];
    max: number;
    /** "7 of 10 planned outcomes landed over the last 4 weeks"; null before any plan was settled. */
    doneRate: string | null;
  };
  /** "Anything you did for the first time?", asked of the week's outcomes (their `first` says which are marked). */
  firstsQuestion: string;
  /**
   * Signals that changed this week (from the insights work), one sentence each, shown at the top
   * of "the week at a glance" when there are any. Empty until a signal source is given.
   */
  signals: string[];
}

/** What the page asks the panel to do, and the panel answers with a `result`. */
export type ReviewAction = 'name' | 'settle' | 'sharpen' | 'save' | 'plan' | 'first' | 'reach';

/**
 * From the page to the extension. The extension checks every field before use: a webview is
 * another process, and its state may come from an older version of the page.
 */
export type FromPage =
  | { type: 'ready' }
  /** Whether a line or an answer could be saved as typed; `id` is the input's, echoed in the `problem`. */
  | { type: 'check'; id: string; field: 'line' | 'answer'; text: string }
  /** `goalId`: the goal the card shows when saved (one of the active goals), null for none. */
  | { type: 'name'; key: string; text: string; kind: OutcomeKind; goalId: string | null }
  | { type: 'settle'; key: string; status: 'routine' | 'skipped' }
  | { type: 'workDraft'; key: string; text: string }
  /** "Suggest" on the waiting work `key`, for the goal its card shows: the extension answers with a `suggestion`. */
  | { type: 'suggest'; key: string; goalId?: string | null }
  /** The line of the waiting work `key` as typed: the extension answers with the `goal` it points to. */
  | { type: 'goalFor'; key: string; text: string }
  | { type: 'sharpen'; id: string; text: string }
  /** The form as typed so far, kept as a draft. */
  | { type: 'form'; form: ReviewForm }
  | { type: 'save'; form: ReviewForm }
  /** A planned outcome for the next week. */
  | { type: 'planAdd'; text: string; goalId: string | null; dueDay: string | null }
  /** This week's (or the next week's) item settled: landed, moved on (to the next week), dropped, or open again. */
  | { type: 'planSettle'; id: string; state: PlanState }
  | { type: 'first'; id: string; first: boolean }
  /** Who the week's outcomes `ids` reached (null: not said): one outcome's menu, or several ticked and set at once. */
  | { type: 'reach'; ids: string[]; reach: Reach | null };

/** From the extension to the page. */
export type ToPage =
  | { type: 'model'; model: ReviewModel }
  /** A line for the waiting work `key`, to prefill its input with (never saved by itself), and the sentence to show under it. */
  | { type: 'suggestion'; key: string; line: string; note: string | null }
  /** What stops the input `id` from being saved, or null when nothing does. */
  | { type: 'problem'; id: string; problem: string | null }
  /** The goal the waiting work `key` and its line as typed point to (as shipped impact); null for none. */
  | { type: 'goal'; key: string; goalId: string | null }
  /** `target`: the waiting work's key, the line's id, or the week's start for `save`. */
  | { type: 'result'; action: ReviewAction; target: string; ok: boolean; problem?: string };
