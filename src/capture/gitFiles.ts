/**
 * The few files in a git directory that say a scan may find something: HEAD, the branches
 * (`refs/heads`, `packed-refs`), the remote-tracking branches, and the reflogs. Read from the file
 * system alone, without starting git: where a worktree's git directories are (a `.git` folder, or
 * a `.git` file for a linked worktree, a submodule or `--separate-git-dir`), what to watch, and a
 * fingerprint that changes whenever any of them does. Nothing here runs git or knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A worktree's own git directory (HEAD, its reflog) and the one its worktrees share (branches). */
export interface GitDirectories {
  gitDir: string;
  commonDir: string;
}

/** Something to watch: a folder, and which of its files (or, recursively, everything under it). */
export interface WatchTarget {
  dir: string;
  /** File names that matter in `dir`; every change under it when absent. */
  files?: readonly string[];
  recursive: boolean;
}

/**
 * Where git keeps a worktree's files, as git itself finds them: `<root>/.git` is the git directory,
 * or a file naming it (`gitdir: <path>`, relative to the worktree); a `commondir` file in it names
 * the directory shared with the other worktrees. Undefined when `root` holds neither.
 */
export function resolveGitDirectories(root: string): GitDirectories | undefined {
  const dotGit = path.join(root, '.git');
  let gitDir: string;
  try {
    if (fs.statSync(dotGit).isDirectory()) {
      gitDir = dotGit;
    } else {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (!pointer) return undefined;
      gitDir = path.resolve(root, pointer[1]);
    }
  } catch {
    return undefined;
  }
  let commonDir = gitDir;
  try {
    commonDir = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    // no commondir: this git directory is its own common directory
  }
  return { gitDir: realpath(gitDir), commonDir: realpath(commonDir) };
}

/** The repository's own configuration: where its remotes are named. */
export function configFile(dirs: GitDirectories): string {
  return path.join(dirs.commonDir, 'config');
}

/**
 * Whether a clone recorded at `former` has left that place (moved, renamed, removed): no git
 * repository is there any more, neither a worktree's `.git` nor a bare repository's `HEAD`.
 */
export function cloneHasLeft(former: string): boolean {
  return resolveGitDirectories(former) === undefined && !fs.existsSync(path.join(former, 'HEAD'));
}

/**
 * What to watch so that a commit, amend, reset, checkout, merge, rebase or branch deletion made
 * anywhere is seen at once, and nothing else: HEAD and its reflog, the branches, packed-refs (and a
 * reftable, where refs live there). Never the working tree, never `objects/`: a handful of folders,
 * whatever the size of the repository.
 */
export function watchTargets(dirs: GitDirectories): WatchTarget[] {
  const targets: WatchTarget[] = [];
  const add = (dir: string, files: readonly string[] | undefined, recursive: boolean) => {
    const same = targets.find((target) => target.dir === dir && target.recursive === recursive && target.files);
    if (same && files) same.files = [...new Set([...same.files!, ...files])];
    else targets.push({ dir, files, recursive });
  };
  add(dirs.gitDir, ['HEAD'], false);
  add(path.join(dirs.gitDir, 'logs'), ['HEAD'], false);
  // `config`: a remote's URL changes there (`git remote set-url`), and exports link to it.
  add(dirs.commonDir, ['packed-refs', 'config'], false);
  add(path.join(dirs.commonDir, 'refs', 'heads'), undefined, true);
  if (fs.existsSync(path.join(dirs.commonDir, 'reftable'))) add(path.join(dirs.commonDir, 'reftable'), undefined, false);
  return targets;
}

/**
 * A summary of everything a scan reads refs from, cheap to take (a few stats and one small read):
 * HEAD's content, the identity of every loose ref file under refs/heads and refs/remotes (git
 * replaces a ref by renaming a new file over it), packed-refs, a reftable, every worktree's HEAD,
 * the size of every reflog a scan reads, and the configuration (where the remote is named). When it is the same as at the last scan, nothing a
 * scan could find has happened.
 */
export function refsFingerprint(dirs: GitDirectories): string {
  const parts: string[] = [];
  const text = (file: string) => {
    try {
      parts.push(`${file}=${fs.readFileSync(file, 'utf8').trim()}`);
    } catch {
      parts.push(`${file}=-`);
    }
  };
  const stat = (file: string) => parts.push(`${file}:${fileStamp(file)}`);
  text(path.join(dirs.gitDir, 'HEAD'));
  stat(path.join(dirs.commonDir, 'packed-refs'));
  stat(configFile(dirs));
  stat(path.join(dirs.commonDir, 'reftable', 'tables.list'));
  for (const folder of ['refs/heads', 'refs/remotes', 'logs/refs/heads']) tree(path.join(dirs.commonDir, ...folder.split('/')), stat);
  stat(path.join(dirs.commonDir, 'logs', 'HEAD'));
  for (const worktree of list(path.join(dirs.commonDir, 'worktrees'))) {
    text(path.join(dirs.commonDir, 'worktrees', worktree, 'HEAD'));
    stat(path.join(dirs.commonDir, 'worktrees', worktree, 'logs', 'HEAD'));
  }
  return parts.join('\n');
}

/** Size, modification time (ns) and inode: what changes when git appends to a file or renames a new one over it. */
export function fileStamp(file: string): string {
  try {
    const stats = fs.statSync(file, { bigint: true });
    return `${stats.size}/${stats.mtimeNs}/${stats.ino}`;
  } catch {
    return '-';
  }
}

function tree(dir: string, visit: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tree(full, visit);
    else visit(full);
  }
}

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}
