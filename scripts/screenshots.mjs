// The README's three pictures (media/screenshots/): the prompt after a commit, the Weekly Log, and
// Insights, taken the way the browser suite takes its own: the packaged progress-log.vsix installed
// into code-server, a repository named like a real one, a few months of a log.
//
//   npm run screenshots     (packages first)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { eventually, openSession } from '../test/e2e/session.mjs';
import { projectRoot } from './host.mjs';

const DAY = 86_400_000;
const outDir = path.join(projectRoot, 'media', 'screenshots');

const GOALS = [
  ['checkout', 'Faster checkout on mobile'],
  ['onboarding', 'Shops go live without a call'],
  ['support', 'Fewer tickets about orders'],
];
/** Weeks ago → what shipped that week, with its goal. */
const SHIPPED = [
  [1, 'Checkout answers in 1.2 s instead of 3 s on mid-range phones', 'checkout'],
  [1, 'Support finds any order by the customer’s email in one search', 'support'],
  [2, 'New shops import their catalogue from a CSV in the setup guide', 'onboarding'],
  [3, 'Refunds reach customers in a day instead of a week', 'support'],
  [4, 'Card errors say what to do next instead of “declined”', 'checkout'],
  [5, 'Tax settings are filled in from the shop’s country', 'onboarding'],
  [6, 'The cart keeps its items across devices', 'checkout'],
  [7, 'Order emails link to tracking for every carrier we ship with', 'support'],
  [9, 'Apple Pay on the web checkout', 'checkout'],
  [10, 'Setup guide: the first product in under five minutes', 'onboarding'],
  [11, 'Address lookup in 14 countries', 'checkout'],
];
const ROUTINE = ['Upgraded the payment SDK', 'Dependency updates', 'Renamed the order tables', 'CI caches the test database'];

function seed(session) {
  const [{ repo_id: repoId }] = session.query('SELECT repo_id FROM clones WHERE path = ?', session.workspace);
  const db = new Database(session.databaseFile);
  let sequence = 0;
  const id = () => `SHOT${String(++sequence).padStart(22, '0')}`;
  const now = Date.now();
  db.transaction(() => {
    GOALS.forEach(([goal, title], position) => {
      db.prepare("INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES (?, ?, 'active', ?, ?, ?)").run(goal, title, position, now - 90 * DAY, now);
    });
    const outcome = db.prepare("INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, goal_id) VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?)");
    const commit = db.prepare("INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, status, recorded_at, updated_at) VALUES (?, ?, ?, 'work', 'dev@example.com', ?, ?, ?, ?)");
    for (const [weeksAgo, text, goal] of SHIPPED) {
      const at = now - weeksAgo * 7 * DAY;
      outcome.run(id(), text, 'impact', at, at, at, repoId, goal);
    }
    for (let weeksAgo = 1; weeksAgo <= 11; weeksAgo++) {
      const at = now - weeksAgo * 7 * DAY;
      outcome.run(id(), ROUTINE[weeksAgo % ROUTINE.length], 'routine', at + 3_600_000, at, at, repoId, null);
      const commits = 5 + ((weeksAgo * 7) % 9);
      for (let index = 0; index < commits; index++) {
        commit.run(id(), repoId, randomBytes(20).toString('hex'), at + index * 60_000, ['named', 'routine', 'routine', 'named', 'skipped'][index % 5], at, at);
      }
    }
    db.prepare('UPDATE log_version SET version = version + 1 WHERE id = 1').run();
  })();
  db.close();
}

const session = await openSession({ theme: 'Default Light Modern', workspaceName: 'web-shop', settings: { 'progressLog.review.nudgeDay': 'off' } });
try {
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 800 });
  await session.waitUntilWatching();
  seed(session);
  await page.locator('.activitybar .action-item a[aria-label^="Progress Log"]').click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'This week' }).first().waitFor();
  // A wider side bar, so that outcome lines read whole: its sash dragged as a person would.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + 190, edge.y, { steps: 8 });
  await page.mouse.up();
  // Work done this week, named earlier.
  fs.appendFileSync(path.join(session.workspace, 'search.ts'), 'export const cache = new Map();\n');
  execFileSync('git', ['add', '-A'], { cwd: session.workspace });
  execFileSync('git', ['commit', '-q', '-m', 'feat(search): cache results'], { cwd: session.workspace });
  const first = session.toast('feat(search): cache results');
  await first.waitFor({ timeout: 30_000 });
  await first.getByRole('button', { name: 'Name outcome' }).click();
  const input = page.locator('.quick-input-widget input.input');
  await input.fill('Search answers in half the time for support');
  await input.press('Enter');
  await eventually('the first outcome', () => session.query("SELECT 1 FROM outcomes WHERE text LIKE 'Search answers%'")[0]);

  const sha = session.commit('fix(checkout): retry payments on gateway timeout', 'checkout.ts');
  const toast = session.toast(sha.slice(0, 7));
  await toast.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  fs.mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'prompt.png') });

  await toast.getByRole('button', { name: 'Name outcome' }).click();
  await input.fill('Checkout survives gateway timeouts: no more lost orders');
  await input.press('Enter');
  await session.outcomeOf(sha);
  const logPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Weekly Log/ }) });
  await logPane.locator('.monaco-list-row', { hasText: 'Last week' }).first().locator('.monaco-tl-twistie').click();
  await logPane.locator('.monaco-list-row', { hasText: 'Checkout answers in' }).waitFor();
  // Beside it, the week as it goes to a 1:1.
  await session.runCommand('Progress Log: Export for 1:1');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last week' }).first().click();
  await page.locator('.editor-instance .view-lines', { hasText: 'Shipped impact' }).waitFor();
  await page.mouse.move(900, 500);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(outDir, 'weekly-log.png') });

  await session.runCommand('Progress Log: Show Insights');
  const insights = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await insights.locator('svg.chart.weekly g.week').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(outDir, 'insights.png') });
  for (const name of ['prompt', 'weekly-log', 'insights']) {
    const file = path.join(outDir, `${name}.png`);
    process.stdout.write(`${path.relative(projectRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KiB)\n`);
  }
} catch (error) {
  await session.screenshot('screenshots-failed').catch(() => undefined);
  process.stderr.write(`The extension's log:\n${session.extensionLogs().join('\n')}\n`);
  throw error;
} finally {
  await session.close();
}
