/* global document -- the function given to frame.evaluate runs in the browser */
import * as assert from 'node:assert/strict';
import { axeViolations, webviewFrame } from './accessibility.mjs';
import { eventually, openSession, panelOf, row, rowLabelled } from './session.mjs';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** The nudge is due as soon as the settings say so: today, from midnight, every day a working day, all day. */
const NUDGE_NOW = () => ({
  'progressLog.review.nudgeDay': WEEKDAYS[new Date().getDay()],
  'progressLog.review.nudgeTime': '00:00',
  'progressLog.review.workingDays': WEEKDAYS,
  'progressLog.review.workingHours': '00:00-24:00',
});

/** A commit named from its notification: the week's first shipped outcome. */
async function nameOne(session) {
  const named = await session.commitAndOpenInput('feat(search): cache results');
  await named.input.fill('Search answers in half the time for support');
  await named.input.press('Enter');
  await session.outcomeOf(named.sha);
}

/** Shows the whole panel for a picture, then puts the window back. */
async function fullPanelScreenshot(session, name) {
  const { page } = session;
  await page.setViewportSize({ width: 1400, height: 1900 });
  await page.waitForTimeout(600);
  const file = await session.screenshot(name);
  await page.setViewportSize({ width: 1400, height: 860 });
  return file;
}

suite('a person reviews the week from the nudge (light theme)', function () {
  let session;

  suiteSetup(async function () {
    // The nudge stays off while the week is made, so that it cannot come early.
    session = await openSession({ theme: 'Default Light Modern', settings: { 'progressLog.review.nudgeDay': 'off' } });
    await session.waitUntilWatching();
    await nameOne(session);
    // Accepting the suggestion as it is: a line that is still just the commit subject.
    const accepted = await session.commitAndOpenInput('fix(checkout): retry payments on gateway timeout');
    await accepted.input.press('Enter');
    await session.outcomeOf(accepted.sha);
    session.commit('feat: saved searches');
    await eventually('the waiting commit', () => session.query("SELECT 1 FROM commits WHERE status = 'pending'")[0]);
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'review');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('when the moment comes, one notification counts the week and offers the review; "Review" opens it', async () => {
    const { page } = session;
    await session.editSettings(NUDGE_NOW());
    const toast = session.toast('Review it?');
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /This week: 2 shipped, 0 routine, 1 waiting\. Review it\?/);
    await page.waitForTimeout(400);
    await session.screenshot('review-nudge');
    await toast.getByRole('button', { name: 'Review' }).click();
    const review = panelOf(page);
    await review.getByRole('heading', { level: 1 }).filter({ hasText: 'Weekly review: This week' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(session.query('SELECT answer FROM nudges').map((entry) => entry.answer), ['review']);
  });

  test('axe-core finds nothing serious or critical in the review (light theme)', async () => {
    const { checked, serious, minor } = await axeViolations(session.page);
    if (minor.length) console.log(`      axe, minor: ${minor.join(', ')}`);
    assert.ok(checked > 10, `axe checked ${checked} rules`);
    assert.deepEqual(serious, []);
  });

  test('the waiting commit is named right in the review, with Enter', async () => {
    const review = panelOf(session.page);
    const input = review.getByLabel('feat: saved searches');
    assert.equal(await input.inputValue(), 'Saved searches', 'the suggestion the prompt would offer');
    // Tab order inside the card: the line, its kind, then saving it, then asking for a suggestion.
    await input.focus();
    await session.page.keyboard.press('Tab');
    assert.equal(await review.locator(':focus').innerText(), 'Kind: Shipped impact');
    await session.page.keyboard.press('Tab');
    assert.equal(await review.locator(':focus').innerText(), 'Save name');
    await session.page.keyboard.press('Tab');
    assert.equal(await review.locator(':focus').innerText(), 'Suggest');
    // Suggest, with VS Code's AI features off as in this host: the line from the commits, and why.
    await session.page.keyboard.press('Enter');
    await review.getByText('AI features are off in VS Code (chat.disableAIFeatures), so this line is made from your commits.', { exact: true }).waitFor();
    assert.equal(await input.inputValue(), 'Saved searches');
    await session.page.waitForTimeout(300);
    await session.screenshot('review-suggest');
    await input.fill('Support saves the searches they repeat every day');
    await input.press('Enter');
    await eventually('the named commit', () => session.query("SELECT 1 FROM outcomes WHERE text = 'Support saves the searches they repeat every day'")[0]);
    await review.getByText('Nothing from this week waits for a name.').waitFor();
  });

  test('a line that is still the commit subject is pointed out', async () => {
    const review = panelOf(session.page);
    await review.getByText('“Retry payments on gateway timeout” reads like activity: what changed, and for whom?').waitFor();
  });

  test('answer a question, pick a highlight with the keyboard, save with Ctrl+Enter', async () => {
    const { page } = session;
    const review = panelOf(page);
    await review.getByLabel('What moved forward?').fill('Search is twice as fast for support.\nSaved searches shipped.');
    const star = review.getByRole('button', { name: 'Highlight: Search answers in half the time for support' });
    await star.focus();
    await page.keyboard.press('Space');
    await eventually('the highlight picked', async () => ((await star.getAttribute('aria-pressed')) === 'true' ? true : undefined));
    await review.getByText('1 of 3 picked.').waitFor();
    await fullPanelScreenshot(session, 'review-light');
    await page.keyboard.press('Control+Enter');
    await review.getByText('Saved. The week shows as reviewed in the Weekly Log.').waitFor();
    const [saved] = await eventually('the saved review', () => session.query('SELECT id, moved_forward FROM reviews'));
    assert.equal(saved.moved_forward, 'Search is twice as fast for support.\nSaved searches shipped.');
    const highlights = session.query('SELECT o.text FROM review_highlights h JOIN outcomes o ON o.id = h.outcome_id WHERE h.review_id = ? ORDER BY h.position', saved.id);
    assert.deepEqual(highlights.map((entry) => entry.text), ['Search answers in half the time for support']);
  });

  test('the Weekly Log shows the week as reviewed, with the highlight and the answer under it', async () => {
    const { page } = session;
    await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
    await row(page, 'This week').waitFor();
    await eventually('"reviewed" on the week row', async () => ((await row(page, 'This week').innerText()).includes('reviewed') ? true : undefined));
    // A click on "Reviewed" opens the review; its twistie shows what is under it.
    await rowLabelled(page, 'Reviewed').locator('.monaco-tl-twistie').click();
    await row(page, 'Moved forward: Search is twice as fast for support.').waitFor();
    await page.waitForTimeout(300);
    await session.screenshot('review-weekly-log');
  });

  test('Export for 1:1 of this week leads with the highlight', async () => {
    const { page } = session;
    await page.keyboard.press('Escape');
    await session.runCommand('Progress Log: Export for 1:1');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'This week' }).first().click();
    const editor = page.locator('.editor-instance .view-lines');
    await editor.waitFor();
    const editorText = async () => (await editor.innerText()).replace(/\u00a0/g, ' ');
    await eventually('the report in the editor', async () => ((await editorText()).includes('## Shipped impact') ? true : undefined));
    const text = await editorText();
    assert.ok(text.indexOf('## Highlights') < text.indexOf('## Shipped impact'), text);
    const lead = text.slice(text.indexOf('## Highlights'), text.indexOf('## Shipped impact'));
    assert.match(lead, /- Search answers in half the time for support/);
    await session.screenshot('review-export');
  });

  test('what was typed survives the panel being hidden: a line being sharpened comes back as typed', async () => {
    const { page } = session;
    const typed = 'Checkout retries a timed-out payment instead of failing the order';
    const sharpening = () => panelOf(page).getByLabel('“Retry payments on gateway timeout” reads like activity: what changed, and for whom?');
    await session.runCommand('Progress Log: Review Week…');
    await sharpening().fill(typed);
    // Another editor in front: VS Code drops the hidden page, and makes it again from what it kept.
    await page.locator('.tabs-container .tab').filter({ hasNotText: 'Review:' }).first().click();
    await eventually('the hidden page dropped', async () => ((await page.locator('iframe.webview.ready').count()) === 0 ? true : undefined));
    await session.runCommand('Progress Log: Review Week…');
    assert.equal(await sharpening().inputValue(), typed);
  });
});

for (const [theme, name] of [
  ['Default Dark Modern', 'dark'],
  ['Default High Contrast', 'high-contrast'],
]) {
  suite(`the review panel in the ${name} theme`, function () {
    let session;

    suiteSetup(async function () {
      session = await openSession({ theme, settings: { 'progressLog.review.nudgeDay': 'off' } });
      await session.waitUntilWatching();
      const accepted = await session.commitAndOpenInput('fix(checkout): retry payments on gateway timeout');
      await accepted.input.press('Enter');
      await session.outcomeOf(accepted.sha);
      session.commit('feat: saved searches');
      await eventually('the waiting commit', () => session.query("SELECT 1 FROM commits WHERE status = 'pending'")[0]);
    });

    suiteTeardown(async () => {
      await session?.close();
    });

    test('Review Week… from the palette opens this week, readable in the theme', async () => {
      const { page } = session;
      await session.runCommand('Progress Log: Review Week…');
      const review = panelOf(page);
      await review.getByRole('heading', { level: 1 }).filter({ hasText: 'Weekly review: This week' }).waitFor({ timeout: 30_000 });
      await review.getByLabel('What is the one outcome that matters most next week?').fill('Refunds for every shop');
      await review.getByRole('button', { name: /^Highlight: / }).first().click();
      await review.getByLabel('feat: saved searches').fill('Saved searches \u202E for support');
      await fullPanelScreenshot(session, `review-${name}`);
    });

    test(`axe-core finds nothing serious or critical in the review (${name} theme)`, async () => {
      const { checked, serious, minor } = await axeViolations(session.page);
      if (minor.length) console.log(`      axe, minor: ${minor.join(', ')}`);
      assert.ok(checked > 10, `axe checked ${checked} rules`);
      assert.deepEqual(serious, []);
    });
  });
}

suite('a person reviews the week with the keyboard alone', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession({ theme: 'Default Light Modern', settings: { 'progressLog.review.nudgeDay': 'off' } });
    await session.waitUntilWatching();
    await nameOne(session);
    session.commit('feat: saved searches');
    await eventually('the waiting commit', () => session.query("SELECT 1 FROM commits WHERE status = 'pending'")[0]);
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'review-keyboard');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test('open the review from the Command Palette, name the waiting commit, pick a highlight and save: no mouse', async () => {
    const { page } = session;
    await page.keyboard.press('F1');
    await page.keyboard.type('Progress Log: Review Week');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Review Week' }).first().waitFor();
    await page.keyboard.press('Enter');
    const review = panelOf(page);
    await review.getByRole('heading', { level: 1 }).filter({ hasText: 'Weekly review: This week' }).waitFor({ timeout: 30_000 });
    const frame = await webviewFrame(page);
    /** What a screen reader would name the focused element by: its label, else its text. */
    const focused = () =>
      frame.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return '';
        return element.getAttribute('aria-label') ?? element.labels?.[0]?.innerText ?? element.innerText ?? element.tagName;
      });
    /** Presses Tab until the focused element is the one wanted, as a person tabs through the page. */
    const tabTo = async (wanted) => {
      const seen = [];
      for (let presses = 0; presses < 60; presses++) {
        const name = await focused();
        if (name === wanted) return;
        seen.push(name);
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached "${wanted}"; it went through: ${seen.join(' | ')}`);
    };
    await tabTo('feat: saved searches');
    // The input holds the suggestion: selected from its end, then typed over.
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('Support saves the searches they repeat every day', { delay: 20 });
    assert.equal(await review.getByLabel('feat: saved searches').inputValue(), 'Support saves the searches they repeat every day');
    await page.keyboard.press('Enter');
    await review.getByText('Nothing from this week waits for a name.').waitFor();
    await eventually('the named commit', () => session.query("SELECT 1 FROM outcomes WHERE text = 'Support saves the searches they repeat every day'")[0]);
    await tabTo('Highlight: Search answers in half the time for support');
    await page.keyboard.press('Space');
    await review.getByText('1 of 3 picked.').waitFor();
    await page.keyboard.press('Control+Enter');
    await review.getByText('Saved. The week shows as reviewed in the Weekly Log.').waitFor();
    const [saved] = await eventually('the saved review', () => session.query('SELECT id FROM reviews'));
    const highlights = session.query('SELECT o.text FROM review_highlights h JOIN outcomes o ON o.id = h.outcome_id WHERE h.review_id = ?', saved.id);
    assert.deepEqual(highlights.map((entry) => entry.text), ['Search answers in half the time for support']);
    await fullPanelScreenshot(session, 'review-keyboard');
  });
});
