import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import { configFolder, readExtensionRecord } from '../../src/storage/userConfig';
import type { LogNode } from '../../src/vscode/logTree';
import { acceptSaveDialog, eventually, progressLog } from './helpers';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
/** The command as `npm run compile` bundles it, started by its `#!/usr/bin/env node` line with the project's Node first on PATH. */
const COMMAND = path.join(projectRoot, 'dist', 'cli', 'progress-log.js');

/** Runs `progress-log` as another process, as a person would in a terminal beside the window; resolves when it has ended. */
function progressLogCommand(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; endedAt: number }> {
  const env = { ...process.env, PATH: `${path.join(projectRoot, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  return new Promise((resolve) => {
    execFile(COMMAND, [...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr, endedAt: Date.now() });
    });
  });
}

/** Issue 20: the `progress-log` command on the database of a running window. */
suite('the progress-log command beside a running window', () => {
  let api: ProgressLogTestApi;
  const children = async (node?: LogNode) => api.tree.getChildren(node);
  const label = (node: LogNode) => String(api.tree.getTreeItem(node).label);

  suiteSetup(async () => {
    api = await progressLog();
    // The command finds the window's database where the extension says it is (written once activation is over).
    await eventually('the extension to tell the command where its database is', () => (readExtensionRecord(configFolder())?.database === api.databaseFile ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an outcome added from the command line appears in the open Weekly Log within a second', async () => {
    const text = 'Ran the checkout load test from a terminal';
    const shippedThisWeek = async () => {
      const week = (await children()).find((node) => label(node) === 'This week');
      const shipped = week && (await children(week)).find((node) => label(node).startsWith('Shipped impact'));
      return shipped ? await children(shipped) : [];
    };
    // The tree has read this week already: what it shows next comes from the log-changed signal, not a first read.
    assert.equal((await shippedThisWeek()).some((node) => node.type === 'outcome' && node.outcome.text === text), false);
    const added = await progressLogCommand(['add', text]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, new RegExp(`^Added: ${text} \\(shipped impact · `));
    await eventually('the outcome in the Weekly Log', async () => ((await shippedThisWeek()).some((node) => node.type === 'outcome' && node.outcome.text === text) ? true : undefined), 5_000);
    const shownAfterMs = Date.now() - added.endedAt;
    assert.ok(shownAfterMs <= 1_000, `shown ${shownAfterMs} ms after the command ended`);
  });

  test("the command line's export is the extension's, byte for byte, in every format", async () => {
    const exports = [
      { command: Commands.exportOneOnOne, range: 'thisWeek', args: ['--for', '1on1', '--range', 'this-week'] },
      { command: Commands.exportReview, range: 'thisQuarter', args: ['--for', 'review', '--range', 'this-quarter'] },
    ];
    const text = 'Wrote the runbook for the export job';
    assert.equal((await progressLogCommand(['add', text])).code, 0);
    for (const { command, range, args } of exports) {
      for (const format of ['markdown', 'text', 'json', 'csv']) {
        // The extension's bytes are those it saves (an editor shows CSV's CRLF line ends as its own).
        const before = new Set(fs.readdirSync(os.homedir()));
        await acceptSaveDialog(vscode.commands.executeCommand(command, { range, format, destination: 'file' }));
        const saved = fs.readdirSync(os.homedir()).filter((name) => !before.has(name));
        assert.equal(saved.length, 1, `${command} ${format} saved one file in the home folder`);
        const fromExtension = fs.readFileSync(path.join(os.homedir(), saved[0]), 'utf8');
        fs.rmSync(path.join(os.homedir(), saved[0]));
        const fromCommandLine = await progressLogCommand(['export', ...args, '--format', format]);
        assert.equal(fromCommandLine.code, 0, fromCommandLine.stderr);
        assert.ok(fromCommandLine.stdout.includes(text), `${args.join(' ')} --format ${format} holds this week's outcome`);
        assert.equal(fromCommandLine.stdout, fromExtension, `${args.join(' ')} --format ${format}`);
      }
    }
  });
});
