import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, openSession } from './session.mjs';

/** The user's commits of the last weeks, made before Progress Log first looks: what day one offers to import. */
function recentWork(root) {
  for (const [index, subject] of ['feat: cart page', 'fix: cart totals', 'feat: coupons'].entries()) {
    fs.appendFileSync(path.join(root, 'notes.md'), `${subject}\n`);
    const date = new Date(Date.now() - (index + 1) * 2 * 24 * 3600 * 1000).toISOString();
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['commit', '-q', '-m', subject], { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  }
}

suite('the walkthrough follows what a person did', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession({ prepare: recentWork });
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'walkthrough');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('importing from the day-one offer ticks the walkthrough\'s import step', async () => {
    const { page } = session;
    // The walkthrough open, as VS Code opens it when the extension is installed (VS Code follows a
    // walkthrough's completion events only once its page has been shown in the session).
    await session.runCommand('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Progress Log' }).first().click();
    const ticked = page.locator('.getting-started-step', { hasText: 'Bring in your recent history' }).locator('[data-done-step-id]');
    await ticked.waitFor();
    assert.equal(await ticked.getAttribute('aria-checked'), 'false', 'not ticked before the import');
    const offer = session.toast('from the last 4 weeks?');
    await offer.waitFor({ timeout: 60_000 });
    await offer.getByRole('button', { name: 'Import', exact: true }).click();
    await session.toast('as history').waitFor({ timeout: 30_000 });
    await eventually('the import step ticked', async () => ((await ticked.getAttribute('aria-checked')) === 'true' ? true : undefined), 5_000);
    await page.waitForTimeout(300);
    await session.screenshot('walkthrough-import-ticked');
  });
});
