import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

  test('a branch committed and merged in one shell line: exactly one prompt, about the branch, with both commits', async () => {
    const person = new ScriptedPerson(() => undefined);
    api.setPromptSurface(person);
    const main = git(root, 'rev-parse', '--abbrev-ref', 'HEAD');
    // The line, as scripts, aliases and `gh pr merge` run it: the watcher looks during the pause.
    execFileSync(
      'sh',
      ['-c', `git checkout -q -b feature/quick-merge && echo 1 >> q.txt && git add -A && git commit -qm "work 1" && sleep 1 && echo 2 >> q.txt && git commit -qam "work 2" && git checkout -q ${main} && git merge -q --no-ff feature/quick-merge -m "Merge quick" && git branch -q -d feature/quick-merge`],
      { cwd: root },
    );
    const shas = [git(root, 'rev-parse', 'HEAD^2~1'), git(root, 'rev-parse', 'HEAD^2')];
    await eventually('the prompt about the branch', () => (person.notifications.length > 0 ? true : undefined));
    await api.scanAll();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time enough for a second prompt, if there were one
    assert.equal(person.notifications.length, 1, person.notifications.join('\n'));
    assert.ok(person.notifications[0].startsWith(`Branch feature/quick-merge merged into ${main} (2 commits)`), person.notifications[0]);
    const linked = query<{ sha: string; branch: string; status: string }>(
      api.databaseFile,
      `SELECT c.sha, c.branch, c.status FROM branches b JOIN branch_commits bc ON bc.branch_id = b.id JOIN commits c ON c.id = bc.commit_id
        WHERE b.name = 'feature/quick-merge' AND b.status = 'pending'`,
    );
    assert.deepEqual(linked.map((row) => row.sha).sort(), [...shas].sort());
    assert.ok(linked.every((row) => row.branch === 'feature/quick-merge' && row.status === 'pending'), JSON.stringify(linked));
  });
});
