/**
 * How Progress Log guesses which goal a piece of work moves, and when a goal has stalled. Three
 * to five goals is the advice; more is allowed. (What a goal's fields may hold is a rule of the
 * core: src/core/goalFields.ts.) Nothing here knows VS Code.
 */
import type { Goal } from '../core/domain';

/** Past this many active goals Progress Log says, once, that focus beats a long list. */
export const ADVISED_MAX_ACTIVE_GOALS = 5;

/** A goal with no outcome for this long has stopped moving, and the Goals view says so. */
export const STALLED_AFTER_MS = 21 * 24 * 60 * 60 * 1000;

/**
 * Words that say nothing about which goal work belongs to: small words, the kinds of change every
 * history is full of (feat, fix, chore…), and words that say how much rather than what ("faster",
 * "better"), which a goal's title holds as often as any commit does. A kind that is also a topic
 * (docs, test, perf, build) stays a word: a docs commit is evidence for a goal about docs.
 */
const STOP_WORDS = new Set(
  'a about after all also an and any are as at be been before but by can did do does for from get got had has have how in into is it its just like not now of off on once only or our out over so than that the their them then there these they this through to too under until up upon very was we were what when where which while who why will with within without would you your feat fix chore refactor style wip add adds added update updates updated remove removes make makes new more less use using via per feature bugfix hotfix topic dev main master better best faster fastest quicker slower smaller bigger larger easier simpler cleaner clearer safer fewer lower higher good great improve improves improved improving improvement reduce reduced increase increased'.split(
    ' ',
  ),
);

/** The meaningful words of a text, lower case, as a set: "feature/ABC-12-faster-checkout" → {abc, checkout}. */
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
  /**
   * The branch the work was made on when it is a line of work of its own; null on the branch
   * everything lands on (main), where one outcome's goal says nothing about the next one's.
   */
  branch: string | null;
  /** Commit subjects (and the line as typed) that describe the work. */
  words: readonly string[];
}

/** Where Progress Log looks for the goal a line of work has already moved. */
export interface GoalHistory {
  lastGoalOnBranch(repoId: string, branch: string): string | null;
}

/**
 * How much shared words weigh: a word of the goal's title two, a word of its longer "why" one. One
 * word of the title, or two of the why, is evidence; a lone word of the why ("table") is chance.
 */
const TITLE_WORD_WEIGHT = 2;
const EVIDENCE = 2;

/**
 * The goal to suggest for a piece of work, among active goals, only on evidence: the goal the
 * branch's earlier outcomes were linked to; else the one whose title and "why" share enough words
 * with the branch name and the commits (see EVIDENCE), when no other goal shares as many.
 * Undefined when nothing points to one goal: what was linked elsewhere in the repository is no
 * evidence (one linked outcome would otherwise claim every later one, chores included).
 * Whether the work is routine is the caller's to weigh (routine work is suggested no goal).
 */
export function suggestGoal(work: WorkContext, activeGoals: readonly Goal[], history: GoalHistory): Goal | undefined {
  const active = new Map(activeGoals.map((goal) => [goal.id, goal]));
  if (active.size === 0) return undefined;
  if (work.repoId && work.branch) {
    const onBranch = history.lastGoalOnBranch(work.repoId, work.branch);
    if (onBranch && active.has(onBranch)) return active.get(onBranch);
  }
  const workWords = wordsOf([work.branch ?? '', ...work.words].join(' '));
  let best: { goal: Goal; score: number; tied: boolean } | undefined;
  for (const goal of activeGoals) {
    const titleWords = wordsOf(goal.title);
    let score = 0;
    for (const word of titleWords) if (workWords.has(word)) score += TITLE_WORD_WEIGHT;
    for (const word of wordsOf(goal.why ?? '')) if (!titleWords.has(word) && workWords.has(word)) score += 1;
    if (score < EVIDENCE || (best && score < best.score)) continue;
    best = best && score === best.score ? { ...best, tied: true } : { goal, score, tied: false };
  }
  return best && !best.tied ? best.goal : undefined;
}
