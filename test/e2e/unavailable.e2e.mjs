import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { machineTarget, TARGETS } from '../../scripts/package.mjs';
import { openSession } from './session.mjs';

/**
 * A machine whose SQLite binary cannot load: the installed package has none for this platform, as
 * on a platform better-sqlite3 ships none for (or a package for another platform copied over).
 */
suite('SQLite cannot load on this platform', function () {
  const platform = machineTarget();
  let session;

  suiteSetup(async function () {
    session = await openSession({
      theme: 'Default Light Modern',
      installed: (folder) => fs.rmSync(path.join(folder, 'node_modules', 'better-sqlite3', 'prebuilds', `${TARGETS[platform]}.node`)),
    });
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'unavailable');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('one sentence names the platform and what to do', async () => {
    const toast = session.toast('cannot load SQLite');
    await toast.waitFor({ timeout: 60_000 });
    const text = await toast.locator('.notification-list-item-message').innerText();
    assert.match(text, new RegExp(`^Progress Log cannot load SQLite on this platform \\(${platform}\\), so your log is unavailable: [^.]+\\.$`));
    await session.page.waitForTimeout(300);
    await session.screenshot('unavailable-notification');
    await toast.hover();
    await toast.getByRole('button', { name: /^Clear Notification/ }).click();
    await toast.waitFor({ state: 'detached' });
  });

  test('a command says the log is unavailable, and the Weekly Log says so in its place', async () => {
    const { page } = session;
    await session.runCommand('Progress Log: Add an Outcome…');
    const toast = session.toast('cannot load SQLite');
    await toast.waitFor({ timeout: 10_000 });
    assert.match(await toast.innerText(), /so your log is unavailable/);
    await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
    await page.locator('.pane-body', { hasText: 'The log is unavailable in this window' }).first().waitFor();
    await page.waitForTimeout(300);
    await session.screenshot('unavailable-view');
    const messages = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
    assert.deepEqual(messages.filter((message) => /not found|unexpected problem/i.test(message)), []);
  });

  test('VS Code goes on: the git extension shows the repository\'s branch', async () => {
    await session.page.locator('.statusbar-item', { hasText: 'main' }).first().waitFor();
  });
});
