import * as assert from 'node:assert/strict';
import { openSession } from './session.mjs';

suite('two VS Code windows on one repository', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'windows');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('a commit is asked about in exactly one window', async () => {
    await session.waitUntilWatching();
    const second = await session.openAnotherWindow();
    // Both windows' extension hosts are up once the second one shows Progress Log's status bar item.
    await second.locator('.statusbar-item').filter({ has: second.locator('.codicon-rocket') }).first().waitFor({ timeout: 30_000 });
    await second.waitForTimeout(3000); // let its first scan of the repository finish
    const sha = session.commit('feat: one commit, two windows');
    const short = sha.slice(0, 7);
    const toastsIn = async (page) => page.locator('.notifications-toasts .notification-toast', { hasText: short }).count();
    let seen = 0;
    for (let waited = 0; waited < 10_000; waited += 250) {
      seen = (await toastsIn(session.page)) + (await toastsIn(second));
      if (seen > 0 && waited >= 6000) break; // both windows have had time to scan
      await second.waitForTimeout(250);
    }
    assert.equal(seen, 1, `${seen} windows asked about ${short}`);
    const [{ n }] = session.query('SELECT count(*) AS n FROM commits WHERE sha = ?', sha);
    assert.equal(n, 1);
    // Both windows saw the commit; only the one that recorded it first asked.
    const logs = session.extensionLogs();
    assert.equal(logs.filter((log) => log.includes('1 commit(s) arrived, 1 made here, 1 new work of yours')).length, 2, 'both windows scanned the commit');
    assert.equal(logs.filter((log) => log.includes(`claimed 1 commit(s) to ask about: ${short}`)).length, 1);
  });
});
