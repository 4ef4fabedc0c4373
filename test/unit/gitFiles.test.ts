import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitScanner } from '../../src/capture/commitScanner';
import { refsFingerprint, resolveGitDirectories, watchTargets } from '../../src/capture/gitFiles';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { MemoryLogger, openWindow, type Window } from '../support/harness';
import { createTestRepo, makeTempDir, runGit, type TestRepo } from '../support/testRepo';

/** A runner that counts the git processes it starts. */
class CountingRunner extends GitRunner {
  processes = 0;
  override run(cwd: string, args: readonly string[], options?: { input?: string }): Promise<string> {
    this.processes++;
    return super.run(cwd, args, options);
  }
  override stream(cwd: string, args: readonly string[], options?: Parameters<GitRunner['stream']>[2]): AsyncGenerator<string> {
    this.processes++;
    return super.stream(cwd, args, options);
  }
}

suite('a scan when nothing changed', () => {
  let repo: TestRepo;
  let window: Window;
  let runner: CountingRunner;
  let scanner: CommitScanner;
  const cleanups: (() => void)[] = [];

  setup(() => {
    repo = createTestRepo();
    window = openWindow();
    runner = new CountingRunner({ logger: new MemoryLogger(), timeoutMs: 10_000 });
    scanner = new CommitScanner(new GitReader(runner), window.store, window.logger, { askWhen: () => 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
  });

  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** The git processes one scan starts. */
  async function processesOf(scan: () => Promise<unknown>): Promise<number> {
    const before = runner.processes;
    await scan();
    return runner.processes - before;
  }

  test('starts no git process: the refs, HEAD and reflogs on disk say nothing moved', async () => {
    repo.commit('chore: start');
    assert.ok((await processesOf(() => scanner.scan(repo.root))) > 0, 'the first look of a session asks git');
    assert.equal(await processesOf(() => scanner.scan(repo.root)), 0);
    fs.writeFileSync(path.join(repo.root, 'work.txt'), 'an edit in the working tree\n');
    runGit(repo.root, ['add', '-A']);
    assert.equal(await processesOf(() => scanner.scan(repo.root)), 0, 'staging a change moves no ref');
  });

  test('a commit, a new branch, a checkout, a deleted branch, a fetched remote branch and packed refs are each looked at', async () => {
    repo.commit('chore: start');
    await scanner.scan(repo.root);
    const changes: [string, () => void][] = [
      ['a commit', () => repo.commit('feat: more')],
      ['a new branch', () => repo.git('branch', 'feature/x')],
      ['a checkout', () => repo.git('checkout', '-q', 'feature/x')],
      ['a commit on the branch', () => repo.commit('feat: on the branch')],
      ['a checkout back', () => repo.git('checkout', '-q', 'main')],
      ['a deleted branch', () => repo.git('branch', '-q', '-D', 'feature/x')],
      ['a remote-tracking branch that moved', () => repo.git('update-ref', 'refs/remotes/origin/main', repo.sha('HEAD~1'))],
      ['refs packed by gc', () => repo.git('pack-refs', '--all')],
      ['a detached HEAD', () => repo.git('checkout', '-q', '--detach', 'HEAD~1')],
    ];
    for (const [what, change] of changes) {
      change();
      assert.ok((await processesOf(() => scanner.scan(repo.root))) > 0, `${what} is looked at`);
      assert.equal(await processesOf(() => scanner.scan(repo.root)), 0, `after ${what}, a second look starts nothing`);
    }
  });

  test('the commit is still found and claimed once after the file system said it changed', async () => {
    repo.commit('chore: start');
    await scanner.scan(repo.root);
    const sha = repo.commit('fix: found by the fingerprint');
    const result = await scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits.map((commit) => commit.sha), [sha]);
    assert.deepEqual((await scanner.scan(repo.root)).claimed.commits, []);
  });
});

suite('where the git files of a worktree are', () => {
  const cleanups: (() => void)[] = [];
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function repository(): TestRepo {
    const repo = createTestRepo();
    cleanups.push(() => repo.cleanup());
    repo.commit('chore: start');
    return repo;
  }

  test('a repository with a .git folder: both directories are that folder', () => {
    const repo = repository();
    const dirs = resolveGitDirectories(repo.root);
    assert.deepEqual(dirs, { gitDir: path.join(repo.root, '.git'), commonDir: path.join(repo.root, '.git') });
    assert.deepEqual(watchTargets(dirs!), [
      { dir: path.join(repo.root, '.git'), files: ['HEAD', 'packed-refs', 'config'], recursive: false },
      { dir: path.join(repo.root, '.git', 'logs'), files: ['HEAD'], recursive: false },
      { dir: path.join(repo.root, '.git', 'refs', 'heads'), files: undefined, recursive: true },
    ]);
  });

  test('a linked worktree (a .git file): its own HEAD and reflog, the main repository’s branches', () => {
    const repo = repository();
    const worktree = path.join(makeTempDir('progress-log-worktree-'), 'wt');
    cleanups.push(() => fs.rmSync(path.dirname(worktree), { recursive: true, force: true }));
    repo.git('worktree', 'add', '-q', '-b', 'topic', worktree);
    assert.ok(fs.statSync(path.join(worktree, '.git')).isFile());
    const dirs = resolveGitDirectories(worktree)!;
    assert.deepEqual(dirs, { gitDir: path.join(repo.root, '.git', 'worktrees', 'wt'), commonDir: path.join(repo.root, '.git') });
    const targets = watchTargets(dirs);
    assert.deepEqual(
      targets.map((target) => [path.relative(repo.root, target.dir), target.files ?? '**']),
      [
        [path.join('.git', 'worktrees', 'wt'), ['HEAD']],
        [path.join('.git', 'worktrees', 'wt', 'logs'), ['HEAD']],
        ['.git', ['packed-refs', 'config']],
        [path.join('.git', 'refs', 'heads'), '**'],
      ],
    );
    assert.ok(targets.every((target) => !target.dir.startsWith(worktree) && !target.dir.includes('objects')), 'never the working tree, never objects');
    // A commit in the worktree moves what a scan of it reads.
    const before = refsFingerprint(dirs);
    fs.appendFileSync(path.join(worktree, 'work.txt'), 'more\n');
    runGit(worktree, ['add', '-A']);
    runGit(worktree, ['commit', '-q', '-m', 'feat: in the worktree']);
    assert.notEqual(refsFingerprint(dirs), before);
  });

  test('a repository whose git directory lives elsewhere (--separate-git-dir): the .git file is followed', () => {
    const base = makeTempDir('progress-log-separate-');
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const root = path.join(base, 'work');
    const gitDir = path.join(base, 'store.git');
    runGit(base, ['init', '-q', '--initial-branch=main', `--separate-git-dir=${gitDir}`, root]);
    assert.deepEqual(resolveGitDirectories(root), { gitDir, commonDir: gitDir });
  });

  test('a folder that is no repository has no git directories', () => {
    const dir = makeTempDir('progress-log-plain-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    assert.equal(resolveGitDirectories(dir), undefined);
    fs.writeFileSync(path.join(dir, '.git'), 'not a pointer\n');
    assert.equal(resolveGitDirectories(dir), undefined);
  });
});
