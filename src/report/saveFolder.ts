/**
 * Where "Save as a file…" opens. An export is notes for a 1:1: saved in a repository, a later
 * `git add -A` commits them. So the dialog proposes the folder the last export went to, unless it
 * is gone or lies in a repository, and otherwise the home folder. Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function exportFolder(lastUsed: string | undefined, home: string): string {
  return lastUsed !== undefined && isFolder(lastUsed) && !insideRepository(lastUsed) ? lastUsed : home;
}

/** In a work tree: the folder or one above it holds `.git` (a folder, or the file of a worktree or submodule). */
export function insideRepository(folder: string): boolean {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
