import * as assert from 'node:assert/strict';
import { chooseFromContextMenu, eventually, openSession, row } from './session.mjs';

/** Names the commit `subject` through its notification, as a person does (or answers `action`). */
async function commitAndName(session, subject, line, action = 'Name outcome') {
  if (action === 'Name outcome') return session.commitAndName(subject, line);
  const sha = session.commit(subject);
  const toast = session.toast(sha.slice(0, 7));
  await toast.waitFor({ timeout: 20_000 });
  await toast.getByRole('button', { name: action }).click();
  return sha;
}

async function openLogView(page) {
  await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
  await row(page, 'This week').waitFor();
}

for (const [theme, name] of [
  ['Default Light Modern', 'light'],
  ['Default Dark Modern', 'dark'],
]) {
  suite(`a person uses the weekly log (${name} theme)`, function () {
    let session;

    suiteSetup(async function () {
      session = await openSession({ theme });
      await session.waitUntilWatching();
      await commitAndName(session, 'fix(checkout): retry payments on gateway timeout', 'Checkout survives gateway timeouts');
      await commitAndName(session, 'feat(search): cache results', 'Search answers in half the time');
      await commitAndName(session, 'chore: bump eslint', undefined, 'Routine');
      session.commit('feat: saved searches (not named yet)');
      await eventually('the waiting commit', () => session.query("SELECT 1 FROM commits WHERE status = 'pending'")[0]);
    });

    teardown(async function () {
      await session?.reportFailure(this.currentTest, `${name}`);
    });

    suiteTeardown(async () => {
      await session?.close();
    });

    test('the view renders this week with shipped impact apart from routine activity', async () => {
      const { page } = session;
      await openLogView(page);
      await row(page, 'This week').waitFor();
      await row(page, 'Shipped impact (2)').waitFor();
      await row(page, 'Routine activity (1)').waitFor();
      await row(page, 'Waiting for a name (1)').waitFor();
      await row(page, 'Checkout survives gateway timeouts').waitFor();
      await row(page, 'Search answers in half the time').waitFor();
      await page.waitForTimeout(300);
      await session.screenshot(`sidebar-${name}`);
    });

    if (name === 'dark') return; // the clicking is the same in either theme; once is enough

    test('rename by clicking the inline action, typing and pressing Enter', async () => {
      const { page } = session;
      const target = row(page, 'Search answers in half the time');
      await target.hover();
      await target.locator('.action-label[aria-label="Rename"]').click();
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor();
      assert.equal(await input.inputValue(), 'Search answers in half the time');
      await input.fill('Search answers in half the time for 10k daily users');
      await input.press('Enter');
      await row(page, 'Search answers in half the time for 10k daily users').waitFor();
    });

    test('flip the kind from the context menu: the outcome moves to routine activity', async () => {
      const { page } = session;
      await chooseFromContextMenu(page, row(page, 'Search answers in half the time for 10k daily users'), 'Mark as Routine');
      await row(page, 'Shipped impact (1)').waitFor();
      await row(page, 'Routine activity (2)').waitFor();
      const [{ kind }] = session.query("SELECT kind FROM outcomes WHERE text LIKE 'Search answers%'");
      assert.equal(kind, 'routine');
    });

    test('delete from the context menu, then Undo in the notification brings it back', async () => {
      const { page } = session;
      await chooseFromContextMenu(page, row(page, 'Checkout survives gateway timeouts'), 'Delete');
      await row(page, 'Shipped impact (0)').waitFor();
      const toast = session.toast('Deleted “Checkout survives gateway timeouts”');
      await toast.waitFor();
      await page.waitForTimeout(400);
      await session.screenshot('delete-undo');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await row(page, 'Checkout survives gateway timeouts').waitFor();
      await row(page, 'Shipped impact (1)').waitFor();
    });

    test('Export for 1:1 from the command palette, picking Last week, opens the document', async () => {
      const { page } = session;
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor();
      await input.fill('>Progress Log: Export for 1:1');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export for 1:1' }).first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'This week' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last week' }).click();
      const editor = page.locator('.editor-instance .view-lines');
      await editor.waitFor();
      const editorText = async () => (await editor.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
      await eventually('the report in the editor', async () => ((await editorText()).includes('# Progress:') ? true : undefined));
      const text = await editorText();
      assert.match(text, /Nothing recorded between/, 'last week was empty: the report says so plainly');
      await page.waitForTimeout(300);
      await session.screenshot('export-last-week');
    });
  });
}
