import * as assert from 'node:assert/strict';
import { CommitScanner } from '../../src/capture/commitScanner';
import type { GitCommit } from '../../src/core/domain';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { Store } from '../../src/storage/store';
import { INSTALLED_AT, MemoryLogger, openWindow, tempDatabase, type Window } from '../support/harness';
import { cloneTestRepo, createTestRepo, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

suite('closed branches', () => {
  let repo: TestRepo;
  let window: Window;
  const cleanups: (() => void)[] = [];

  setup(() => {
    repo = createTestRepo();
    // These cases name each commit as it is made (askWhen: eachCommit); the upstream suite below asks when work lands.
    window = openWindow(undefined, { askWhen: 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: base');
  });

  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** Starts `feature/x` with two commits of the user's, each seen (and claimed) as it was made. */
  async function featureWithTwoCommits(target = repo, name = 'feature/retry-payments'): Promise<string[]> {
    target.git('checkout', '-q', '-b', name);
    await window.scanner.scan(target.root);
    const shas = [target.commit('feat: retry on timeout', { file: 'pay.txt' })];
    await window.scanner.scan(target.root);
    shas.push(target.commit('test: retry cases', { file: 'pay.test.txt' }));
    await window.scanner.scan(target.root);
    return shas;
  }

  const scan = async (target = repo) => (await window.scanner.scan(target.root)).claimed;

  test('a merge commit into main asks what shipped, with every commit of the branch linked', async () => {
    await featureWithTwoCommits();
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/retry-payments');
    const claimed = await scan();
    assert.equal(claimed.branches.length, 1);
    const [branch] = claimed.branches;
    assert.equal(branch.name, 'feature/retry-payments');
    assert.equal(branch.closedAs, 'merged');
    assert.equal(branch.into, 'main');
    assert.equal(branch.commitIds.length, 2);
    assert.deepEqual(claimed.commits, [], 'the merge commit itself is not asked about');
  });

  test('a fast-forward merge asks what shipped', async () => {
    await featureWithTwoCommits();
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'feature/retry-payments');
    const claimed = await scan();
    assert.equal(claimed.branches[0]?.closedAs, 'merged');
  });

  test('a branch landed by rebase and deleted asks what shipped', async () => {
    await featureWithTwoCommits();
    repo.git('checkout', '-q', 'main');
    repo.commit('fix: unrelated on main', { file: 'main.txt' });
    await scan();
    const picks = repo.git('rev-list', '--reverse', 'main..feature/retry-payments').split('\n');
    repo.git('cherry-pick', ...picks);
    repo.git('branch', '-q', '-D', 'feature/retry-payments');
    const claimed = await scan();
    assert.equal(claimed.branches.length, 1);
    assert.equal(claimed.branches[0].closedAs, 'merged');
    assert.equal(claimed.branches[0].commitIds.length, 2);
  });

  test('a merge and the commits it brings, seen together, are asked about once, as the branch', async () => {
    await scan();
    repo.git('checkout', '-q', '-b', 'feature/offline');
    const first = window.scanner.scan(repo.root);
    await first;
    window.close();
    repo.commit('feat: offline cache', { file: 'cache.txt' });
    repo.commit('feat: offline banner', { file: 'banner.txt' });
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/offline');
    repo.git('branch', '-q', '-d', 'feature/offline');
    const reopened = openWindow(window.store.file);
    cleanups.push(() => reopened.close());
    const claimed = (await reopened.scanner.scan(repo.root)).claimed;
    assert.equal(claimed.branches.length, 1, 'found at the next start');
    assert.equal(claimed.branches[0].commitIds.length, 2);
    assert.deepEqual(claimed.commits, [], 'its commits are not asked about separately');
    assert.equal(reopened.store.log.countWaiting(), 1);
    const batches = reopened.store.log.pendingBatches();
    assert.equal(batches.length, 1);
    assert.equal(batches[0].type, 'branch');
  });

  test('merged upstream and fetched: the branch is closed before the local main moves', async () => {
    const origin = createTestRepo({ bare: true });
    const local = cloneTestRepo(origin.root);
    cleanups.push(() => origin.cleanup(), () => local.cleanup());
    local.commit('chore: seed');
    local.git('push', '-q', 'origin', 'HEAD:main');
    local.git('remote', 'set-head', 'origin', 'main');
    await scan(local);
    await featureWithTwoCommits(local, 'feature/upstream');
    local.git('push', '-q', '-u', 'origin', 'feature/upstream');
    const reviewer = cloneTestRepo(origin.root, 'reviewer@example.com');
    cleanups.push(() => reviewer.cleanup());
    reviewer.git('merge', '-q', '--no-ff', '--no-edit', 'origin/feature/upstream');
    reviewer.git('push', '-q', 'origin', 'main');
    local.git('fetch', '-q', 'origin');
    const claimed = await scan(local);
    assert.equal(claimed.branches.length, 1);
    assert.equal(claimed.branches[0].closedAs, 'merged');
  });

  test('squash-merged upstream: the remote branch vanishes at a pruning fetch, and it is asked about as squash-merged', async () => {
    const origin = createTestRepo({ bare: true });
    const local = cloneTestRepo(origin.root);
    cleanups.push(() => origin.cleanup(), () => local.cleanup());
    local.commit('chore: seed');
    local.git('push', '-q', 'origin', 'HEAD:main');
    await scan(local);
    await featureWithTwoCommits(local, 'feature/squashed');
    local.git('push', '-q', '-u', 'origin', 'feature/squashed');
    await scan(local);
    const reviewer = cloneTestRepo(origin.root, 'reviewer@example.com');
    cleanups.push(() => reviewer.cleanup());
    reviewer.git('merge', '-q', '--squash', 'origin/feature/squashed');
    reviewer.git('commit', '-q', '-m', 'Retry payments (#42)');
    reviewer.git('push', '-q', 'origin', 'main', ':feature/squashed');
    local.git('fetch', '-q', '--prune', 'origin');
    const claimed = await scan(local);
    assert.equal(claimed.branches.length, 1, 'the branch left behind is closed');
    assert.equal(claimed.branches[0].closedAs, 'squash-merged');
    assert.equal(claimed.branches[0].into, 'main');
  });

  test('a branch deleted without being merged is recorded as abandoned and not asked about', async () => {
    await featureWithTwoCommits(repo, 'spike/idea');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'spike/idea');
    const claimed = await scan();
    assert.deepEqual(claimed.branches, []);
    assert.equal(window.store.log.pendingBatches().filter((batch) => batch.type === 'branch').length, 0);
    assert.equal(window.store.log.abandonedBranches().map((branch) => branch.name).join(), 'spike/idea');
  });

  test('renaming a branch closes nothing', async () => {
    await featureWithTwoCommits();
    repo.git('branch', '-q', '-m', 'feature/retry-payments', 'feature/payment-retries');
    assert.deepEqual((await scan()).branches, []);
    assert.deepEqual(window.store.log.abandonedBranches(), []);
  });

  test('checkouts and resets close nothing', async () => {
    await featureWithTwoCommits();
    repo.git('checkout', '-q', 'main');
    assert.deepEqual((await scan()).branches, []);
    repo.git('checkout', '-q', 'feature/retry-payments');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    assert.deepEqual((await scan()).branches, []);
  });

  test('a branch re-created under the same name closes nothing', async () => {
    await featureWithTwoCommits();
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'feature/retry-payments');
    repo.git('branch', 'feature/retry-payments', 'main');
    assert.deepEqual((await scan()).branches, []);
  });

  test('a branch with no commits of its own closes nothing when deleted', async () => {
    repo.git('branch', 'empty-branch');
    await scan();
    repo.git('branch', '-q', '-D', 'empty-branch');
    assert.deepEqual((await scan()).branches, []);
    assert.deepEqual(window.store.log.abandonedBranches(), []);
  });

  test('a branch holding only someone else\'s commits is not asked about', async () => {
    repo.git('checkout', '-q', '-b', 'their-branch');
    await scan();
    repo.commit('feat: their work', { author: 'Colleague <colleague@example.com>' });
    await scan();
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'their-branch');
    assert.deepEqual((await scan()).branches, []);
  });

  test('the default branch comes from origin/HEAD before the configured names', async () => {
    const origin = createTestRepo({ bare: true, initialBranch: 'production' });
    const local = cloneTestRepo(origin.root);
    cleanups.push(() => origin.cleanup(), () => local.cleanup());
    local.git('checkout', '-q', '-b', 'production');
    local.commit('chore: seed');
    local.git('push', '-q', 'origin', 'production');
    local.git('remote', 'set-head', 'origin', 'production');
    local.git('branch', 'main');
    await scan(local);
    await featureWithTwoCommits(local, 'feature/prod');
    local.git('checkout', '-q', 'production');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'feature/prod');
    const claimed = await scan(local);
    assert.equal(claimed.branches[0]?.into, 'production');
  });

  test('the default branch falls back to the configured names', async () => {
    const custom = openWindow(tempDatabase(), {});
    cleanups.push(() => custom.close());
    const trunkRepo = createTestRepo({ initialBranch: 'trunk' });
    cleanups.push(() => trunkRepo.cleanup());
    trunkRepo.commit('chore: base');
    await custom.scanner.scan(trunkRepo.root);
    trunkRepo.git('checkout', '-q', '-b', 'feature/t');
    await custom.scanner.scan(trunkRepo.root);
    trunkRepo.commit('feat: t');
    await custom.scanner.scan(trunkRepo.root);
    trunkRepo.git('checkout', '-q', 'trunk');
    trunkRepo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/t');
    const claimed = (await custom.scanner.scan(trunkRepo.root)).claimed;
    assert.equal(claimed.branches[0]?.into, 'trunk');
  });

  test('two windows: only one asks about a closed branch', async () => {
    const file = tempDatabase();
    const first = openWindow(file);
    const second = openWindow(file);
    cleanups.push(() => first.close(), () => second.close());
    await Promise.all([first.scanner.scan(repo.root), second.scanner.scan(repo.root)]);
    repo.git('checkout', '-q', '-b', 'feature/shared');
    repo.commit('feat: shared');
    await Promise.all([first.scanner.scan(repo.root), second.scanner.scan(repo.root)]);
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/shared');
    const [a, b] = await Promise.all([first.scanner.scan(repo.root), second.scanner.scan(repo.root)]);
    assert.equal(a.claimed.branches.length + b.claimed.branches.length, 1);
  });

  test('naming the branch names its waiting commits and puts their own outcomes under it', async () => {
    await featureWithTwoCommits();
    const [own, waiting] = window.store.log.pendingBatches().flatMap((batch) => batch.commits);
    const commitOutcome = written(window.store.changes.createOutcome({ text: 'Payments retry on timeout', kind: 'impact', source: 'commit', commitIds: [own.id] }));
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/retry-payments');
    const [branch] = (await scan()).branches;
    const branchOutcome = written(window.store.changes.createOutcome({ text: 'Checkout survives payment timeouts', kind: 'impact', source: 'branch', branchId: branch.id }));
    assert.equal(branchOutcome.source, 'branch');
    assert.equal(branchOutcome.branch, 'feature/retry-payments');
    assert.deepEqual(branchOutcome.commitIds, [own.id, waiting.id].sort());
    assert.equal(window.store.outcomes.outcome(commitOutcome.id)!.parentId, branchOutcome.id);
    assert.equal(window.store.outcomes.outcome(commitOutcome.id)!.text, 'Payments retry on timeout', 'its own outcome is kept');
    assert.equal(window.store.scans.commit(waiting.id)!.status, 'named');
    assert.equal(window.store.scans.branch(branch.id)!.status, 'named');
    assert.equal(window.store.log.countWaiting(), 0);
  });
});

suite('closed branches upstream, as hosts do it', () => {
  const cleanups: (() => void)[] = [];
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function hosted() {
    const origin = createTestRepo({ bare: true });
    const local = cloneTestRepo(origin.root);
    const window = openWindow();
    cleanups.push(() => origin.cleanup(), () => local.cleanup(), () => window.close());
    local.commit('chore: seed');
    local.git('push', '-q', 'origin', 'HEAD:main');
    local.git('remote', 'set-head', 'origin', 'main');
    const reviewer = cloneTestRepo(origin.root, 'reviewer@example.com');
    cleanups.push(() => reviewer.cleanup());
    return { origin, local, window, reviewer };
  }

  /** The host squash-merges the pushed branch into main, keeping the branch, as GitHub does by default. */
  function squashMergeOnHost(reviewer: TestRepo, name: string, message: string) {
    reviewer.git('fetch', '-q');
    reviewer.git('merge', '-q', '--squash', `origin/${name}`);
    reviewer.git('commit', '-q', '-m', message);
    reviewer.git('push', '-q', 'origin', 'main');
  }

  async function pushedFeature(local: TestRepo, window: Window, name: string) {
    local.git('checkout', '-q', '-b', name);
    await window.scanner.scan(local.root);
    local.commit('feat: first half', { file: 'feature-a.txt' });
    local.commit('feat: second half', { file: 'feature-b.txt' });
    local.git('push', '-q', '-u', 'origin', name);
    await window.scanner.scan(local.root);
  }

  test('squash-merged on the host with the remote branch kept: asked after the next pull', async () => {
    const { local, window, reviewer } = hosted();
    await window.scanner.scan(local.root);
    await pushedFeature(local, window, 'feature/kept');
    squashMergeOnHost(reviewer, 'feature/kept', 'Feature kept (#7)');
    local.git('checkout', '-q', 'main');
    local.git('pull', '-q', '--ff-only');
    const claimed = (await window.scanner.scan(local.root)).claimed;
    assert.equal(claimed.branches.length, 1);
    assert.equal(claimed.branches[0].name, 'feature/kept');
    assert.equal(claimed.branches[0].closedAs, 'squash-merged');
    assert.deepEqual((await window.scanner.scan(local.root)).claimed.branches, [], 'asked once');
  });

  test('a squash-merged branch deleted locally before any prune is asked about, not abandoned', async () => {
    const { local, window, reviewer } = hosted();
    await window.scanner.scan(local.root);
    await pushedFeature(local, window, 'feature/gone');
    squashMergeOnHost(reviewer, 'feature/gone', 'Feature gone (#8)');
    local.git('checkout', '-q', 'main');
    local.git('pull', '-q', '--ff-only');
    local.git('branch', '-q', '-D', 'feature/gone');
    const claimed = (await window.scanner.scan(local.root)).claimed;
    assert.equal(claimed.branches[0]?.closedAs, 'squash-merged');
    assert.deepEqual(window.store.log.abandonedBranches(), []);
  });

  test('without a local default branch, a feature merged upstream is still asked about', async () => {
    const { local, window, reviewer } = hosted();
    await pushedFeature(local, window, 'feature/solo');
    local.git('branch', '-q', '-D', 'main');
    await window.scanner.scan(local.root);
    reviewer.git('fetch', '-q');
    reviewer.git('merge', '-q', '--no-ff', '--no-edit', 'origin/feature/solo');
    reviewer.git('push', '-q', 'origin', 'main');
    local.git('fetch', '-q');
    const claimed = (await window.scanner.scan(local.root)).claimed;
    assert.equal(claimed.branches[0]?.name, 'feature/solo');
    assert.equal(claimed.branches[0]?.closedAs, 'merged');
  });

  test('a branch git cannot judge is skipped and looked at again, and the commits of that scan are still recorded', async () => {
    const repo = createTestRepo();
    const logger = new MemoryLogger();
    const store = Store.open(tempDatabase(), { logger, now: () => INSTALLED_AT });
    class FailingReader extends GitReader {
      override commitsBetween(): Promise<GitCommit[]> {
        return Promise.reject(new Error('simulated: git timed out'));
      }
    }
    const scanner = new CommitScanner(new FailingReader(new GitRunner({ logger })), store, logger);
    cleanups.push(() => repo.cleanup(), () => store.close());
    repo.commit('chore: base');
    repo.git('branch', 'old-work');
    repo.git('checkout', '-q', 'old-work');
    repo.commit('feat: old work', { file: 'old.txt' });
    repo.git('checkout', '-q', 'main');
    await scanner.scan(repo.root);
    repo.git('branch', '-q', '-D', 'old-work');
    repo.commit('feat: new work on main', { file: 'new.txt' });
    const result = await scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits.map((commit) => commit.subject), ['feat: new work on main']);
    assert.ok(logger.lines.some((line) => /could not tell whether old-work was closed/.test(line)));
  });
});
