import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { silentLogger } from '../../src/core/logger';
import { Commands } from '../../src/ids';
import { Store } from '../../src/storage/store';
import { writeBackup } from '../../src/sync/backup';
import type { LogNode } from '../../src/vscode/logTree';
import { acceptSaveDialog, progressLog, query, ScriptedPerson, workspaceRoot } from './helpers';

/** Issue 19: the log backed up to a file and restored from one, without any remote, in a real VS Code. */
suite('backing up and restoring the log in a real VS Code', () => {
  const backupsIn = (folder: string) => fs.readdirSync(folder).filter((name) => /^progress-log-backup-\d{4}-\d{2}-\d{2}\.jsonl$/.test(name));

  test('"Back Up Log…" proposes the home folder, outside the repository, and writes every operation of the log there, readable by you only', async () => {
    const api = await progressLog();
    api.setPromptSurface(new ScriptedPerson(() => undefined, [{ line: 'On-call handbook covers the payment outage' }]));
    await vscode.commands.executeCommand(Commands.addOutcome, { day: 'today' });
    await acceptSaveDialog(vscode.commands.executeCommand(Commands.backUpLog));
    const inHome = backupsIn(os.homedir());
    const inRepository = backupsIn(workspaceRoot());
    try {
      assert.deepEqual(inRepository, [], 'nothing lands in the repository');
      assert.equal(inHome.length, 1, 'the backup is in the home folder');
      const file = path.join(os.homedir(), inHome[0]);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, query<{ n: number }>(api.databaseFile, 'SELECT count(*) AS n FROM operations')[0].n, 'one line per operation');
      assert.ok(lines.some((line) => (JSON.parse(line) as { change: { text?: string } }).change.text === 'On-call handbook covers the payment outage'));
    } finally {
      for (const name of inHome) fs.rmSync(path.join(os.homedir(), name));
      for (const name of inRepository) fs.rmSync(path.join(workspaceRoot(), name));
    }
  });

  test('"Restore From Backup…" merges another machine\'s backup: its outcome shows in the Weekly Log, lines that are not operations are counted, and restoring it twice changes nothing', async () => {
    const api = await progressLog();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-backup-test-'));
    try {
      const other = Store.open(path.join(folder, 'other.sqlite'), { logger: silentLogger });
      other.changes.createOutcome({ text: 'Laptop log: the release checklist is one page', kind: 'impact', source: 'manual' });
      const file = path.join(folder, 'laptop.jsonl');
      writeBackup(other, file);
      other.close();
      fs.appendFileSync(file, 'not an operation\n');

      const first = await vscode.commands.executeCommand<{ received: number; skipped: number }>(Commands.restoreFromBackup, { file });
      assert.deepEqual(first, { received: 1, skipped: 1 });
      const children = async (node?: LogNode) => api.tree.getChildren(node);
      const thisWeek = (await children()).find((node) => String(api.tree.getTreeItem(node).label) === 'This week')!;
      const shown: string[] = [];
      for (const group of await children(thisWeek)) for (const node of await children(group)) if (node.type === 'outcome') shown.push(node.outcome.text);
      assert.ok(shown.includes('Laptop log: the release checklist is one page'), shown.join(', '));

      const again = await vscode.commands.executeCommand<{ received: number; skipped: number }>(Commands.restoreFromBackup, { file });
      assert.deepEqual(again, { received: 0, skipped: 1 });
      assert.equal(query<{ n: number }>(api.databaseFile, 'SELECT count(*) AS n FROM outcomes WHERE text = ?', 'Laptop log: the release checklist is one page')[0].n, 1);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
