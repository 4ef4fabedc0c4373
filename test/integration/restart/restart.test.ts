/**
 * Work done while VS Code was stopped, in a real VS Code started again on the same database
 * (`scripts/restarts.mjs` stops it between phases and does the git work meanwhile, as a person in
 * a terminal would). Each phase starts with prompts in the status bar only, so that what waits is
 * read before anything is answered, and then named through the Command Palette's "Name Waiting
 * Work", which asks about one piece of work at once.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { eventually, git, progressLog, query, ScriptedPerson, workspaceRepositoryWatched, workspaceRoot } from '../helpers';

/** Pieces of work waiting for a name: closed branches, and groups of commits asked about together. */
function waiting(databaseFile: string): { branches: { name: string; commits: number }[]; commitGroups: number } {
  const branches = query<{ name: string; commits: number }>(
    databaseFile,
    "SELECT b.name, count(bc.commit_id) AS commits FROM branches b LEFT JOIN branch_commits bc ON bc.branch_id = b.id WHERE b.status = 'pending' GROUP BY b.id ORDER BY b.name",
  );
  const commitGroups = query<{ n: number }>(
    databaseFile,
    "SELECT count(DISTINCT coalesce(ask_group, id)) AS n FROM commits WHERE status = 'pending' AND id NOT IN (SELECT commit_id FROM branch_commits bc JOIN branches b ON b.id = bc.branch_id WHERE b.status = 'pending')",
  )[0].n;
  return { branches, commitGroups };
}

suite('VS Code stopped and started again', () => {
  test('first look: the workspace repository is recorded, its history not asked about', async () => {
    const api = await progressLog();
    const root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
    assert.deepEqual(waiting(api.databaseFile), { branches: [], commitGroups: 0 });
  });

  test('merged while stopped: the branch made, merged and deleted waits as one piece of work, with both commits, and is asked about once', async () => {
    const api = await progressLog();
    const root = workspaceRoot();
    const found = await eventually('the branch merged while VS Code was stopped', () => {
      const now = waiting(api.databaseFile);
      return now.branches.length > 0 ? now : undefined;
    });
    assert.deepEqual(found, { branches: [{ name: 'feature/export', commits: 2 }], commitGroups: 0 });
    const person = new ScriptedPerson(() => undefined, [{ line: 'Finance gets the monthly export as CSV' }]);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.nameWaitingCommits);
    assert.equal(person.requests.length, 1);
    assert.ok(person.requests[0].title.startsWith('What shipped with feature/export in '), person.requests[0].title);
    const linked = query<{ sha: string }>(
      api.databaseFile,
      "SELECT c.sha FROM branches b JOIN outcomes o ON o.id = b.outcome_id JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE b.name = 'feature/export'",
    );
    assert.deepEqual(linked.map((row) => row.sha).sort(), [git(root, 'rev-parse', 'HEAD^2~1'), git(root, 'rev-parse', 'HEAD^2')].sort());
    assert.deepEqual(waiting(api.databaseFile), { branches: [], commitGroups: 0 });
  });

  test('moved while stopped: the clone continues in its new place, and the commit made there meanwhile is asked about', async () => {
    const api = await progressLog();
    const root = workspaceRoot();
    const sha = git(root, 'rev-parse', 'HEAD');
    await eventually('the commit made after the move to wait for a name', () => (query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'pending'", sha)[0] ? true : undefined));
    assert.deepEqual(
      query<{ path: string }>(api.databaseFile, 'SELECT path FROM clones').map((row) => row.path),
      [root],
      'one clone, now where it moved to',
    );
    assert.deepEqual(waiting(api.databaseFile), { branches: [], commitGroups: 1 });
    const person = new ScriptedPerson(() => undefined, [{ line: 'Invoices print on one page again' }]);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.nameWaitingCommits);
    assert.equal(person.requests.length, 1);
    assert.ok(person.requests[0].title.startsWith(`Outcome of ${sha.slice(0, 7)} in `), person.requests[0].title);
  });
});
