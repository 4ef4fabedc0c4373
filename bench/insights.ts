/**
 * Benchmarks of Insights, for `npm run bench` (rows in bench/run.ts's style: each figure with its
 * ratio to a floor measured in the same run):
 * - the insight numbers of the last 12 months on a heavy year (100,000 outcomes, 1,000,000
 *   commits), cold and shown again, against counting the same rows once with raw SQLite, in turns;
 * - the Insights page's first paint in Chromium with a heavy year's numbers, against a blank page;
 * - the growth numbers (reach and firsts per quarter, plan versus done, their signals) of the same
 *   heavy year, with reach said for most shipped impact and a plan every week, against raw SQLite
 *   counting the same rows.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../src/core/logger';
import { growthQuarters } from '../src/insights/growth';
import { Insights } from '../src/insights/insights';
import { weekOf } from '../src/core/weeks';
import { rangeWeeks } from '../src/core/ranges';
import type { InsightNumbers } from '../src/insights/model';
import { Store } from '../src/storage/store';

type Record = (what: string, floor: string, measured: number, floorMs: number, target?: { text: string; met: boolean }) => void;
type Note = (what: string, detail: string) => void;
type Versus = (runs: number, floor: () => unknown, work: () => unknown) => Promise<{ floor: number; work: number }>;

const DAY = 86_400_000;
const STATUSES = ['named', 'named', 'named', 'routine', 'routine', 'routine', 'routine', 'history', 'pending', 'open', 'skipped'];

/**
 * A heavy year, written straight into a Store's schema: 8 repositories, 5 goals, 1,000,000
 * commits (every status; one in 50 a merge, one in 97 gone) and 100,000 outcomes (two in five
 * shipped impact, one in five under a branch's outcome, one in three linked to a goal).
 */
export function heavyYear(file: string, now: number): void {
  Store.open(file, { logger: silentLogger }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const yearStart = now - 365 * DAY;
  let sequence = 0;
  const id = () => (++sequence).toString(36).toUpperCase().padStart(26, '0');
  db.transaction(() => {
    const repositories = Array.from({ length: 8 }, (_, index) => {
      const repoId = id();
      db.prepare('INSERT INTO repositories (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)').run(repoId, `repo-${index}`);
      return repoId;
    });
    const goals = Array.from({ length: 5 }, (_, index) => {
      const goalId = id();
      db.prepare("INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES (?, ?, 'active', ?, ?, ?)").run(goalId, `Goal ${index}`, index, yearStart, yearStart);
      return goalId;
    });
    const commit = db.prepare(
      'INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, gone_at, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let index = 0; index < 1_000_000; index++) {
      const time = yearStart + Math.floor((index * 365 * DAY) / 1_000_000);
      const merge = index % 50 === 0;
      commit.run(id(), repositories[index % 8], index.toString(16).padStart(40, '0'), `chore: change ${index}`, 'dev@example.com', time, 'main', merge ? 1 : 0, merge ? 'ignored' : STATUSES[index % STATUSES.length], index % 97 === 0 ? time + 1000 : null, time, time);
    }
    const outcome = db.prepare('INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, branch, parent_id, goal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    let parent: string | null = null;
    for (let index = 0; index < 100_000; index++) {
      const time = yearStart + Math.floor((index * 365 * DAY) / 100_000);
      const outcomeId = id();
      const child = index % 5 === 4 && parent !== null;
      outcome.run(outcomeId, `Outcome ${index}`, index % 5 < 2 ? 'impact' : 'routine', 'commit', time, time, time, repositories[index % 8], 'main', child ? parent : null, index % 3 === 0 ? goals[index % 5] : null);
      if (!child) parent = outcomeId;
    }
  })();
  db.close();
}

/** Both Insights benchmarks on one heavy year. */
export async function benchInsights(projectRoot: string, versus: Versus, record: Record, note: Note): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-insights-'));
  try {
    const file = path.join(dir, 'heavy.sqlite');
    const now = Date.UTC(2026, 10, 20, 12);
    const started = performance.now();
    heavyYear(file, now);
    note('heavy year written (100,000 outcomes, 1,000,000 commits)', `${((performance.now() - started) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1048576).toFixed(0)} MiB`);
    const numbers = await benchInsightNumbers(file, now, versus, record);
    await benchGrowth(file, now, versus, record);
    await benchInsightsPaint(projectRoot, numbers, dir, record, note);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The insight numbers on a heavy year, cold (a new Insights: nothing kept) and shown again (the
 * same log version), against raw SQLite counting the same rows once; returns the numbers.
 */
async function benchInsightNumbers(file: string, now: number, versus: Versus, record: Record): Promise<InsightNumbers> {
  const options = { weekStart: 'monday' as const, timeZone: 'Europe/Berlin' };
  const weeks = rangeWeeks('last12Months', now, options);
  const from = weeks[0].start;
  const to = weeks[weeks.length - 1].end;
  const store = Store.open(file, { logger: silentLogger });
  const raw = new Database(file, { readonly: true });
  try {
    // Every counted commit and top-level outcome of the 12 months, counted once from its index.
    const countOnce = [
      raw.prepare("SELECT count(*) FROM commits WHERE status IN ('open', 'pending', 'named', 'routine', 'skipped', 'history') AND author_time >= ? AND author_time < ? AND gone_at IS NULL AND is_merge = 0"),
      raw.prepare('SELECT count(*) FROM outcomes INDEXED BY outcomes_shown_by_repo WHERE happened_at >= ? AND happened_at < ? AND parent_id IS NULL'),
    ];
    const floor = () => countOnce.map((statement) => statement.get(from, to));
    const fresh = () => new Insights(store, () => options, () => now);
    const target = (ms: number) => ({ text: '< 100 ms', met: ms < 100 });
    const cold = await versus(9, floor, () => fresh().numbers('last12Months'));
    record('insight numbers, 12 months of a heavy year', 'raw SQLite counting the same rows once', cold.work, cold.floor, target(cold.work));
    const defaultRange = await versus(9, floor, () => fresh().numbers('last12Weeks'));
    record('  the last 12 weeks (the default range; signals read 27)', 'raw SQLite counting 12 months once', defaultRange.work, defaultRange.floor);
    const insights = fresh();
    const numbers = insights.numbers('last12Months');
    const again = await versus(9, floor, () => insights.numbers('last12Months'));
    record('  shown again, the log unchanged (counts kept)', 'raw SQLite counting the same rows once', again.work, again.floor);
    return numbers;
  } finally {
    raw.close();
    store.close();
  }
}

/**
 * Growth on the heavy year: reach said for four in five of its shipped outcomes, one outcome in
 * 150 a first, and a plan of four items every week; cold (a new Insights), against raw SQLite
 * counting the same rows (shipped impact by quarter and reach, firsts, plan items by week and state).
 */
async function benchGrowth(file: string, now: number, versus: Versus, record: Record): Promise<void> {
  const options = { weekStart: 'monday' as const, timeZone: 'Europe/Berlin' };
  const writer = new Database(file);
  writer.exec(`UPDATE outcomes SET reach = CASE abs(random()) % 5 WHEN 0 THEN NULL WHEN 1 THEN 'team' WHEN 2 THEN 'teams' WHEN 3 THEN 'users' ELSE 'me' END WHERE kind = 'impact';
    UPDATE outcomes SET is_first = 1 WHERE rowid % 150 = 0;
    UPDATE log_version SET version = version + 1;`);
  const plan = writer.prepare("INSERT INTO plan_items (id, week_start, text, state, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)");
  writer.transaction(() => {
    for (let week = 0; week < 52; week++) {
      for (let item = 0; item < 4; item++) plan.run(`P${String(week * 4 + item).padStart(25, '0')}`, weekOf(now - week * 7 * DAY, options).start, `Planned ${week}.${item}`, ['landed', 'landed', 'moved', 'dropped'][item], item);
    }
  })();
  writer.close();
  const store = Store.open(file, { logger: silentLogger });
  const raw = new Database(file, { readonly: true });
  try {
    const from = growthQuarters(now, options.timeZone)[0].from;
    const counts = [
      raw.prepare("SELECT happened_at / 7776000000 AS q, reach, repo_id, goal_id, count(*) FROM outcomes INDEXED BY outcomes_shipped_reach WHERE happened_at >= ? AND kind = 'impact' AND parent_id IS NULL GROUP BY q, reach, repo_id, goal_id"),
      raw.prepare('SELECT count(*) FROM outcomes WHERE is_first = 1 AND parent_id IS NULL AND happened_at >= ?'),
      raw.prepare('SELECT week_start, state, count(*) FROM plan_items WHERE week_start >= ? GROUP BY week_start, state'),
    ];
    const floor = () => counts.map((statement) => statement.all(from));
    const growth = await versus(9, floor, () => new Insights(store, () => options, () => now).growth());
    record('growth numbers of a heavy year (reach, firsts, plans, signals)', 'raw SQLite counting the same rows', growth.work, growth.floor, { text: '< 100 ms', met: growth.work < 100 });
  } finally {
    raw.close();
    store.close();
  }
}

/**
 * The Insights page's first paint in Chromium: the real bundle and stylesheet, a heavy year's
 * numbers for 12 months, from navigation to the frame after the charts are drawn (the page's own
 * clock); against a blank page that reports its first frame the same way. Medians of 7 loads.
 */
async function benchInsightsPaint(projectRoot: string, numbers: InsightNumbers, dir: string, record: Record, note: Note): Promise<void> {
  const chromium = '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    note('Insights first paint', `skipped: needs Debian's chromium at ${chromium}`);
    return;
  }
  // The page as the webview has it: the stylesheet, the bundle, and a stand-in for the webview API
  // that answers "ready" with the numbers, as the extension does.
  const api = `window.acquireVsCodeApi = () => ({ getState: () => undefined, setState: () => {}, postMessage: (message) => {
      if (message.type === 'ready') window.postMessage({ type: 'numbers', numbers: ${JSON.stringify(numbers)} }, '*');
      if (message.type === 'painted') window.painted = message.ms;
    } });`;
  fs.copyFileSync(path.join(projectRoot, 'media', 'insights', 'insights.css'), path.join(dir, 'insights.css'));
  fs.writeFileSync(path.join(dir, 'api.js'), api);
  fs.writeFileSync(
    path.join(dir, 'page.html'),
    '<!DOCTYPE html><html><head><link rel="stylesheet" href="insights.css"></head><body class="vscode-dark"><main id="insights"></main><script src="api.js"></script><script src="insights.min.js"></script></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'blank.html'), '<!DOCTYPE html><html><body><main></main><script>requestAnimationFrame(() => { window.painted = performance.now(); });</script></body></html>');
  // The size the .vsix ships: the page's entry built as `npm run package` builds it (minified).
  const { build } = await import('esbuild');
  const shipped = await build({ entryPoints: [path.join(projectRoot, 'src', 'webview', 'insights', 'main.ts')], bundle: true, minify: true, format: 'iife', target: 'chrome120', write: false, logLevel: 'silent' });
  const minified = path.join(dir, 'insights.min.js');
  fs.writeFileSync(minified, shipped.outputFiles[0].contents);
  const gzipped = execFileSync('gzip', ['-9c', minified]).length;
  note('Insights page script, minified as shipped', `${(fs.statSync(minified).size / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzipped; stylesheet ${(fs.statSync(path.join(dir, 'insights.css')).size / 1024).toFixed(1)} KiB`);

  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const firstPaint = async (name: string) => {
      const values: number[] = [];
      for (let run = 0; run < 7; run++) {
        await page.goto(`file://${path.join(dir, name)}`);
        values.push((await (await page.waitForFunction('window.painted')).jsonValue()) as number);
      }
      return values.sort((a, b) => a - b)[3];
    };
    const blank = await firstPaint('blank.html');
    const insights = await firstPaint('page.html');
    record('Insights first paint, 12 months of a heavy year (53 weeks)', 'first frame of a blank page', insights, blank, { text: '< 500 ms', met: insights < 500 });
  } finally {
    await browser.close();
  }
}
