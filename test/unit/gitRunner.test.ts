/**
 * How git is started, for a whole read and a stream alike: which git runs, and what a failure to
 * start it says.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitCommandError, GitMissingError } from '../../src/core/errors';
import { GitRunner } from '../../src/git/gitRunner';
import { MemoryLogger } from '../support/harness';
import { createTestRepo, makeTempDir, type TestRepo } from '../support/testRepo';

/** Both ways of reading git, each reading everything: what a caller sees of one command. */
const READS = {
  run: (runner: GitRunner, cwd: string, args: string[]) => runner.run(cwd, args),
  stream: async (runner: GitRunner, cwd: string, args: string[]) => {
    const records: string[] = [];
    for await (const record of runner.stream(cwd, args)) records.push(record);
    return records.join('\n');
  },
};

suite('starting git', () => {
  let repo: TestRepo;
  const cleanups: (() => void)[] = [];
  setup(() => {
    repo = createTestRepo();
    repo.commit('chore: start');
  });
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    repo.cleanup();
  });

  for (const [how, read] of Object.entries(READS)) {
    test(`${how}: the git a path with spaces names is the git that runs (VS Code finds C:\\Program Files\\Git\\cmd\\git.exe)`, async function () {
      if (process.platform === 'win32') this.skip(); // the stand-in git below is a shell script
      const dir = makeTempDir('progress-log-git-binary-');
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      const folder = path.join(dir, 'Program Files', 'Git');
      fs.mkdirSync(folder, { recursive: true });
      const marker = path.join(dir, 'ran');
      const git = path.join(folder, 'git');
      const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
      fs.writeFileSync(git, `#!/bin/sh\ntouch '${marker}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
      const logger = new MemoryLogger();
      const output = await read(new GitRunner({ logger, binary: () => git }), repo.root, ['rev-parse', 'HEAD']);
      assert.match(output.trim(), /^[0-9a-f]{40}$/);
      assert.ok(fs.existsSync(marker), `the git at ${git} did not run:\n${logger.lines.join('\n')}`);
    });

    test(`${how}: a git that is not there is a missing git`, async () => {
      const runner = new GitRunner({ logger: new MemoryLogger(), binary: () => '/nonexistent/bin/git' });
      await assert.rejects(read(runner, repo.root, ['rev-parse', 'HEAD']), GitMissingError);
    });

    test(`${how}: a repository folder that is gone is a repository that cannot be read, not a missing git`, async () => {
      const runner = new GitRunner({ logger: new MemoryLogger() });
      const gone = path.join(repo.root, 'no-such-folder');
      await assert.rejects(read(runner, gone, ['rev-parse', 'HEAD']), (error: unknown) => error instanceof GitCommandError && error.message.includes(gone));
    });

    test(`${how}: git's own failure is a GitCommandError with git's words, logged with the command`, async () => {
      const logger = new MemoryLogger();
      const runner = new GitRunner({ logger });
      await assert.rejects(read(runner, repo.root, ['log', '--format=%H', 'no-such-branch', '--']), (error: unknown) => error instanceof GitCommandError && /no-such-branch/.test(error.message));
      assert.ok(logger.lines.some((line) => /^warn git log --format=%H no-such-branch -- \(in .*\) failed after \d+ms: .*no-such-branch/.test(line)), logger.lines.join('\n'));
    });
  }

  test('a read and a stream of one command see the same output, and each is one line of the log', async () => {
    for (let index = 0; index < 5; index++) repo.commit(`feat: change ${index}`);
    const logger = new MemoryLogger();
    const runner = new GitRunner({ logger });
    const args = ['log', '--format=%H %s', 'HEAD'];
    assert.equal((await READS.run(runner, repo.root, args)).trim(), await READS.stream(runner, repo.root, args));
    assert.deepEqual(
      logger.lines.map((line) => line.replace(/\(in .*\) \d+ms/, '(in …) Nms')),
      ['info > git log --format=%H %s HEAD (in …) Nms', 'info > git log --format=%H %s HEAD (in …) Nms, 6 record(s)'],
    );
  });
});
