/** How Progress Log reads a commit: what to suggest as its outcome, and whether it looks routine. */
import type { GitCommit, OutcomeKind } from './domain';
import { fitOutcomeLine } from './outcomeLine';

// What a line may hold lives in outcomeLine.ts; callers have always found it here.
export { MAX_OUTCOME_CODE_UNITS, MAX_OUTCOME_LENGTH, normalizeOutcomeText, outcomeTextProblem } from './outcomeLine';

const CONVENTIONAL = /^(?<type>[a-zA-Z]+)(?:\((?<scope>[^)]*)\))?(?<breaking>!)?:\s*(?<description>.*)$/;

/** Conventional-Commit types whose work keeps things running rather than shipping something. */
const ROUTINE_TYPES = new Set(['chore', 'ci', 'build', 'docs', 'style', 'test', 'tests', 'refactor', 'deps', 'release', 'wip']);

/** Subjects that read as upkeep whatever their prefix: dependency bumps, merges, formatting. */
const ROUTINE_SUBJECTS: RegExp[] = [
  /^bump\s+\S+.*\bfrom\b.*\bto\b/i, // Dependabot: "Bump lodash from 4.17.20 to 4.17.21"
  /^update\s+dependenc(?:y|ies)\b/i, // Renovate: "Update dependency x to v2"
  /^(?:upgrade|update|bump)\s+(?:deps|dependencies|packages?|lock\s*file|package-lock)\b/i,
  /^merge\s+(?:branch|pull request|remote-tracking branch|tag)\b/i,
  /^(?:wip|fixup!|squash!|amend!)/i,
  /^(?:format|lint|fix (?:typos?|lint|formatting))\b/i,
  /^(?:release|version)\s+v?\d+\.\d+/i,
  /^v?\d+\.\d+\.\d+$/,
];

interface ParsedSubject {
  type: string | undefined;
  scope: string | undefined;
  breaking: boolean;
  description: string;
}

function parseSubject(subject: string): ParsedSubject {
  const match = CONVENTIONAL.exec(subject.trim());
  if (!match?.groups) {
    return { type: undefined, scope: undefined, breaking: false, description: subject.trim() };
  }
  return {
    type: match.groups.type.toLowerCase(),
    scope: match.groups.scope?.toLowerCase(),
    breaking: match.groups.breaking === '!',
    description: match.groups.description.trim(),
  };
}

/** Whether a commit subject reads as routine activity rather than shipped impact. */
export function suggestKind(subject: string): OutcomeKind {
  const parsed = parseSubject(subject);
  if (parsed.breaking) return 'impact';
  if (parsed.scope === 'deps' || parsed.scope === 'deps-dev') return 'routine';
  if (parsed.type && ROUTINE_TYPES.has(parsed.type)) return 'routine';
  if (ROUTINE_SUBJECTS.some((pattern) => pattern.test(parsed.description))) return 'routine';
  return 'impact';
}

/** A first draft of the outcome line: the subject without its Conventional-Commit prefix. */
export function suggestOutcomeText(subject: string): string {
  const description = parseSubject(subject).description.replace(/\s+/g, ' ').replace(/\.+$/, '');
  return fitOutcomeLine(description.charAt(0).toUpperCase() + description.slice(1));
}

/**
 * The suggestion for commits asked about together, from all of them rather than the first: when
 * they were made on a line of work of its own (`branch`; null on the branch everything lands on)
 * whose name says what it is, that name; else the subjects that read as impact (every subject when
 * none does), each once, in the order they were made, as many whole ones as fit in one line.
 * Impact when any of them reads as impact.
 */
export function suggestForCommits(commits: readonly Pick<GitCommit, 'subject'>[], branch: string | null = null): { text: string; kind: OutcomeKind } {
  if (commits.length === 0) return { text: '', kind: 'impact' };
  const impact = commits.filter((commit) => suggestKind(commit.subject) === 'impact');
  const kind = impact.length > 0 ? 'impact' : 'routine';
  const named = commits.length > 1 && branch !== null ? readableBranchName(branch) : '';
  if (saysWhatItIs(named)) return { text: suggestOutcomeText(named), kind };
  return { text: joinedSubjects(impact.length > 0 ? impact : commits), kind };
}

/** Each subject's line once ("fix: a." and "fix: a" are one), joined with "; " while the whole fits in one line. */
function joinedSubjects(commits: readonly Pick<GitCommit, 'subject'>[]): string {
  const lines = [...new Map(commits.map((commit) => suggestOutcomeText(commit.subject)).filter(Boolean).map((line) => [line.toLocaleLowerCase(), line])).values()];
  let joined = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const longer = `${joined}; ${line}`;
    if (fitOutcomeLine(longer) !== longer) break;
    joined = longer;
  }
  return joined;
}

const BRANCH_TYPE_PREFIX = /^(?:feature|feat|fix|bugfix|hotfix|chore|refactor|perf|docs|topic|dev|wip)[/_-]/i;

/** A branch name as words: "feature/ABC-12-retry-payments" → "retry payments". */
function readableBranchName(name: string): string {
  const leaf = name.split('/').filter(Boolean).pop() ?? name;
  return leaf
    .replace(BRANCH_TYPE_PREFIX, '')
    .replace(/^[A-Z][A-Z0-9]+-\d+[-_ ]*/i, '') // a ticket key such as ABC-123
    .replace(/[-_]+/g, ' ')
    .trim();
}

/** Whether a branch's words say what it is: two words or more ("retry payments", not "patch" or "1"). */
function saysWhatItIs(readable: string): boolean {
  return readable.split(' ').filter(Boolean).length >= 2;
}

/**
 * The suggestion for a closed branch: its name made readable ("feature/ABC-12-retry-payments" →
 * "Retry payments"), or, when the name says little, what all its commits suggest. Always impact:
 * a merged branch is usually the moment something ships.
 */
export function suggestForBranch(name: string, commits: readonly Pick<GitCommit, 'subject'>[]): { text: string; kind: OutcomeKind } {
  const readable = readableBranchName(name);
  if (saysWhatItIs(readable)) return { text: suggestOutcomeText(readable), kind: 'impact' };
  return { text: suggestForCommits(commits).text || suggestOutcomeText(readable || name), kind: 'impact' };
}
