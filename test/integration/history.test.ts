import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import type { ImportSummary } from '../../src/vscode/importCommands';
import { eventually, progressLog, query, workspaceRepositoryWatched, workspaceRoot } from './helpers';

const DAY_SECONDS = 86_400;

/** A repository of the user's (dev@example.com) with commits made `daysAgo`, and one by a colleague. */
function repositoryWithHistory(name: string, commits: { subject: string; daysAgo: number; author?: string; branch?: string }[]): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `progress-log-${name}-`)));
  const git = (args: string[], date?: number) =>
    execFileSync('git', args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: `${date} +0000`, GIT_COMMITTER_DATE: `${date} +0000` } : {}) },
    });
  git(['init', '-q', '--initial-branch=main']);
  git(['config', 'user.name', 'Dev Eloper']);
  git(['config', 'user.email', 'dev@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  const now = Math.floor(Date.now() / 1000);
  for (const [index, commit] of commits.entries()) {
    const date = now - commit.daysAgo * DAY_SECONDS + index;
    if (commit.branch) git(['checkout', '-q', '-B', commit.branch]);
    fs.appendFileSync(path.join(root, 'notes.md'), `${commit.subject}\n`);
    git(['add', '-A']);
    git(['commit', '-q', '-m', commit.subject, ...(commit.author ? [`--author=${commit.author}`] : [])], date);
    if (commit.branch) {
      git(['checkout', '-q', 'main']);
      git(['merge', '-q', '--no-ff', '--no-edit', commit.branch], date + 1);
      git(['branch', '-q', '-D', commit.branch]);
    }
  }
  return root;
}

const historyOf = (api: ProgressLogTestApi, root: string) =>
  query<{ subject: string; status: string }>(
    api.databaseFile,
    // Recorded commits, and imported history (a table of its own until something refers to a row).
    `SELECT c.subject, c.status FROM (
       SELECT repo_id, subject, status, author_time FROM commits UNION ALL SELECT repo_id, subject, 'history', author_time FROM history
     ) c JOIN clones k ON k.repo_id = c.repo_id WHERE k.path = ? ORDER BY c.author_time`,
    root,
  );

suite('history on day one, in a real VS Code', () => {
  let api: ProgressLogTestApi;
  const offers: string[] = [];
  const cleanups: (() => void)[] = [];

  suiteSetup(async () => {
    api = await progressLog();
    await workspaceRepositoryWatched(api, workspaceRoot());
    // These repositories sit outside the workspace, which the git extension of VS Code 1.103 (the
    // oldest host) opens only with this setting, whoever asks; 1.139's opens one when asked.
    await vscode.workspace.getConfiguration('git').update('openRepositoryInParentFolders', 'always', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await vscode.workspace.getConfiguration('git').update('openRepositoryInParentFolders', undefined, vscode.ConfigurationTarget.Global);
  });

  async function open(root: string): Promise<void> {
    // Git: Open Repository, as a person opens one (the git extension's API of VS Code 1.103 does
    // not open a repository the person closed; its command does, in every version we run on).
    await vscode.commands.executeCommand('git.openRepository', root);
    await eventually(`Progress Log to look at ${path.basename(root)}`, () =>
      api.repositories().includes(root) && query(api.databaseFile, 'SELECT 1 FROM clones WHERE path = ? AND scanned_at IS NOT NULL', root).length ? true : undefined,
    );
  }

  test('a repository with recent commits of the user’s is offered an import once; accepting brings them in as history', async () => {
    api.setImportOfferSurface(async (message) => {
      offers.push(message);
      return 'import';
    });
    const root = repositoryWithHistory('day-one', [
      { subject: 'feat: cart page', daysAgo: 9 },
      { subject: 'fix: cart totals', daysAgo: 6 },
      { subject: 'docs: a colleague explains the cart', daysAgo: 5, author: 'Colleague <colleague@example.com>' },
      { subject: 'feat: coupons', daysAgo: 3, branch: 'feature/coupons' },
      { subject: 'chore: bump deps', daysAgo: 1 },
    ]);
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    await open(root);
    await eventually('the day-one offer', () => (offers.length ? true : undefined));
    assert.match(offers[0], /^Import 4 commits from the last 4 weeks\? Your recent work in progress-log-day-one-\w+ then shows in the Weekly Log, as history/);
    const imported = await eventually('the import', () => (historyOf(api, root).length === 4 ? historyOf(api, root) : undefined));
    assert.deepEqual(
      imported.map((row) => `${row.status} ${row.subject}`),
      ['history feat: cart page', 'history fix: cart totals', 'history feat: coupons', 'history chore: bump deps'],
    );
    assert.ok(historyOf(api, root).every((row) => row.status === 'history'), 'nothing of it waits for a name');
    assert.deepEqual(query(api.databaseFile, "SELECT name, status FROM branches WHERE name = 'feature/coupons'"), [{ name: 'feature/coupons', status: 'history' }]);

    // Never again for that repository: closed and opened again, it is not offered.
    await vscode.commands.executeCommand('git.close', vscode.Uri.file(root));
    await eventually('the repository to close', () => (api.repositories().includes(root) ? undefined : true));
    await open(root);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // longer than the offer waits after a first look
    assert.equal(offers.length, 1, offers.join('\n'));
    assert.ok(query(api.databaseFile, 'SELECT import_offered_at FROM clones WHERE path = ? AND import_offered_at IS NOT NULL', root).length, 'offered once, recorded');
  });

  test('Import History from the palette brings in the chosen range, and running it again adds nothing', async () => {
    api.setImportOfferSurface(async (message) => {
      offers.push(message);
      return 'notNow';
    });
    const offersBefore = offers.length;
    const root = repositoryWithHistory('palette', [
      { subject: 'feat: search', daysAgo: 200 },
      { subject: 'feat: filters', daysAgo: 120, branch: 'feature/filters' },
      { subject: 'docs: a colleague’s notes', daysAgo: 100, author: 'Colleague <colleague@example.com>' },
      { subject: 'fix: empty results', daysAgo: 60 },
    ]);
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    await open(root);

    const recent = await vscode.commands.executeCommand<ImportSummary>(Commands.importHistory, { roots: [root], range: 'threeMonths' });
    assert.deepEqual(recent, { imported: 1, branches: 0, repositories: 1, cancelled: false });
    const all = await vscode.commands.executeCommand<ImportSummary>(Commands.importHistory, { roots: [root], range: 'all' });
    assert.deepEqual(all, { imported: 2, branches: 1, repositories: 1, cancelled: false });
    assert.deepEqual(
      historyOf(api, root).map((row) => `${row.status} ${row.subject}`),
      ['history feat: search', 'history feat: filters', 'history fix: empty results'],
    );
    const again = await vscode.commands.executeCommand<ImportSummary>(Commands.importHistory, { roots: [root], range: 'all' });
    assert.deepEqual(again, { imported: 0, branches: 0, repositories: 1, cancelled: false });
    assert.equal(historyOf(api, root).length, 3);
    assert.equal(offers.length, offersBefore, 'no recent work of the user’s: no offer');
  });
});
