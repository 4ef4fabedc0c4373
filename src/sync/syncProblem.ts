/**
 * Why a sync failed, from what git said, and the one sentence that says what to do. git's words
 * are the only evidence (it runs with the user's own credentials, and says as much as it knows):
 * a host it cannot resolve or connect to is offline, and tried again by itself; a repository it
 * cannot find, a sign-in it cannot make, a push the repository refuses each need the user.
 * Nothing here knows VS Code.
 */
import { GitCommandError, GitMissingError } from '../core/errors';
import * as l10n from '../core/l10n';
import { errorMessage } from '../core/text';
import { isLocalRepository } from './syncRepository';

export type SyncProblemKind = 'offline' | 'notFound' | 'auth' | 'refused' | 'gitMissing' | 'other';

export interface SyncProblem {
  kind: SyncProblemKind;
  /** What happened and what to do, in one sentence. */
  sentence: string;
}

/** What git says when the network, or the server, is not there. */
const OFFLINE = [
  /could not resolve (?:host|hostname|proxy)/i,
  /temporary failure in name resolution/i,
  /name or service not known/i,
  /network is unreachable/i,
  /no route to host/i,
  /connection (?:refused|timed out|reset)/i,
  /operation timed out/i,
  /failed to connect to/i,
  /couldn't connect to server/i,
  /the remote end hung up unexpectedly/i,
  /early eof/i,
  /printed nothing for \d+ ms/i,
  /\b(?:502|503|504)\b/,
];

/** The repository is not where the user said. */
const NOT_FOUND = [/does not appear to be a git repository/i, /repository not found/i, /could not be found/i, /repository '[^']*' not found/i, /not found/i, /no such file or directory/i, /does not exist/i];

/** git could not sign in with the user's keys or credential helper (and may not ask). */
const AUTH = [
  /authentication failed/i,
  /permission denied/i,
  /could not read (?:username|password)/i,
  /terminal prompts disabled/i,
  /host key verification failed/i,
  /access denied/i,
  /invalid username or password/i,
  /\b(?:401|403)\b/,
];

/** Reached and signed in, but the push was not taken. */
const REFUSED = [/failed to push some refs/i, /\[remote rejected\]/i, /\[rejected\]/i, /pre-receive hook declined/i, /protected/i];

/** Names what went wrong in a sync (or a check) with `repository`, and says what to do. */
export function syncProblem(error: unknown, repository: string): SyncProblem {
  if (error instanceof GitMissingError) {
    return { kind: 'gitMissing', sentence: l10n.t('Progress Log could not run git, so it cannot sync: install git or set "git.path", then run Sync Now.') };
  }
  const said = errorMessage(error);
  if (error instanceof GitCommandError) {
    if (OFFLINE.some((pattern) => pattern.test(said))) {
      return { kind: 'offline', sentence: l10n.t('Progress Log could not reach {0} (offline, or its server is down): it tries again by itself, and nothing is lost meanwhile.', repository) };
    }
    if (NOT_FOUND.some((pattern) => pattern.test(said))) {
      return {
        kind: 'notFound',
        sentence: isLocalRepository(repository)
          ? l10n.t('There is no git repository at {0}: check the path, or make one there with `git init --bare {0}`.', repository)
          : l10n.t('git found no repository at {0}: check the URL, and that `git ls-remote {0}` works in a terminal.', repository),
      };
    }
    if (AUTH.some((pattern) => pattern.test(said))) {
      return { kind: 'auth', sentence: l10n.t('git could not sign in to {0}: check that `git ls-remote {0}` works in a terminal (your SSH key or credential helper), then run Sync Now.', repository) };
    }
    if (REFUSED.some((pattern) => pattern.test(said))) {
      return { kind: 'refused', sentence: l10n.t('{0} refused what Progress Log pushed: check that you may push to it (a rule on the repository, a read-only key), then run Sync Now.', repository) };
    }
  }
  return { kind: 'other', sentence: l10n.t('Sync with {0} failed ({1}): see the Progress Log output, then run Sync Now.', repository, said) };
}
