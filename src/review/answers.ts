/**
 * The weekly review's honest questions and what an answer may be: optional, a few lines of visible
 * text, each line held to the same rules as an outcome line (no controls, no direction controls, no
 * hidden tags, at most 200 characters), and a bounded whole. Nothing typed is changed silently:
 * normalising only unifies line breaks, turns tabs into spaces and trims. Nothing here knows VS Code.
 */
import { lineProblem, type LineWording } from '../core/outcomeLine';
import { graphemes } from '../core/text';

/** The three questions, in the order the review asks them. */
export type Question = 'movedForward' | 'busyWork' | 'nextFocus';
export const QUESTIONS: readonly Question[] = ['movedForward', 'busyWork', 'nextFocus'];

export const QUESTION_TEXT: Record<Question, string> = {
  movedForward: 'What moved forward?',
  busyWork: 'What was busy work that moved no goal?',
  nextFocus: 'What is the one outcome that matters most next week?',
};

/** How the Weekly Log and exports name an answer, before its text. */
export const QUESTION_SHORT: Record<Question, string> = {
  movedForward: 'Moved forward',
  busyWork: 'Busy work',
  nextFocus: 'Next week',
};

/** What the user wrote for each question; null when left empty. */
export type ReviewAnswers = Record<Question, string | null>;

export const NO_ANSWERS: ReviewAnswers = { movedForward: null, busyWork: null, nextFocus: null };

/** "A few lines": more than this and it is an essay, not an answer. */
export const MAX_ANSWER_LINES = 5;
/** The whole answer, in characters as a person counts them. */
export const MAX_ANSWER_LENGTH = 600;
/** Up to three outcomes of the week to talk about. */
export const MAX_HIGHLIGHTS = 3;

const ANSWER_WORDING: LineWording = {
  oneLine: 'Use ordinary line breaks between the lines of an answer.',
  empty: 'Write the answer in words, or leave it empty.',
  nothingVisible: 'A line of that answer shows nothing but invisible characters or lone accents: write it in words, or delete it.',
};

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
  if (lines.length > MAX_ANSWER_LINES) return `Keep it to a few lines: that is ${lines.length}, at most ${MAX_ANSWER_LINES}.`;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue; // a blank line between two thoughts is fine
    const problem = lineProblem(line, ANSWER_WORDING);
    if (problem) return lines.length > 1 ? `Line ${index + 1}: ${problem}` : problem;
  }
  const length = graphemes(answer).length;
  if (length > MAX_ANSWER_LENGTH) return `That is ${length} characters; keep the answer to ${MAX_ANSWER_LENGTH} or fewer.`;
  return undefined;
}

/** Why a set of highlights cannot be saved, or undefined. */
export function highlightsProblem(highlights: readonly string[]): string | undefined {
  if (new Set(highlights).size !== highlights.length) return 'Each outcome can be a highlight once.';
  if (highlights.length > MAX_HIGHLIGHTS) return `Pick at most ${MAX_HIGHLIGHTS} highlights: the ones you would talk about first.`;
  return undefined;
}
