/**
 * Private unless asked: after every extension-host test of every file, the fake chat model
 * (test/fakeModel) has received no request while `progressLog.suggest.enabled` was off. The model
 * is there all along, so anything that asked a model without the person's yes would show here.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeCommands, type FakeRequest, fakeModelHostable } from '../fakeModel/extension';

// At the top level: mocha runs it once, after the tests of all files.
suiteTeardown(async () => {
  if (!fakeModelHostable(vscode.version)) {
    console.log(`      no fake model on VS Code ${vscode.version}: nothing to check`);
    return;
  }
  const requests = (await vscode.commands.executeCommand<FakeRequest[]>(FakeCommands.requests)) ?? [];
  const whileOff = requests.filter((request) => !request.suggestEnabled);
  assert.deepEqual(
    whileOff.map((request) => request.prompt.slice(0, 120)),
    [],
    'a request reached a language model while suggestions were off',
  );
  console.log(`      ${requests.length} requests reached the fake model, all while suggestions were on`);
});
