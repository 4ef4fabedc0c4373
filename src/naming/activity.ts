/**
 * Whether a line reads like activity (what was done to the code) rather than an outcome (what
 * changed for whom, or why it matters), without any model: the shapes commit subjects take. The
 * naming input hints at it, the weekly review lists such lines to sharpen, and insights count
 * shipped impact saved this way. Measured on test/unit/fixtures/activityLines.tsv (the README
 * gives precision and recall). It errs towards silence: a line it cannot place is an outcome, so
 * that the hint stays worth reading. Nothing here knows VS Code.
 */
import type { OutcomeKind } from '../core/domain';
import * as l10n from '../core/l10n';
import { suggestForBranch, suggestForCommits, suggestOutcomeText } from '../core/rules';
import { AUDIENCES, BRANDS, CODE_NOUNS, CODE_VERBS, COMMIT_TYPES, EMPTY_WORDS, GENERIC_VERBS, USER_FACING } from './activityWords';

/** Why a line reads like activity. */
export type ActivityShape =
  /** `chore:`, `docs(api):`, `pager.rs:`: written for git. */
  | { shape: 'commitPrefix'; prefix: string }
  /** A ticket or issue id and nothing else. */
  | { shape: 'ticket' }
  /** A merge, revert, release, version or dependency bump, or only words that say work happened. */
  | { shape: 'generic' }
  /** A verb and a piece of code ("Refactor UserService", "Add unit tests"), nothing it changed for anyone. */
  | { shape: 'codeChange' }
  /** The commit subject (or branch name) of the work itself, or nearly. */
  | { shape: 'echo'; of: string };

/** What the line is compared with: the commit subjects of the work it names, and its branch. */
export interface ActivityContext {
  subjects?: readonly string[];
  branch?: string | null;
}

// A key is upper case (ABC-123), so that a package and its version (ignore-0.4.15) is not one.
const TICKET = String.raw`(?:#\d+|[A-Z][A-Z0-9]+-\d+(?![.\d]))`;
const TICKET_ALONE = new RegExp(String.raw`^(?:(?:[Ff]ix(?:es|ed)?|[Cc]lose[sd]?|[Rr]esolve[sd]?|[Ss]ee|[Rr]efs?|[Rr]e|[Ii]ssue)\s+)?${TICKET}(?:[\s,;.&]+(?:(?:and|fix(?:es|ed)?)\s+)?${TICKET})*[\s.:!]*$`);
const LEADING_TICKET = new RegExp(String.raw`^(?:\[?${TICKET}\]?[\s:,–-]*)+`);
const TRAILING_REFS = /(?:[\s,.;]*\((?:#\d+[,\s]*)+\)|[\s,.;]+(?:(?:closes|fixes|fixed|see|ref|refs)\s+)?#\d+)+[\s.]*$/i;
const COMMIT_PREFIX = /^(?<type>[\w./-]+?)(?:\((?<scope>[^)]*)\))?!?:\s/;
const FILE_NAME = /^[\w./-]+\.(?:rs|ts|tsx|js|jsx|mjs|py|go|java|kt|rb|c|h|cc|cpp|cs|md|json|ya?ml|toml|sh|bash|css|scss|html|sql|lock)$/i;
const VERSION_ALONE = /^(?:release\s+|version\s+|bump\s+(?:version\s+)?to\s+)?(?:[\w@/-]+?[-@ ])?v?\d+\.\d+(?:\.\d+)?(?:[-+.][\w.]+)?(?:\s*\(#\d+\))?[\s.]*$/i;
const MERGE_OR_REVERT = /^(?:merge[ds]?\s+(?:branch|pull\s+request|pr|remote-tracking|tag|commit|'|"|#)|revert(?:ed|s)?\s+["'“]|release\s+v?\d|prepare\s+(?:for\s+)?(?:the\s+)?release|fixup!|squash!|amend!)/i;
const DEPENDENCY_BUMP = /^(?:bump(?:ed|s)?\s+\S+.*\bfrom\b.*\bto\b|update[ds]?\s+(?:dependency|dependencies|deps|\S+\s+monorepo)\b|(?:upgrade[ds]?|bump(?:ed|s)?|update[ds]?)\s+(?:to\s+)?\S+(?:\s+to)?\s+v?\d+(?:\.\d+)*\s*$)/i;

/**
 * What makes a line say what changed for whom or why: a consequence (so, which, instead of, no
 * longer), someone it is for, a measure (a percentage, a time, "faster"), a capability (can, now).
 * A line that has one is not called activity for its verb or its nouns.
 */
const OUTCOME_WORDS =
  /\b(?:that\s+(?:made|makes|caused|causes|broke|blocked|kept|stopped|confused|hid|let|lets)|so|so that|which|because|instead\s+of|no\s+longer|any\s?more|again|without|can|can't|cannot|could|able|now|faster|slower|quicker|sooner|fewer|less|cheaper|safer|halved|doubled|twice|saves?|saved|cuts?|reduc(?:e|ed|es)|lower(?:ed)?|rais(?:e|ed)|dropped\s+from|rose|within|until|after|before|by\s+itself|never|always|every|per)\b/i;
const MEASURE = /\d\s*%|\b\d+(?:[.,]\d+)?\s*(?:ms|s|sec|seconds?|minutes?|min|hours?|h|days?|weeks?|months?|x|times|gb|mb|kb)\b|\bfrom\s+\S+\s+to\s+\S+/i;

/** A word that only code has: `ticks` (but not an `--option`), call(), camelCase, PascalCase, snake_case, a::path, a.dotted.name, a file name. */
function looksLikeCode(word: string): boolean {
  if (BRANDS.has(word.toLocaleLowerCase('en-US'))) return false;
  if (/^`-/.test(word)) return false;
  return /`|\(\)|::|^[a-z]+[A-Z]\w*$|^[A-Z][a-z0-9]+[A-Z]\w*$|^\w+_\w+$|^[a-z]\w*\.[a-z]\w*$|^[\w.-]+\.(?:rs|ts|js|json|md|ya?ml|toml|sh|py|go|lock|bash|txt)$|^\.(?:git|travis|editorconfig|eslint|prettier|npm|nvm|github|docker|babel|vscode|husky|circleci|gitlab-ci)/.test(word);
}

function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/^[("'“‘[]+|[)"'”’\].,;:!?]+$/g, ''))
    .filter(Boolean);
}

/** Whether the line says, in its own words, who it is for or what it changed. */
export function saysWhatChanged(text: string): boolean {
  if (OUTCOME_WORDS.test(text) || MEASURE.test(text)) return true;
  return words(text).some((word) => AUDIENCES.has(word.toLocaleLowerCase('en-US')));
}

/** The line's activity shape when it has one by its own words, whatever the work was. */
function shapeOfLine(line: string): ActivityShape | undefined {
  if (TICKET_ALONE.test(line)) return { shape: 'ticket' };
  const prefix = COMMIT_PREFIX.exec(line);
  if (prefix?.groups) {
    const type = prefix.groups.type.toLocaleLowerCase('en-US');
    const areas = type.split('/');
    if (COMMIT_TYPES.has(areas[0]) || COMMIT_TYPES.has(areas[areas.length - 1]) || FILE_NAME.test(type)) return { shape: 'commitPrefix', prefix: prefix[0].trim() };
    // Any other area ("printer:", "ignore/types:"): what follows says whether it is activity.
    return shapeOfLine(line.slice(prefix[0].length));
  }
  const text = line.replace(LEADING_TICKET, '').replace(TRAILING_REFS, '').trim();
  if (text === '') return { shape: 'ticket' };
  if (VERSION_ALONE.test(text) || MERGE_OR_REVERT.test(text) || DEPENDENCY_BUMP.test(text)) return { shape: 'generic' };
  const all = words(text).map((word) => word.toLocaleLowerCase('en-US'));
  if (all.every((word) => EMPTY_WORDS.has(word))) return { shape: 'generic' };
  if (saysWhatChanged(text)) return undefined;
  const [first, ...rest] = all;
  if (/^fix(?:e[sd]|ing)?$/.test(first) && rest.some((word) => /^(?:typos?|grammar|punctuation|spelling|misspellings?|wording)$/.test(word))) return { shape: 'generic' };
  if (GENERIC_VERBS.has(first) && all.length <= 14) return { shape: 'generic' };
  if (/^(?:improvements|fixes|changes|tweaks|cleanup|refactoring|updates)$/.test(all[all.length - 1]) && all.length <= 8) return { shape: 'generic' };
  if (all.some((word) => USER_FACING.has(word))) return undefined;
  if (CODE_VERBS.has(first) && all.length <= 10 && touchesCode(words(text).slice(1))) return { shape: 'codeChange' };
  if (all.length <= 4 && touchesCode(words(text)) && !CODE_VERBS.has(first)) return { shape: 'codeChange' };
  return undefined;
}

/** Whether the words name a piece of code (a code noun, or a word only code has). */
function touchesCode(rest: readonly string[]): boolean {
  return rest.some((word) => CODE_NOUNS.has(word.toLocaleLowerCase('en-US')) || looksLikeCode(word));
}

/**
 * The words of a line for comparing it with a commit subject: no commit prefix, no ticket key,
 * lower case, punctuation and spacing set aside.
 */
export function comparableWords(text: string): string {
  return suggestOutcomeText(text.trim().replace(LEADING_TICKET, ''))
    .replace(LEADING_TICKET, '')
    .replace(TRAILING_REFS, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Dice's coefficient over the two lines' sets of words: 1 the same words, 0 none shared. */
function wordOverlap(a: string, b: string): number {
  const left = new Set(a.split(' ').filter(Boolean));
  const right = new Set(b.split(' ').filter(Boolean));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** How close a line may come to a commit subject and still say something of its own. */
export const ECHO_OVERLAP = 0.8;

/** The commit subject or branch a line repeats, or nearly (a word changed, a word added), unless what it adds says what changed for whom. */
function echoOf(line: string, context: ActivityContext): string | undefined {
  const mine = comparableWords(line);
  if (mine === '') return undefined;
  const subjects = context.subjects ?? [];
  const candidates = subjects.map((subject) => ({ of: subject, text: subject }));
  // What the naming input offered: several subjects joined, or the branch's name as words.
  if (subjects.length > 1) {
    const joined = suggestForCommits(subjects.map((subject) => ({ subject }))).text;
    candidates.push({ of: joined, text: joined });
  }
  if (context.branch) {
    const leaf = context.branch.split('/').pop() ?? context.branch;
    candidates.push({ of: context.branch, text: suggestForBranch(context.branch, []).text }, { of: context.branch, text: leaf });
  }
  for (const candidate of candidates) {
    const theirs = comparableWords(candidate.text);
    if (theirs === '') continue;
    if (theirs === mine) return candidate.of;
    if (wordOverlap(mine, theirs) >= ECHO_OVERLAP && (!saysWhatChanged(line) || saysWhatChanged(candidate.text))) return candidate.of;
  }
  return undefined;
}

/**
 * Why `line` reads like activity, or undefined when it reads like an outcome (or cannot be told).
 * With `context`, a line that is (nearly) a commit subject or the branch name of the work reads
 * like activity too, whatever its words.
 */
export function activityShape(line: string, context: ActivityContext = {}): ActivityShape | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  const echo = echoOf(trimmed, context);
  if (echo !== undefined) return { shape: 'echo', of: echo };
  return shapeOfLine(trimmed);
}

/** Whether `line` reads like activity (see `activityShape`). */
export function readsLikeActivity(line: string, context: ActivityContext = {}): boolean {
  return activityShape(line, context) !== undefined;
}

/**
 * The hint under the naming input, or undefined: shown while a line of shipped impact reads like
 * activity, never for routine activity (which is activity by name), and never in the way of saving.
 */
export function activityHint(line: string, kind: OutcomeKind, context: ActivityContext = {}): string | undefined {
  if (kind !== 'impact' || activityShape(line, context) === undefined) return undefined;
  return l10n.t('Reads like activity: what changed for whom?');
}

/** Why a line reads like activity, in a few words for the weekly review ("Repeats …"). */
export function describeShape(shape: ActivityShape): string {
  switch (shape.shape) {
    case 'echo':
      return l10n.t('Repeats {0}', shape.of);
    case 'commitPrefix':
      return l10n.t('Starts like a commit message ({0})', shape.prefix);
    case 'ticket':
      return l10n.t('Names a ticket, not what changed');
    case 'generic':
      return l10n.t('Says that work happened, not what it changed');
    case 'codeChange':
      return l10n.t('Names a change to the code, not what it changed for anyone');
  }
}
