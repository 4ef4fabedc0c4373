import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import { progressLog } from './helpers';

/** Issue 17, item 9: an export a person can hand over, in a real VS Code. */
suite('exports you can hand over in a real VS Code', () => {
  suiteSetup(async () => {
    await progressLog();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a CSV export to an editor opens, shown, in a language this VS Code has', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(Commands.exportOneOnOne, { range: 'thisWeek', format: 'csv', destination: 'editor' });
    assert.ok(document, 'the export returned its document');
    const languages = await vscode.languages.getLanguages();
    // Stock VS Code has no csv language; an installed extension (Rainbow CSV…) may add it.
    assert.equal(document.languageId, languages.includes('csv') ? 'csv' : 'plaintext');
    assert.match(document.getText(), /^date,kind,source,text,repository,branch,commits,parent,count/);
    assert.equal(vscode.window.activeTextEditor?.document, document, 'the export is in front, not in a hidden tab');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

