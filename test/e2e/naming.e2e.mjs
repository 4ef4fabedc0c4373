import * as assert from 'node:assert/strict';
import { openSession } from './session.mjs';

const HINT = 'Reads like activity: what changed for whom?';

suite('the naming input helps the line read as an outcome, in code-server', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession();
    await session.waitUntilWatching();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'naming');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  const widget = () => session.page.locator('.quick-input-widget');

  test('"chore: bump deps" shows the activity hint, an outcome line does not, and Enter saves either way', async () => {
    const { page } = session;
    const { sha, input } = await session.commitAndOpenInput('feat: saved searches');
    await input.fill('chore: bump deps');
    await widget().getByText(HINT).waitFor();
    await page.waitForTimeout(300);
    await session.screenshot('naming-activity-hint');
    await input.fill('Support finds a customer\'s earlier tickets in one search instead of five');
    await widget().getByText(HINT).waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    await session.screenshot('naming-outcome-no-hint');
    // Counted as routine activity, a line may read like activity: no hint.
    await input.fill('chore: bump deps');
    await widget().getByText(HINT).waitFor();
    await widget().getByRole('button', { name: /Shipped impact: click to count it as routine/ }).click();
    await widget().getByText(HINT).waitFor({ state: 'hidden' });
    await widget().getByRole('button', { name: /Routine activity: click to count it as shipped impact/ }).click();
    await widget().getByText(HINT).waitFor();
    // The hint informs; it never stops Enter.
    await input.press('Enter');
    const outcome = await session.outcomeOf(sha);
    assert.deepEqual({ ...outcome }, { text: 'chore: bump deps', kind: 'impact' });
  });

  test('Suggest fills the input with a line made from the commits, and says why no model was asked', async () => {
    const { page } = session;
    const { sha, input } = await session.commitAndOpenInput('fix(checkout): retry payments on gateway timeout');
    assert.equal(await input.inputValue(), 'Retry payments on gateway timeout');
    await widget().getByRole('button', { name: 'Suggest a line from this work' }).click();
    await widget().getByText(/AI features are off in VS Code \(chat\.disableAIFeatures\), so this line is made from your commits\./).waitFor();
    assert.equal(await input.inputValue(), 'Retry payments on gateway timeout for checkout');
    await page.waitForTimeout(300);
    await session.screenshot('naming-suggest-offline');
    assert.deepEqual(session.query('SELECT count(*) AS n FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE c.sha = ?', sha)[0].n, 0, 'a suggestion is never saved by itself');
    await input.fill('Shoppers keep their order when the payment gateway times out');
    await input.press('Enter');
    assert.equal((await session.outcomeOf(sha)).text, 'Shoppers keep their order when the payment gateway times out');
  });
});
