import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventually, openSession } from './session.mjs';

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

suite('a person sets up sync in code-server', function () {
  let session;
  let folder;

  suiteSetup(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-e2e-sync-'));
    session = await openSession();
    await session.waitUntilWatching();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'sync');
  });

  suiteTeardown(async () => {
    await session?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('Set Up Sync…: a path typed in the input, a folder with no repository said in one sentence, Edit…, the right one: the status bar says synced and the outcome is in the repository', async () => {
    const { page } = session;
    const repository = path.join(folder, 'progress-log.git');
    const { sha, input: naming } = await session.commitAndOpenInput('feat(invoices): one page per invoice');
    await naming.fill('Invoices print on one page');
    await naming.press('Enter');
    await session.outcomeOf(sha);
    // The sync item says where sync stands to a screen reader, and on hover; it shows an icon.
    const syncItem = page.locator('.statusbar [aria-label^="Progress Log sync:"]');
    assert.equal(await syncItem.count(), 0, 'no sync status before sync is set up');

    await session.runCommand('Progress Log: Set Up Sync…');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await page.locator('.quick-input-widget', { hasText: 'Set up sync: a git repository you own' }).waitFor();
    await input.fill('progress-log.git');
    await page.locator('.quick-input-widget', { hasText: 'A folder path must be absolute' }).waitFor();
    await session.screenshot('sync-setup-relative-path');
    // A folder with no repository in it yet: git is asked before anything is written.
    await input.fill(repository);
    await input.press('Enter');
    const notThere = session.toast(`There is no git repository at ${repository}`);
    await notThere.waitFor({ timeout: 30_000 });
    assert.match(await notThere.innerText(), /git init --bare/);
    await page.waitForTimeout(500);
    await session.screenshot('sync-setup-no-repository');
    assert.equal(fs.existsSync(repository), false, 'nothing was made or written there');
    git(folder, 'init', '-q', '--bare', repository);
    await notThere.getByRole('button', { name: 'Edit…' }).click();
    await input.waitFor();
    assert.equal(await input.inputValue(), repository, 'what was typed is kept');
    await input.press('Enter');

    const label = await eventually(
      'the status bar to say synced',
      async () => {
        const said = (await syncItem.count()) > 0 ? await syncItem.first().getAttribute('aria-label') : undefined;
        return said?.includes('is synced with') ? said : undefined;
      },
      60_000,
    );
    assert.match(label, new RegExp(`Progress Log is synced with ${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Last synced `));
    await syncItem.first().hover();
    await page.locator(':is(.monaco-hover, .workbench-hover)', { hasText: 'Progress Log is synced with' }).first().waitFor();
    await page.waitForTimeout(300);
    await session.screenshot('sync-status-synced');

    const refs = git(repository, 'for-each-ref', '--format=%(refname)').split('\n');
    assert.equal(refs.length, 1);
    assert.match(refs[0], /^refs\/progress-log\/m[0-9a-z]+$/);
    const sent = git(repository, 'log', '-p', refs[0]);
    assert.match(sent, /"text":"Invoices print on one page"/);
    assert.match(sent, new RegExp(`"sha":"${sha}"`));
    assert.ok(!sent.includes(session.workspace), 'no path of the machine leaves it');

    // A click on the status bar syncs again: nothing new to send.
    await page.mouse.move(700, 400);
    await syncItem.first().click();
    await page.locator('.statusbar-item', { hasText: 'Progress Log synced: 0 received, 0 sent' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(git(repository, 'for-each-ref', '--format=%(refname)').split('\n'), refs);
  });
});
