import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitIdentityMissingError, GitMissingError } from '../../src/core/errors';
import { cleanupsAfterEach, openWindow, seenRepo, tempDatabase, type Window } from '../support/harness';
import { BASE_DATE_SECONDS, cloneTestRepo, createTestRepo, runGit, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

suite('commit detection', () => {
  let repo: TestRepo;
  let window: Window;
  const cleanups: (() => void)[] = [];

  setup(() => {
    repo = createTestRepo();
    // Detection itself, with every commit asked about as it is made (askWhen: eachCommit).
    window = openWindow(undefined, { askWhen: 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
  });

  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  const subjects = (commits: { subject: string }[]) => commits.map((commit) => commit.subject);

  test('the first look at a repository records where it is and asks nothing about its history', async () => {
    repo.commit('feat: old work');
    const first = await window.scanner.scan(repo.root);
    assert.equal(first.firstScan, true);
    assert.deepEqual(first.claimed.commits, []);
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('a commit made from the terminal is claimed once, with its subject and branch', async () => {
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);
    const sha = repo.commit('fix: payment retry on timeout');
    const result = await window.scanner.scan(repo.root);
    assert.equal(result.claimed.commits.length, 1);
    assert.equal(result.claimed.commits[0].sha, sha);
    assert.equal(result.claimed.commits[0].subject, 'fix: payment retry on timeout');
    assert.equal(result.claimed.commits[0].branch, 'main');
    assert.equal(result.claimed.commits[0].status, 'pending');
    const again = await window.scanner.scan(repo.root);
    assert.deepEqual(again.claimed.commits, [], 'a second look at the same commit never asks again');
  });

  test('an empty repository is fine, and its first commit is asked about', async () => {
    const first = await window.scanner.scan(repo.root);
    assert.equal(first.firstScan, true);
    repo.commit('feat: first page');
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(subjects(result.claimed.commits), ['feat: first page']);
  });

  test('several commits arriving together (cherry-pick) are claimed in one scan, oldest first', async () => {
    repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'spike');
    const picks = [repo.commit('feat: one'), repo.commit('feat: two'), repo.commit('feat: three')];
    repo.git('checkout', '-q', 'main');
    await window.scanner.scan(repo.root);
    repo.git('cherry-pick', ...picks);
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(subjects(result.claimed.commits), ['feat: one', 'feat: two', 'feat: three']);
    assert.ok(result.claimed.commits.every((commit) => commit.branch === 'main'));
  });

  test('patches applied with git am are claimed together', async () => {
    repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('feat: alpha');
    repo.commit('feat: beta');
    const patchDir = path.join(repo.root, '.patches');
    repo.git('format-patch', '-q', '-o', patchDir, 'main..topic');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'topic');
    await window.scanner.scan(repo.root);
    const patches = fs.readdirSync(patchDir).sort().map((name) => path.join(patchDir, name));
    runGit(repo.root, ['am', '-q', '--committer-date-is-author-date', ...patches]);
    const result = await window.scanner.scan(repo.root);
    assert.equal(result.claimed.commits.length, 2);
  });

  test('an amended commit keeps its record instead of being asked about again', async () => {
    repo.commit('chore: base');
    await window.scanner.scan(repo.root);
    const original = repo.commit('feat: search box');
    const [claimed] = (await window.scanner.scan(repo.root)).claimed.commits;
    repo.git('commit', '-q', '--amend', '-m', 'feat: search box with suggestions');
    const amended = repo.sha();
    assert.notEqual(amended, original);
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits, []);
    const record = window.store.scans.commit(claimed.id)!;
    assert.equal(record.sha, amended);
    assert.equal(record.subject, 'feat: search box with suggestions');
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('a named outcome follows its commit through a rebase onto an updated main', async () => {
    const base = repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'feature');
    await window.scanner.scan(repo.root);
    repo.commit('feat: export button');
    repo.commit('feat: export as CSV');
    const claimed = (await window.scanner.scan(repo.root)).claimed.commits;
    const outcome = written(window.store.changes.createOutcome({ text: 'Users can export reports', kind: 'impact', source: 'commit', commitIds: claimed.map((c) => c.id) }));
    repo.git('checkout', '-q', 'main');
    repo.commit('fix: unrelated', { file: 'other.txt' });
    repo.git('checkout', '-q', 'feature');
    await window.scanner.scan(repo.root);
    repo.git('rebase', '-q', 'main');
    assert.notEqual(repo.git('merge-base', 'HEAD', 'main'), base);
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits, [], 'rewritten commits are not asked about again');
    const shas = window.store.outcomes.outcome(outcome.id)!.commitIds.map((id) => window.store.scans.commit(id)!.sha);
    const rebased = repo.git('rev-list', 'main..feature').split('\n');
    assert.deepEqual(new Set(shas), new Set(rebased));
  });

  test('a merge commit from a pull is recorded but not asked about, and others\' commits are not recorded', async () => {
    const origin = createTestRepo({ bare: true });
    const seed = cloneTestRepo(origin.root);
    seed.commit('chore: seed');
    seed.git('push', '-q', 'origin', 'HEAD:main');
    const local = cloneTestRepo(origin.root);
    const colleague = cloneTestRepo(origin.root, 'colleague@example.com');
    cleanups.push(() => origin.cleanup(), () => seed.cleanup(), () => local.cleanup(), () => colleague.cleanup());
    await window.scanner.scan(local.root);
    colleague.commit('feat: colleague work', { file: 'theirs.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    local.commit('feat: my work', { file: 'mine.txt' });
    const mine = await window.scanner.scan(local.root);
    assert.deepEqual(subjects(mine.claimed.commits), ['feat: my work']);
    local.git('pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main');
    assert.equal(local.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ').length, 3, 'the pull made a merge commit');
    const result = await window.scanner.scan(local.root);
    assert.deepEqual(result.claimed.commits, []);
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('checkouts and resets are not commits', async () => {
    repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit('feat: other work');
    repo.git('checkout', '-q', 'main');
    repo.commit('feat: main work');
    await window.scanner.scan(repo.root);
    repo.git('checkout', '-q', 'other');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, [], 'checkout');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, [], 'reset backwards');
    repo.git('reset', '-q', '--hard', 'main');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, [], 'reset to a known commit');
    repo.git('checkout', '-q', '-b', 'fresh');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, [], 'a new branch at a known commit');
  });

  test('a branch checked out from the remote brings nothing to name', async () => {
    const origin = createTestRepo({ bare: true });
    const other = cloneTestRepo(origin.root);
    other.commit('chore: seed');
    other.git('push', '-q', 'origin', 'HEAD:main');
    other.git('checkout', '-q', '-b', 'their-feature');
    other.commit('feat: their feature');
    other.git('push', '-q', 'origin', 'their-feature');
    const local = cloneTestRepo(origin.root);
    cleanups.push(() => origin.cleanup(), () => other.cleanup(), () => local.cleanup());
    await window.scanner.scan(local.root);
    local.git('checkout', '-q', 'their-feature');
    assert.deepEqual((await window.scanner.scan(local.root)).claimed.commits, []);
  });

  test('a commit on a detached HEAD is claimed without a branch', async () => {
    repo.commit('chore: base');
    repo.commit('chore: more');
    repo.git('checkout', '-q', '--detach', 'HEAD~1');
    await window.scanner.scan(repo.root);
    repo.commit('fix: hotfix on a detached head');
    const result = await window.scanner.scan(repo.root);
    assert.equal(result.claimed.commits.length, 1);
    assert.equal(result.claimed.commits[0].branch, null);
  });

  test('commits by someone else are not claimed', async () => {
    repo.commit('chore: base');
    await window.scanner.scan(repo.root);
    repo.commit('feat: their patch', { author: 'Colleague <colleague@example.com>' });
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, []);
  });

  test('without a git identity the scan says so and loses nothing once it is set', async () => {
    const anonymous = createTestRepo({ email: null });
    cleanups.push(() => anonymous.cleanup());
    runGit(anonymous.root, ['commit', '-q', '--allow-empty', '-m', 'chore: base'], { GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_EMAIL: 'dev@example.com' });
    await window.scanner.scan(anonymous.root);
    runGit(anonymous.root, ['commit', '-q', '--allow-empty', '-m', 'feat: work before identity'], { GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_EMAIL: 'dev@example.com' });
    await assert.rejects(window.scanner.scan(anonymous.root), GitIdentityMissingError);
    runGit(anonymous.root, ['config', 'user.email', 'DEV@example.com']);
    const result = await window.scanner.scan(anonymous.root);
    assert.deepEqual(subjects(result.claimed.commits), ['feat: work before identity']);
  });

  test('commits made halfway through a rebase wait until it ends', async () => {
    repo.commit('chore: base', { file: 'conflict.txt' });
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('feat: topic change', { file: 'conflict.txt' });
    repo.git('checkout', '-q', 'main');
    repo.commit('fix: main change', { file: 'conflict.txt' });
    repo.git('checkout', '-q', 'topic');
    await window.scanner.scan(repo.root);
    assert.throws(() => repo.git('rebase', '-q', 'main'));
    const during = await window.scanner.scan(repo.root);
    assert.equal(during.waitingFor, 'rebase');
    repo.git('rebase', '--abort');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, []);
  });

  test('commits authored before Progress Log first saw the repository are not asked about when rebased', async () => {
    repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'old-work');
    repo.commit('feat: written long ago', { date: 1_600_000_000 });
    repo.git('checkout', '-q', 'main');
    repo.commit('fix: newer on main', { file: 'main.txt' });
    repo.git('checkout', '-q', 'old-work');
    await window.scanner.scan(repo.root);
    repo.git('rebase', '-q', 'main');
    assert.deepEqual((await window.scanner.scan(repo.root)).claimed.commits, []);
  });

  test('commits made while VS Code was closed are found at the next start', async () => {
    repo.commit('chore: base');
    await window.scanner.scan(repo.root);
    window.close();
    repo.commit('feat: done while closed');
    const reopened = openWindow(window.store.file, { askWhen: 'eachCommit' });
    cleanups.push(() => reopened.close());
    assert.deepEqual(subjects((await reopened.scanner.scan(repo.root)).claimed.commits), ['feat: done while closed']);
  });

  test('two windows on one database: only one of them claims a commit', async () => {
    const file = tempDatabase();
    const first = openWindow(file);
    const second = openWindow(file);
    cleanups.push(() => first.close(), () => second.close());
    repo.commit('chore: base');
    await Promise.all([first.scanner.scan(repo.root), second.scanner.scan(repo.root)]);
    repo.commit('feat: shared work');
    const [a, b] = await Promise.all([first.scanner.scan(repo.root), second.scanner.scan(repo.root)]);
    assert.equal(a.claimed.commits.length + b.claimed.commits.length, 1);
    assert.equal(first.store.log.countWaiting(), 1);
  });

  test('scans asked for while one runs are served by one more scan, never overlapping', async () => {
    repo.commit('chore: base');
    await window.scanner.scan(repo.root);
    repo.commit('feat: one');
    const results = await Promise.all([1, 2, 3, 4].map(() => window.scanner.scan(repo.root)));
    assert.equal(results.reduce((sum, result) => sum + result.claimed.commits.length, 0), 1);
  });

  test('a missing git binary is reported as such', async () => {
    const broken = openWindow(tempDatabase(), { binary: '/nonexistent/bin/git' });
    cleanups.push(() => broken.close());
    await assert.rejects(broken.scanner.scan(repo.root), GitMissingError);
  });
});

suite('commit detection, the harder cases', () => {
  const cleanups = cleanupsAfterEach();

  test('a commit in a linked worktree is asked about once, whichever worktree is scanned', async () => {
    const repo = createTestRepo();
    const window = openWindow(undefined, { askWhen: 'eachCommit' });
    const worktree = path.join(path.dirname(repo.root), `${path.basename(repo.root)}-wt`);
    cleanups.push(() => repo.cleanup(), () => window.close(), () => fs.rmSync(worktree, { recursive: true, force: true }));
    repo.commit('chore: base');
    repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
    await window.scanner.scan(repo.root);
    await window.scanner.scan(worktree);
    fs.writeFileSync(path.join(worktree, 'side.txt'), 'side\n');
    runGit(worktree, ['add', '-A']);
    runGit(worktree, ['commit', '-q', '-m', 'feat: side work']);
    const [a, b] = [await window.scanner.scan(worktree), await window.scanner.scan(repo.root)];
    assert.equal(a.claimed.commits.length + b.claimed.commits.length, 1);
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('commits that no branch reaches any more stop waiting for a name', async () => {
    const { repo, window } = await seenRepo(cleanups);
    repo.commit('feat: try one thing');
    await window.scanner.scan(repo.root);
    assert.equal(window.store.log.countWaiting(), 1);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.commit('feat: the thing done right');
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits.map((commit) => commit.subject), ['feat: the thing done right']);
    assert.equal(window.store.log.countWaiting(), 1, 'the commit reset away no longer waits');
  });

  test('a commit made in the same second as one reset away is new work, asked about, not that work rewritten', async () => {
    const { repo, window } = await seenRepo(cleanups, { askWhen: 'eachCommit' });
    // One shell line: commit, reset it away, commit again, all within one second.
    const second = BASE_DATE_SECONDS + 5000;
    repo.commit('feat: try one thing', { date: second, file: 'a.txt' });
    await window.scanner.scan(repo.root);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.commit('feat: the thing done right', { date: second, file: 'b.txt' });
    const result = await window.scanner.scan(repo.root);
    assert.deepEqual(result.claimed.commits.map((commit) => commit.subject), ['feat: the thing done right']);
    assert.equal(window.store.log.countWaiting(), 1, 'the commit reset away no longer waits; the new one does');
  });

  test('a commit re-made with the message and date of one reset away (commit -C) keeps that work\'s record', async () => {
    const { repo, window } = await seenRepo(cleanups, { askWhen: 'eachCommit' });
    const first = repo.commit('feat: invoice pdf', { file: 'a.txt' });
    const claimed = (await window.scanner.scan(repo.root)).claimed.commits;
    repo.git('reset', '-q', '--soft', 'HEAD~1');
    fs.writeFileSync(path.join(repo.root, 'a.txt'), 'changed before committing again\n');
    repo.git('add', 'a.txt');
    repo.git('commit', '-q', '-C', first);
    const again = await window.scanner.scan(repo.root);
    assert.deepEqual(again.claimed.commits, []);
    assert.equal(window.store.scans.commit(claimed[0].id)!.sha, repo.git('rev-parse', 'HEAD'));
  });

  test('two commits made in the same second keep their own records through a rebase', async () => {
    const repo = createTestRepo();
    const window = openWindow(undefined, { askWhen: 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: base');
    repo.git('checkout', '-q', '-b', 'topic');
    await window.scanner.scan(repo.root);
    const second = BASE_DATE_SECONDS + 5000;
    repo.commit('feat: invoice pdf', { date: second, file: 'a.txt' });
    repo.commit('fix: payments retry', { date: second, file: 'b.txt' });
    const claimed = (await window.scanner.scan(repo.root)).claimed.commits;
    const invoice = claimed.find((commit) => commit.subject === 'feat: invoice pdf')!;
    repo.git('checkout', '-q', 'main');
    repo.commit('chore: main moves', { file: 'c.txt' });
    repo.git('checkout', '-q', 'topic');
    await window.scanner.scan(repo.root);
    repo.git('rebase', '-q', 'main');
    await window.scanner.scan(repo.root);
    assert.equal(window.store.scans.commit(invoice.id)!.sha, repo.git('log', '--format=%H', '--grep=invoice pdf', '-n', '1'));
  });
});
