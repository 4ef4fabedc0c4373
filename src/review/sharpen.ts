/**
 * When a line reads like activity rather than an outcome: it is still just what git already said,
 * the subject of one of its commits or the name of its branch, as the naming input offered it.
 * The weekly review points those lines out ("what changed, and for whom?") so that they can be
 * sharpened in place. Nothing here knows VS Code.
 */
import type { OutcomeKind, OutcomeSource } from '../core/domain';
import * as l10n from '../core/l10n';
import { suggestForBranch, suggestOutcomeText } from '../core/rules';

/** What the review asks of a line that reads like activity. */
export function sharpenQuestion(): string {
  return l10n.t('This reads like activity: what changed, and for whom?');
}

/** The parts of an outcome the rule looks at. */
export interface LineToSharpen {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  branch: string | null;
  commits: readonly { subject: string }[];
}

/** A ticket key at the start ("ABC-123: ", "ABC-123 "), which says which ticket, not what changed. */
const LEADING_TICKET = /^[A-Z][A-Z0-9]+-\d+[\s:–-]*/i;

/**
 * What is left of a line for comparing: the words the naming input would have offered (no
 * Conventional-Commit prefix, no ticket key), lower case, punctuation and spacing set aside.
 */
export function comparableWords(text: string): string {
  return suggestOutcomeText(text.trim().replace(LEADING_TICKET, ''))
    .replace(LEADING_TICKET, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The commit subject (or branch name) a line still just repeats, or undefined when the line says
 * something of its own. Only shipped impact is looked at: routine activity is activity by name,
 * and a line added by hand repeats nothing git said.
 */
export function echoedActivity(line: LineToSharpen): string | undefined {
  if (line.kind !== 'impact') return undefined;
  const words = comparableWords(line.text);
  if (words === '') return undefined;
  for (const commit of line.commits) {
    if (comparableWords(commit.subject) === words) return commit.subject;
  }
  if (line.source === 'branch' && line.branch) {
    if (comparableWords(suggestForBranch(line.branch, line.commits).text) === words) return line.branch;
    if (comparableWords(line.branch.split('/').pop() ?? line.branch) === words) return line.branch;
  }
  return undefined;
}

/** Whether a line still reads like activity (see `echoedActivity`). */
export function readsLikeActivity(line: LineToSharpen): boolean {
  return echoedActivity(line) !== undefined;
}
