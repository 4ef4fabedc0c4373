/**
 * A model's answer is checked before anyone sees it: one line, within the length rule, and every
 * number, name or identifier in it found in what the work says (the request's facts). A part that
 * brings something the work does not say is cut off; an answer that cannot be saved that way is
 * dropped. When there is no answer to show, the offline suggestion is a template from the work's own
 * subjects and branch, which invents nothing. Nothing here knows VS Code.
 */
import * as l10n from '../core/l10n';
import { outcomeTextProblem } from '../core/outcomeLine';
import { suggestForBranch, suggestForCommits } from '../core/rules';

/** The answer as it may be shown (`removed`: the parts cut off, for the note), or why it was dropped. */
export type CheckedSuggestion = { line: string; removed: string[] } | { dropped: 'empty' | 'lines' | 'length' | 'invented' };

/** Words that carry a fact: numbers, identifiers, and names (capitalised words after the first). */
function claims(segment: string, atStart: boolean): string[] {
  const found: string[] = [];
  const words = segment.split(/\s+/).filter(Boolean);
  words.forEach((raw, index) => {
    const word = raw.replace(/^[("'“‘`[]+|[)"'”’`\].,;:!?]+$/g, '');
    if (word === '') return;
    for (const number of word.match(/\d+(?:[.,]\d+)*%?/g) ?? []) found.push(number);
    const identifier = /[a-z][A-Z]|_|::|\/|\.\w|`/.test(raw) || /^[A-Z]{2,}s?$/.test(word);
    const name = /^\p{Lu}/u.test(word) && !(atStart && index === 0);
    if ((identifier || name) && !/^\d/.test(word)) found.push(word);
  });
  return found;
}

/** Whether the facts hold a claim: a number as a number, a word as a word (case aside). */
function stated(claim: string, facts: string): boolean {
  const escaped = claim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A percentage must be one in the facts too ("2%" of "2% of calls", never "40" of "+40 lines").
  const pattern = /^\d/.test(claim) ? `(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)${claim.endsWith('%') ? '' : '(?!\\s*%)'}` : `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`;
  return new RegExp(pattern, 'iu').test(facts);
}

/** Where a clause ends: a comma, semicolon, colon, dash or parenthesis. */
const CLAUSE_BREAK = /\s*[,;:—–()]\s*/g;
/** Where, inside the first clause, a phrase of its own starts ("… for Acme customers", "… by 35%"). */
const PHRASE_BREAK = /\s+(?=(?:so|so that|which|while|by|with|for|to|across|in|on|from|at|after|cutting|saving|reducing|improving)\s)/gi;

/** The start of each piece of `text` cut at `breaks`, and its end. */
function pieces(text: string, breaks: RegExp): { start: number; end: number }[] {
  const starts = [0, ...[...text.matchAll(breaks)].map((match) => match.index)];
  return starts.map((start, index) => ({ start, end: starts[index + 1] ?? text.length }));
}

function unwrapped(answer: string): string {
  return answer
    .trim()
    .replace(/^[-*•]\s+/, '')
    .replace(/^(?:outcome|line|suggestion)\s*:\s*/i, '')
    .replace(/^["'“‘`]+|["'”’`]+$/g, '')
    .trim();
}

/**
 * Checks a model's answer against the facts it was given: `{ line, removed }` to prefill the input
 * with, or why it cannot be shown.
 */
export function checkSuggestion(answer: string, facts: string): CheckedSuggestion {
  const lines = answer.split(/\r?\n/).map(unwrapped).filter(Boolean);
  if (lines.length === 0) return { dropped: 'empty' };
  if (lines.length > 1) return { dropped: 'lines' };
  const [line] = lines;
  // Keep the clauses up to the first that claims what the facts do not say; in the first clause,
  // keep the words before the phrase that does.
  const invents = (text: string, atStart: boolean) => claims(text, atStart).some((claim) => !stated(claim, facts));
  let kept = line;
  const removed: string[] = [];
  for (const [index, clause] of pieces(line, CLAUSE_BREAK).entries()) {
    if (!invents(line.slice(clause.start, clause.end), index === 0)) continue;
    let cut = clause.start;
    if (index === 0) {
      const phrases = pieces(line.slice(0, clause.end), PHRASE_BREAK);
      const firstInventing = phrases.findIndex((phrase, at) => invents(line.slice(phrase.start, phrase.end), at === 0));
      cut = firstInventing > 0 ? phrases[firstInventing].start : 0;
    }
    kept = line.slice(0, cut);
    removed.push(line.slice(cut).replace(/^[\s,;:—–(]+/, '').trim());
    break;
  }
  const result = kept.replace(/[\s,;:—–(]+$/, '').trim();
  if (result === '' || (removed.length > 0 && result.split(/\s+/).length < 3)) return { dropped: removed.length ? 'invented' : 'empty' };
  if (outcomeTextProblem(result)) return { dropped: 'length' };
  return { line: result, removed };
}

/** The conventional-commit scope most of the subjects name ("checkout" of "fix(checkout): …"), if any. */
function commonScope(subjects: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const subject of subjects) {
    const scope = /^[a-z]+\(([^)]+)\)!?:/i.exec(subject)?.[1]?.trim();
    if (scope && !/^deps(?:-dev)?$/i.test(scope)) counts.set(scope, (counts.get(scope) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The offline suggestion, "<what> for <where>": what the subjects (or a branch name that says
 * what it is) describe, and where: the scope the commits name, else the branch's words. Nothing
 * in it that the work does not say.
 */
export function offlineSuggestion(subjects: readonly string[], branch: string | null): string {
  const commits = subjects.map((subject) => ({ subject }));
  const what = branch ? suggestForBranch(branch, commits).text : suggestForCommits(commits).text;
  const fromBranch = branch !== null && suggestForBranch(branch, []).text === what;
  const where = commonScope(subjects) ?? (fromBranch || !branch ? undefined : suggestForBranch(branch, []).text.toLocaleLowerCase());
  if (!where || what.toLocaleLowerCase().includes(where.toLocaleLowerCase())) return what;
  const line = l10n.t('{0} for {1}', what, where);
  return outcomeTextProblem(line) ? what : line;
}
