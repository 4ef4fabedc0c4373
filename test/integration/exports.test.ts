import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import { happenedAtOf } from '../../src/naming/outcomeDay';
import { Store } from '../../src/storage/store';
import { assertGolden } from '../support/golden';
import { MemoryLogger } from '../support/memoryLogger';
import { written } from '../support/written';
import { acceptSaveDialog, progressLog, workspaceRoot } from './helpers';

/** Issue 17, item 9: an export a person can hand over, in a real VS Code. */
suite('exports you can hand over in a real VS Code', () => {
  let databaseFile: string;

  suiteSetup(async () => {
    databaseFile = (await progressLog()).databaseFile;
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

  test('Export for Review… laid out for growth groups a month\'s shipped impact by reach and lists its firsts, as the golden file holds it', async () => {
    // A month of its own, long ago, so that what other tests log this week is not in it.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const other = Store.open(databaseFile, { logger: new MemoryLogger() });
    const made = [
      { text: 'Led the first design review across the payments and search teams', reach: 'teams' as const, first: true, day: '2019-03-05' },
      { text: 'Shoppers see their order confirmed in under a second', reach: 'users' as const, first: false, day: '2019-03-12' },
      { text: 'On-call runbook the team follows without asking', reach: 'team' as const, first: false, day: '2019-03-20' },
      { text: 'Refunds in one click for support', reach: null, first: false, day: '2019-03-26' },
    ].map(({ text, reach, first, day }) => written(other.changes.createOutcome({ text, kind: 'impact', source: 'manual', reach, first, happenedAt: happenedAtOf(day, Date.now(), timeZone) })));
    made.push(written(other.changes.createOutcome({ text: 'Bumped the linter', kind: 'routine', source: 'manual', happenedAt: happenedAtOf('2019-03-27', Date.now(), timeZone) })));
    try {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.exportReview, { range: { from: '2019-03-01', to: '2019-03-31' }, layout: 'growth', format: 'markdown', destination: 'editor' });
      assertGolden('review-growth-extension-host.md', document.getText());
    } finally {
      for (const outcome of made) written(other.changes.deleteOutcome(outcome.id));
      other.close();
    }
  });
});
