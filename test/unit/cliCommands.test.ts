/**
 * What each command of `progress-log` prints, run in this process against a real database on a
 * fixed clock in Los Angeles: a person's text (golden files, beside the exports'), a script's JSON
 * (one object per line), and the exit codes: 0, 1 for a failure, 2 for what was typed, with
 * nothing written.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { customRange } from '../../src/core/ranges';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { silentLogger } from '../../src/core/logger';
import { ONE_ON_ONE, rangeOfRequest, rangeRequestOf, REVIEW } from '../../src/report/exportKinds';
import { gatherReport, markPublished } from '../../src/report/gather';
import { REPORT_FORMATS } from '../../src/report/model';
import { render } from '../../src/report/render';
import { SCHEMA_VERSION } from '../../src/storage/migrations';
import { Store } from '../../src/storage/store';
import { readLastOneOnOne, writeExtensionRecord } from '../../src/storage/userConfig';
import { runCommandLine, type Ran } from '../support/commandLine';
import { assertGolden } from '../support/golden';
import { recordCommits, tempDatabase } from '../support/harness';
import { makeTempDir } from '../support/testRepo';
import { written } from '../support/written';

const TIME_ZONE = 'America/Los_Angeles';
/** Friday, November 6, 2026, noon in Los Angeles: the week of Monday, November 2. */
const NOW = Date.parse('2026-11-06T20:00:00Z');
const at = (iso: string) => Date.parse(iso);

/** A log with a bit of everything this week and last: outcomes by hand and of commits, a goal, routine, waiting work, a branch in progress. */
function fixture(file: string): void {
  const store = Store.open(file, { logger: silentLogger, now: () => NOW });
  const goal = written(store.changes.createGoal({ title: 'Faster checkout', why: 'Abandoned carts cost 3% of revenue', targetDay: '2027-03-31' }));
  const api = '/home/dev/src/api';
  const [refunds, deps, rounding] = recordCommits(store, api, [
    { sha: 'a1'.padEnd(40, '0'), subject: 'feat: one-click refunds', authorEmail: 'dev@example.com', authorTime: at('2026-11-03T18:00:00Z'), branch: 'main', isMerge: false },
    { sha: 'b2'.padEnd(40, '0'), subject: 'chore: bump lodash', authorEmail: 'dev@example.com', authorTime: at('2026-11-04T18:00:00Z'), branch: 'main', isMerge: false },
    { sha: 'c3'.padEnd(40, '0'), subject: 'fix: refund rounding', authorEmail: 'dev@example.com', authorTime: at('2026-11-05T18:00:00Z'), branch: 'main', isMerge: false },
    { sha: 'd4'.padEnd(40, '0'), subject: 'feat: search index', authorEmail: 'dev@example.com', authorTime: at('2026-11-05T19:00:00Z'), branch: 'feature/search', isMerge: false, status: 'open' },
  ]);
  void rounding;
  written(store.changes.createOutcome({ text: 'Refunds take one click', kind: 'impact', source: 'commit', commitIds: [refunds.id], goalId: goal.id }));
  written(store.changes.settleCommits([deps.id], 'routine'));
  written(store.changes.createOutcome({ text: 'Led the incident review for the checkout outage', kind: 'impact', source: 'manual', happenedAt: at('2026-11-03T22:00:00Z') }));
  written(store.changes.createOutcome({ text: 'Interviewed two backend candidates', kind: 'routine', source: 'manual', happenedAt: at('2026-11-04T21:00:00Z') }));
  written(store.changes.createOutcome({ text: 'Wrote the Q4 plan', kind: 'impact', source: 'manual', happenedAt: at('2026-10-29T20:00:00Z'), goalId: goal.id }));
  store.close();
  // A goal set six weeks ago that nothing has moved since: stalled, and a signal says so.
  const earlier = Store.open(file, { logger: silentLogger, now: () => NOW - 42 * 86_400_000 });
  written(earlier.changes.createGoal({ title: 'Docs people finish' }));
  earlier.close();
}

suite('the command line, command by command', () => {
  let folder: string;
  let file: string;
  let env: NodeJS.ProcessEnv;

  setup(() => {
    file = tempDatabase();
    folder = path.dirname(file);
    env = { PROGRESS_LOG_DB: file, XDG_CONFIG_HOME: path.join(folder, 'config'), HOME: folder };
    fixture(file);
  });

  teardown(() => fs.rmSync(folder, { recursive: true, force: true }));

  const cli = (argv: string[], options: { tty?: boolean; stdin?: string; now?: number } = {}): Promise<Ran> =>
    runCommandLine(argv, { env, cwd: folder, now: options.now ?? NOW, timeZone: TIME_ZONE, tty: options.tty, stdin: options.stdin });

  /** Ids are ULIDs, new each run: a golden file names them in the order they first appear. */
  const stable = (text: string) => {
    const ids = new Map<string, string>();
    return text.replace(/\b[0-9A-HJKMNP-TV-Z]{26}\b/g, (id) => ids.get(id) ?? ids.set(id, `<id ${ids.size + 1}>`).get(id)!).split(folder).join('<folder>');
  };

  const jsonLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

  const counts = () => {
    const raw = new Database(file, { readonly: true });
    try {
      return raw.prepare('SELECT (SELECT count(*) FROM outcomes) AS outcomes, (SELECT count(*) FROM goals) AS goals, (SELECT version FROM log_version) AS version').get();
    } finally {
      raw.close();
    }
  };

  test('week shows shipped impact apart from routine activity, with what waits and what is in progress', async () => {
    const { code, stdout } = await cli(['week']);
    assert.equal(code, 0);
    assertGolden('cli-week.txt', stdout);
    assertGolden('cli-last-week.txt', (await cli(['week', '--last'])).stdout);
    assert.equal((await cli(['week', '--date', '2026-10-27'])).stdout, (await cli(['week', '--last'])).stdout, 'the week holding Oct 27 is last week');
  });

  test('week --json is one record a line: the week, then each outcome, routine commits, waiting work, work in progress', async () => {
    const { stdout } = await cli(['week', '--json']);
    assertGolden('cli-week.jsonl', stable(stdout));
    const records = jsonLines(stdout);
    assert.deepEqual(
      records.map((record) => record.type),
      ['week', 'outcome', 'outcome', 'outcome', 'routineCommits', 'waiting', 'inProgress'],
    );
    assert.ok(records.every((record) => record.type === 'week' || record.week === '2026-11-02'), 'every record names its week');
  });

  test('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const ESC = '\u001b[';
    assert.ok(!(await cli(['week'])).stdout.includes(ESC));
    assert.ok((await cli(['week'], { tty: true })).stdout.includes(`${ESC}1mShipped impact (2)${ESC}22m`));
    assert.ok(!(await cli(['week', '--no-color'], { tty: true })).stdout.includes(ESC));
    env.NO_COLOR = '1';
    assert.ok(!(await cli(['week'], { tty: true })).stdout.includes(ESC));
  });

  test('list: every outcome newest first, narrowed by date, kind, goal, repository and words', async () => {
    assertGolden('cli-list.txt', (await cli(['list'])).stdout);
    const texts = async (...argv: string[]) => {
      const { stdout } = await cli(['list', '--json', ...argv]);
      return stdout ? jsonLines(stdout).map((record) => record.text) : [];
    };
    assert.deepEqual(await texts('--kind', 'routine'), ['Interviewed two backend candidates']);
    assert.deepEqual(await texts('--goal', 'checkout'), ['Refunds take one click', 'Wrote the Q4 plan']);
    assert.deepEqual(await texts('--goal', 'none', '--since', '2026-11-01'), ['Interviewed two backend candidates', 'Led the incident review for the checkout outage']);
    assert.deepEqual(await texts('--repo', 'api'), ['Refunds take one click']);
    assert.deepEqual(await texts('--search', 'REFUND'), ['Refunds take one click']);
    assert.deepEqual(await texts('--until', '2026-10-31'), ['Wrote the Q4 plan']);
    const none = await cli(['list', '--search', 'nothing like this']);
    assert.deepEqual([none.code, none.stdout, none.stderr], [0, '', 'No outcome matches.\n']);
  });

  test('goals: active ones with how each moved, and adding, completing, dropping and restoring one', async () => {
    assertGolden('cli-goals.txt', (await cli(['goals'])).stdout);
    const added = await cli(['goals', 'add', 'On-call is quiet', '--why', 'Fewer pages at night', '--json']);
    assert.equal(added.code, 0);
    assert.deepEqual((({ type, title, why, status }) => ({ type, title, why, status }))(jsonLines(added.stdout)[0]), { type: 'goal', title: 'On-call is quiet', why: 'Fewer pages at night', status: 'active' });
    assert.equal((await cli(['goals', 'complete', 'on-call'])).stderr, 'Goal completed: On-call is quiet\n');
    assert.equal((await cli(['goals', 'drop', 'Docs'])).stderr, 'Goal dropped: Docs people finish\n');
    assert.equal((await cli(['goals', 'restore', 'docs people finish'])).stderr, 'Goal restored: Docs people finish\n');
    const statuses = jsonLines((await cli(['goals', '--json'])).stdout).map((record) => `${record.title}: ${record.status}`);
    assert.deepEqual(statuses, ['Faster checkout: active', 'Docs people finish: active', 'On-call is quiet: completed']);
  });

  test('a goal named ambiguously, or not at all, is refused with the goals it could be', async () => {
    written((await openStore()).changes.createGoal({ title: 'Faster search' }));
    const ambiguous = await cli(['goals', 'complete', 'faster']);
    assert.deepEqual([ambiguous.code, ambiguous.stderr], [2, '"faster" could be "Faster checkout" or "Faster search": type more of the title, or the goal\'s id.\n']);
    const unknown = await cli(['add', 'Shipped it', '--goal', 'growth']);
    assert.deepEqual([unknown.code, unknown.stderr], [2, 'No active goal is called "growth": "Faster checkout", "Docs people finish", "Faster search".\n']);
  });

  let stores: Store[] = [];
  const openStore = async () => {
    const store = Store.open(file, { logger: silentLogger });
    stores.push(store);
    return store;
  };
  teardown(() => {
    for (const store of stores) store.close();
    stores = [];
  });

  test('add saves a line on the day it happened, linked to the goal its words point to unless told otherwise', async () => {
    const added = await cli(['add', 'Checkout answers in half the time', '--date', 'yesterday', '--json']);
    assert.equal(added.code, 0);
    assert.equal(added.stderr, 'Added: Checkout answers in half the time (shipped impact · Nov 5, 2026 · goal: Faster checkout)\n');
    const [record] = jsonLines(added.stdout);
    assert.deepEqual([record.day, record.kind, record.source, (record.goal as { title: string }).title], ['2026-11-05', 'impact', 'manual', 'Faster checkout']);
    const routine = await cli(['add', 'Checkout page copy reviewed', '--kind', 'routine', '--goal', 'none', '--json']);
    assert.deepEqual((({ day, kind, goal }) => ({ day, kind, goal }))(jsonLines(routine.stdout)[0]), { day: '2026-11-06', kind: 'routine', goal: null });
  });

  test('a line that is not one, a day to come or off the calendar: exit 2, the reason, and nothing written', async () => {
    const before = counts();
    for (const [argv, reason] of [
      [['add', 'Two lines\nof text'], /^Keep it to one line: what moved forward, and why it matters\.$/],
      [['add', '   '], /^Write what moved forward in one line, in quotes: progress-log add "Led the incident review"\.$/],
      [['add', 'Quietly \u202Ereversed'], /^Remove the text-direction control U\+202E from the line/],
      [['add', 'Tomorrow already', '--date', '2026-11-07'], /^2026-11-07 is still to come: type today or a day before\.$/],
      [['add', 'Leap', '--date', '2026-02-30'], /^2026-02-30 is not a day on the calendar\.$/],
      [['add', 'x'.repeat(201)], /^That is 201 characters; keep it to 200 or fewer\.$/],
      [['goals', 'add', 'Ship', '--target', '2026-01-01'], /^--target: 2026-01-01 is already past \(today is 2026-11-06\)/],
      [['list', '--since', '2026-11-09', '--until', '2026-11-01'], /^--until: The last day comes before 2026-11-09\.$/],
      [['week', '--last', '--date', '2026-11-01'], /^Pass --last or --date, not both\.$/],
    ] as const) {
      const result = await cli([...argv]);
      assert.equal(result.code, 2, `${argv.join(' ')} exits 2`);
      assert.match(result.stderr.trimEnd(), reason);
      assert.equal(result.stdout, '');
    }
    assert.deepEqual(counts(), before, 'nothing was written');
  });

  test('a bad line is refused before the database is opened: none is made where there was none', async () => {
    env.PROGRESS_LOG_DB = path.join(folder, 'new', 'progress-log.sqlite');
    const result = await cli(['add', '']);
    assert.equal(result.code, 2);
    assert.equal(fs.existsSync(path.join(folder, 'new')), false);
  });

  test('a read of a database that is not there is refused, not made', async () => {
    env.PROGRESS_LOG_DB = path.join(folder, 'typo.sqlite');
    const result = await cli(['week']);
    assert.deepEqual([result.code, result.stderr], [1, `There is no Progress Log database at ${path.join(folder, 'typo.sqlite')}: check the path, or add something to start one there.\n`]);
    assert.equal(fs.existsSync(path.join(folder, 'typo.sqlite')), false);
  });

  test('export is the extension\'s export of the same range and format, byte for byte, and marks the next "since last 1:1"', async () => {
    const git = new GitReader(new GitRunner({ logger: silentLogger }));
    const store = await openStore();
    const context = { now: NOW, weekOptions: { weekStart: 'monday' as const, timeZone: TIME_ZONE }, lastOneOnOne: undefined };
    for (const format of REPORT_FORMATS) {
      // What ExportCommands runs for { range: 'thisWeek', format }: src/vscode/exportCommands.ts.
      const range = rangeOfRequest(ONE_ON_ONE, rangeRequestOf(ONE_ON_ONE, 'thisWeek')!, context);
      const extension = render(ONE_ON_ONE.document, await markPublished(gatherReport(store, range, TIME_ZONE), git), format);
      const { code, stdout } = await cli(['export', '--for', '1on1', '--range', 'this-week', '--format', format]);
      assert.equal(code, 0);
      assert.equal(stdout, extension, `${format} is the extension's`);
    }
    const review = rangeOfRequest(REVIEW, rangeRequestOf(REVIEW, { from: '2026-10-01', to: '2026-11-06' })!, context);
    assert.equal((await cli(['export', '--for', 'review', '--since', '2026-10-01', '--until', '2026-11-06'])).stdout, render('review', await markPublished(gatherReport(store, review, TIME_ZONE), git), 'markdown'));
    assert.deepEqual(review, customRange('2026-10-01', '2026-11-06', TIME_ZONE));
    assertGolden('cli-export-1on1.md', (await cli(['export', '--for', '1on1', '--range', 'this-week'])).stdout);
    assert.equal(readLastOneOnOne(path.join(folder, 'config', 'progress-log')), NOW);
    // The next 1:1 export starts there: what was added since is all it holds.
    const later = NOW + 3_600_000;
    await cli(['add', 'Paired with Sam on the refund retries'], { now: later });
    const since = await cli(['export', '--for', '1on1', '--format', 'json'], { now: later + 1000 });
    assert.deepEqual(
      (JSON.parse(since.stdout) as { impact: { text: string }[] }).impact.map((outcome) => outcome.text),
      ['Paired with Sam on the refund retries'],
    );
  });

  test('export --output writes the file and says where; a range of the other kind is refused', async () => {
    const saved = await cli(['export', '--for', 'review', '--range', 'this-quarter', '-o', 'review.md']);
    assert.deepEqual([saved.code, saved.stdout, saved.stderr], [0, '', `Saved the export to ${path.join(folder, 'review.md')}.\n`]);
    assert.match(fs.readFileSync(path.join(folder, 'review.md'), 'utf8'), /^# Review: Oct 1 – Dec 31, 2026/);
    const wrong = await cli(['export', '--for', 'review', '--range', 'this-week']);
    assert.deepEqual([wrong.code, wrong.stderr], [2, 'An export for review has no range "this-week": pass one of quarter, this-quarter, last-quarter, this-half, last-half.\n']);
  });

  test('the extension\'s settings shape the log here too: a week that starts on Sunday', async () => {
    writeExtensionRecord(
      { database: file, version: '0.1.0', schema: SCHEMA_VERSION, writtenAt: NOW, settings: { weekStart: 'sunday', askWhen: 'workLands', authorEmails: [], defaultBranches: ['main'], showAbandonedBranches: false, syncRepository: '' } },
      path.join(folder, 'config', 'progress-log'),
    );
    assert.match((await cli(['week'])).stdout, /^This week \(Nov 1 – 7\)$/m);
  });

  test('status: which database and why, this week in numbers, what waits', async () => {
    const { stdout } = await cli(['status']);
    // The schema this build writes grows with every migration: the golden says <schema>.
    assert.match(stdout, new RegExp(`^Schema {8}${SCHEMA_VERSION} \\(`, 'm'));
    assertGolden('cli-status.txt', stable(stdout).replace(/^(Schema {8})\d+/m, '$1<schema>'));
    const [record] = jsonLines((await cli(['status', '--json'])).stdout);
    assert.deepEqual((({ database, chosenBy, schema, version }) => ({ database, chosenBy, schema, version }))(record), { database: file, chosenBy: 'environment', schema: SCHEMA_VERSION, version: '9.9.9' });
  });

  test('insights: the signals in plain sentences, with the evidence; the weeks counted, as records', async () => {
    assertGolden('cli-insights.txt', (await cli(['insights'])).stdout);
    const records = jsonLines((await cli(['insights', '--json', '--range', 'this-quarter'])).stdout);
    assert.ok(records.length > 0 && records.every((record) => record.type === 'week' || record.type === 'signal'));
    assert.equal(records.filter((record) => record.type === 'week').length, 6, 'Oct 1 to Nov 6 spans six weeks');
  });

  test('a database written by a newer Progress Log is left untouched, and the sentence names the versions', async () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    writeExtensionRecord(
      { database: file, version: '0.3.0', schema: SCHEMA_VERSION + 1, writtenAt: NOW, settings: { weekStart: 'monday', askWhen: 'workLands', authorEmails: [], defaultBranches: ['main'], showAbandonedBranches: false, syncRepository: '' } },
      path.join(folder, 'config', 'progress-log'),
    );
    const result = await cli(['add', 'Something new']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `The database ${file} has schema ${SCHEMA_VERSION + 1}, written by a newer Progress Log than this progress-log 9.9.9 (schema ${SCHEMA_VERSION}): update progress-log to the extension's version, 0.3.0. The database is untouched.\n`,
    );
  });

  test('--version, --help, and a command line that cannot be read', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: '9.9.9\n', stderr: '' });
    const help = await cli(['week', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: progress-log week \[--last\] \[--date YYYY-MM-DD\]$/m);
    const wrong = await cli(['weak']);
    assert.deepEqual([wrong.code, wrong.stdout, wrong.stderr], [2, '', 'progress-log has no command "weak". Did you mean week?\nRun "progress-log --help" for usage.\n']);
    const nothing = await cli([]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /^Name a command\.\n\nUsage: progress-log <command> \[options\]/);
  });

  test('name refuses politely without a terminal, and changes nothing', async () => {
    const before = counts();
    const result = await cli(['name'], { stdin: 'Refund rounding is exact\n' });
    assert.deepEqual([result.code, result.stdout], [2, '']);
    assert.match(result.stderr, /^progress-log name asks one question at a time, so it needs a terminal: run it in one\./);
    assert.deepEqual(counts(), before);
  });

  test('name asks about each piece of work: a line saves it, Enter takes the suggestion, r, s and l answer as the prompt does', async () => {
    const store = await openStore();
    recordCommits(store, '/home/dev/src/web', [{ sha: 'e5'.padEnd(40, '0'), subject: 'chore: tidy styles', authorEmail: 'dev@example.com', authorTime: at('2026-11-06T17:00:00Z'), branch: 'main', isMerge: false }]);
    recordCommits(store, '/home/dev/src/docs', [{ sha: 'f6'.padEnd(40, '0'), subject: 'docs: quick start', authorEmail: 'dev@example.com', authorTime: at('2026-11-06T18:00:00Z'), branch: 'main', isMerge: false }]);
    // Three pieces of work wait: api's rounding fix, web's styles, docs' quick start.
    const result = await cli(['name', '--no-color'], { tty: true, stdin: 'k\nk\ng\nRefund totals are exact to the cent\nr\nl\n' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /\[1\/3\] Committed c300000 “fix: refund rounding” in api\. What moved forward\?/);
    assert.match(result.stderr, /Saved: Refund totals are exact to the cent \(shipped impact · goal: Faster checkout\)/);
    assert.match(result.stderr, /\[2\/3\] Committed e500000 “chore: tidy styles” in web\./);
    assert.match(result.stderr, /Routine\./);
    assert.match(result.stderr, /1 named, 1 routine, 1 left for later\.\n$/);
    const raw = new Database(file, { readonly: true });
    const statuses = raw.prepare('SELECT subject, status FROM commits ORDER BY author_time').all();
    raw.close();
    assert.deepEqual(statuses, [
      { subject: 'feat: one-click refunds', status: 'named' },
      { subject: 'chore: bump lodash', status: 'routine' },
      { subject: 'fix: refund rounding', status: 'named' },
      { subject: 'feat: search index', status: 'open' },
      { subject: 'chore: tidy styles', status: 'routine' },
      { subject: 'docs: quick start', status: 'pending' },
    ]);
  });

  test('completion prints a script for each shell, from the same table of commands', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { code, stdout } = await cli(['completion', shell]);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`${shell} completion for progress-log`));
    }
  });
});

suite('the command line finds the database the extension names', () => {
  test('with neither --db nor PROGRESS_LOG_DB, the database extension.json names is the one used', async () => {
    const home = makeTempDir('progress-log-cli-home-');
    try {
      const file = path.join(home, 'storage', 'progress-log.sqlite');
      fs.mkdirSync(path.dirname(file));
      fixture(file);
      const env = { XDG_CONFIG_HOME: path.join(home, 'config'), HOME: home };
      writeExtensionRecord(
        { database: file, version: '0.1.0', schema: SCHEMA_VERSION, writtenAt: NOW, settings: { weekStart: 'monday', askWhen: 'workLands', authorEmails: [], defaultBranches: ['main'], showAbandonedBranches: false, syncRepository: '' } },
        path.join(home, 'config', 'progress-log'),
      );
      const ran = await runCommandLine(['status', '--json'], { env, cwd: home, now: NOW, timeZone: TIME_ZONE, version: '0.1.0' });
      assert.equal(ran.code, 0, ran.stderr);
      const record = JSON.parse(ran.stdout) as { database: string; chosenBy: string; extensionVersion: string };
      assert.deepEqual([record.database, record.chosenBy, record.extensionVersion], [file, 'extension', '0.1.0']);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
