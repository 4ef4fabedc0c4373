import * as assert from 'node:assert/strict';
import { chooseFromContextMenu, eventually, openSession, panelOf, row, rowLabelled } from './session.mjs';

const PLAN = ['Checkout retries failed payments', 'Refunds in one click', 'On-call runbook the team trusts'];

suite('a week planned in the review, its outcomes matched from the Weekly Log, and the next review counting what landed (light theme)', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession({ theme: 'Default Light Modern', settings: { 'progressLog.review.nudgeDay': 'off' } });
    await session.waitUntilWatching();
    // Something in the log, so that the Weekly Log lists its weeks rather than its welcome.
    await session.commitAndName('docs: contributing guide', 'Contributors find the setup steps in one place');
    await session.page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
    await row(session.page, 'This week').waitFor();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'growth');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('last week’s review plans this week: three outcomes, one tied to nothing, typed and added with Enter and the button', async () => {
    const { page } = session;
    await chooseFromContextMenu(page, rowLabelled(page, 'Last week'), 'Review Week…');
    const review = panelOf(page);
    await review.getByRole('heading', { level: 1 }).filter({ hasText: 'Weekly review: Last week' }).waitFor({ timeout: 30_000 });
    await review.getByRole('heading', { level: 3 }).filter({ hasText: /^Next week: / }).waitFor();
    const line = review.getByLabel('A planned outcome');
    await line.fill(PLAN[0]);
    await line.press('Enter');
    await review.locator('.plan-item', { hasText: PLAN[0] }).waitFor();
    await line.fill(PLAN[1]);
    await review.getByRole('button', { name: 'Add to plan' }).click();
    await review.locator('.plan-item', { hasText: PLAN[1] }).waitFor();
    await line.fill(PLAN[2]);
    await line.press('Enter');
    await review.locator('.plan-item', { hasText: PLAN[2] }).waitFor();
    assert.equal(await line.inputValue(), '', 'the input is emptied for the next one');
    const planned = session.query("SELECT text, state FROM plan_items ORDER BY position");
    assert.deepEqual(planned.map((item) => [item.text, item.state]), PLAN.map((text) => [text, 'open']));
    await page.waitForTimeout(300);
    await session.screenshot('growth-plan-in-review');
  });

  test('the Weekly Log shows the plan at the top of this week, 0 of 3 landed', async () => {
    const { page } = session;
    await rowLabelled(page, 'Planned').waitFor();
    assert.match(await rowLabelled(page, 'Planned').innerText(), /0 of 3 landed/);
    await row(page, PLAN[2]).waitFor();
  });

  test('two outcomes named from their notifications are matched to the plan from their rows: the suggested item first, Enter lands it', async () => {
    const { page } = session;
    await session.commitAndName('feat(checkout): retry failed payments', 'Checkout retries failed payments for customers');
    await session.commitAndName('feat(refunds): one-click refunds', 'Refunds in one click for support');
    // The second outcome's row comes in above the first: right-clicking before it did would hit whatever row moved under the pointer.
    await row(page, 'Refunds in one click for support').waitFor();
    await row(page, 'Checkout retries failed payments for customers').waitFor();
    for (const [outcome, planned] of [
      ['Checkout retries failed payments for customers', PLAN[0]],
      ['Refunds in one click for support', PLAN[1]],
    ]) {
      await chooseFromContextMenu(page, row(page, outcome), 'Match to the Week\'s Plan…');
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.waitFor();
      assert.match(await first.innerText(), new RegExp(`${planned}[\\s\\S]*suggested`), 'the item its words share comes first');
      await page.keyboard.press('Enter');
      await eventually(`"${planned}" landed`, () => session.query("SELECT 1 FROM plan_items WHERE text = ? AND state = 'landed'", planned)[0]);
    }
    await eventually('the plan row counting both', async () => (/2 of 3 landed/.test(await rowLabelled(page, 'Planned').innerText()) ? true : undefined));
    await page.waitForTimeout(300);
    await session.screenshot('growth-plan-in-weekly-log');
  });

  test('this week’s review shows 2 of 3 landed, each item with what it landed as, and the third still to settle', async () => {
    const { page } = session;
    await session.runCommand('Progress Log: Review Week…');
    const review = panelOf(page);
    await review.getByRole('heading', { level: 1 }).filter({ hasText: 'Weekly review: This week' }).waitFor({ timeout: 30_000 });
    await review.getByText('2 of 3 planned outcomes landed in the last week').waitFor();
    const items = review.locator('#plan-body .plan-item');
    const texts = (await items.allInnerTexts()).slice(0, 3).map((text) => text.replace(/\s+/g, ' '));
    assert.match(texts[0], /^landed Checkout retries failed payments landed as “Checkout retries failed payments for customers”/);
    assert.match(texts[1], /^landed Refunds in one click landed as “Refunds in one click for support”/);
    assert.match(texts[2], /^open On-call runbook the team trusts/);
    await review.getByRole('button', { name: `Move to next week: ${PLAN[2]}` }).click();
    await eventually('moved on, and planned again for next week', () => session.query("SELECT 1 FROM plan_items WHERE text = ? AND state = 'open'", PLAN[2]).length === 1 && session.query("SELECT 1 FROM plan_items WHERE text = ? AND state = 'moved'", PLAN[2])[0]);
  });

  test('who the two outcomes reached: both ticked and set at once; one changed alone from its menu', async () => {
    const { page } = session;
    const review = panelOf(page);
    await review.getByRole('heading', { level: 3 }).filter({ hasText: 'Who did it reach?' }).waitFor();
    const retries = 'Checkout retries failed payments for customers';
    const refunds = 'Refunds in one click for support';
    // Enter in the naming input saved the reach its words suggested ("customers"); the other line names nobody.
    const menu = (text) => review.getByLabel(`Who “${text}” reached`);
    assert.equal(await menu(retries).locator('option:checked').innerText(), 'Users or customers');
    assert.equal(await menu(refunds).locator('option:checked').innerText(), 'Not said');
    await review.getByLabel(`Tick: ${retries}`).check();
    await review.getByLabel(`Tick: ${refunds}`).check();
    await review.getByText('2 ticked').waitFor();
    await review.getByLabel('Who the ticked outcomes reached').selectOption({ label: 'The whole organisation' });
    await review.getByRole('button', { name: 'Set for the ticked' }).click();
    await eventually('both marked', () => (session.query("SELECT 1 FROM outcomes WHERE reach = 'organisation'").length === 2 ? true : undefined));
    await eventually('the menus say so', async () => ((await menu(refunds).locator('option:checked').innerText()) === 'The whole organisation' ? true : undefined));
    await menu(refunds).selectOption({ label: 'Other teams' });
    await eventually('one changed alone', () => session.query("SELECT 1 FROM outcomes WHERE text = ? AND reach = 'teams'", refunds)[0]);
    assert.equal(session.query('SELECT reach FROM outcomes WHERE text = ?', retries)[0].reach, 'organisation');
    await review.locator('#firsts').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await session.screenshot('growth-reach-in-review');
  });
});
