/**
 * `npm run bench`: what Progress Log costs, as ratios against floors measured in the same run on the
 * same machine, so that the numbers mean something anywhere:
 * - a scan after one commit, against the cheapest git call there is (`git rev-parse HEAD`);
 * - saving an outcome, against a raw SQLite insert in a transaction; the same insert made durable
 *   (synchronous = FULL, as what the user typed is written), against the same floor;
 * - reading a week of a year-long log, against a raw indexed SELECT of that week's rows;
 * - loading the bundle, against loading an empty module (time and memory);
 * - Insights on a heavy year: its numbers against raw SQLite, its page's first paint against a
 *   blank page (bench/insights.ts).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitScanner } from '../src/capture/commitScanner';
import { silentLogger } from '../src/core/logger';
import { previousWeek, weekOf } from '../src/core/weeks';
import { GitReader } from '../src/git/gitReader';
import { GitRunner } from '../src/git/gitRunner';
import { WeeklyLog } from '../src/log/weeklyLog';
import { benchInsights } from './insights';
import { Store } from '../src/storage/store';

const projectRoot = path.resolve(__dirname, '../..');
const rows: { what: string; floor: string; ratio: number; detail: string }[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(runs: number, work: (index: number) => unknown | Promise<unknown>, before?: (index: number) => void): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    before?.(index);
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function record(what: string, floor: string, measured: number, floorMs: number): void {
  rows.push({ what, floor, ratio: measured / floorMs, detail: `${measured.toFixed(2)} ms vs ${floorMs.toFixed(2)} ms` });
}

/** A repository with `commits` commits on main and `branches` branches, made with fast-import. */
function bigRepository(commits: number, branches: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-repo-'));
  const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: root, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  git(['init', '-q', '--initial-branch=main']);
  git(['config', 'user.email', 'dev@example.com']);
  git(['config', 'user.name', 'Dev Eloper']);
  const start = Math.floor(Date.now() / 1000) - commits * 60;
  let stream = '';
  for (let index = 1; index <= commits; index++) {
    const content = `line ${index}\n`;
    stream += `commit refs/heads/main\nmark :${index}\nauthor Dev Eloper <dev@example.com> ${start + index * 60} +0000\ncommitter Dev Eloper <dev@example.com> ${start + index * 60} +0000\n`;
    stream += `data ${`chore: change ${index}`.length}\nchore: change ${index}\n`;
    if (index > 1) stream += `from :${index - 1}\n`;
    stream += `M 644 inline file${index % 50}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  for (let branch = 0; branch < branches; branch++) stream += `reset refs/heads/feature/b${branch}\nfrom :${commits - branch * 10}\n\n`;
  git(['fast-import', '--quiet'], stream);
  git(['checkout', '-q', 'main']);
  return root;
}

async function benchScan(): Promise<void> {
  const root = bigRepository(5000, 40);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-db-'));
  const store = Store.open(path.join(dbDir, 'bench.sqlite'), { logger: silentLogger });
  const scanner = new CommitScanner(new GitReader(new GitRunner({ logger: silentLogger })), store, silentLogger);
  await scanner.scan(root);
  const floor = await time(15, () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }));
  let counter = 0;
  const commit = () => {
    fs.appendFileSync(path.join(root, 'work.txt'), `${++counter}\n`);
    execFileSync('git', ['commit', '-q', '-am', `feat: bench ${counter}`], { cwd: root });
  };
  execFileSync('git', ['add', '-A'], { cwd: root });
  fs.writeFileSync(path.join(root, 'work.txt'), 'start\n');
  execFileSync('git', ['add', 'work.txt'], { cwd: root });
  execFileSync('git', ['commit', '-q', '-m', 'chore: add work file'], { cwd: root });
  await scanner.scan(root);
  const scan = await time(15, () => scanner.scan(root), commit);
  record('scan after one commit (5,000 commits, 40 branches)', 'git rev-parse HEAD', scan, floor);
  const idle = await time(15, () => scanner.scan(root));
  record('scan when nothing changed', 'git rev-parse HEAD', idle, floor);
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(dbDir, { recursive: true, force: true });
}

async function benchStore(): Promise<void> {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-db-'));
  const store = Store.open(path.join(dbDir, 'bench.sqlite'), { logger: silentLogger });
  const raw = new Database(path.join(dbDir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE outcomes (id INTEGER PRIMARY KEY, text TEXT, kind TEXT, happened_at INTEGER)');
  const insert = raw.prepare('INSERT INTO outcomes (text, kind, happened_at) VALUES (?, ?, ?)');
  const floor = await time(300, (index) => raw.transaction(() => insert.run(`Outcome ${index}`, 'impact', Date.now())).immediate());
  const save = await time(300, (index) => store.outcomes.save({ text: `Outcome ${index}`, kind: 'impact', source: 'manual' }));
  record('save an outcome', 'raw SQLite insert in a transaction', save, floor);
  // What the user typed is committed with synchronous = FULL: it survives a power cut, not only a crash.
  raw.pragma('synchronous = FULL');
  const durable = await time(300, (index) => raw.transaction(() => insert.run(`Durable ${index}`, 'impact', Date.now())).immediate());
  raw.pragma('synchronous = NORMAL');
  record('the same insert, synchronous = FULL (user-typed writes)', 'raw SQLite insert in a transaction', durable, floor);

  // A year of history: 10 outcomes and 40 routine commits a week.
  const now = Date.now();
  const { repo, cloneId } = store.clones.ensure('/bench/repo');
  for (let week = 0; week < 52; week++) {
    const base = now - week * 7 * 86_400_000;
    const commits = Array.from({ length: 40 }, (_, index) => ({
      sha: `${week.toString(16).padStart(4, '0')}${index.toString(16).padStart(4, '0')}`.padEnd(40, 'a'),
      subject: `chore: routine ${week}.${index}`,
      authorEmail: 'dev@example.com',
      authorTime: base - index * 60_000,
      branch: 'main',
      isMerge: false,
      status: 'pending' as const,
    }));
    const claimed = store.scans.record(cloneId, repo.id, { position: new Map(), commits }).commits;
    store.outcomes.settleCommits(claimed.slice(10).map((commit) => commit.id), 'routine');
    for (let index = 0; index < 10; index++) {
      store.outcomes.save({ text: `Shipped ${week}.${index}`, kind: index % 3 ? 'impact' : 'routine', source: 'commit', commitIds: [claimed[index].id] });
    }
  }
  const options = { weekStart: 'monday' as const, timeZone: 'UTC' };
  const log = new WeeklyLog(store, () => options);
  const week = previousWeek(previousWeek(weekOf(now, options), options), options);
  const rawRead = new Database(store.file, { readonly: true });
  const select = rawRead.prepare('SELECT * FROM outcomes WHERE happened_at >= ? AND happened_at < ?');
  const selectCommits = rawRead.prepare("SELECT * FROM commits WHERE status = 'routine' AND author_time >= ? AND author_time < ?");
  const readFloor = await time(200, () => {
    select.all(week.start, week.end);
    selectCommits.all(week.start, week.end);
  });
  const readWeek = await time(200, () => log.week(week));
  record('read one week of a year-long log', 'raw indexed SELECTs of that week', readWeek, readFloor);
  const listWeeks = await time(50, () => log.weeks(8));
  record('list the first page of weeks', 'raw indexed SELECTs of one week', listWeeks, readFloor);
  rawRead.close();
  raw.close();
  store.close();
  fs.rmSync(dbDir, { recursive: true, force: true });
}

/** Loads the bundle the way the extension host does, with a stand-in for the `vscode` module. */
function benchBundleLoad(): void {
  const bundle = path.join(projectRoot, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/extension.js is missing: run "npm run compile" first');
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-empty-')), 'extension.js');
  fs.writeFileSync(empty, 'exports.activate = () => undefined;\n');
  // Only what the bundle touches while loading needs to exist; nothing of VS Code runs here.
  class StandIn {}
  const stand = Object.fromEntries(['ThemeIcon', 'ThemeColor', 'EventEmitter', 'Disposable', 'TreeItem', 'Uri', 'MarkdownString'].map((name) => [name, StandIn]));
  const load = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = load._load;
  load._load = (request, ...rest) => (request === 'vscode' ? stand : original(request, ...rest));
  const measure = (file: string) => {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    // A plain require, as VS Code's extension host loads an extension's main file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    return { ms: performance.now() - started, rss: process.memoryUsage().rss - before };
  };
  const floor = measure(empty);
  const ours = measure(bundle);
  load._load = original;
  record('load the bundle (incl. better-sqlite3)', 'load an empty extension module', ours.ms, Math.max(floor.ms, 0.01));
  rows.push({ what: 'memory to load the bundle', floor: 'empty extension module', ratio: NaN, detail: `+${(ours.rss / 1048576).toFixed(1)} MiB RSS vs +${(floor.rss / 1048576).toFixed(1)} MiB` });
}

async function main(): Promise<void> {
  benchBundleLoad();
  await benchScan();
  await benchStore();
  await benchInsights(projectRoot, time, record, (what, detail) => rows.push({ what, floor: '', ratio: NaN, detail }));
  const width = Math.max(...rows.map((row) => row.what.length));
  console.log(`\nProgress Log benchmarks (${os.cpus().length} cores, Node ${process.version}; medians)\n`);
  for (const row of rows) {
    const ratio = Number.isNaN(row.ratio) ? '     ' : `${row.ratio.toFixed(1).padStart(5)}x`;
    console.log(`${row.what.padEnd(width)}  ${ratio}  ${row.detail}${row.floor ? `  (floor: ${row.floor})` : ''}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
