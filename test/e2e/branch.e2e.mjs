import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { eventually, openSession } from './session.mjs';

suite('a person works on a feature branch (default setting: ask when work lands)', function () {
  let session;
  /** Every Progress Log toast seen during the flow, by its text. */
  const toasts = new Set();
  let watching;

  suiteSetup(async function () {
    session = await openSession();
    await session.waitUntilWatching();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'branch');
  });

  suiteTeardown(async () => {
    clearInterval(watching);
    await session?.close();
  });

  /** Collects the text of every notification toast on screen, every 150 ms, for the whole flow. */
  function watchToasts() {
    watching = setInterval(async () => {
      try {
        for (const text of await session.page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts()) toasts.add(text.trim());
      } catch {
        // the page is busy: look again next time
      }
    }, 150);
  }

  test('two commits, merged and deleted: exactly one prompt, about the branch, during the whole flow', async () => {
    watchToasts();
    session.git('checkout', '-q', '-b', 'feature/invoice-pdf');
    const first = session.commit('feat: render invoices as PDF', 'invoice.md');
    await eventually('the first commit to be recorded as work in progress', () => session.query("SELECT 1 FROM commits WHERE sha = ? AND status = 'open'", first)[0]);
    const second = session.commit('test: cover PDF invoices', 'invoice.test.md');
    await eventually('the second commit to be recorded as work in progress', () => session.query("SELECT 1 FROM commits WHERE sha = ? AND status = 'open'", second)[0]);
    await session.page.waitForTimeout(2500); // time enough for a prompt to appear, if there were one
    assert.deepEqual([...toasts], [], 'no prompt while the branch is in progress');

    session.git('checkout', '-q', 'main');
    session.git('merge', '-q', '--no-ff', '--no-edit', 'feature/invoice-pdf');
    const toast = session.toast('Branch feature/invoice-pdf merged into main (2 commits)');
    await toast.waitFor({ timeout: 20_000 });
    await session.page.waitForTimeout(500);
    await session.screenshot('branch-prompt');
    session.git('branch', '-q', '-d', 'feature/invoice-pdf');
    await session.page.waitForTimeout(3000); // the deletion is scanned too: it must not ask again

    await toast.getByRole('button', { name: 'Name outcome' }).click();
    const input = session.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    assert.equal(await input.inputValue(), 'Invoice pdf', 'prefilled from the branch name');
    await input.fill('Customers download their invoices as PDF');
    await input.press('Enter');
    const linked = await eventually('the branch outcome with its two commits', () => {
      const rows = session.query(
        `SELECT c.sha FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id
          WHERE o.text = 'Customers download their invoices as PDF' AND o.source = 'branch'`,
      );
      return rows.length === 2 ? rows : undefined;
    });
    assert.deepEqual(linked.map((row) => row.sha).sort(), [first, second].sort());
    await session.page.waitForTimeout(1000);
    clearInterval(watching);
    const progressLogToasts = [...toasts].filter((text) => /What (shipped|moved forward)\?/.test(text));
    assert.deepEqual(progressLogToasts, [`Branch feature/invoice-pdf merged into main (2 commits) in ${session.workspace.split('/').pop()}. What shipped?`]);
  });

  test('a branch committed and merged in one shell line: exactly one prompt, about the branch, 2 commits', async function () {
    toasts.clear();
    watchToasts();
    // The line, as a script, an alias or `gh pr merge` runs it: Progress Log looks during the pause.
    execFileSync(
      'sh',
      ['-c', 'git checkout -q -b feature/quick-merge && echo 1 >> q.txt && git add -A && git commit -qm "work 1" && sleep 1 && echo 2 >> q.txt && git commit -qam "work 2" && git checkout -q main && git merge -q --no-ff feature/quick-merge -m "Merge quick" && git branch -q -d feature/quick-merge'],
      { cwd: session.workspace },
    );
    const toast = session.toast('Branch feature/quick-merge merged into main (2 commits)');
    await toast.waitFor({ timeout: 20_000 });
    await session.page.waitForTimeout(3000); // time enough for another prompt, if there were one
    await session.screenshot('quick-merge-prompt');
    clearInterval(watching);
    const progressLogToasts = [...toasts].filter((text) => /What (shipped|moved forward)\?/.test(text));
    assert.deepEqual(progressLogToasts, [`Branch feature/quick-merge merged into main (2 commits) in ${session.workspace.split('/').pop()}. What shipped?`]);
    const stored = session.query("SELECT c.subject, c.branch, c.status FROM commits c WHERE c.subject IN ('work 1', 'work 2') ORDER BY c.subject");
    assert.deepEqual(stored, [
      { subject: 'work 1', branch: 'feature/quick-merge', status: 'pending' },
      { subject: 'work 2', branch: 'feature/quick-merge', status: 'pending' },
    ]);
  });
});
