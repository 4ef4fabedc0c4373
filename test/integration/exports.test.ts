import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import { acceptSaveDialog, progressLog, workspaceRoot } from './helpers';

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

  test('"Save as a file" proposes the home folder, outside the repository where git add -A would commit the notes', async () => {
    const savedIn = (folder: string) => fs.readdirSync(folder).filter((name) => /^progress-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.md$/.test(name));
    assert.deepEqual(savedIn(os.homedir()), []);
    // The save dialog is VS Code's own; Enter accepts the file it proposes.
    await acceptSaveDialog(vscode.commands.executeCommand(Commands.exportOneOnOne, { range: 'thisWeek', format: 'markdown', destination: 'file' }));
    const inHome = savedIn(os.homedir());
    const inRepository = savedIn(workspaceRoot());
    for (const name of inHome) fs.rmSync(path.join(os.homedir(), name));
    for (const name of inRepository) fs.rmSync(path.join(workspaceRoot(), name));
    assert.deepEqual(inRepository, [], 'nothing lands in the repository');
    assert.equal(inHome.length, 1, 'the export is saved in the home folder');
  });
});
