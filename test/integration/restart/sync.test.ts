/**
 * Issue 19: one log on two machines. Two starts of VS Code with their own profiles (so their own
 * global storage and database), one after the other, and one sync repository on disk
 * (`scripts/restarts.mjs` makes it and names it in PROGRESS_LOG_SYNC_REPOSITORY). Machine A sets
 * sync up through its command, names an outcome through "Add an Outcome…" and syncs; machine B,
 * whose settings name the repository already, syncs and shows it in its Weekly Log.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION, Settings } from '../../../src/ids';
import type { SyncStatus } from '../../../src/sync/syncService';
import type { LogNode } from '../../../src/vscode/logTree';
import { git, progressLog, query, ScriptedPerson } from '../helpers';

const LINE = 'Invoices reach customers the day they are issued';

function syncRepository(): string {
  const repository = process.env.PROGRESS_LOG_SYNC_REPOSITORY;
  if (!repository) throw new Error('PROGRESS_LOG_SYNC_REPOSITORY names the sync repository of these phases');
  return repository;
}

suite('two machines, one sync repository', () => {
  test('machine A sets up sync, names an outcome, and Sync Now sends it', async () => {
    const api = await progressLog();
    const repository = syncRepository();
    const setUp = await vscode.commands.executeCommand<SyncStatus | undefined>(Commands.setUpSync, { repository });
    assert.equal(setUp?.state, 'synced', 'git reached the repository and the first sync went well');
    assert.equal(vscode.workspace.getConfiguration(SETTINGS_SECTION).get(Settings.syncRepository), repository, 'the repository is named for every window');

    const person = new ScriptedPerson(() => undefined, [{ line: LINE }]);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.addOutcome);
    assert.equal(person.requests.length, 1);
    const synced = await vscode.commands.executeCommand<SyncStatus | undefined>(Commands.syncNow);
    assert.equal(synced?.state, 'synced');

    const refs = git(repository, 'for-each-ref', '--format=%(refname)').split('\n');
    assert.equal(refs.length, 1, 'machine A wrote its own ref only');
    assert.match(git(repository, 'log', '-p', refs[0]), new RegExp(`"text":"${LINE}"`), 'the outcome travels as a line of text');
  });

  test('machine B syncs, and the outcome named on machine A is in its Weekly Log', async () => {
    const api = await progressLog();
    assert.equal(vscode.workspace.getConfiguration(SETTINGS_SECTION).get(Settings.syncRepository), syncRepository());
    const synced = await vscode.commands.executeCommand<SyncStatus | undefined>(Commands.syncNow);
    assert.equal(synced?.state, 'synced');

    const children = async (node?: LogNode) => api.tree.getChildren(node);
    const thisWeek = (await children()).find((node) => String(api.tree.getTreeItem(node).label) === 'This week');
    assert.ok(thisWeek, 'this week is in the Weekly Log');
    const shown: string[] = [];
    for (const group of await children(thisWeek)) for (const node of await children(group)) if (node.type === 'outcome') shown.push(node.outcome.text);
    assert.deepEqual(shown, [LINE]);
    assert.equal(query<{ n: number }>(api.databaseFile, 'SELECT count(*) AS n FROM outcomes WHERE text = ?', LINE)[0].n, 1, 'one record, however many syncs brought it');
  });
});
