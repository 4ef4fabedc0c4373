import * as assert from 'node:assert/strict';
import { axeViolations } from './accessibility.mjs';
import { eventually, openSession } from './session.mjs';

const DAY = 86_400_000;

/**
 * A few months of a log, written as another window would (one transaction, then the log version
 * bumped so that the extension notices): 16 weeks of outcomes and commits in the workspace
 * repository and one more, two goals, one of them quiet for the last weeks.
 */
function seedMonths(session) {
  const [{ id: repoId }] = session.query('SELECT repo_id AS id FROM clones WHERE path = ?', session.workspace);
  // The session's query() is read-only; writing needs a connection of our own.
  return import('better-sqlite3').then(({ default: Database }) => {
    const db = new Database(session.databaseFile);
    let sequence = 0;
    const id = () => `E2E${String(++sequence).padStart(23, '0')}`;
    const now = Date.now();
    db.transaction(() => {
      db.prepare("INSERT INTO repositories (id, name, created_at, updated_at) VALUES ('web-shop', 'web-shop', 0, 0)").run();
      db.prepare("INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES ('checkout', 'Faster checkout', 'active', 0, ?, ?)").run(now - 140 * DAY, now);
      db.prepare("INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES ('onboarding', 'Onboarding guide', 'active', 1, ?, ?)").run(now - 140 * DAY, now);
      const outcome = db.prepare("INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, goal_id, reach, is_first) VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?, ?, ?)");
      const plan = db.prepare('INSERT INTO plan_items (id, week_start, text, state, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)');
      const commit = db.prepare("INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, status, recorded_at, updated_at) VALUES (?, ?, ?, 'work', 'dev@example.com', ?, ?, ?, ?)");
      for (let week = 16; week >= 1; week--) {
        const at = now - week * 7 * DAY;
        const impact = week % 4 === 0 ? 0 : 1 + (week % 3);
        for (let index = 0; index < impact; index++) {
          // Who it reached: more beyond the team in the recent weeks; one first.
          const reach = [week < 8 ? 'users' : 'team', 'teams', 'team', null][index % 4];
          outcome.run(id(), `Shipped ${week}.${index}`, 'impact', at + index * 3600_000, at, at, index % 2 ? 'web-shop' : repoId, week > 6 && index === 0 ? 'checkout' : week % 5 === 0 ? 'onboarding' : null, reach, week === 3 && index === 0 ? 1 : 0);
        }
        for (let index = 0; index < 1 + (week % 2); index++) outcome.run(id(), `Upkeep ${week}.${index}`, 'routine', at + index * 3600_000, at, at, repoId, null, null, 0);
        if (week <= 4) {
          const monday = new Date(at);
          monday.setHours(0, 0, 0, 0);
          monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
          ['landed', 'landed', week % 2 ? 'moved' : 'landed'].forEach((state, index) => plan.run(id(), monday.getTime(), `Planned ${week}.${index}`, state, index));
        }
        const commits = 6 + ((week * 7) % 11);
        for (let index = 0; index < commits; index++) commit.run(id(), index % 3 ? repoId : 'web-shop', id().toLowerCase().padEnd(40, '0'), at + index * 60_000, ['named', 'routine', 'routine', 'history', 'skipped'][index % 5], at, at);
      }
      db.prepare('UPDATE log_version SET version = version + 1 WHERE id = 1').run();
    })();
    db.close();
  });
}

/** The page inside the Insights webview (VS Code nests it in two frames). */
const insightsPage = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function openLogView(page) {
  await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'This week' }).first().waitFor();
}

for (const [theme, name] of [
  ['Default Light Modern', 'light'],
  ['Default Dark Modern', 'dark'],
  ['Default High Contrast', 'high-contrast'],
]) {
  suite(`a person looks at Insights (${name} theme)`, function () {
    let session;

    suiteSetup(async function () {
      session = await openSession({ theme });
      await session.waitUntilWatching();
      await seedMonths(session);
      await openLogView(session.page);
    });

    teardown(async function () {
      await session?.reportFailure(this.currentTest, `insights-${name}`);
    });

    suiteTeardown(async () => {
      await session?.close();
    });

    test('the button on the Weekly Log\'s title bar opens Insights: signals and four charts, drawn within half a second of its script starting', async () => {
      const { page } = session;
      const clicked = Date.now();
      // With the Goals view beside it, the Weekly Log's title actions show when its header is hovered.
      const logHeader = page.locator('.pane-header', { hasText: /^Weekly Log/ });
      await logHeader.hover();
      await logHeader.locator('.action-item a[aria-label="Show Insights"]').click();
      const insights = insightsPage(page);
      await insights.locator('svg.chart.weekly g.week').first().waitFor({ timeout: 30_000 });
      const shown = Date.now() - clicked;
      for (const chart of ['weekly', 'busy', 'goals', 'where']) await insights.locator(`svg.chart.${chart}`).first().waitFor();
      await insights.getByText('No outcome for “Onboarding guide”').waitFor();
      const [paint, drawing] = await eventually('the page\'s first paint in the log', () => {
        const match = session.extensionLogs().join('\n').match(/Insights: first paint (\d+) ms after the page started loading \((\d+) ms after its script started\)/);
        return match ? [Number(match[1]), Number(match[2])] : undefined;
      });
      console.log(`      Insights: first paint ${paint} ms after the page started loading, ${drawing} ms after its script started; ${shown} ms from the click to the drawn chart`);
      // The page's own work (read its numbers, draw four charts) stays within half a second. Loading
      // its two files through code-server comes on top: 0.1 s here when quiet, 0.7 s seen on a busy machine.
      assert.ok(drawing < 500, `drawing took ${drawing} ms`);
      assert.ok(paint < 1500, `first paint took ${paint} ms`);
      await page.waitForTimeout(400);
      await session.screenshot(`insights-${name}`);
      // Below the four charts: is the work growing? Reach per quarter, firsts, plan against done.
      await insights.getByRole('heading', { name: 'Is the work growing?' }).waitFor();
      for (const chart of ['reach', 'firsts', 'plan']) await insights.locator(`section.chart-section.${chart} svg`).first().waitFor();
      assert.match(await insights.locator('section.chart-section.plan .note').innerText(), /^\d+ of \d+ planned outcomes landed in the weeks that are over\.$/);
      await insights.locator('section.chart-section.reach').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await session.screenshot(`insights-growth-${name}`);
    });

    test(`axe-core finds nothing serious or critical in Insights (${name} theme)`, async () => {
      const { checked, serious, minor } = await axeViolations(session.page);
      if (minor.length) console.log(`      axe, minor: ${minor.join(', ')}`);
      assert.ok(checked > 10, `axe checked ${checked} rules`);
      assert.deepEqual(serious, []);
    });

    if (name === 'high-contrast') return; // opened and looked at; the rest is the same in every theme

    test('hovering a week shows its numbers', async () => {
      const { page } = session;
      const insights = insightsPage(page);
      const column = insights.locator('svg.chart.weekly g.week').nth(9);
      await column.hover();
      const tooltip = insights.locator('.tooltip:not([hidden])');
      await tooltip.waitFor();
      assert.match(await tooltip.innerText(), /shipped impact outcome/);
      if (name === 'dark') await session.screenshot('insights-hover-dark');
    });

    if (name === 'dark') return; // the clicking is the same in either theme; once is enough

    test('the table view lists every week\'s numbers, and reading it needs no chart', async () => {
      const { page } = session;
      const insights = insightsPage(page);
      await insights.locator('section.weekly button.toggle').click();
      const table = insights.locator('section.weekly table');
      await table.waitFor();
      assert.equal(await insights.locator('section.weekly button.toggle').getAttribute('aria-pressed'), 'true');
      assert.equal(await table.locator('caption').innerText(), 'Shipped impact, routine outcomes and unnamed commits per week');
      assert.equal(await table.locator('tbody tr').count(), 12);
      const headers = await table.locator('thead th').allInnerTexts();
      assert.deepEqual(headers.slice(0, 4), ['Week', 'Shipped impact', 'Routine outcomes', 'Unnamed commits']);
      // Every fourth week of the seed shipped nothing: four weeks ago is the eighth row.
      const fourWeeksAgo = table.locator('tbody tr').nth(7);
      assert.equal(await fourWeeksAgo.locator('td').first().innerText(), '0');
      await page.waitForTimeout(300);
      await session.screenshot('insights-table-light');
    });

    test('clicking a week shows it in the Weekly Log, loading older weeks as needed', async () => {
      const { page } = session;
      const insights = insightsPage(page);
      // Eleven weeks ago: older than the first page of weeks the log lists.
      const link = insights.locator('section.weekly button.week-link').nth(0);
      const label = await link.innerText();
      await link.click();
      const revealed = page.locator('.pane-body .monaco-list-row[aria-selected="true"]', { hasText: label });
      await revealed.waitFor({ timeout: 20_000 });
      assert.equal(await revealed.getAttribute('aria-expanded'), 'true');
      await page.locator('.pane-body .monaco-list-row', { hasText: /^Shipped impact \(\d+\)$/ }).first().waitFor();
      // Back in the chart: a click on a column reveals that week too.
      await insights.locator('section.weekly button.toggle').click();
      const column = insights.locator('svg.chart.weekly g.week').nth(8);
      const spoken = await column.getAttribute('aria-label');
      await column.click();
      const weekLabel = spoken.split(';')[0];
      await page.locator('.pane-body .monaco-list-row[aria-selected="true"]', { hasText: weekLabel }).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      await session.screenshot('insights-revealed-week');
    });

    test('after the window reloads, Insights is back on the range that was chosen', async () => {
      const { page } = session;
      const insights = insightsPage(page);
      await insights.locator('.ranges button[data-range="last12Months"]').click();
      await eventually('twelve months of weeks', async () => ((await insights.locator('svg.chart.weekly g.week').count()) >= 53 ? true : undefined));
      // Reload Window saves the window's state first (a browser's own reload may not: code-server
      // writes it to IndexedDB, which a page being unloaded does not wait for).
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await session.runCommand('Developer: Reload Window');
      await reloaded;
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      const revived = insightsPage(page);
      await revived.locator('.ranges button[data-range="last12Months"][aria-checked="true"]').waitFor({ timeout: 30_000 });
      await eventually('twelve months of weeks after the reload', async () => ((await revived.locator('svg.chart.weekly g.week').count()) >= 53 ? true : undefined));
      await eventually('the panel restored by Progress Log', () => (session.extensionLogs().some((log) => log.includes('Insights panel restored (last12Months)')) ? true : undefined));
      await session.screenshot('insights-after-reload');
    });
  });
}
