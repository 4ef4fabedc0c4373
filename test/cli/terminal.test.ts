/**
 * `progress-log name` as a person uses it: the installed command in a real terminal (tmux, on a
 * server of its own), read from the screen and answered with keys, on a real repository and
 * database.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestRepo, makeTempDir, type TestRepo } from '../support/testRepo';
import { command, commit, mergedBranch, pathWithNode, progressLog } from './installed';

/** A terminal 100 columns wide running one shell line, on a tmux server no one else uses. */
class Terminal {
  private static opened = 0;
  private readonly socket = `progress-log-test-${process.pid}-${++Terminal.opened}`;

  constructor(shellLine: string, env: NodeJS.ProcessEnv) {
    const environment: NodeJS.ProcessEnv = { ...process.env, ...env, PATH: pathWithNode() };
    delete environment.TMUX;
    // The pane stays after the command ends, so that its last words and exit code can be read.
    this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'person', '-x', '100', '-y', '40', `${shellLine}; echo "[exit $?]"; sleep 600`], environment);
  }

  /** What the screen shows, as plain text. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-t', 'person']);
  }

  /** Waits until the screen shows `expected`; returns the screen. */
  async shows(expected: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (expected.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`The screen never showed ${expected}; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Types `text` as it is, then Enter. */
  typeLine(text: string): void {
    if (text) this.tmux(['send-keys', '-t', 'person', '-l', text]);
    this.press('Enter');
  }

  /** Presses a key as tmux names it ("Enter", "C-c"). */
  press(key: string): void {
    this.tmux(['send-keys', '-t', 'person', key]);
  }

  /** Ends the terminal, its server and the server's socket (which tmux leaves behind). */
  close(): void {
    try {
      const socketPath = this.tmux(['display-message', '-p', '-t', 'person', '#{socket_path}']).trim();
      this.tmux(['kill-server']);
      fs.rmSync(socketPath, { force: true });
    } catch {
      // already gone
    }
  }

  private tmux(args: string[], env?: NodeJS.ProcessEnv): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env });
  }
}

suite('progress-log name in a terminal', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let repo: TestRepo;
  let terminal: Terminal | undefined;

  /** A branch of two commits merged into main and deleted, and a commit on main: two pieces of work wait. */
  setup(async () => {
    folder = makeTempDir('progress-log-terminal-');
    env = { HOME: folder, XDG_CONFIG_HOME: path.join(folder, 'config'), PROGRESS_LOG_DB: path.join(folder, 'progress-log.sqlite') };
    repo = createTestRepo();
    commit(repo, 'chore: start');
    assert.equal((await progressLog(['scan', repo.root], env)).code, 0);
    commit(repo, 'fix: refund rounding');
    mergedBranch(repo, 'feature/search', ['feat: search index', 'feat: search ranking']);
    assert.match((await progressLog(['scan', repo.root], env)).stdout, /2 pieces of work wait for a name/);
  });

  teardown(() => {
    terminal?.close();
    terminal = undefined;
    repo.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const week = async () =>
    (await progressLog(['week', '--json'], env)).stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; text?: string; kind?: string; branch?: string; commits?: { subject: string }[] });

  test('a person names the merged branch in words of their own and marks the commit routine', async () => {
    terminal = new Terminal(`cd '${repo.root}' && '${command()}' name`, env);
    const first = await terminal.shows(/impact ›\s*$/m);
    assert.match(first, /^\[1\/2\] Branch feature\/search merged into main \(2 commits\) in [\w-]+\. What shipped\?$/m);
    assert.match(first, /^ {6}[0-9a-f]{7} feat: search index\n {6}[0-9a-f]{7} feat: search ranking$/m);
    assert.match(first, /Enter: “Search index; Search ranking” · or type a line · r routine · s skip · l later · k kind · g goal · q quit/);
    terminal.typeLine('Search finds answers in 200 ms');
    const second = await terminal.shows(/^\[2\/2\][^]*impact ›\s*$/m);
    assert.match(second, /^ {2}Saved: Search finds answers in 200 ms \(shipped impact\)$/m);
    assert.match(second, /^\[2\/2\] Committed [0-9a-f]{7} “fix: refund rounding” in [\w-]+\. What moved forward\?$/m);
    assert.doesNotMatch(second, /^ +[0-9a-f]{7} fix: refund rounding$/m, 'a single commit is named in the question, not listed again under it');
    terminal.typeLine('r');
    const end = await terminal.shows(/^\[exit \d+\]$/m);
    assert.match(end, /^ {2}Routine\.\n\n1 named, 1 routine\.\n\[exit 0\]$/m);
    const records = await week();
    assert.deepEqual(
      records.filter((record) => record.type === 'outcome').map((record) => [record.text, record.kind, record.branch, record.commits?.map((c) => c.subject)]),
      [['Search finds answers in 200 ms', 'impact', 'feature/search', ['feat: search index', 'feat: search ranking']]],
    );
    assert.deepEqual(records.filter((record) => record.type === 'waiting'), []);
  });

  test('Enter takes the suggestion; Ctrl+C stops asking and leaves the rest for later', async () => {
    terminal = new Terminal(`'${command()}' name`, env);
    await terminal.shows(/^\[1\/2\][^]*impact ›\s*$/m);
    terminal.typeLine('');
    await terminal.shows(/^\[2\/2\][^]*impact ›\s*$/m);
    terminal.press('C-c');
    const end = await terminal.shows(/^\[exit \d+\]$/m);
    assert.match(end, /^ {2}Saved: Search index; Search ranking \(shipped impact\)$/m);
    assert.match(end, /^1 named, 1 left for later\.\n\[exit 0\]$/m);
    const records = await week();
    assert.deepEqual(records.filter((record) => record.type === 'outcome').map((record) => record.text), ['Search index; Search ranking']);
    assert.deepEqual(records.filter((record) => record.type === 'waiting').map((record) => record.commits?.map((c) => c.subject)), [['fix: refund rounding']]);
  });

  test('without a terminal (a pipe, a script) it refuses politely, exits 2 and changes nothing', async () => {
    const before = await week();
    const result = await progressLog(['name'], env, { input: 'Search finds answers in 200 ms\n' });
    assert.deepEqual([result.code, result.stdout], [2, '']);
    assert.equal(result.stderr, 'progress-log name asks one question at a time, so it needs a terminal: run it in one. (progress-log week --json lists what waits, for a script.)\n');
    assert.deepEqual(await week(), before);
  });
});
