import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { eventually, openSession } from './session.mjs';

suite('a person names a commit in code-server', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'capture');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('the packaged extension installs into code-server and activates on the workspace', async () => {
    await session.waitUntilWatching();
    const { page } = session;
    await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'Progress Log keeps one line per outcome' });
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Add an Outcome' }).waitFor();
    await page.waitForTimeout(300);
    await session.screenshot('welcome');
    await session.page.locator('.statusbar-item', { hasText: /\d/ }).filter({ has: session.page.locator('.codicon-rocket') }).first().waitFor({ timeout: 20_000 });
  });

  test('commit from a shell, see the prompt, click Name outcome, type a line, press Enter: the outcome is stored', async () => {
    const { page } = session;
    const sha = session.commit('fix(checkout): retry payments on gateway timeout');
    const toast = session.toast(sha.slice(0, 7));
    await toast.waitFor({ timeout: 20_000 });
    assert.match(await toast.innerText(), /fix\(checkout\): retry payments on gateway timeout/);
    await toast.getByRole('button', { name: 'Name outcome' }).waitFor();
    await session.page.waitForTimeout(500); // let the toast finish sliding in before the picture
    await session.screenshot('prompt');
    await toast.getByRole('button', { name: 'Name outcome' }).click();
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    assert.equal(await input.inputValue(), 'Retry payments on gateway timeout', 'prefilled with the suggestion');
    await session.screenshot('outcome-input');
    await input.fill('Checkout survives gateway timeouts instead of dropping the order');
    await input.press('Enter');
    const outcome = await session.outcomeOf(sha);
    assert.equal(outcome.text, 'Checkout survives gateway timeouts instead of dropping the order');
    assert.equal(outcome.kind, 'impact');
  });

  test('a commit made after the prompt\'s toast hid shows the prompt again, and the rest of the burst joins it', async () => {
    const { page } = session;
    // Away from the toasts: VS Code keeps a toast under the mouse on screen.
    await page.mouse.move(300, 300);
    const first = session.commit('feat: invoices page');
    const toast = session.toast(first.slice(0, 7));
    await toast.waitFor({ timeout: 20_000 });
    await toast.waitFor({ state: 'hidden', timeout: 30_000 }); // VS Code hides it by itself
    const second = session.commit('feat: invoices filter');
    const again = session.toast(`2 new commits in ${path.basename(session.workspace)}, latest ${second.slice(0, 7)}`);
    await again.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await session.screenshot('prompt-shown-again');
    const third = session.commit('feat: invoices export');
    await eventually('the third commit to be recorded', () => session.query('SELECT 1 FROM commits WHERE sha = ?', third)[0]);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.notifications-toasts .notification-toast').count(), 1, 'one toast for the burst');
    await again.getByRole('button', { name: 'Name outcome' }).click();
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await page.locator('.quick-input-widget', { hasText: `Outcome of 3 commits in ${path.basename(session.workspace)}` }).waitFor();
    await input.fill('Finance finds every invoice of a customer on one page');
    await input.press('Enter');
    for (const sha of [first, second, third]) assert.equal((await session.outcomeOf(sha)).text, 'Finance finds every invoice of a customer on one page');
  });

  test('the kind can be flipped with the button in the same input before saving', async () => {
    const { page } = session;
    const { sha, input } = await session.commitAndOpenInput('feat: nightly export of invoices');
    await page.locator('.quick-input-widget').getByRole('button', { name: /Shipped impact: click to count it as routine/ }).click();
    await page.locator('.quick-input-widget', { hasText: 'Routine activity' }).waitFor();
    await session.screenshot('outcome-input-routine');
    await input.fill('Invoices export every night for finance');
    await input.press('Enter');
    assert.equal((await session.outcomeOf(sha)).kind, 'routine');
  });

  test('a line that is too long is refused with a message, and Escape keeps what was typed', async () => {
    const { page } = session;
    const { sha, input } = await session.commitAndOpenInput('feat: saved searches');
    await input.fill('x'.repeat(230));
    await page.locator('.quick-input-widget', { hasText: '230 characters; keep it to 200' }).waitFor();
    await session.screenshot('outcome-too-long');
    await input.fill('Saved searches, half writ');
    await input.press('Escape');
    const [row] = await eventually('the draft to be kept', () => {
      const rows = session.query("SELECT c.status, d.text AS draft FROM commits c JOIN drafts d ON d.target = 'group:' || c.ask_group WHERE c.sha = ?", sha);
      return rows.length ? rows : undefined;
    });
    assert.deepEqual({ ...row }, { status: 'pending', draft: 'Saved searches, half writ' });
  });
});
