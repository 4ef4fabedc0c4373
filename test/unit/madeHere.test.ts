/**
 * Issue 8: a log that tells the truth. "Made here" comes from what the reflogs say happened in
 * this clone; one piece of work gets one question; abandoned work is never called shipped; gone
 * work leaves every count. Real repositories with a bare `origin` and a colleague's clone.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AskWhen } from '../../src/core/domain';
import { gatherReport, markPublished } from '../../src/report/gather';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { cleanupsAfterEach, hostedRepository, MemoryLogger, openWindow, type Window } from '../support/harness';
import { cloneTestRepo, createTestRepo, runGit, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

suite('what was made here, from the reflogs', () => {
  const cleanups = cleanupsAfterEach();

  const hosted = (askWhen: AskWhen = 'workLands') => hostedRepository(cleanups, askWhen);

  const scan = async (window: Window, repo: TestRepo) => (await window.scanner.scan(repo.root)).claimed;
  const subjects = (commits: { subject: string }[]) => commits.map((commit) => commit.subject);

  test('a commit pushed at once is asked about', async () => {
    const { local, window } = await hosted();
    local.commit('fix: payment retry on timeout');
    local.git('push', '-q', 'origin', 'main');
    const claimed = await scan(window, local);
    assert.deepEqual(subjects(claimed.commits), ['fix: payment retry on timeout']);
    assert.deepEqual(subjects((await scan(window, local)).commits), [], 'and asked once');
  });

  test('several commits pushed at once, with no look in between, are asked about together', async () => {
    const { local, window } = await hosted();
    for (const subject of ['feat: one', 'feat: two', 'feat: three']) {
      local.commit(subject);
      local.git('push', '-q', 'origin', 'main');
    }
    assert.deepEqual(subjects((await scan(window, local)).commits), ['feat: one', 'feat: two', 'feat: three']);
    assert.equal(window.store.log.countWaiting(), 1, 'one piece of work');
  });

  test('a new branch committed and pushed with push -u at once is recorded, and asked about when it lands', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/search');
    local.commit('feat: search box', { file: 'search.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/search');
    assert.deepEqual((await scan(window, local)).commits, [], 'work in progress is not asked about');
    const [open] = window.store.log.contentsBetween(0, Number.MAX_SAFE_INTEGER).open;
    assert.deepEqual([open.branch, subjects(open.commits)], ['feature/search', ['feat: search box']]);
  });

  test('with askWhen eachCommit, a new branch pushed at once is asked about at once', async () => {
    const { local, window } = await hosted('eachCommit');
    local.git('checkout', '-q', '-b', 'feature/search');
    local.commit('feat: search box', { file: 'search.txt' });
    local.git('push', '-q', '-u', 'origin', 'feature/search');
    assert.deepEqual(subjects((await scan(window, local)).commits), ['feat: search box']);
  });

  test('a colleague\'s work that arrives by pull is not asked about, fast-forward or merged', async () => {
    const { local, colleague, window } = await hosted();
    colleague.commit('feat: their work', { file: 'theirs.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    local.git('pull', '-q', '--ff-only');
    assert.deepEqual((await scan(window, local)).commits, [], 'fast-forward');
    colleague.commit('feat: more of their work', { file: 'theirs2.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    local.commit('feat: my work', { file: 'mine.txt' });
    local.git('pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main');
    assert.deepEqual(subjects((await scan(window, local)).commits), ['feat: my work'], 'only mine, not theirs or the merge');
  });

  test('my own work from another machine arrives by pull and is not asked about here', async () => {
    const { origin, local, window } = await hosted();
    const laptop = cloneTestRepo(origin.root); // the same e-mail: the user's other machine
    cleanups.push(() => laptop.cleanup());
    laptop.commit('feat: done on the laptop', { file: 'laptop.txt' });
    laptop.git('push', '-q', 'origin', 'main');
    local.git('pull', '-q', '--ff-only');
    assert.deepEqual((await scan(window, local)).commits, []);
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('pull --rebase replays my waiting commit: its record follows it and nobody is asked again', async () => {
    const { local, colleague, window } = await hosted();
    colleague.commit('feat: their work', { file: 'theirs.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    local.commit('feat: my work', { file: 'mine.txt' });
    const [mine] = (await scan(window, local)).commits;
    local.git('pull', '-q', '--rebase', 'origin', 'main');
    assert.deepEqual((await scan(window, local)).commits, []);
    assert.equal(window.store.scans.commit(mine.id)!.sha, local.sha());
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('an abandoned pull-request branch is never called shipped', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'spike/x');
    local.commit('feat: try an idea', { file: 'idea.txt' });
    local.git('push', '-q', '-u', 'origin', 'spike/x');
    await scan(window, local);
    local.commit('feat: more of the idea', { file: 'idea.txt' });
    local.git('push', '-q');
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('push', '-q', 'origin', '--delete', 'spike/x'); // the pull request is closed unmerged
    local.git('fetch', '-q', '--prune');
    assert.deepEqual((await scan(window, local)).branches, [], 'not shipped while the branch is still here');
    local.git('branch', '-q', '-D', 'spike/x');
    assert.deepEqual((await scan(window, local)).branches, [], 'nor when it is deleted');
    const [abandoned] = window.store.log.abandonedBranches();
    assert.equal(abandoned?.name, 'spike/x');
    assert.equal(abandoned.status, 'abandoned');
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('a two-commit fix branch merged asks exactly once, about the branch', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'fix/timeouts');
    local.commit('fix: retry on timeout', { file: 'pay.txt' });
    assert.deepEqual((await scan(window, local)).commits, []);
    local.commit('test: timeout cases', { file: 'pay.test.txt' });
    assert.deepEqual((await scan(window, local)).commits, []);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'fix/timeouts');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.commits, []);
    assert.equal(claimed.branches.length, 1);
    assert.equal(claimed.branches[0].name, 'fix/timeouts');
    assert.equal(claimed.branches[0].commitIds.length, 2);
    local.git('branch', '-q', '-d', 'fix/timeouts');
    const after = await scan(window, local);
    assert.deepEqual([after.commits, after.branches], [[], []], 'deleting the merged branch asks nothing more');
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('with askWhen eachCommit, a branch whose commits all have outcomes is shipped with them and not asked about', async () => {
    const { local, window } = await hosted('eachCommit');
    local.git('checkout', '-q', '-b', 'fix/timeouts');
    local.commit('fix: retry on timeout', { file: 'pay.txt' });
    const [first] = (await scan(window, local)).commits;
    local.commit('test: timeout cases', { file: 'pay.test.txt' });
    const [second] = (await scan(window, local)).commits;
    written(window.store.changes.createOutcome({ text: 'Payments survive gateway timeouts', kind: 'impact', source: 'commit', commitIds: [first.id] }));
    written(window.store.changes.settleCommits([second.id], 'routine'));
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'fix/timeouts');
    const claimed = await scan(window, local);
    assert.deepEqual([claimed.commits, claimed.branches], [[], []]);
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('cherry-picking named commits asks nothing, and deleting their source branch asks nothing either', async () => {
    const { local, window } = await hosted('eachCommit');
    local.git('checkout', '-q', '-b', 'spike');
    const picks: string[] = [];
    for (const subject of ['feat: one', 'feat: two', 'feat: three']) {
      picks.push(local.commit(subject, { file: `${subject.slice(6)}.txt` }));
      const [claimed] = (await scan(window, local)).commits;
      written(window.store.changes.createOutcome({ text: `Shipped ${subject.slice(6)}`, kind: 'impact', source: 'commit', commitIds: [claimed.id] }));
    }
    local.git('checkout', '-q', 'main');
    local.git('cherry-pick', ...picks);
    const picked = await scan(window, local);
    assert.deepEqual([picked.commits, picked.branches], [[], []], 'the picks follow their named records');
    local.git('branch', '-q', '-D', 'spike');
    const deleted = await scan(window, local);
    assert.deepEqual([deleted.commits, deleted.branches], [[], []], 'the source branch shipped with them');
    assert.equal(window.store.log.countWaiting(), 0);
    // Each outcome now cites the commit on main, which exists.
    const onMain = local.git('rev-list', '-n', '3', 'main').split('\n');
    const cited = window.store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).flatMap((outcome) => outcome.commitIds.map((id) => window.store.scans.commit(id)!.sha));
    assert.deepEqual(new Set(cited), new Set(onMain));
  });

  test('under workLands, cherry-picking open work onto main asks about it once, as it lands', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'spike');
    const pick = local.commit('feat: the useful part', { file: 'useful.txt' });
    assert.deepEqual((await scan(window, local)).commits, []);
    local.git('checkout', '-q', 'main');
    local.git('cherry-pick', pick);
    const landed = await scan(window, local);
    assert.deepEqual(subjects(landed.commits), ['feat: the useful part']);
    assert.equal(landed.commits[0].sha, local.sha('main'));
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('amend --reset-author on a named commit asks nothing, and the outcome cites the new commit', async () => {
    const { local, window } = await hosted();
    local.commit('feat: invoices as PDF', { file: 'pdf.txt' });
    const [claimed] = (await scan(window, local)).commits;
    const outcome = written(window.store.changes.createOutcome({ text: 'Customers get invoices as PDF', kind: 'impact', source: 'commit', commitIds: [claimed.id] }));
    local.git('commit', '-q', '--amend', '--reset-author', '--no-edit');
    const after = await scan(window, local);
    assert.deepEqual(after.commits, []);
    const cited = window.store.outcomes.outcome(outcome.id)!.commitIds.map((id) => window.store.scans.commit(id)!.sha);
    assert.deepEqual(cited, [local.sha()]);
    const report = gatherReport(window.store, { from: 0, to: Number.MAX_SAFE_INTEGER }, 'UTC');
    assert.deepEqual(report.impact[0].commits.map((commit) => commit.sha), [local.sha()]);
  });

  test('an amend that changes the content and the author date still follows its record (the reflog says amend)', async () => {
    const { local, window } = await hosted();
    local.commit('feat: search', { file: 'search.txt' });
    const [claimed] = (await scan(window, local)).commits;
    fs.appendFileSync(path.join(local.root, 'search.txt'), 'and a fix\n');
    local.git('add', '-A');
    local.git('commit', '-q', '--amend', '--reset-author', '-m', 'feat: search, fixed');
    assert.deepEqual((await scan(window, local)).commits, []);
    assert.equal(window.store.scans.commit(claimed.id)!.sha, local.sha());
    assert.equal(window.store.scans.commit(claimed.id)!.subject, 'feat: search, fixed');
  });

  test('a commit reset away while a stash sits on it stops waiting, and stays gone after stash clear', async () => {
    const { local, window } = await hosted();
    local.commit('feat: an idea', { file: 'idea.txt' });
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 1);
    fs.appendFileSync(path.join(local.root, 'idea.txt'), 'half done\n');
    local.git('stash', '-q');
    local.git('reset', '-q', '--hard', 'HEAD~1');
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 0, 'a stash does not keep work alive');
    local.git('stash', 'clear');
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('a commit reset away and then restored waits again', async () => {
    const { local, window } = await hosted();
    const sha = local.commit('feat: an idea', { file: 'idea.txt' });
    await scan(window, local);
    local.git('reset', '-q', '--hard', 'HEAD~1');
    await scan(window, local);
    assert.equal(window.store.log.countWaiting(), 0);
    local.git('reset', '-q', '--hard', sha);
    assert.deepEqual((await scan(window, local)).commits, [], 'not asked again');
    assert.equal(window.store.log.countWaiting(), 1, 'but waiting again');
  });

  test('routine commits squashed away no longer count as routine activity', async () => {
    const { local, window } = await hosted();
    local.commit('chore: one', { file: 'a.txt' });
    local.commit('chore: two', { file: 'b.txt' });
    const claimed = (await scan(window, local)).commits;
    written(window.store.changes.settleCommits(claimed.map((commit) => commit.id), 'routine'));
    assert.equal(window.store.log.routineCountsBetween(0, Number.MAX_SAFE_INTEGER)[0].commits, 2);
    // An interactive rebase squashes the second into the first (the editor marks it "squash").
    runGit(local.root, ['rebase', '-q', '-i', 'HEAD~2'], { GIT_SEQUENCE_EDITOR: "sed -i -e '2s/^pick/squash/'", GIT_EDITOR: 'true' });
    assert.equal(local.git('rev-list', '--count', 'origin/main..HEAD'), '1');
    assert.deepEqual((await scan(window, local)).commits, [], 'the squash follows the first record');
    const routine = window.store.log.routineCountsBetween(0, Number.MAX_SAFE_INTEGER);
    assert.deepEqual(routine.map((count) => count.commits), [1], 'the squashed commit is the one routine commit left');
  });

  test('the status bar, the view and the export count the same pieces of work', async () => {
    const { local, window } = await hosted();
    local.commit('feat: one', { file: 'a.txt' });
    local.commit('feat: two', { file: 'b.txt' });
    await scan(window, local);
    local.commit('feat: three', { file: 'c.txt' });
    await scan(window, local);
    const all = { from: 0, to: Number.MAX_SAFE_INTEGER };
    const view = window.store.log.contentsBetween(all.from, all.to).waiting.length;
    assert.equal(window.store.log.countWaiting(), 2);
    assert.equal(view, 2);
    assert.equal(gatherReport(window.store, all, 'UTC').waitingCount, 2);
    assert.equal(window.store.log.countWaitingCommits(), 3);
  });

  test('a commit links in an export only when a remote-tracking branch reaches it', async () => {
    const { local, window } = await hosted();
    local.commit('feat: pushed', { file: 'a.txt' });
    local.git('push', '-q', 'origin', 'main');
    const [pushed] = (await scan(window, local)).commits;
    local.commit('feat: local only', { file: 'b.txt' });
    const [unpushed] = (await scan(window, local)).commits;
    written(window.store.changes.createOutcome({ text: 'Both', kind: 'impact', source: 'commit', commitIds: [pushed.id, unpushed.id] }));
    const reader = new GitReader(new GitRunner({ logger: new MemoryLogger() }));
    const data = await markPublished(gatherReport(window.store, { from: 0, to: Number.MAX_SAFE_INTEGER }, 'UTC'), reader);
    const published = Object.fromEntries(data.impact[0].commits.map((commit) => [commit.subject, commit.published]));
    assert.deepEqual(published, { 'feat: pushed': true, 'feat: local only': false });
  });

  test('the commits of a deleted branch are not listed in an export', async () => {
    const { local, window } = await hosted('eachCommit');
    local.git('checkout', '-q', '-b', 'spike');
    local.commit('feat: tried something', { file: 'spike.txt' });
    const [claimed] = (await scan(window, local)).commits;
    written(window.store.changes.createOutcome({ text: 'Learned the approach does not scale', kind: 'impact', source: 'commit', commitIds: [claimed.id] }));
    local.git('checkout', '-q', 'main');
    local.git('branch', '-q', '-D', 'spike');
    await scan(window, local);
    const report = gatherReport(window.store, { from: 0, to: Number.MAX_SAFE_INTEGER }, 'UTC');
    assert.equal(report.impact[0].text, 'Learned the approach does not scale', 'the outcome stays');
    assert.deepEqual(report.impact[0].commits, [], 'its commit no longer exists, so it is not cited');
  });

  test('a branch whose name holds a no-break space or an ideographic space is claimed and closes', async () => {
    const { local, window } = await hosted();
    for (const name of ['feature/no\u00a0break', 'fix/全角\u3000space']) {
      local.git('checkout', '-q', '-b', name);
      local.commit(`feat: on ${name}`, { file: `${name.length}.txt` });
      await scan(window, local);
      local.git('checkout', '-q', 'main');
      local.git('merge', '-q', '--no-ff', '--no-edit', name);
      const claimed = await scan(window, local);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), [name]);
      assert.equal(claimed.branches[0].commitIds.length, 1);
    }
  });

  test('a squash made here lands the branch: one question, about the branch', async () => {
    const { local, window } = await hosted();
    local.git('checkout', '-q', '-b', 'feature/export');
    local.commit('feat: export button', { file: 'export.txt' });
    local.commit('feat: export as CSV', { file: 'export-csv.txt' });
    await scan(window, local);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--squash', 'feature/export');
    local.git('commit', '-q', '-m', 'Export reports (#12)');
    const claimed = await scan(window, local);
    assert.deepEqual(claimed.commits, [], 'the squash commit is not asked about on its own');
    assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/export', 'squash-merged']]);
    local.git('branch', '-q', '-D', 'feature/export');
    const after = await scan(window, local);
    assert.deepEqual([after.commits, after.branches], [[], []]);
    assert.equal(window.store.log.countWaiting(), 1);
  });

  test('without reflogs (core.logAllRefUpdates=false, logs removed) detection falls back: a local commit is asked about, a commit pushed before the scan is missed', async () => {
    const { local, window } = await hosted();
    // git keeps appending to reflogs that exist even when the setting is false: remove them too.
    local.git('config', 'core.logAllRefUpdates', 'false');
    fs.rmSync(path.join(local.root, '.git', 'logs'), { recursive: true, force: true });
    local.commit('feat: kept local', { file: 'a.txt' });
    assert.deepEqual(subjects((await scan(window, local)).commits), ['feat: kept local']);
    local.commit('feat: pushed before the scan', { file: 'b.txt' });
    local.git('push', '-q', 'origin', 'main');
    assert.deepEqual((await scan(window, local)).commits, [], 'the limit the README names');
  });
});

suite('each reflog action, read as git writes it', () => {
  const cleanups: (() => void)[] = [];
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  async function seen(askWhen: AskWhen = 'eachCommit'): Promise<{ repo: TestRepo; window: Window }> {
    const repo = createTestRepo();
    const window = openWindow(undefined, { askWhen });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: base', { file: 'base.txt' });
    await window.scanner.scan(repo.root);
    return { repo, window };
  }
  const claimedSubjects = async (window: Window, repo: TestRepo) => (await window.scanner.scan(repo.root)).claimed.commits.map((commit) => commit.subject);

  test('commit: asked about', async () => {
    const { repo, window } = await seen();
    repo.commit('feat: plain commit');
    assert.deepEqual(await claimedSubjects(window, repo), ['feat: plain commit']);
  });

  test('revert: asked about (undoing something is work too)', async () => {
    const { repo, window } = await seen();
    repo.commit('feat: a mistake', { file: 'mistake.txt' });
    await window.scanner.scan(repo.root);
    repo.git('revert', '--no-edit', 'HEAD');
    assert.deepEqual(await claimedSubjects(window, repo), ['Revert "feat: a mistake"']);
  });

  test('am: patches applied here are asked about together', async () => {
    const { repo, window } = await seen();
    const other = createTestRepo();
    cleanups.push(() => other.cleanup());
    other.commit('chore: base', { file: 'base.txt' });
    other.commit('feat: from a patch', { file: 'patch.txt' });
    const patch = path.join(other.root, 'change.patch');
    fs.writeFileSync(patch, other.git('format-patch', '-1', '--stdout'));
    runGit(repo.root, ['am', '-q', patch]);
    assert.deepEqual(await claimedSubjects(window, repo), ['feat: from a patch']);
  });

  test('merge: the merge commit made here is recorded but not asked about', async () => {
    const { repo, window } = await seen();
    repo.git('checkout', '-q', '-b', 'side');
    repo.commit('feat: side', { file: 'side.txt' });
    await window.scanner.scan(repo.root);
    repo.git('checkout', '-q', 'main');
    repo.commit('feat: main', { file: 'main.txt' });
    await window.scanner.scan(repo.root);
    repo.git('merge', '-q', '--no-edit', 'side');
    const claimed = await window.scanner.scan(repo.root);
    assert.deepEqual(claimed.claimed.commits, []);
    assert.equal(claimed.claimed.branches.length, 1, 'the branch it merged is asked about');
  });

  test('reset, checkout and branch: nothing is asked about', async () => {
    const { repo, window } = await seen();
    repo.commit('feat: one', { file: 'one.txt' });
    await window.scanner.scan(repo.root);
    repo.git('branch', 'copy');
    repo.git('checkout', '-q', 'copy');
    repo.git('reset', '-q', '--hard', 'main~1');
    repo.git('reset', '-q', '--hard', 'main');
    assert.deepEqual(await claimedSubjects(window, repo), []);
  });

  test('rebase: replayed commits follow their records and are not asked about again', async () => {
    const { repo, window } = await seen();
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('feat: topic one', { file: 't1.txt' });
    repo.commit('feat: topic two', { file: 't2.txt' });
    assert.equal((await claimedSubjects(window, repo)).length, 2);
    repo.git('checkout', '-q', 'main');
    repo.commit('fix: main moved', { file: 'm.txt' });
    await window.scanner.scan(repo.root);
    repo.git('checkout', '-q', 'topic');
    repo.git('rebase', '-q', 'main');
    assert.deepEqual(await claimedSubjects(window, repo), []);
    assert.equal(window.store.log.countWaiting(), 2);
  });

  test('a fetch into a local branch (git fetch origin main:main) is not work made here', async () => {
    const origin = createTestRepo({ bare: true });
    const colleague = cloneTestRepo(origin.root, 'colleague@example.com');
    colleague.commit('chore: seed');
    colleague.git('push', '-q', 'origin', 'HEAD:main');
    const local = cloneTestRepo(origin.root);
    local.git('checkout', '-q', '-b', 'work');
    const window = openWindow();
    cleanups.push(() => origin.cleanup(), () => colleague.cleanup(), () => local.cleanup(), () => window.close());
    await window.scanner.scan(local.root);
    colleague.commit('feat: theirs', { file: 'theirs.txt' });
    colleague.git('push', '-q', 'origin', 'main');
    local.git('fetch', '-q', 'origin', 'main:main');
    assert.deepEqual(await claimedSubjects(window, local), []);
  });
});
