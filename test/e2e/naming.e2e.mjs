import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../scripts/host.mjs';
import { eventually, openSession } from './session.mjs';

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

suite('Suggest asks the language model VS Code provides (a fake one, test/fakeModel), only when clicked', function () {
  let session;
  /** What the fake model will answer: a line with a number the commits never gave. */
  const ANSWER = 'Checkout keeps the order when the payment gateway times out, cutting failed orders by 35%';

  suiteSetup(async function () {
    // The fake model as tsc compiled it, with its manifest beside it (as the extension-host suite loads it).
    const fakeModel = path.join(projectRoot, 'out', 'test', 'fakeModel');
    fs.copyFileSync(path.join(projectRoot, 'test', 'fakeModel', 'package.json'), path.join(fakeModel, 'package.json'));
    session = await openSession({
      settings: { 'chat.disableAIFeatures': false, 'progressLog.suggest.enabled': true },
      helperExtensions: [{ folder: fakeModel, files: { 'replies.json': JSON.stringify([{ text: ANSWER }]) } }],
    });
    await session.waitUntilWatching();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'naming-model');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  const widget = () => session.page.locator('.quick-input-widget');
  const requestsFile = () => path.join(session.helpers[0], 'requests.jsonl');
  const requests = () => (fs.existsSync(requestsFile()) ? fs.readFileSync(requestsFile(), 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : []);

  test('the checked line prefills the input with the invented number cut off and said; the person edits it, and Enter saves their words', async () => {
    const { page } = session;
    fs.writeFileSync(path.join(session.workspace, '.env'), 'STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n');
    const { sha, input } = await session.commitAndOpenInput('fix(checkout): retry payments on gateway timeout');
    assert.equal(await input.inputValue(), 'Retry payments on gateway timeout');
    await page.waitForTimeout(500);
    assert.deepEqual(requests(), [], 'nothing reaches a model before the click');
    await widget().getByRole('button', { name: 'Suggest a line from this work' }).click();
    await widget().getByText(/^Left out what this work does not say: .*35%/).waitFor();
    assert.equal(await input.inputValue(), 'Checkout keeps the order when the payment gateway times out');
    // The title follows the line put there, as it follows a typed one: "Checkout" reached users or customers.
    await eventually('the reach of the suggested line in the title', async () => ((await widget().locator('.quick-input-title').innerText()).replace(/\u00a0/g, ' ').includes('Reach: Users or customers') ? true : undefined));
    await page.waitForTimeout(300);
    await session.screenshot('naming-suggest-model');
    const [request, ...more] = requests();
    assert.equal(more.length, 0, 'one click, one request');
    assert.equal(request.suggestEnabled, true);
    assert.match(request.prompt, /fix\(checkout\): retry payments on gateway timeout/);
    assert.doesNotMatch(request.prompt, /sk_live_|\.env\b/, 'the .env file and its secret never reach the model');
    assert.deepEqual(session.query('SELECT count(*) AS n FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE c.sha = ?', sha)[0].n, 0, 'a suggestion is never saved by itself');
    await input.press('End');
    await input.pressSequentially(' at peak');
    await eventually('the note gone once the line is edited', async () => ((await widget().getByText(/^Left out what this work/).count()) === 0 ? true : undefined));
    await input.press('Enter');
    assert.equal((await session.outcomeOf(sha)).text, 'Checkout keeps the order when the payment gateway times out at peak');
    assert.equal(session.query('SELECT reach FROM outcomes WHERE text = ?', 'Checkout keeps the order when the payment gateway times out at peak')[0].reach, 'users');
  });
});
