/**
 * The packed `progress-log`, installed with `npm install -g`, run as a person or a script runs it:
 * a subprocess on a real database and real git repositories in temp folders.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestRepo, makeTempDir, type TestRepo } from '../support/testRepo';
import { command, commit, mergedBranch, pathWithNode, progressLog, start } from './installed';

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

suite('progress-log, installed with npm install -g', () => {
  let folder: string;
  let database: string;
  let env: NodeJS.ProcessEnv;
  const repos: TestRepo[] = [];

  setup(() => {
    folder = makeTempDir('progress-log-installed-');
    database = path.join(folder, 'db', 'progress-log.sqlite');
    env = { HOME: folder, XDG_CONFIG_HOME: path.join(folder, 'config'), PROGRESS_LOG_DB: database, NO_COLOR: '' };
  });

  teardown(() => {
    for (const repo of repos.splice(0)) repo.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const counts = () => {
    const raw = new Database(database, { readonly: true });
    try {
      return raw.prepare('SELECT (SELECT count(*) FROM outcomes) AS outcomes, (SELECT version FROM log_version) AS version').get() as { outcomes: number; version: number };
    } finally {
      raw.close();
    }
  };

  test('an outcome added from the shell shows in the week, for a person and for a script', async () => {
    const added = await progressLog(['add', 'Led the incident review for the checkout outage'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /^Started a new Progress Log database at .*progress-log\.sqlite\.\nAdded: Led the incident review for the checkout outage \(shipped impact · /);
    const week = await progressLog(['week'], env);
    assert.equal(week.code, 0, week.stderr);
    assert.match(week.stdout, /^Shipped impact \(1\)\n {2}- Led the incident review for the checkout outage {2}\(added by hand\)$/m);
    const records = lines((await progressLog(['week', '--json'], env)).stdout);
    assert.deepEqual(
      records.filter((record) => record.type === 'outcome').map((record) => [record.text, record.kind, record.source]),
      [['Led the incident review for the checkout outage', 'impact', 'manual']],
    );
  });

  test('a branch committed, merged and deleted between two looks is one piece of work: the branch', async () => {
    const repo = createTestRepo();
    repos.push(repo);
    commit(repo, 'chore: start');
    const first = await progressLog(['scan', repo.root], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /first look; its history is not asked about/);
    // One shell line's worth of work, between two looks.
    mergedBranch(repo, 'feature/login', ['feat: login form', 'fix: login redirect']);
    const scanned = await progressLog(['scan', repo.root], env);
    assert.equal(scanned.code, 0, scanned.stderr);
    const name = path.basename(repo.root);
    assert.equal(scanned.stdout, `${name}: 1 piece of work waits for a name:\n  - feature/login  (merged into main · 2 commits · ${name})\n`);
    const waiting = lines((await progressLog(['week', '--json'], env)).stdout).filter((record) => record.type === 'waiting');
    assert.deepEqual(
      waiting.map((record) => [record.what, record.branch, record.into, (record.commits as { subject: string }[]).map((commit) => commit.subject)]),
      [['branch', 'feature/login', 'main', ['feat: login form', 'fix: login redirect']]],
    );
    // A scan without arguments looks at every clone the log knows here: nothing new.
    assert.equal((await progressLog(['scan'], env)).stdout, `${name}: nothing new waits for a name.\n`);
  });

  test('--json prints one JSON object per line, whatever the command', async () => {
    const repo = createTestRepo();
    repos.push(repo);
    commit(repo, 'chore: start');
    await progressLog(['scan', repo.root], env);
    commit(repo, 'feat: search answers in 200 ms');
    assert.equal((await progressLog(['goals', 'add', 'Search feels instant', '--json'], env)).code, 0);
    assert.equal((await progressLog(['add', 'Search answers in 200 ms', '--json'], env)).code, 0);
    for (const args of [['scan', repo.root], ['week'], ['week', '--last'], ['list'], ['goals'], ['status'], ['insights'], ['import', repo.root, '--since', 'all']]) {
      const result = await progressLog([...args, '--json'], env);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      const records = lines(result.stdout);
      assert.ok(records.length > 0, `${args.join(' ')} printed records`);
      for (const record of records) assert.equal(typeof record.type, 'string', `${args.join(' ')}: every record says its type`);
    }
  });

  test('bad input exits 2 with a sentence that says what to type, and writes nothing', async () => {
    assert.equal((await progressLog(['add', 'The first line of the log'], env)).code, 0);
    const before = counts();
    const mtime = fs.statSync(database).mtimeMs;
    for (const [args, message] of [
      [['add', 'Two lines\nin one outcome'], /^Keep it to one line: what moved forward, and why it matters\.\n$/],
      [['add', 'Shipped', '--kind', 'huge'], /^--kind takes impact or routine, not "huge"\.\nRun "progress-log add --help" for usage\.\n$/],
      [['add', 'Shipped', '--date', '2026-13-01'], /^2026-13-01 is not a day on the calendar\.\n$/],
      [['add', 'Shipped', 'more', 'words'], /^"add" takes one argument; "more" is one too many \(quote a line with spaces\)\.\n/],
      [['list', '--kind', 'impact', '--sinse', '2026-01-01'], /^"list" has no option --sinse\. Did you mean --since\?\n/],
    ] as const) {
      const result = await progressLog([...args], env);
      assert.deepEqual([result.code, result.stdout], [2, ''], args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.deepEqual(counts(), before);
    assert.equal(fs.statSync(database).mtimeMs, mtime, 'the database file was not written');
  });

  test('while another program holds the write lock, the line is kept beside the database, not lost, and written once the lock clears', async () => {
    assert.equal((await progressLog(['add', 'The log exists'], env)).code, 0);
    const holder = new Database(database);
    holder.exec('BEGIN IMMEDIATE');
    let released = false;
    try {
      const running = start(['add', 'Written after the lock'], env);
      const kept = await waitFor('the kept file', () => fs.readdirSync(path.dirname(database)).find((name) => /\.pending-[0-9A-Z]{26}$/.test(name)));
      await waitFor('the sentence about the lock', () => (/is locked, so what you asked for is kept beside it and written as soon as it is free/.test(running.printed().stderr) ? true : undefined));
      assert.equal(running.child.exitCode, null, 'the command waits for the lock');
      assert.equal(counts().outcomes, 1);
      holder.exec('COMMIT');
      released = true;
      const result = await running.done;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /The database is free again: written\.\n$/);
      assert.equal(fs.existsSync(path.join(path.dirname(database), kept)), false, 'the kept file is gone once written');
    } finally {
      if (!released) holder.exec('ROLLBACK');
      holder.close();
    }
    const texts = lines((await progressLog(['list', '--json'], env)).stdout).map((record) => record.text);
    assert.deepEqual(texts.sort(), ['The log exists', 'Written after the lock']);
  });

  test('a command stopped while it waits for the lock leaves the line kept, and the next one to open the database writes it', async () => {
    assert.equal((await progressLog(['add', 'The log exists'], env)).code, 0);
    const holder = new Database(database);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const running = start(['goals', 'add', 'On-call is quiet'], env);
      await waitFor('the kept file', () => fs.readdirSync(path.dirname(database)).find((name) => /\.pending-[0-9A-Z]{26}$/.test(name)));
      running.child.kill('SIGINT');
      await running.done;
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    const goals = lines((await progressLog(['goals', '--json'], env)).stdout);
    assert.deepEqual(goals.map((goal) => goal.title), ['On-call is quiet']);
    assert.deepEqual(fs.readdirSync(path.dirname(database)).filter((name) => name.includes('.pending-')), []);
  });

  test('under a Node older than 22 it says which Node it needs, before better-sqlite3 can crash', () => {
    const older = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => fs.existsSync(candidate) && Number(execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]) < 22);
    assert.ok(older, 'this machine has a Node older than 22 to try (Debian\'s is 18 or 20)');
    const result = (() => {
      try {
        execFileSync(older, [fs.realpathSync(command()), 'week'], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { status: 0, stderr: '' };
      } catch (error) {
        return error as { status: number; stderr: string };
      }
    })();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^progress-log needs Node\.js 22 or later; this is Node\.js \d+\.\d+\.\d+\. Install a newer Node \(nodejs\.org\), then try again\.\n$/);
  });

  test('its bash completion, loaded from the installed command, completes its commands', () => {
    const offered = execFileSync('bash', ['-c', 'source <(progress-log completion bash); COMP_WORDS=(progress-log ex); COMP_CWORD=1; _progress_log; printf "%s\\n" "${COMPREPLY[@]}"'], {
      env: { ...process.env, PATH: `${path.dirname(command())}${path.delimiter}${pathWithNode()}` },
      encoding: 'utf8',
    });
    assert.equal(offered, 'export\n');
  });
});

/** Polls until `probe` gives a value. */
async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
