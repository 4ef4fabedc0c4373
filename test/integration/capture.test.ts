import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands, OUTPUT_CHANNEL_NAME, SETTINGS_SECTION, Settings } from '../../src/ids';
import { commitFromTerminal, eventually, progressLog, query, ScriptedPerson, workspaceRepositoryWatched, workspaceRoot } from './helpers';

interface CommitRow {
  id: number;
  sha: string;
  status: string;
  draft: string | null;
}

interface OutcomeRow {
  text: string;
  kind: string;
  source: string;
  shas: string;
}

suite('the capture loop in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let root: string;

  suiteSetup(async () => {
    api = await progressLog();
    root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(Settings.prompt, undefined, vscode.ConfigurationTarget.Global);
  });

  const commitRow = (sha: string) => query<CommitRow>(api.databaseFile, "SELECT c.id, c.sha, c.status, d.text AS draft FROM commits c LEFT JOIN drafts d ON d.target = 'group:' || c.ask_group WHERE c.sha = ?", sha)[0];

  test('the extension is active and its commands are registered', async () => {
    assert.ok(vscode.extensions.getExtension('progress-log.progress-log')?.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const command of Object.values(Commands)) assert.ok(commands.includes(command), `${command} is not registered`);
  });

  test('a commit made with the git CLI is asked about and its named outcome is stored', async () => {
    const person = new ScriptedPerson(() => 'name', [{ line: 'Checkout retries failed payments instead of losing the order' }]);
    api.setPromptSurface(person);
    const sha = commitFromTerminal(root, 'fix(checkout): retry failed payments');
    const outcome = await eventually('the outcome to be stored', () =>
      query<OutcomeRow>(
        api.databaseFile,
        `SELECT o.text, o.kind, o.source, group_concat(c.sha) AS shas FROM outcomes o
           JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id
          WHERE c.sha = ? GROUP BY o.id`,
        sha,
      )[0],
    );
    assert.equal(outcome.text, 'Checkout retries failed payments instead of losing the order');
    assert.equal(outcome.kind, 'impact');
    assert.equal(outcome.source, 'commit');
    assert.equal(commitRow(sha).status, 'named');
    assert.match(person.notifications[0], new RegExp(`${sha.slice(0, 7)} “fix\\(checkout\\): retry failed payments”`));
    assert.equal(person.requests[0].value, 'Retry failed payments', 'the suggestion drops the Conventional-Commit prefix');
  });

  test('"Routine" records the commit as routine activity without a name', async () => {
    api.setPromptSurface(new ScriptedPerson(() => 'routine'));
    const sha = commitFromTerminal(root, 'chore: bump eslint');
    await eventually('the commit to be routine', () => (commitRow(sha)?.status === 'routine' ? true : undefined));
  });

  test('closing the input without saving keeps the commit waiting, with what was typed', async () => {
    const person = new ScriptedPerson(() => 'name', [{ draft: 'Half a thought the user typed' }]);
    api.setPromptSurface(person);
    const sha = commitFromTerminal(root, 'feat: dark mode');
    const row = await eventually('the draft to be kept', () => (commitRow(sha)?.draft ? commitRow(sha) : undefined));
    assert.equal(row.status, 'pending');
    assert.equal(row.draft, 'Half a thought the user typed');
  });

  test('a dismissed notification leaves the commit waiting for a name', async () => {
    const person = new ScriptedPerson(() => undefined);
    api.setPromptSurface(person);
    const sha = commitFromTerminal(root, 'feat: saved searches');
    await eventually('the notification', () => (person.notifications.length ? true : undefined));
    assert.equal(commitRow(sha).status, 'pending');
  });

  test('with prompt set to statusBarOnly a commit waits silently', async () => {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(Settings.prompt, 'statusBarOnly', vscode.ConfigurationTarget.Global);
    const person = new ScriptedPerson(() => 'name', [{ line: 'never asked' }]);
    api.setPromptSurface(person);
    const sha = commitFromTerminal(root, 'feat: quiet mode');
    await eventually('the commit to be recorded', () => commitRow(sha));
    await api.scanAll();
    assert.equal(person.notifications.length, 0);
    assert.equal(commitRow(sha).status, 'pending');
  });

  test('"Not now" keeps prompts quiet: a commit meanwhile waits silently, and prompts come back on resume', async () => {
    const person = new ScriptedPerson(() => 'routine');
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.snoozePrompts);
    const quiet = commitFromTerminal(root, 'feat: made while snoozed');
    await eventually('the snoozed commit to be recorded', () => commitRow(quiet));
    await api.scanAll();
    assert.equal(person.notifications.length, 0);
    assert.equal(commitRow(quiet).status, 'pending');
    await vscode.commands.executeCommand(Commands.resumePrompts);
    const loud = commitFromTerminal(root, 'chore: made after resuming');
    await eventually('the prompt after resuming', () => (person.notifications.some((text) => text.includes(loud.slice(0, 7))) ? true : undefined));
  });

  test('"Look for new commits now" has recorded a new commit when it returns', async () => {
    api.setPromptSurface(new ScriptedPerson(() => 'routine'));
    const sha = commitFromTerminal(root, 'chore: found by looking now');
    // Its guard shows what a scan throws and returns at once, before the watcher (30 ms later) has
    // looked: only a command that scanned has recorded the commit by then.
    await vscode.commands.executeCommand(Commands.scanRepositories);
    assert.ok(commitRow(sha), 'the commit is recorded when the command returns');
  });

  test('"Show output" opens the Progress Log output', async () => {
    await vscode.commands.executeCommand(Commands.showLog);
    await eventually('the output of Progress Log', () => (vscode.workspace.textDocuments.some((document) => document.uri.scheme === 'output' && decodeURIComponent(document.uri.path).includes(OUTPUT_CHANNEL_NAME)) ? true : undefined));
  });
});
