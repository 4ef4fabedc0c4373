/**
 * The sync repository as the user names it: a git URL (ssh, https, scp-like `git@host:path`) or the
 * path of a folder repository on this machine. Checked before git sees it (never an option, never
 * `ext::`, which makes git run a program), and a folder path made absolute (`~` is the shell's, not
 * git's; a relative path would be read from Progress Log's own folder). Nothing here knows VS Code.
 */
import * as path from 'node:path';
import * as l10n from '../core/l10n';

/** `scheme://…`: two letters or more, so that a Windows drive (`C:\…`) is a path. */
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;
/** git's scp-like form, `[user@]host:path`, with no slash before the colon. */
const SCP_LIKE = /^(?:[^@/\\\s]+@)?[^/\\:\s]{2,}:(?!\/\/)/;

/** Why `value` cannot be a sync repository, in one sentence; undefined when it can. */
export function repositoryProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return l10n.t('Type the URL of a git repository you own (git@github.com:you/progress-log.git, https://…) or the path of a folder repository.');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\0-\x1f\x7f]/.test(trimmed)) return l10n.t('A repository is one line: its URL or its path.');
  if (trimmed.startsWith('-')) return l10n.t("A repository's URL or path cannot start with '-'.");
  if (/^ext::/i.test(trimmed)) return l10n.t('"ext::" URLs make git run a program: use an ssh, https or file URL, or a folder path.');
  if (!isUrl(trimmed) && !/^~(?:[/\\]|$)/.test(trimmed) && !path.isAbsolute(trimmed) && !path.win32.isAbsolute(trimmed)) {
    return l10n.t('A folder path must be absolute, like /home/you/progress-log.git or ~/progress-log.git.');
  }
  return undefined;
}

/** The repository as git is given it: trimmed, `~` made the home folder. */
export function normalizeRepository(value: string, home: string): string {
  const trimmed = value.trim();
  if (trimmed === '~') return home;
  if (/^~[/\\]/.test(trimmed)) return path.join(home, trimmed.slice(2));
  return trimmed;
}

/** A folder of this machine (a path, or a `file://` URL), not a server. */
export function isLocalRepository(repository: string): boolean {
  return /^file:\/\//i.test(repository) || !isUrl(repository);
}

function isUrl(value: string): boolean {
  return URL_WITH_SCHEME.test(value) || (SCP_LIKE.test(value) && !path.win32.isAbsolute(value));
}
