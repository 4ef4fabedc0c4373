/**
 * The weekly review's honest questions and what an answer may be: optional, a few lines of visible
 * text, each line held to the same rules as an outcome line (no controls, no direction controls, no
 * hidden tags, at most 200 characters), and a bounded whole. Nothing typed is changed silently:
 * normalising only unifies line breaks, turns tabs into spaces and trims. Nothing here knows VS Code.
 */
import * as l10n from './l10n';
import { lineProblem, type LineWording } from './outcomeLine';
import { graphemes } from './text';

/** The three questions, in the order the review asks them. */
export type Question = 'movedForward' | 'busyWork' | 'nextFocus';
export const QUESTIONS: readonly Question[] = ['movedForward', 'busyWork', 'nextFocus'];

const QUESTION_TEXT: Record<Question, () => string> = {
  movedForward: () => l10n.t('What moved forward?'),
  busyWork: () => l10n.t('What was busy work that moved no goal?'),
  nextFocus: () => l10n.t('What is the one outcome that matters most next week?'),
};

/** How the Weekly Log and exports name an answer, before its text. */
const QUESTION_SHORT: Record<Question, () => string> = {
  movedForward: () => l10n.t('Moved forward'),
  busyWork: () => l10n.t('Busy work'),
  nextFocus: () => l10n.t('Next week'),
};

/** A question as the review asks it, in the user's language. */
export function questionText(question: Question): string {
  return QUESTION_TEXT[question]();
}

/** A question as the Weekly Log names its answer ("Moved forward"), in the user's language. */
export function questionShort(question: Question): string {
  return QUESTION_SHORT[question]();
}

/** What the user wrote for each question; null when left empty. */
export type ReviewAnswers = Record<Question, string | null>;

export const NO_ANSWERS: ReviewAnswers = { movedForward: null, busyWork: null, nextFocus: null };

/** "A few lines": more than this and it is an essay, not an answer. */
export const MAX_ANSWER_LINES = 5;
/** The whole answer, in characters as a person counts them. */
export const MAX_ANSWER_LENGTH = 600;
/** Up to three outcomes of the week to talk about. */
export const MAX_HIGHLIGHTS = 3;

const answerWording = (): LineWording => ({
  oneLine: l10n.t('Use ordinary line breaks between the lines of an answer.'),
  empty: l10n.t('Write the answer in words, or leave it empty.'),
  nothingVisible: l10n.t('A line of that answer shows nothing but invisible characters or lone accents: write it in words, or delete it.'),
});

/** An answer as it is stored: line breaks as \n, tabs as spaces, trailing spaces and blank edges trimmed; empty becomes null. */
export function normalizeAnswer(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length > 0) lines[0] = lines[0].trimStart();
  const normalized = lines.join('\n');
  return normalized === '' ? null : normalized;
}

/** Why an answer cannot be saved as it is (written for the user), or undefined when it can. Empty is fine. */
export function answerProblem(text: string | null | undefined): string | undefined {
  const answer = normalizeAnswer(text);
  if (answer === null) return undefined;
  const lines = answer.split('\n');
  if (lines.length > MAX_ANSWER_LINES) return l10n.t('Keep it to a few lines: that is {0}, at most {1}.', lines.length, MAX_ANSWER_LINES);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue; // a blank line between two thoughts is fine
    const problem = lineProblem(line, answerWording());
    if (problem) return lines.length > 1 ? l10n.t('Line {0}: {1}', index + 1, problem) : problem;
  }
  const length = graphemes(answer).length;
  if (length > MAX_ANSWER_LENGTH) return l10n.t('That is {0} characters; keep the answer to {1} or fewer.', length, MAX_ANSWER_LENGTH);
  return undefined;
}

/** Why a set of highlights cannot be saved, or undefined. */
export function highlightsProblem(highlights: readonly string[]): string | undefined {
  if (new Set(highlights).size !== highlights.length) return l10n.t('Each outcome can be a highlight once.');
  if (highlights.length > MAX_HIGHLIGHTS) return l10n.t('Pick at most {0} highlights: the ones you would talk about first.', MAX_HIGHLIGHTS);
  return undefined;
}
