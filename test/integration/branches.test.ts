import * as assert from 'node:assert/strict';
import type { ProgressLogTestApi } from '../../src/extension';
import { commitFromTerminal, eventually, git, progressLog, query, ScriptedPerson, workspaceRepositoryWatched, workspaceRoot } from './helpers';

suite('closed branches in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let root: string;

  suiteSetup(async () => {
    api = await progressLog();
    root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
  });

  test('merging a branch with the git CLI stores the branch outcome with all its commits linked', async () => {
    // Commits are answered "Routine"; the branch gets a named outcome.
    const person = new ScriptedPerson((message) => (message.startsWith('Branch ') ? 'name' : 'routine'), [{ line: 'Offline mode ships: the app works on a plane' }]);
    api.setPromptSurface(person);
    const main = git(root, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(root, 'checkout', '-q', '-b', 'feature/offline-mode');
    await api.scanAll();
    const shas = [commitFromTerminal(root, 'feat: cache pages offline')];
    await eventually('the first commit to be recorded', () => query(api.databaseFile, 'SELECT 1 FROM commits WHERE sha = ?', shas[0])[0]);
    shas.push(commitFromTerminal(root, 'feat: offline banner'));
    await eventually('the second commit to be recorded', () => query(api.databaseFile, 'SELECT 1 FROM commits WHERE sha = ?', shas[1])[0]);
    git(root, 'checkout', '-q', main);
    git(root, 'merge', '-q', '--no-ff', '--no-edit', 'feature/offline-mode');

    const linked = await eventually('the branch outcome to be stored', () => {
      const rows = query<{ sha: string; text: string; source: string }>(
        api.databaseFile,
        `SELECT c.sha, o.text, o.source FROM branches b JOIN outcomes o ON o.id = b.outcome_id
           JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id
          WHERE b.name = 'feature/offline-mode'`,
      );
      return rows.length ? rows : undefined;
    });
    assert.deepEqual(linked.map((row) => row.sha).sort(), [...shas].sort());
    assert.equal(linked[0].text, 'Offline mode ships: the app works on a plane');
    assert.equal(linked[0].source, 'branch');
    assert.ok(
      person.notifications.some((message) => message.startsWith(`Branch feature/offline-mode merged into ${main} (2 commits)`)),
      person.notifications.join('\n'),
    );
  });
});
