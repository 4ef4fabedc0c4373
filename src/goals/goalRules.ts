/**
 * What a goal is allowed to be, and how Progress Log guesses which goal a piece of work moves.
 * Three to five goals is the advice; more is allowed. Nothing here knows VS Code.
 */
import type { Goal } from '../core/domain';
import * as l10n from '../core/l10n';
import { lineProblem, normalizeOutcomeText, type LineWording } from '../core/outcomeLine';

/** Past this many active goals Progress Log says, once, that focus beats a long list. */
export const ADVISED_MAX_ACTIVE_GOALS = 5;

/** A goal with no outcome for this long has stopped moving, and the Goals view says so. */
export const STALLED_AFTER_MS = 21 * 24 * 60 * 60 * 1000;

const titleWording = (): LineWording => ({
  oneLine: l10n.t('Keep the goal to one line: what you want to move forward.'),
  empty: l10n.t('Write the goal in one line, for example "Checkout converts 5% better by March".'),
  nothingVisible: l10n.t('That goal shows nothing but invisible characters or lone accents: write it in words.'),
});

const whyWording = (): LineWording => ({
  oneLine: l10n.t('Keep why it matters to one line.'),
  empty: l10n.t('Write why the goal matters in one line, or leave it empty.'),
  nothingVisible: l10n.t('That shows nothing but invisible characters or lone accents: write why it matters in words, or leave it empty.'),
});

/** Why a goal's title cannot be used, or undefined. */
export function goalTitleProblem(title: string): string | undefined {
  return lineProblem(title, titleWording());
}

/** Why a goal's "why it matters" line cannot be used (empty is fine), or undefined. */
export function goalWhyProblem(why: string): string | undefined {
  return why.trim() === '' ? undefined : lineProblem(why, whyWording());
}

/** Why a target day cannot be used (empty is fine): a real calendar day written YYYY-MM-DD. */
export function targetDayProblem(day: string): string | undefined {
  const text = day.trim();
  if (text === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return l10n.t('Write the target day as YYYY-MM-DD, for example 2027-03-31, or leave it empty.');
  const [year, month, dayOfMonth] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) return l10n.t('{0} is not a day on the calendar.', text);
  return undefined;
}

/** The stored form of a one-line field: trimmed, tabs as spaces; empty becomes null. */
export function normalizeOptionalLine(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const normalized = normalizeOutcomeText(text);
  return normalized === '' ? null : normalized;
}

/** Words that say nothing about which goal work belongs to. */
const STOP_WORDS = new Set(
  'a about after all also an and any are as at be been before but by can did do does for from get got had has have how in into is it its just like not now of off on once only or our out over so than that the their them then there these they this through to too under until up upon very was we were what when where which while who why will with within without would you your feat fix chore docs test tests refactor perf build ci style wip add adds added update updates updated remove removes make makes new more less use using via per feature bugfix hotfix topic dev main master'.split(
    ' ',
  ),
);

/** The meaningful words of a text, lower case, as a set: "feature/ABC-12-faster-checkout" → {faster, checkout}. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
    // "payments" and "payment" are the same goal's word.
    words.add(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return words;
}

/** What the naming input knows about the work it asks about, for guessing its goal. */
export interface WorkContext {
  repoId: string | null;
  branch: string | null;
  /** Commit subjects (and, for a branch, its name) that describe the work. */
  words: readonly string[];
}

/** Where Progress Log looks first: the goal last linked on this branch, then in this repository. */
export interface GoalHistory {
  lastGoalOnBranch(repoId: string, branch: string): string | null;
  lastGoalInRepository(repoId: string): string | null;
}

/**
 * The goal to suggest for a piece of work, among active goals: the one last linked on this
 * branch, else in this repository, else the one whose title and "why" share the most words with
 * the branch and the commits (at least one). Undefined when nothing points to a goal.
 */
export function suggestGoal(work: WorkContext, activeGoals: readonly Goal[], history: GoalHistory): Goal | undefined {
  const active = new Map(activeGoals.map((goal) => [goal.id, goal]));
  if (active.size === 0) return undefined;
  if (work.repoId && work.branch) {
    const onBranch = history.lastGoalOnBranch(work.repoId, work.branch);
    if (onBranch && active.has(onBranch)) return active.get(onBranch);
  }
  if (work.repoId) {
    const inRepository = history.lastGoalInRepository(work.repoId);
    if (inRepository && active.has(inRepository)) return active.get(inRepository);
  }
  const workWords = wordsOf([work.branch ?? '', ...work.words].join(' '));
  let best: { goal: Goal; shared: number } | undefined;
  for (const goal of activeGoals) {
    const goalWords = wordsOf(`${goal.title} ${goal.why ?? ''}`);
    let shared = 0;
    for (const word of goalWords) if (workWords.has(word)) shared++;
    if (shared > 0 && (!best || shared > best.shared)) best = { goal, shared };
  }
  return best?.goal;
}
