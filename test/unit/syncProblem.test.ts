/**
 * Issue 19: the sync repository as the user names it (checked before git sees it), and why a sync
 * failed, from what git said, in one sentence of what to do. Real git where it can fail here (a
 * folder with no repository, a host that does not resolve, a port nothing listens on, a push the
 * repository refuses); git's words captured from GitHub where it needs a server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitCommandError, GitMissingError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import { SyncGit } from '../../src/git/syncGit';
import { SyncEngine } from '../../src/sync/syncEngine';
import { syncProblem, type SyncProblemKind } from '../../src/sync/syncProblem';
import { isLocalRepository, normalizeRepository, repositoryProblem } from '../../src/sync/syncRepository';
import { cleanupsAfterEach } from '../support/harness';
import { openMachines, randomSource } from '../support/machines';
import { makeTempDir, runGit } from '../support/testRepo';
import { written } from '../support/written';

suite('the sync repository the user names', () => {
  for (const value of ['git@github.com:you/progress-log.git', 'https://github.com/you/progress-log.git', 'ssh://git@example.com:2222/log.git', 'file:///srv/git/log.git', '/srv/git/log.git', '~/log.git', 'C:\\Users\\you\\log.git', 'gitlab.example.com:team/log.git']) {
    test(`${value} is taken`, () => assert.equal(repositoryProblem(value), undefined));
  }

  for (const [value, problem] of [
    ['', /Type the URL/],
    ['   ', /Type the URL/],
    ['--upload-pack=touch /tmp/x', /cannot start with '-'/],
    ['-oProxyCommand=x', /cannot start with '-'/],
    ['ext::sh -c touch% /tmp/pwned', /"ext::" URLs make git run a program/],
    ['EXT::ssh %S host', /"ext::" URLs/],
    ['https://github.com/you/log.git\n--upload-pack=x', /one line/],
    ['log.git', /must be absolute/],
    ['../elsewhere/log.git', /must be absolute/],
  ] as const) {
    test(`${JSON.stringify(value)} is refused, saying why`, () => assert.match(repositoryProblem(value) ?? '', problem));
  }

  test('~ is the home folder, as in a shell; the rest is given to git as typed', () => {
    assert.equal(normalizeRepository(' ~/sync/log.git ', '/home/you'), path.join('/home/you', 'sync/log.git'));
    assert.equal(normalizeRepository('git@github.com:you/log.git', '/home/you'), 'git@github.com:you/log.git');
  });

  test('a path or a file URL is a folder of this machine; ssh, https and scp-like URLs are servers', () => {
    assert.deepEqual(
      ['/srv/log.git', 'file:///srv/log.git', 'C:\\log.git', 'git@github.com:you/log.git', 'https://example.com/log.git', 'ssh://example.com/log.git'].map(isLocalRepository),
      [true, true, true, false, false, false],
    );
  });
});

suite('why a sync failed, in one sentence of what to do', function () {
  this.timeout(60_000);
  const cleanups = cleanupsAfterEach();

  const folder = () => {
    const made = makeTempDir('progress-log-sync-problem-');
    cleanups.push(() => fs.rmSync(made, { recursive: true, force: true }));
    return made;
  };

  /** What git says when SyncGit asks whether it reaches `repository`, made a SyncProblem. */
  async function reaching(repository: string) {
    const cache = path.join(folder(), 'cache.git');
    const git = new SyncGit(silentLogger, undefined, 20_000);
    await git.init(cache);
    try {
      await git.reach(cache, repository);
    } catch (error) {
      return syncProblem(error, repository);
    }
    throw new Error(`git reached ${repository}`);
  }

  test('a folder with no repository says how to make one', async () => {
    const missing = path.join(folder(), 'log.git');
    const problem = await reaching(missing);
    assert.equal(problem.kind, 'notFound');
    assert.equal(problem.sentence, `There is no git repository at ${missing}: check the path, or make one there with \`git init --bare ${missing}\`.`);
  });

  for (const repository of ['ssh://progress-log-sync.invalid/you/log.git', 'git@progress-log-sync.invalid:you/log.git', 'https://progress-log-sync.invalid/you/log.git', 'https://127.0.0.1:9/you/log.git']) {
    test(`${repository}, a host that does not resolve or answer, is offline: tried again by itself`, async () => {
      const problem = await reaching(repository);
      assert.equal(problem.kind, 'offline');
      assert.equal(problem.sentence, `Progress Log could not reach ${repository} (offline, or its server is down): it tries again by itself, and nothing is lost meanwhile.`);
    });
  }

  test('a push the sync repository refuses (a rule on it) says to check that you may push', async () => {
    const base = folder();
    const repository = path.join(base, 'sync.git');
    runGit(base, ['init', '-q', '--bare', repository]);
    fs.writeFileSync(path.join(repository, 'hooks', 'pre-receive'), '#!/bin/sh\necho "refs are protected here" >&2\nexit 1\n', { mode: 0o755 });
    const [machine] = openMachines(1, randomSource(3));
    cleanups.push(() => machine.close());
    written(machine.store.changes.createOutcome({ text: 'Checkout keeps the basket', kind: 'impact', source: 'manual' }));
    const engine = new SyncEngine(machine.store, new SyncGit(silentLogger), silentLogger);
    const failure = await engine.sync({ cache: path.join(base, 'cache.git'), repository }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const problem = syncProblem(failure, repository);
    assert.equal(problem.kind, 'refused');
    assert.match(problem.sentence, /refused what Progress Log pushed: check that you may push to it/);
  });

  // git's words from servers that cannot run here (GitHub, GitLab), as gitRunner hands them on: its first three lines of stderr, joined.
  for (const [said, kind] of [
    ['git@github.com: Permission denied (publickey). fatal: Could not read from remote repository.', 'auth'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'auth'],
    ["remote: Invalid username or password. fatal: Authentication failed for 'https://github.com/you/log.git/'", 'auth'],
    ['Host key verification failed. fatal: Could not read from remote repository.', 'auth'],
    ["remote: Repository not found. fatal: repository 'https://github.com/you/log.git/' not found", 'notFound'],
    ['ERROR: Repository not found. fatal: Could not read from remote repository.', 'notFound'],
    ["remote: The project you were looking for could not be found or you don't have permission to view it.", 'notFound'],
    ['git printed nothing for 60000 ms and was stopped', 'offline'],
    ["fatal: unable to access 'https://github.com/you/log.git/': The requested URL returned error: 503", 'offline'],
    ['remote: error: GH006: Protected branch update failed for refs/progress-log/m1. error: failed to push some refs', 'refused'],
  ] as const) {
    test(`"${said.slice(0, 60)}…" is ${kind}`, () => {
      const problem = syncProblem(new GitCommandError(said, ['ls-remote']), 'git@github.com:you/log.git');
      assert.equal(problem.kind, kind satisfies SyncProblemKind);
      assert.ok(problem.sentence.includes('git@github.com:you/log.git'), problem.sentence);
    });
  }

  test('no git at all says to install it or set git.path; anything else names what failed and where to read more', () => {
    assert.equal(syncProblem(new GitMissingError('git could not be started (git)'), 'x').kind, 'gitMissing');
    const other = syncProblem(new Error('disk I/O error'), '/srv/log.git');
    assert.equal(other.kind, 'other');
    assert.equal(other.sentence, 'Sync with /srv/log.git failed (disk I/O error): see the Progress Log output, then run Sync Now.');
  });
});
