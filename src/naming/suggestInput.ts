/**
 * What a suggestion request may say about a piece of work, and nothing more: every commit's subject
 * and body (all of a burst or branch, not the first), the branch, the names of the files changed,
 * the goal, and a diff summary (lines added and removed per file, never the lines themselves),
 * each capped in size. Files that hold secrets or nothing worth reading (`.env*`, keys,
 * certificates, lockfiles, and what `progressLog.suggest.exclude` names) are left out by name, and
 * anything in the text that looks like a secret is replaced before the request is built.
 * Nothing here knows VS Code.
 */

/** A commit of the work as git tells it. */
export interface WorkCommit {
  subject: string;
  body: string;
  /** Files it changed; `added`/`deleted` null for a binary file. */
  files: readonly { path: string; added: number | null; deleted: number | null }[];
}

/** One piece of work to suggest a line for. */
export interface WorkToSuggest {
  commits: readonly WorkCommit[];
  branch: string | null;
  goal: string | null;
}

/** The request, and what it holds for the checker to hold the answer to. */
export interface SuggestRequest {
  /** The whole message to the model. */
  prompt: string;
  /**
   * Only what the work says in words (branch, goal, commits, file names; no instructions, no line
   * counts): every number or name of an answer must be found here.
   */
  facts: string;
  /** What was kept out: files by their name, strings that looked like secrets. */
  withheld: { files: number; secrets: number };
}

/** Caps that keep a request small whatever the work (characters). */
export const SUGGEST_LIMITS = { body: 600, commitsText: 4000, files: 40, diffSummary: 1500 } as const;

/** Files never named, summarised or read for a suggestion: secrets, keys and certificates, lockfiles. */
const DENIED_FILES: readonly RegExp[] = [
  /^\.env(?:\..*)?$/i,
  /\.(?:pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk|crt|cer|der)$/i,
  /^id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/i,
  /^(?:\.npmrc|\.pypirc|\.netrc|\.htpasswd|credentials(?:\.\w+)?|secrets?(?:\.\w+)?)$/i,
  /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|go\.sum|mix\.lock|pubspec\.lock|packages\.lock\.json|flake\.lock)$/i,
];

/** A glob of `progressLog.suggest.exclude` as a pattern: `*` within a folder, `**` across folders, `?` one character. */
export function globPattern(glob: string): RegExp {
  let source = '';
  const text = glob.trim().replace(/^\.?\//, '');
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '*' && text[index + 1] === '*') {
      source += text[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += text[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A glob without a folder matches the name in any folder, as VS Code's files.exclude does not,
  // but as people write them here ("*.sql", "secrets").
  return new RegExp(text.includes('/') ? `^${source}$` : `(?:^|/)${source}$`, 'i');
}

/** Whether a file must not be named or summarised in a request. */
export function isDeniedPath(path: string, exclude: readonly string[] = []): boolean {
  const name = path.split('/').pop() ?? path;
  if (DENIED_FILES.some((pattern) => pattern.test(name))) return true;
  return exclude.some((glob) => glob.trim() !== '' && globPattern(glob).test(path));
}

/**
 * What looks like a secret: private key blocks, cloud and service keys and tokens, credentials in
 * a URL, `NAME=value` lines whose name says secret, and long random-looking strings.
 */
const SECRETS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /(?<=:\/\/)[^/\s:@]+:[^/\s@]+(?=@)/g,
  /^([ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIALS?|AUTH)[A-Za-z0-9_.-]*[ \t]*[=:][ \t]*).+$/gim,
  /\b(?:aws_secret_access_key|secret_key|client_secret)\b\s*[=:]\s*\S+/gi,
];

/** A run of 32 or more characters mixing letters and digits with no spaces: a key, a token, a hash. */
const RANDOM_LOOKING = /(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{32,}(?![A-Za-z0-9+/=_-])/g;

const REMOVED = '[removed]';

/** The text with everything that looks like a secret replaced, and how many were. */
export function withoutSecrets(text: string): { text: string; removed: number } {
  let removed = 0;
  let result = text;
  for (const pattern of SECRETS) {
    result = result.replace(pattern, (match, keep?: string) => {
      removed++;
      return typeof keep === 'string' && match.startsWith(keep) ? `${keep}${REMOVED}` : REMOVED;
    });
  }
  // A commit sha is no secret but reads like one: 40 hex digits are kept.
  result = result.replace(RANDOM_LOOKING, (match) => {
    if (/^[0-9a-f]{7,64}$/i.test(match)) return match;
    removed++;
    return REMOVED;
  });
  return { text: result, removed };
}

function capped(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/**
 * The request for a line about `work`. The instructions ask for one line of what changed for
 * whom, from these facts only; `language` is the one VS Code shows (`vscode.env.language`).
 */
export function buildSuggestRequest(work: WorkToSuggest, exclude: readonly string[] = [], language = 'en'): SuggestRequest {
  let secrets = 0;
  const clean = (text: string) => {
    const result = withoutSecrets(text);
    secrets += result.removed;
    return result.text;
  };
  const deniedFiles = new Set<string>();
  const churn = new Map<string, { added: number; deleted: number; binary: boolean }>();
  for (const file of work.commits.flatMap((commit) => commit.files)) {
    if (isDeniedPath(file.path, exclude)) {
      deniedFiles.add(file.path);
      continue;
    }
    const total = churn.get(file.path) ?? { added: 0, deleted: 0, binary: false };
    total.added += file.added ?? 0;
    total.deleted += file.deleted ?? 0;
    total.binary ||= file.added === null;
    churn.set(file.path, total);
  }

  const commitLines: string[] = [];
  let commitsLength = 0;
  for (const commit of work.commits) {
    const body = clean(capped(commit.body.trim(), SUGGEST_LIMITS.body));
    const entry = `- ${clean(commit.subject.trim())}${body ? `\n  ${body.replace(/\n/g, '\n  ')}` : ''}`;
    if (commitsLength + entry.length > SUGGEST_LIMITS.commitsText) {
      commitLines.push(`- (${work.commits.length - commitLines.length} more commits left out)`);
      break;
    }
    commitLines.push(entry);
    commitsLength += entry.length + 1;
  }
  // The files that changed most say most about the work.
  const files = [...churn.entries()].sort(([, a], [, b]) => b.added + b.deleted - (a.added + a.deleted));
  const named = files.slice(0, SUGGEST_LIMITS.files);
  const summary = capped(named.map(([path, total]) => (total.binary ? `${clean(path)} (binary)` : `${clean(path)} +${total.added} -${total.deleted}`)).join('\n'), SUGGEST_LIMITS.diffSummary);

  const said = [work.branch ? `Branch: ${clean(work.branch)}` : '', work.goal ? `Goal: ${clean(work.goal)}` : '', `Commits (oldest first):\n${commitLines.join('\n')}`];
  const facts = [...said, named.length ? `Files changed: ${named.map(([path]) => clean(path)).join(', ')}` : ''].filter(Boolean).join('\n\n');
  const shown = [
    ...said,
    named.length ? `Files changed (lines added and removed):\n${summary}${files.length > named.length ? `\n(${files.length - named.length} more files)` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const instructions = [
    'Write one line for a work log that says what this piece of work changed, and for whom or why it matters: an outcome, not the activity.',
    'Use only the facts below. Add no number, percentage, name, product or claim that they do not state; if they do not say for whom, say only what changed.',
    'No commit prefix ("feat:", "fix:"), no quotes, no explanation: answer with the line alone, at most 120 characters.',
    language.toLowerCase().startsWith('en') ? '' : `Write the line in the language whose code is "${language}".`,
  ]
    .filter(Boolean)
    .join('\n');
  return { prompt: `${instructions}\n\n${shown}`, facts, withheld: { files: deniedFiles.size, secrets } };
}
