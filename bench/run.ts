/**
 * `npm run bench`: what Progress Log costs, each figure with its ratio to a floor measured in the
 * same run on the same machine, so that the numbers mean something anywhere:
 * - activation in a real VS Code (code-server), against an empty extension's, and the bundle's size;
 * - commit → prompt visible in the browser, against the commit itself;
 * - a scan after one commit, and when nothing changed, against `git rev-parse HEAD`;
 * - importing 100,000 commits, against `git log` alone over the same commits (and peak memory);
 * - the read paths after years of use (100,000 outcomes, 1,000,000 commits): one week of the tree,
 *   a quarter's export, against the raw SQLite queries that fetch the same rows;
 * - saving an outcome, against a raw SQLite insert in a transaction; the same insert made durable
 *   (synchronous = FULL, as what the user typed is written), against the same floor;
 * - reading a week of a year-long log, loading the bundle;
 * - Insights on a heavy year: its numbers against raw SQLite, its page's first paint against a
 *   blank page (bench/insights.ts);
 * - sync of a year's heavy log from scratch and of one new outcome, against plain git moving the
 *   same files, and the sync repository's size after that year (bench/sync.ts).
 * - `progress-log week` on a heavy year, installed as a person installs it, wall time from the
 *   shell's point of view (Node's start included), against `node -e 0`.
 * `--skip-browser` leaves out what needs code-server and Chromium; `--only=import,read paths` runs
 * those sections alone (`--only=activation` the activation rows, `--only=browser` them and commit → prompt). bench/README.md keeps the figures.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitScanner } from '../src/capture/commitScanner';
import { silentLogger } from '../src/core/logger';
import { previousWeek, weekOf } from '../src/core/weeks';
import { GitReader, HISTORY_FORMAT } from '../src/git/gitReader';
import { GitRunner } from '../src/git/gitRunner';
import { safeArguments } from '../src/git/gitSafety';
import { WeeklyLog } from '../src/log/weeklyLog';
import { gatherReport } from '../src/report/gather';
import { reviewRange } from '../src/core/ranges';
import { renderReport } from '../src/report/render';
import { benchInsights, heavyYear } from './insights';
import { benchSync } from './sync';
import { MIGRATIONS } from '../src/storage/migrations';
import { Store } from '../src/storage/store';
import { buildLargeStore, COMMITS, OUTCOMES, rawExport, rawWeek } from './readPaths';
import { written } from '../test/support/written';
import { installCommand, pathWithNode } from '../test/cli/installed';

const projectRoot = path.resolve(__dirname, '../..');

interface Row {
  what: string;
  floor: string;
  ratio: number;
  detail: string;
  /** The target, and whether this run met it. */
  target?: { text: string; met: boolean };
}
const rows: Row[] = [];

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

/** Medians of `floor` and `work`, run in turns, so that a busy machine weighs on both alike. */
async function versus(runs: number, floor: () => unknown, work: () => unknown): Promise<{ floor: number; work: number }> {
  const floors: number[] = [];
  const works: number[] = [];
  for (let index = 0; index < runs; index++) {
    let started = performance.now();
    await floor();
    floors.push(performance.now() - started);
    started = performance.now();
    await work();
    works.push(performance.now() - started);
  }
  return { floor: median(floors), work: median(works) };
}

function record(what: string, floor: string, measured: number, floorMs: number, target?: Row['target']): void {
  rows.push({ what, floor, ratio: measured / floorMs, detail: `${measured.toFixed(2)} ms vs ${floorMs.toFixed(2)} ms`, target });
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** A repository with `commits` commits on main and `branches` branches, made with fast-import. */
function bigRepository(commits: number, branches: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-repo-'));
  const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: root, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  git(['init', '-q', '--initial-branch=main']);
  git(['config', 'user.email', 'dev@example.com']);
  git(['config', 'user.name', 'Dev Eloper']);
  const start = Math.floor(Date.now() / 1000) - commits * 60;
  const parts: string[] = [];
  for (let index = 1; index <= commits; index++) {
    const content = `line ${index}\n`;
    const message = `chore: change ${index}`;
    parts.push(
      `commit refs/heads/main\nmark :${index}\nauthor Dev Eloper <dev@example.com> ${start + index * 60} +0000\ncommitter Dev Eloper <dev@example.com> ${start + index * 60} +0000\n`,
      `data ${message.length}\n${message}\n${index > 1 ? `from :${index - 1}\n` : ''}M 644 inline file${index % 50}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  for (let branch = 0; branch < branches; branch++) parts.push(`reset refs/heads/feature/b${branch}\nfrom :${commits - branch * 10}\n\n`);
  git(['fast-import', '--quiet'], parts.join(''));
  git(['checkout', '-q', 'main']);
  return root;
}

/** Commits a file in `root`, then returns what makes one more commit each time it is called. */
function committer(root: string): () => void {
  let counter = 0;
  fs.writeFileSync(path.join(root, 'work.txt'), 'start\n');
  execFileSync('git', ['add', 'work.txt'], { cwd: root });
  execFileSync('git', ['commit', '-q', '-m', 'chore: add work file'], { cwd: root });
  return () => {
    fs.appendFileSync(path.join(root, 'work.txt'), `${++counter}\n`);
    execFileSync('git', ['commit', '-q', '-am', `feat: bench ${counter}`], { cwd: root });
  };
}

async function benchScan(): Promise<void> {
  const root = bigRepository(5000, 40);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-db-'));
  const store = Store.open(path.join(dbDir, 'bench.sqlite'), { logger: silentLogger });
  const scanner = new CommitScanner(new GitReader(new GitRunner({ logger: silentLogger })), store, silentLogger);
  await scanner.scan(root);
  const floor = await time(15, () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }));
  const commit = committer(root);
  await scanner.scan(root);
  const scan = await time(15, () => scanner.scan(root), commit);
  record('scan after one commit (5,000 commits, 40 branches)', 'git rev-parse HEAD', scan, floor);
  const idle = await time(15, () => scanner.scan(root));
  record('scan when nothing changed (no git process)', 'git rev-parse HEAD', idle, floor);
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(dbDir, { recursive: true, force: true });
}

/** Runs one measurement of bench/importChild.ts in a process of its own. */
function importChild(mode: 'import' | 'stream', root: string, databaseFile: string): Promise<{ ms: number; maxRssKb: number; imported?: number; read?: number; batches?: number; longestBatchMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'importChild.js'), mode, root, databaseFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`importChild ${mode} exited with ${code}`))));
  });
}

async function benchImport(): Promise<void> {
  const count = 100_000;
  const built = performance.now();
  const root = bigRepository(count, 0);
  console.error(`[bench] a repository of ${count.toLocaleString('en')} commits made with git fast-import in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  const tip = execFileSync('git', ['rev-parse', 'main'], { cwd: root, encoding: 'utf8' }).trim();
  // The floor: the very git log an import runs (same format, order and safety arguments), alone, into /dev/null.
  // Rounds interleave floor and measurements, so that a busy machine weighs on both alike.
  const argv = safeArguments(['log', '-z', `--format=${HISTORY_FORMAT}`, '--stdin', '--end-of-options']);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-db-'));
  const gitLogs: number[] = [];
  const streams = [];
  const imports = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    spawnSync('git', argv, { cwd: root, input: `${tip}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
    gitLogs.push(performance.now() - started);
    streams.push(await importChild('stream', root, ''));
    imports.push(await importChild('import', root, path.join(dbDir, `import-${run}.sqlite`)));
  }
  const gitLog = median(gitLogs);
  const stream = streams.sort((a, b) => a.ms - b.ms)[1];
  const imported = imports.sort((a, b) => a.ms - b.ms)[1];
  if (imported.imported !== count) throw new Error(`the import recorded ${imported.imported} commits, not ${count}`);
  record(`import ${count.toLocaleString('en')} commits (all history)`, 'git log alone, same commits', imported.ms, gitLog, { text: '≤ 1.5×', met: imported.ms / gitLog <= 1.5 });
  record(`  of which reading git log as a stream in Node (no writes)`, 'git log alone, same commits', stream.ms, gitLog);
  rows.push({
    what: '  peak memory of the import process',
    floor: 'the same process reading the stream, no writes',
    ratio: imported.maxRssKb / stream.maxRssKb,
    detail: `${mib(imported.maxRssKb * 1024)} vs ${mib(stream.maxRssKb * 1024)}`,
  });
  rows.push({ what: `  longest of its ${imported.batches} write transactions`, floor: 'busy timeout (5,000 ms)', ratio: (imported.longestBatchMs ?? 0) / 5000, detail: `${(imported.longestBatchMs ?? 0).toFixed(1)} ms` });
  // What 100,000 commits of history cost every scan after: a scan after one commit, on what the import left.
  const store = Store.open(path.join(dbDir, 'import-1.sqlite'), { logger: silentLogger });
  const scanner = new CommitScanner(new GitReader(new GitRunner({ logger: silentLogger })), store, silentLogger);
  const commit = committer(root);
  await scanner.scan(root);
  const revParse = await time(15, () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }));
  record('  then a scan after one commit', 'git rev-parse HEAD', await time(15, () => scanner.scan(root), commit), revParse);
  store.close();
  // What SQLite alone takes for the same rows: the part of the import no streaming can hide; in
  // memory, what is left is the b-trees' own work (the table and its indexes), no I/O at all.
  const rawFile = path.join(dbDir, 'raw.sqlite');
  Store.open(rawFile, { logger: silentLogger }).close();
  const shas = execFileSync('git', ['rev-list', 'main'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n');
  const rawInsert = (raw: Database.Database) => {
    raw.prepare("INSERT INTO repositories (id, name, created_at, updated_at) VALUES ('R', 'r', 0, 0)").run();
    // A history row as the import writes it: one row of history (schema 8), newest first as git gives them.
    const insertRow = raw.prepare("INSERT INTO history (repo_id, author_time, sha, subject, author_email, branch) VALUES ('R', ?, ?, ?, 'dev@example.com', 'main')");
    const started = performance.now();
    raw.transaction(() => {
      shas.forEach((sha, index) => insertRow.run((shas.length - index) * 60_000, sha, `chore: change ${shas.length - index}`));
    }).immediate();
    const ms = performance.now() - started;
    raw.close();
    return ms;
  };
  const inMemory = new Database(':memory:');
  for (const migration of MIGRATIONS) {
    if (typeof migration === 'string') inMemory.exec(migration);
    else migration(inMemory);
  }
  const onDisk = new Database(rawFile);
  onDisk.pragma('journal_mode = WAL');
  onDisk.pragma('synchronous = NORMAL');
  record('  SQLite alone: the same rows, one prepared insert each, one transaction', 'git log alone, same commits', rawInsert(onDisk), gitLog);
  record('  … the same, in memory (the b-trees alone)', 'git log alone, same commits', rawInsert(inMemory), gitLog);
  fs.rmSync(dbDir, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
}

async function benchReadPaths(): Promise<void> {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-db-'));
  const file = path.join(dbDir, 'years.sqlite');
  const now = Date.now();
  const built = performance.now();
  buildLargeStore(file, now);
  console.error(`[bench] a store of ${OUTCOMES.toLocaleString('en')} outcomes and ${COMMITS.toLocaleString('en')} commits written in ${((performance.now() - built) / 1000).toFixed(1)} s (${mib(fs.statSync(file).size)})`);
  const store = Store.open(file, { logger: silentLogger });
  const raw = new Database(file, { readonly: true });
  const options = { weekStart: 'monday' as const, timeZone: 'UTC' };
  const log = new WeeklyLog(store, () => options, () => now);
  const week = previousWeek(weekOf(now, options), options);
  const weekFloor = rawWeek(raw);
  const weekRead = await versus(51, () => weekFloor(week.start, week.end), () => log.week(week));
  record(`one week of the tree (${COMMITS.toLocaleString('en')} commits, ${OUTCOMES.toLocaleString('en')} outcomes)`, 'raw SELECTs of the same rows', weekRead.work, weekRead.floor, { text: '< 5 ms', met: weekRead.work < 5 });
  const listWeeks = await versus(51, () => weekFloor(week.start, week.end), () => log.weeks(8));
  record('  the first page of weeks (the tree’s top level)', 'raw SELECTs of one week’s rows', listWeeks.work, listWeeks.floor, { text: '< 5 ms', met: listWeeks.work < 5 });
  const quarter = reviewRange('lastQuarter', now, 'UTC');
  const exportFloor = rawExport(raw);
  const quarterExport = await versus(21, () => exportFloor(quarter.from, quarter.to), () => renderReport(gatherReport(store, quarter, 'UTC'), 'markdown'));
  record('a quarter’s export (gathered and rendered as Markdown)', 'raw SELECTs of the same rows', quarterExport.work, quarterExport.floor, { text: '< 50 ms', met: quarterExport.work < 50 });
  raw.close();
  store.close();
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
  const save = await time(300, (index) => written(store.changes.createOutcome({ text: `Outcome ${index}`, kind: 'impact', source: 'manual' })));
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
    written(store.changes.settleCommits(claimed.slice(10).map((commit) => commit.id), 'routine'));
    for (let index = 0; index < 10; index++) {
      written(store.changes.createOutcome({ text: `Shipped ${week}.${index}`, kind: index % 3 ? 'impact' : 'routine', source: 'commit', commitIds: [claimed[index].id] }));
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

/** The bundle's size: what a user downloads and VS Code parses. */
async function benchBundleSize(): Promise<void> {
  const boot = fs.statSync(path.join(projectRoot, 'dist', 'boot.js')).size;
  const bundle = fs.statSync(path.join(projectRoot, 'dist', 'extension.js')).size;
  const later = fs.statSync(path.join(projectRoot, 'dist', 'later.js')).size;
  rows.push({ what: 'bundle: dist/extension.js (minified), what the first paint runs', floor: '', ratio: NaN, detail: `${(bundle / 1024).toFixed(0)} KiB (${bundle} bytes; ≤ 300 KB)` });
  rows.push({ what: '  dist/later.js, what is built after the first paint', floor: '', ratio: NaN, detail: `${(later / 1024).toFixed(0)} KiB` });
  rows.push({ what: '  dist/boot.js, what activation loads', floor: '', ratio: NaN, detail: `${boot} bytes` });
  const vsix = path.join(projectRoot, 'progress-log.vsix');
  if (fs.existsSync(vsix)) rows.push({ what: '  progress-log.vsix (this machine\'s package, its one SQLite binary)', floor: '', ratio: NaN, detail: mib(fs.statSync(vsix).size) });
  // The other platforms' packages, when npm run package:all made them (at most 2.5 MB each).
  const packages = path.join(projectRoot, 'packages');
  for (const file of fs.existsSync(packages) ? fs.readdirSync(packages).filter((name) => name.endsWith('.vsix')).sort() : []) {
    rows.push({ what: `  packages/${file}`, floor: '', ratio: NaN, detail: mib(fs.statSync(path.join(packages, file)).size) });
  }
}

/** Loads the bundle the way the extension host does, with a stand-in for the `vscode` module. */
function benchBundleLoad(): void {
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
  const boot = measure(path.join(projectRoot, 'dist', 'boot.js'));
  const ours = measure(path.join(projectRoot, 'dist', 'extension.js'));
  load._load = original;
  record('load dist/boot.js (what activation loads)', 'load an empty extension module', boot.ms, Math.max(floor.ms, 0.01));
  record('load dist/extension.js after activation (incl. better-sqlite3)', 'load an empty extension module', ours.ms, Math.max(floor.ms, 0.01));
  rows.push({ what: '  memory to load it', floor: 'empty extension module', ratio: NaN, detail: `+${mib(ours.rss)} RSS vs +${mib(floor.rss)}` });
}

interface BrowserBenches {
  measureActivation(options: { vsix: string; runs: number }): Promise<{
    empty: number[];
    progressLog: number[];
    ready: { ms: number; clockMs: number; turns: string; firstContentMs: number }[];
    built: { ms: number; clockMs: number; longestMs: number; turns: string; doneMs: number }[];
  }>;
  measurePrompt(options: { count: number }): Promise<{ commits: number[]; prompts: number[]; commitMedian: number; promptMedian: number }>;
}

function packaged(): { vsix: string; browser: BrowserBenches } {
  const vsix = path.join(projectRoot, 'progress-log.vsix');
  if (!fs.existsSync(vsix)) throw new Error('progress-log.vsix is missing: run "npm run package" first (npm run bench does)');
  // An ES module of the test tooling; Node 24 requires it synchronously.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { vsix, browser: require(path.join(projectRoot, 'bench', 'browser.mjs')) as BrowserBenches };
}

async function benchActivation(): Promise<void> {
  const { vsix, browser } = packaged();
  const activation = await browser.measureActivation({ vsix, runs: 11 });
  const ours = median(activation.progressLog);
  const empty = median(activation.empty);
  // What VS Code reports includes waiting on whatever else the extension host runs at startup: the
  // spread is wide on a busy machine, so the least disturbed load of each is shown too.
  record('activation in code-server, as VS Code reports it', 'an empty extension, same host', ours, empty, { text: '≤ 1.2×', met: ours / empty <= 1.2 });
  rows[rows.length - 1].detail += ` (runs: ${activation.progressLog.join(', ')} ms vs ${activation.empty.join(', ')} ms)`;
  record('  the least disturbed load of each', 'an empty extension, same host', Math.min(...activation.progressLog), Math.min(...activation.empty));
  // Its own log lines: time on the extension host's thread, its turns summed, less what the thread
  // waited for a CPU another process had; the clock's figure beside it (bench/README.md).
  const runs = (values: number[]) => `(runs: ${values.map((value) => value.toFixed(1)).join(', ')})`;
  if (activation.ready.length === 0) throw new Error('Progress Log logged no "Ready:" line the bench reads (src/vscode/startup.ts and bench/browser.mjs disagree)');
  const ready = activation.ready.map((line) => line.ms);
  const readyClock = activation.ready.map((line) => line.clockMs);
  record('  then, after activation: the extension proper sets up, on the host thread (its own time)', 'an empty extension activating, same host', median(ready), empty, { text: '≤ 50 ms', met: median(ready) <= 50 });
  rows[rows.length - 1].detail += ` ${runs(ready)}; the median load: ${activation.ready.find((line) => line.ms === median(ready))?.turns}`;
  record('    the same by the clock (with waiting for a CPU)', 'an empty extension activating, same host', median(readyClock), empty);
  rows[rows.length - 1].detail += ` ${runs(readyClock)}`;
  const firstContent = activation.ready.map((line) => line.firstContentMs);
  rows.push({ what: '    its first content, after activation (wall clock: the database check runs in a worker)', floor: '', ratio: NaN, detail: `${median(firstContent)} ms ${runs(firstContent)}` });
  // A build that sets everything up before the first paint logs no "Built after the first paint".
  if (activation.built.length === 0) return;
  const built = activation.built.map((line) => line.ms);
  const longest = activation.built.map((line) => line.longestMs);
  rows.push({
    what: '  then, on turns of their own: capture, sync, the panels, the commands',
    floor: '',
    ratio: NaN,
    detail: `${median(built).toFixed(1)} ms on the host thread of its own, the longest turn ${median(longest).toFixed(1)} ms ${runs(longest)}; done ${median(activation.built.map((line) => line.doneMs))} ms after activation`,
  });
}

async function benchPrompt(): Promise<void> {
  const { browser } = packaged();
  const prompt = await browser.measurePrompt({ count: 9 });
  record('commit → prompt visible in the browser (terminal commit)', 'the commit itself', prompt.promptMedian, prompt.commitMedian, { text: '≤ 500 ms', met: prompt.promptMedian <= 500 });
  rows[rows.length - 1].detail += ` (runs: ${prompt.prompts.map(Math.round).join(', ')} ms)`;
}

/**
 * `progress-log week` as a shell runs it: the packed command installed with `npm install -g`, on a
 * heavy year (100,000 outcomes, 1,000,000 commits, ending this week), timed from spawn to exit, in
 * turns with `node -e 0` (Node's own start, the floor).
 */
async function benchCommandLine(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-cli-'));
  const installed = installCommand();
  try {
    const file = path.join(dir, 'heavy.sqlite');
    heavyYear(file, Date.now());
    // No extension.json in this home: the command reads only the database it is given.
    const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), PATH: pathWithNode(), NO_COLOR: '1' };
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      return result.stdout.toString();
    };
    const week = (...more: string[]) => () => run(installed.command, ['week', '--db', file, ...more]);
    const nodeStart = () => run(process.execPath, ['-e', '0']);
    // The first start fills Node's compile cache and the page cache, as a person's first use does once.
    const shown = week()().split('\n').length;
    week('--json')();
    const plain = await versus(21, nodeStart, week());
    record('`progress-log week`, heavy year (100,000 outcomes, 1,000,000 commits), wall time', '`node -e 0`', plain.work, plain.floor, { text: '≤ 150 ms', met: plain.work <= 150 });
    rows[rows.length - 1].detail += ` (${shown} lines)`;
    const json = await versus(21, nodeStart, week('--json'));
    record('  the same, --json', '`node -e 0`', json.work, json.floor, { text: '≤ 150 ms', met: json.work <= 150 });
    const status = await versus(11, nodeStart, () => run(installed.command, ['status', '--db', file]));
    record('  `progress-log status`, same log', '`node -e 0`', status.work, status.floor);
    const version = await versus(11, nodeStart, () => run(installed.command, ['--version']));
    record('  `progress-log --version` (no database)', '`node -e 0`', version.work, version.floor);
    // On a shared machine the wall clock mostly measures the wait for a CPU; the processes' own CPU time (user + system) says what each costs.
    const reporter = path.join(dir, 'cpu-at-exit.js');
    const cpuLog = path.join(dir, 'cpu.log');
    fs.writeFileSync(reporter, `process.on('exit', () => { const used = process.cpuUsage(); require('fs').appendFileSync(${JSON.stringify(cpuLog)}, (used.user + used.system) / 1000 + '\\n'); });\n`);
    const cpuOf = (command: string, args: string[]) => {
      fs.rmSync(cpuLog, { force: true });
      const result = spawnSync(command, args, { env: { ...env, NODE_OPTIONS: `--require ${reporter}` }, stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
      return Number(fs.readFileSync(cpuLog, 'utf8'));
    };
    const cpu = { node: [] as number[], week: [] as number[] };
    for (let index = 0; index < 21; index++) {
      cpu.node.push(cpuOf(process.execPath, ['-e', '0']));
      cpu.week.push(cpuOf(installed.command, ['week', '--db', file]));
    }
    record('  the same, CPU time (user + system) of the process', '`node -e 0`’s', median(cpu.week), median(cpu.node));
  } finally {
    installed.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const skipBrowser = process.argv.includes('--skip-browser');
  const sections: [string, () => unknown | Promise<unknown>][] = [
    ['bundle', async () => {
      await benchBundleSize();
      benchBundleLoad();
    }],
    ...(skipBrowser ? [] : ([['activation', benchActivation], ['prompt', benchPrompt]] as [string, () => Promise<void>][])),
    ['scan', benchScan],
    ['import', benchImport],
    ['read paths', benchReadPaths],
    ['store', benchStore],
    ['insights', () => benchInsights(projectRoot, versus, record, (what, detail) => rows.push({ what, floor: '', ratio: NaN, detail }))],
    ['sync', () => benchSync(record, (what, detail) => rows.push({ what, floor: '', ratio: NaN, detail }))],
    ['cli', benchCommandLine],
  ];
  // `browser` names both sections that need code-server and Chromium.
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',').flatMap((name) => (name === 'browser' ? ['activation', 'prompt'] : [name]));
  for (const [name, run] of sections) {
    if (only && !only.includes(name)) continue;
    const started = performance.now();
    await run();
    console.error(`[bench] ${name} measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const width = Math.max(...rows.map((row) => row.what.length));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(
    `\nProgress Log benchmarks: ${os.cpus().length} × ${cpu}, ${mib(os.totalmem())} RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}; load average at the end ${load}; medians\n`,
  );
  for (const row of rows) {
    const ratio = Number.isNaN(row.ratio) ? '      ' : `${row.ratio.toFixed(2).padStart(6)}x`;
    const target = row.target ? `  target ${row.target.text}: ${row.target.met ? 'met' : 'MISSED'}` : '';
    console.log(`${row.what.padEnd(width)}  ${ratio}  ${row.detail}${row.floor ? `  (floor: ${row.floor})` : ''}${target}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
