// A fresh git repository for the extension-host suite to work in: `main` with one commit, and
// a local identity so that the tests' commits are the user's whatever the machine's config says.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `name`, when given, is the repository folder's name (what prompts call it), inside a fresh temp dir. */
export function createTestWorkspace({ name } = {}) {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-workspace-')));
  const root = name ? path.join(base, name) : base;
  fs.mkdirSync(root, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '--initial-branch=main');
  git('config', 'user.name', 'Dev Eloper');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'commit.gpgsign', 'false');
  fs.writeFileSync(path.join(root, 'README.md'), '# Workspace for Progress Log tests\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'chore: start');
  return { root, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}
