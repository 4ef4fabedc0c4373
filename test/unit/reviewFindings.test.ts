/**
 * Defects a review found by working on a real history (expressjs/express, a bare origin, a
 * colleague's clone), each reproduced here on a small real repository before it was fixed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AskWhen } from '../../src/core/domain';
import { GitReader, type RefTips } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { CommitScanner } from '../../src/capture/commitScanner';
import { Store } from '../../src/storage/store';
import { cleanupsAfterEach, hostedRepository, INSTALLED_AT, MemoryLogger, tempDatabase, type Window } from '../support/harness';
import { createTestRepo, runGit, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

suite('found on a real history', () => {
  const cleanups = cleanupsAfterEach();

  const hosted = (askWhen: AskWhen = 'workLands') => hostedRepository(cleanups, askWhen);
  const scan = async (window: Window, repo: TestRepo) => (await window.scanner.scan(repo.root)).claimed;
  const subjects = (commits: { subject: string }[]) => commits.map((commit) => commit.subject);

  /** The colleague merges a pushed branch on the host (a pull request), as `style` says, and deletes it there. */
  function mergeOnHost(colleague: TestRepo, name: string, style: 'merge' | 'squash' | 'rebase', message = `Merge ${name}`) {
    colleague.git('fetch', '-q');
    colleague.git('checkout', '-q', 'main');
    colleague.git('pull', '-q', '--ff-only');
    if (style === 'merge') colleague.git('merge', '-q', '--no-ff', '-m', message, `origin/${name}`);
    if (style === 'squash') {
      colleague.git('merge', '-q', '--squash', `origin/${name}`);
      colleague.git('commit', '-q', '-m', message);
    }
    if (style === 'rebase') {
      // "Rebase and merge": the same authors and dates, a new committer, on top of main.
      colleague.git('checkout', '-q', '-b', 'rebasing', `origin/${name}`);
      colleague.git('rebase', '-q', 'main');
      colleague.git('checkout', '-q', 'main');
      colleague.git('merge', '-q', '--ff-only', 'rebasing');
      colleague.git('branch', '-q', '-D', 'rebasing');
    }
    colleague.git('push', '-q', 'origin', 'main', `:${name}`);
  }

  test('a local branch deleted while its pull request is open is not abandoned, and is asked about when the pull request is merged', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/etag');
    local.commit('feat: weak etags', { file: 'etag.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/etag');
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('branch', '-q', '-D', 'feature/etag');
    assert.deepEqual((await scan(window, local)).branches, []);
    assert.deepEqual(window.store.log.abandonedBranches(), [], 'its pull request is still open');
    mergeOnHost(colleague, 'feature/etag', 'merge');
    local.git('pull', '-q', '--prune', '--ff-only');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs, branch.commitIds.length]), [['feature/etag', 'merged', 1]]);
  });

  test('a branch deleted by mistake and restored, then merged, is asked about', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/brotli');
    const tip = local.commit('feat: brotli', { file: 'brotli.txt' });
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('branch', '-q', '-D', 'feature/brotli');
    await scan(window, local);
    local.git('branch', 'feature/brotli', tip);
    await scan(window, local);
    assert.deepEqual(window.store.log.abandonedBranches(), [], 'restored: no longer abandoned');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'feature/brotli');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs, branch.commitIds.length]), [['feature/brotli', 'merged', 1]]);
  });

  test('a pull request squash-merged on the host, with the same file changed again before the fetch, is shipped, not abandoned', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/accept');
    local.commit('feat: accept header', { file: 'accept.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/accept');
    local.git('checkout', '-q', 'main');
    await scan(window, local);
    mergeOnHost(colleague, 'feature/accept', 'squash', 'Accept header (#3)');
    fs.appendFileSync(path.join(colleague.root, 'accept.txt'), 'a later change to the same file\n');
    colleague.git('commit', '-q', '-am', 'fix: tweak accept');
    colleague.git('push', '-q', 'origin', 'main');
    local.git('pull', '-q', '--prune', '--ff-only');
    local.git('branch', '-q', '-D', 'feature/accept');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/accept', 'squash-merged']]);
    assert.deepEqual(window.store.log.abandonedBranches(), []);
  });

  test('a squash-merged pull request touching more than 200 files is shipped, not abandoned', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'chore/rename-everything');
    for (let index = 0; index < 210; index++) fs.writeFileSync(path.join(local.root, `file-${index}.txt`), `${index}\n`);
    local.git('add', '-A');
    local.git('commit', '-q', '-m', 'feat: many files');
    local.git('push', '-q', '-u', 'origin', 'chore/rename-everything');
    local.git('checkout', '-q', 'main');
    await scan(window, local);
    mergeOnHost(colleague, 'chore/rename-everything', 'squash', 'Many files (#4)');
    local.git('pull', '-q', '--prune', '--ff-only');
    local.git('branch', '-q', '-D', 'chore/rename-everything');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['chore/rename-everything', 'squash-merged']]);
  });

  test('a squash made here lands only its branch: an unrelated commit after it is still asked about', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/export');
    local.commit('feat: export button', { file: 'export.txt' });
    local.commit('feat: export as CSV', { file: 'export-csv.txt' });
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--squash', 'feature/export');
    local.git('commit', '-q', '-m', 'Export reports (#12)');
    local.commit('fix: crash on empty Accept header', { file: 'accept.txt' });
    local.git('push', '-q');
    const claimed = await scan(window, local);
    assert.deepEqual(subjects(claimed.commits), ['fix: crash on empty Accept header']);
    assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/export']);
  });

  test('a commit of mine pulled in with --rebase on top of a pull request squashed upstream is still asked about', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/x');
    local.commit('feat: x', { file: 'x.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/x');
    local.git('checkout', '-q', 'main');
    await scan(window, local);
    mergeOnHost(colleague, 'feature/x', 'squash', 'X (#7)');
    local.commit('fix: typo in README', { file: 'README.md' });
    local.git('pull', '-q', '--rebase');
    local.git('push', '-q');
    const claimed = await scan(window, local);
    assert.deepEqual(subjects(claimed.commits), ['fix: typo in README']);
  });

  test('merge --squash, commit and branch -D in one scan ask once, about the branch', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/csv');
    local.commit('feat: csv one', { file: 'csv1.txt' });
    local.commit('feat: csv two', { file: 'csv2.txt' });
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--squash', 'feature/csv');
    local.git('commit', '-q', '-m', 'CSV export');
    local.git('branch', '-q', '-D', 'feature/csv');
    const claimed = await scan(window, local);
    assert.deepEqual([subjects(claimed.commits), claimed.branches.map((branch) => [branch.name, branch.closedAs])], [[], [['feature/csv', 'squash-merged']]]);
  });

  test('a commit on main followed by checkout -b before any scan belongs to main, and is asked about', async () => {
    const { local, window } = await hosted();
    local.commit('fix: on main', { file: 'main.txt' });
    local.git('push', '-q');
    local.git('checkout', '-q', '-b', 'feature/next');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.commits.map((commit) => [commit.subject, commit.branch]), [['fix: on main', 'main']]);
  });

  test('a detached-HEAD commit in a linked worktree is recorded even when the main worktree is scanned first', async () => {
    const { local, window } = await hosted('eachCommit');
    const worktree = `${local.root}-hotfix`;
    cleanups.push(() => fs.rmSync(worktree, { recursive: true, force: true }));
    local.git('worktree', 'add', '-q', '--detach', worktree, 'main');
    await window.scanner.scan(worktree);
    fs.writeFileSync(path.join(worktree, 'hotfix.txt'), 'hotfix\n');
    runGit(worktree, ['add', '-A']);
    runGit(worktree, ['commit', '-q', '-m', 'fix: hotfix on a detached head']);
    await scan(window, local);
    const claimed = (await window.scanner.scan(worktree)).claimed;
    assert.deepEqual(subjects(claimed.commits), ['fix: hotfix on a detached head']);
  });

  test('a commit that lands while a scan runs is recorded by the next scan', async () => {
    const repo = createTestRepo();
    cleanups.push(() => repo.cleanup());
    repo.commit('chore: base');
    const logger = new MemoryLogger();
    const store = Store.open(tempDatabase(), { logger, now: () => INSTALLED_AT });
    cleanups.push(() => store.close());
    let committed = false;
    class CommitDuringScan extends GitReader {
      override async readTips(root: string): Promise<RefTips> {
        const tips = await super.readTips(root);
        if (!committed && store.log.countWaiting() === 0 && tips.head !== null && (await this.userEmail(root)) && fs.existsSync(path.join(root, 'landed.flag'))) {
          committed = true;
          repo.commit('feat: landed during the scan', { file: 'during.txt' });
        }
        return tips;
      }
    }
    const scanner = new CommitScanner(new CommitDuringScan(new GitRunner({ logger })), store, logger, { askWhen: () => 'eachCommit' });
    await scanner.scan(repo.root);
    fs.writeFileSync(path.join(repo.root, 'landed.flag'), '');
    repo.commit('feat: before the scan', { file: 'before.txt' });
    await scanner.scan(repo.root);
    assert.ok(committed, 'a commit landed between reading the refs and reading the reflogs');
    const next = await scanner.scan(repo.root);
    assert.deepEqual(subjects(next.claimed.commits), ['feat: landed during the scan']);
  });

  test('a commit made before a pull that brings more than a thousand commits is still asked about', async () => {
    const { local, colleague, window } = await hosted();
    // The colleague pushes 1,200 commits at once (made with fast-import, like a long-lived branch landing).
    const base = colleague.sha('main');
    let stream = '';
    const start = Math.floor(INSTALLED_AT / 1000) + 3600;
    for (let index = 1; index <= 1200; index++) {
      stream += `commit refs/heads/main\nmark :${index}\ncommitter Colleague <colleague@example.com> ${start + index} +0000\ndata 5\nwork\n`;
      stream += index === 1 ? `from ${base}\n` : `from :${index - 1}\n`;
      stream += `M 644 inline many-${index % 100}.txt\ndata 2\n${index % 10}\n\n`;
    }
    runGit(colleague.root, ['fast-import', '--quiet'], {}, stream);
    colleague.git('push', '-q', 'origin', 'main');
    local.commit('feat: mine, before the pull', { file: 'mine.txt' });
    local.git('pull', '-q', '--no-rebase', '--no-edit');
    const claimed = await scan(window, local);
    assert.deepEqual(subjects(claimed.commits), ['feat: mine, before the pull']);
  });

  test('two amends with --reset-author before a scan keep the named record', async () => {
    const { local, window } = await hosted();
    local.commit('feat: invoices', { file: 'invoice.txt' });
    const [claimed] = (await scan(window, local)).commits;
    const outcome = written(window.store.changes.createOutcome({ text: 'Invoices as PDF', kind: 'impact', source: 'commit', commitIds: [claimed.id] }));
    for (const line of ['first fix', 'second fix']) {
      fs.appendFileSync(path.join(local.root, 'invoice.txt'), `${line}\n`);
      local.git('add', '-A');
      local.git('commit', '-q', '--amend', '--reset-author', '-m', `feat: invoices, ${line}`);
    }
    const after = await scan(window, local);
    assert.deepEqual(after.commits, []);
    assert.deepEqual(window.store.outcomes.outcome(outcome.id)!.commitIds.map((id) => window.store.scans.commit(id)!.sha), [local.sha()]);
  });

  test('a local merge undone with reset --hard no longer waits as shipped', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/http2');
    local.commit('feat: http2', { file: 'http2.txt' });
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'feature/http2');
    assert.equal((await scan(window, local)).branches.length, 1);
    local.git('reset', '-q', '--hard', 'ORIG_HEAD');
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 0, 'the merge is undone: nothing shipped');
    const [open] = window.store.log.contentsBetween(0, Number.MAX_SAFE_INTEGER).open;
    assert.deepEqual([open?.branch, open?.commits.length], ['feature/http2', 1], 'its work is in progress again');
  });

  test('a rebase-merged pull request: once the branch is deleted, the outcome cites the copies on main', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/rebased');
    local.commit('feat: rebased one', { file: 'r1.txt' });
    local.commit('feat: rebased two', { file: 'r2.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/rebased');
    await scan(window, local);
    colleague.commit('chore: main moves', { file: 'moves.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    mergeOnHost(colleague, 'feature/rebased', 'rebase');
    local.git('fetch', '-q', '--prune');
    const [branch] = (await scan(window, local)).branches;
    assert.equal(branch?.closedAs, 'merged');
    const outcome = written(window.store.changes.createOutcome({ text: 'Rebased work shipped', kind: 'impact', source: 'branch', branchId: branch.id }));
    local.git('checkout', '-q', 'main');
    local.git('pull', '-q', '--ff-only');
    local.git('branch', '-q', '-D', 'feature/rebased');
    await scan(window, local);
    const cited = window.store.log.outcomesWithChildren(0, Number.MAX_SAFE_INTEGER).find((candidate) => candidate.id === outcome.id)!.commits.map((commit) => commit.sha);
    assert.deepEqual(new Set(cited), new Set(local.git('rev-list', '-n', '2', 'main').split('\n')));
  });

  test('a backport cherry-pick leaves the record on main, and deleting the backport branch changes nothing', async () => {
    const { local, window } = await hosted();
    const fix = local.commit('fix: redirect loop', { file: 'redirect.txt' });
    local.git('push', '-q');
    const [claimed] = (await scan(window, local)).commits;
    written(window.store.changes.createOutcome({ text: 'No more redirect loops', kind: 'impact', source: 'commit', commitIds: [claimed.id] }));
    local.git('checkout', '-q', '-b', 'backport/redirect', 'main~1');
    local.git('cherry-pick', '-x', fix);
    await scan(window, local);
    assert.equal(window.store.scans.commit(claimed.id)!.sha, fix, 'the record stays on main');
    local.git('checkout', '-q', 'main');
    local.git('branch', '-q', '-D', 'backport/redirect');
    await scan(window, local);
    assert.equal(window.store.scans.commit(claimed.id)!.goneAt, null);
  });

  test('a pending branch whose commits are squashed away still counts its commits in the tooltip', async () => {
    const { local, colleague, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/sq');
    local.commit('feat: sq', { file: 'sq.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/sq');
    local.git('checkout', '-q', 'main');
    await scan(window, local);
    mergeOnHost(colleague, 'feature/sq', 'squash', 'Sq (#9)');
    local.git('pull', '-q', '--prune', '--ff-only');
    local.git('branch', '-q', '-D', 'feature/sq');
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 1);
    const batches = window.store.log.pendingBatches();
    assert.equal(window.store.log.countWaitingCommits(), batches.reduce((sum, batch) => sum + batch.commits.length, 0));
    assert.equal(window.store.log.countWaitingCommits(), 1);
  });

  test('scans from two worktrees, one on a detached HEAD, do not make each other rescan', async () => {
    const { local, window } = await hosted();
    const worktree = `${local.root}-detached`;
    cleanups.push(() => fs.rmSync(worktree, { recursive: true, force: true }));
    local.git('worktree', 'add', '-q', '--detach', worktree, 'main');
    await window.scanner.scan(worktree);
    await scan(window, local);
    fs.writeFileSync(path.join(worktree, 'spike.txt'), 'spike\n');
    runGit(worktree, ['add', '-A']);
    runGit(worktree, ['commit', '-q', '-m', 'feat: spike in the linked worktree']);
    await window.scanner.scan(worktree);
    await scan(window, local);
    const before = window.logger.lines.filter((line) => line.startsWith('> git log')).length;
    for (let round = 0; round < 3; round++) {
      await window.scanner.scan(worktree);
      await scan(window, local);
    }
    assert.equal(window.logger.lines.filter((line) => line.startsWith('> git log')).length, before, 'nothing moved, so nothing was read again');
  });
});

