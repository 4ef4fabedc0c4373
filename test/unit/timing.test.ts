/**
 * Issue 17: the log tells the truth in every timing. Work done between two looks (a branch
 * committed and merged in one shell line) or while Progress Log was not running (the editor
 * closed) is read back from git's record of what happened, the reflogs, replayed in order: a
 * commit is on the branch it was made on, and a branch is one piece of work with all its commits.
 * A clone that moved continues where its repository stood. Real repositories with a bare `origin`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupsAfterEach, hostedRepository, openWindow, type Window } from '../support/harness';
import { makeTempDir, runGit, type TestRepo } from '../support/testRepo';

suite('work between two looks and while the editor was closed', () => {
  const cleanups = cleanupsAfterEach();

  const scan = async (window: Window, repo: TestRepo | string) => (await window.scanner.scan(typeof repo === 'string' ? repo : repo.root)).claimed;
  const subjects = (commits: { subject: string }[]) => commits.map((commit) => commit.subject);
  /** The subjects of a claimed branch's commits, oldest first. */
  const branchSubjects = (window: Window, commitIds: readonly string[]) => commitIds.map((id) => window.store.scans.commit(id)!.subject).sort();
  const waiting = (window: Window) => window.store.log.pendingBatches();

  /** The shell line: a branch, two commits, back to main, a merge with its own message, the branch deleted. */
  const quickMerge = (local: TestRepo, options: { scanAfterFirst?: () => Promise<unknown>; ff?: boolean } = {}) => async () => {
    local.git('checkout', '-q', '-b', 'feature/quick-merge');
    local.commit('work 1', { file: 'q.txt' });
    await options.scanAfterFirst?.();
    local.commit('work 2', { file: 'q.txt' });
    local.git('checkout', '-q', 'main');
    if (options.ff) local.git('merge', '-q', '--ff-only', 'feature/quick-merge');
    else local.git('merge', '-q', '--no-ff', 'feature/quick-merge', '-m', 'Merge quick');
    local.git('branch', '-q', '-d', 'feature/quick-merge');
  };

  suite('a branch committed and merged quickly', () => {
    test('seen after its first commit, it is one branch with both commits, asked about once, and nothing lands on main alone', async () => {
      const { local, window } = await hostedRepository(cleanups);
      await quickMerge(local, { scanAfterFirst: () => scan(window, local) })();
      const claimed = await scan(window, local);
      assert.deepEqual(subjects(claimed.commits), [], 'no commit of the branch is asked about alone');
      assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/quick-merge', 'merged']]);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), ['work 1', 'work 2']);
      const batches = waiting(window);
      assert.equal(batches.length, 1, 'one piece of work waits');
      assert.equal(batches[0].type, 'branch');
      const stored = window.store.scans.recordsBySha(claimed.repo.id, [local.sha('main^2')]).get(local.sha('main^2'));
      assert.equal(stored?.branch, 'feature/quick-merge', '"work 2" is stored on the branch it was made on');
    });

    test('never seen at all between two looks, it is still one branch with both commits', async () => {
      const { local, window } = await hostedRepository(cleanups);
      await quickMerge(local)();
      const claimed = await scan(window, local);
      assert.deepEqual(subjects(claimed.commits), []);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/quick-merge']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), ['work 1', 'work 2']);
      assert.equal(waiting(window).length, 1);
    });

    test('merged by fast-forward, it is still one branch with both commits', async () => {
      const { local, window } = await hostedRepository(cleanups);
      await quickMerge(local, { scanAfterFirst: () => scan(window, local), ff: true })();
      const claimed = await scan(window, local);
      assert.deepEqual(subjects(claimed.commits), []);
      assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/quick-merge', 'merged']]);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), ['work 1', 'work 2']);
    });

    test('a commit on main made in the same line is asked about on its own, apart from the branch', async () => {
      const { local, window } = await hostedRepository(cleanups);
      local.commit('fix: typo in the banner', { file: 'banner.txt' });
      await quickMerge(local)();
      const claimed = await scan(window, local);
      assert.deepEqual(subjects(claimed.commits), ['fix: typo in the banner']);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/quick-merge']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), ['work 1', 'work 2']);
    });
  });

  suite('while the editor was closed', () => {
    /** feature/export with two commits, merged into main with `mergeArgs`, and deleted unless kept. */
    const exportBranch = (local: TestRepo, mergeArgs: string[], options: { keep?: boolean } = {}) => {
      local.git('checkout', '-q', '-b', 'feature/export');
      local.commit('feat: export as CSV', { file: 'export.txt' });
      local.commit('test: export cases', { file: 'export.test.txt' });
      local.git('checkout', '-q', 'main');
      local.git('merge', '-q', ...mergeArgs, 'feature/export');
      if (!options.keep) local.git('branch', '-q', '-d', 'feature/export');
    };
    const exportCommits = ['feat: export as CSV', 'test: export cases'];
    /** A window that saw the repository, closed; the work; a new window on the same database. */
    const closedMeanwhile = async (work: (local: TestRepo) => void) => {
      const { local, window } = await hostedRepository(cleanups);
      const file = window.store.file;
      window.close();
      work(local);
      const reopened = openWindow(file);
      cleanups.push(() => reopened.close());
      return { local, window: reopened, claimed: await scan(reopened, local) };
    };

    test('a branch made, merged with --no-ff and deleted keeps its identity: one branch, two commits, and the commit on main apart', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        local.commit('docs: release notes', { file: 'notes.txt' });
        exportBranch(local, ['--no-ff', '--no-edit']);
      });
      assert.deepEqual(subjects(claimed.commits), ['docs: release notes']);
      assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/export', 'merged']]);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
      assert.equal(waiting(window).length, 2, 'two pieces of work: the commit on main, and the branch');
    });

    test('a branch merged with a message of its own and deleted is still found, by the reflog\'s merge entry', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        exportBranch(local, ['--no-ff', '-m', 'Ship the export']);
      });
      assert.deepEqual(subjects(claimed.commits), []);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/export']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
    });

    test('a branch made and merged but kept is closed as merged', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        exportBranch(local, ['--no-ff', '--no-edit'], { keep: true });
      });
      assert.deepEqual(subjects(claimed.commits), []);
      assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/export', 'merged']]);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
    });

    test('a branch made and merged by fast-forward, then deleted, is one branch', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        exportBranch(local, ['--ff-only']);
      });
      assert.deepEqual(subjects(claimed.commits), []);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/export']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
    });

    test('two branches made and merged one after the other each keep their own commits', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        for (const name of ['feature/a', 'feature/b']) {
          local.git('checkout', '-q', '-b', name);
          local.commit(`feat: ${name} one`, { file: `${name.slice(8)}.txt` });
          local.commit(`feat: ${name} two`, { file: `${name.slice(8)}.txt` });
          local.git('checkout', '-q', 'main');
          local.git('merge', '-q', '--no-ff', '--no-edit', name);
          local.git('branch', '-q', '-d', name);
        }
      });
      assert.deepEqual(subjects(claimed.commits), []);
      const byName = new Map(claimed.branches.map((branch) => [branch.name, branchSubjects(window, branch.commitIds)]));
      assert.deepEqual(byName.get('feature/a'), ['feat: feature/a one', 'feat: feature/a two']);
      assert.deepEqual(byName.get('feature/b'), ['feat: feature/b one', 'feat: feature/b two']);
    });

    test('a branch rebased onto main and fast-forwarded keeps its commits on the branch', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        local.git('checkout', '-q', '-b', 'feature/export');
        local.commit('feat: export as CSV', { file: 'export.txt' });
        local.git('checkout', '-q', 'main');
        local.commit('docs: readme', { file: 'readme.txt' });
        local.git('checkout', '-q', 'feature/export');
        local.commit('test: export cases', { file: 'export.test.txt' });
        local.git('rebase', '-q', 'main');
        local.git('checkout', '-q', 'main');
        local.git('merge', '-q', '--ff-only', 'feature/export');
        local.git('branch', '-q', '-d', 'feature/export');
      });
      assert.deepEqual(subjects(claimed.commits), ['docs: readme']);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/export']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
    });

    test('a branch made and left open is in progress on its branch, not asked about', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        local.git('checkout', '-q', '-b', 'feature/export');
        local.commit('feat: export as CSV', { file: 'export.txt' });
        local.git('checkout', '-q', 'main');
      });
      assert.deepEqual([claimed.commits, claimed.branches], [[], []]);
      const [open] = window.store.log.contentsBetween(0, Number.MAX_SAFE_INTEGER).open;
      assert.deepEqual([open?.branch, subjects(open?.commits ?? [])], ['feature/export', ['feat: export as CSV']]);
    });

    test('without reflogs, the merge commit\'s parents still say which commits the merged branch brought', async () => {
      const { window, claimed } = await closedMeanwhile((local) => {
        local.git('config', 'core.logAllRefUpdates', 'false');
        fs.rmSync(path.join(local.root, '.git', 'logs'), { recursive: true, force: true });
        local.commit('docs: release notes', { file: 'notes.txt' });
        exportBranch(local, ['--no-ff', '--no-edit']);
      });
      assert.deepEqual(subjects(claimed.commits), ['docs: release notes']);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/export']);
      assert.deepEqual(branchSubjects(window, claimed.branches[0].commitIds), exportCommits);
    });
  });

  suite('a clone is known by what it is, not where it is', () => {
    test('a clone moved while the editor was closed continues: the commit made meanwhile is asked about', async () => {
      const { local, window } = await hostedRepository(cleanups);
      const moved = path.join(makeTempDir('progress-log-moved-'), 'repo-moved');
      cleanups.push(() => fs.rmSync(path.dirname(moved), { recursive: true, force: true }));
      fs.renameSync(local.root, moved);
      fs.appendFileSync(path.join(moved, 'moved.txt'), 'after the move\n');
      runGit(moved, ['add', '-A']);
      runGit(moved, ['commit', '-q', '-m', 'fix: after the move']);
      const claimed = await scan(window, moved);
      assert.deepEqual(subjects(claimed.commits), ['fix: after the move']);
      assert.equal(window.store.clones.withClones().length, 1, 'still one repository');
      assert.equal(claimed.repo.name, 'repo-moved', 'named after its folder now');
      assert.deepEqual((await scan(window, moved)).commits, [], 'and asked once');
    });

    test('a clone renamed in place, with a branch merged meanwhile, continues', async () => {
      const { local, window } = await hostedRepository(cleanups);
      local.git('checkout', '-q', '-b', 'feature/rename');
      local.commit('feat: first half', { file: 'half.txt' });
      await scan(window, local);
      const renamed = `${local.root}-renamed`;
      cleanups.push(() => fs.rmSync(renamed, { recursive: true, force: true }));
      fs.renameSync(local.root, renamed);
      runGit(renamed, ['checkout', '-q', 'main']);
      runGit(renamed, ['merge', '-q', '--no-ff', '--no-edit', 'feature/rename']);
      const claimed = await scan(window, renamed);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/rename']);
    });

    test('a second clone of the same repository, beside the first, starts from its own history', async () => {
      const { origin, local, window } = await hostedRepository(cleanups);
      local.commit('feat: local work', { file: 'local.txt' });
      await scan(window, local);
      const second = makeTempDir('progress-log-second-');
      cleanups.push(() => fs.rmSync(second, { recursive: true, force: true }));
      runGit(path.dirname(second), ['clone', '-q', origin.root, second]);
      runGit(second, ['config', 'user.email', 'dev@example.com']);
      const claimed = await scan(window, second);
      assert.deepEqual([claimed.commits, claimed.branches], [[], []]);
    });
  });

  suite('the remote', () => {
    test('a changed remote URL is read again at the next look, without a reload', async () => {
      const { local, window } = await hostedRepository(cleanups);
      const before = (await window.scanner.scan(local.root)).repo.remoteUrl;
      local.git('remote', 'set-url', 'origin', 'git@github.com:acme/payments.git');
      const after = (await window.scanner.scan(local.root)).repo.remoteUrl;
      assert.notEqual(before, after);
      assert.equal(after, 'git@github.com:acme/payments');
    });
  });

  suite('found trying it on a real history, as a user would', () => {
    test('a branch never seen, squash-merged and deleted in one go, is one squash-merged branch with both commits, and the squash is not asked about alone', async () => {
      const { local, window } = await hostedRepository(cleanups);
      local.git('checkout', '-q', '-b', 'feature/s1');
      local.commit('s1 work 1', { file: 's1.txt' });
      local.commit('s1 work 2', { file: 's1.txt' });
      local.git('checkout', '-q', 'main');
      local.git('merge', '-q', '--squash', 'feature/s1');
      local.git('commit', '-q', '-m', 'Squashed s1');
      local.git('branch', '-q', '-D', 'feature/s1');
      const claimed = await scan(window, local);
      assert.deepEqual(subjects(claimed.commits), [], 'the squash commit lands the branch');
      assert.deepEqual(claimed.branches.map((branch) => [branch.name, branch.closedAs]), [['feature/s1', 'squash-merged']]);
      const batches = waiting(window);
      assert.equal(batches.length, 1);
      assert.deepEqual(subjects(batches[0].commits).sort(), ['s1 work 1', 's1 work 2']);
    });

    test('a branch seen after its first commit, then squash-merged with its second, counts both', async () => {
      const { local, window } = await hostedRepository(cleanups);
      local.git('checkout', '-q', '-b', 'feature/s2');
      local.commit('s2 work 1', { file: 's2.txt' });
      await scan(window, local);
      local.commit('s2 work 2', { file: 's2.txt' });
      local.git('checkout', '-q', 'main');
      local.git('merge', '-q', '--squash', 'feature/s2');
      local.git('commit', '-q', '-m', 'Squashed s2');
      local.git('branch', '-q', '-D', 'feature/s2');
      const claimed = await scan(window, local);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/s2']);
      assert.deepEqual(subjects(waiting(window)[0].commits).sort(), ['s2 work 1', 's2 work 2']);
    });

    test('a live branch is not squash-merged because another branch\'s squash renamed a look-alike file of it', async () => {
      const { local, window } = await hostedRepository(cleanups);
      const smokeTests = Array.from({ length: 20 }, (_, line) => `smoke test ${line}: it renders`).join('\n');
      const commitFile = (file: string, text: string, subject: string) => {
        fs.writeFileSync(path.join(local.root, file), text);
        local.git('add', '-A');
        local.git('commit', '-q', '-m', subject);
      };
      local.git('checkout', '-q', '-b', 'feature/widget');
      commitFile('widget.test.txt', `${smokeTests}\n`, 'test: widget smoke tests');
      await scan(window, local);
      local.git('checkout', '-q', 'main');
      local.git('checkout', '-q', '-b', 'feature/gadget');
      commitFile('gadget.test.txt', `${smokeTests}\nsmoke test 20: it spins\n`, 'test: gadget smoke tests');
      local.commit('feat: gadget', { file: 'gadget.txt' });
      local.git('checkout', '-q', 'main');
      local.git('merge', '-q', '--squash', 'feature/gadget');
      local.git('commit', '-q', '-m', 'Gadget smoke tests (#13)');
      local.git('branch', '-q', '-D', 'feature/gadget');
      const claimed = await scan(window, local);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/gadget']);
      assert.equal(window.store.log.contentsBetween(0, Number.MAX_SAFE_INTEGER).open.find((open) => open.branch === 'feature/widget')?.commits.length, 1, 'the widget branch is still in progress');
    });

    test('two branches merged in one line, the first deleted while the look that saw its merge was under way, are both asked about', async () => {
      const { local, window } = await hostedRepository(cleanups);
      for (const name of ['feature/a2', 'feature/b2']) {
        local.git('checkout', '-q', '-b', name, 'main');
        local.commit(`feat: ${name}`, { file: `${name.slice(8)}.txt` });
      }
      local.git('checkout', '-q', 'main');
      await scan(window, local);
      local.git('merge', '-q', '--no-ff', 'feature/a2', '-m', 'Merge a2');
      // The look starts after the merge; the branch goes while it reads (as `&& git branch -d` does).
      const reader = window.scanner['git'] as { branchesLanded: (...args: unknown[]) => Promise<Set<string>> };
      const branchesLanded = reader.branchesLanded.bind(reader);
      reader.branchesLanded = async (...args) => {
        local.git('merge', '-q', '--no-ff', 'feature/b2', '-m', 'Merge b2');
        local.git('branch', '-q', '-d', 'feature/a2', 'feature/b2');
        return branchesLanded(...args);
      };
      const first = await scan(window, local);
      reader.branchesLanded = branchesLanded;
      const second = await scan(window, local);
      assert.deepEqual([...first.branches, ...second.branches].map((branch) => branch.name).sort(), ['feature/a2', 'feature/b2']);
      assert.equal(waiting(window).length, 2);
    });

    test('a branch made in a linked worktree while the editor was closed, merged, its worktree removed and the branch deleted, is one branch made here', async () => {
      const { local, window } = await hostedRepository(cleanups);
      const file = window.store.file;
      window.close();
      const worktree = path.join(makeTempDir('progress-log-wt-'), 'wt');
      cleanups.push(() => fs.rmSync(path.dirname(worktree), { recursive: true, force: true }));
      local.git('worktree', 'add', '-q', '-b', 'feature/wt', worktree);
      for (const subject of ['wt work 1', 'wt work 2']) {
        fs.appendFileSync(path.join(worktree, 'wt.txt'), `${subject}\n`);
        runGit(worktree, ['add', '-A']);
        runGit(worktree, ['commit', '-q', '-m', subject]);
      }
      local.git('merge', '-q', '--no-ff', 'feature/wt', '-m', 'Merge the worktree');
      local.git('worktree', 'remove', worktree);
      local.git('branch', '-q', '-d', 'feature/wt');
      const reopened = openWindow(file);
      cleanups.push(() => reopened.close());
      const claimed = await scan(reopened, local);
      assert.deepEqual(claimed.branches.map((branch) => branch.name), ['feature/wt']);
      assert.deepEqual(branchSubjects(reopened, claimed.branches[0].commitIds), ['wt work 1', 'wt work 2']);
    });

    test('a branch made and deleted unmerged between two looks is recorded as abandoned, and not asked about', async () => {
      const { local, window } = await hostedRepository(cleanups);
      local.git('checkout', '-q', '-b', 'spike/idea');
      local.commit('feat: try an idea', { file: 'idea.txt' });
      local.git('checkout', '-q', 'main');
      local.git('branch', '-q', '-D', 'spike/idea');
      const claimed = await scan(window, local);
      assert.deepEqual([claimed.commits, claimed.branches], [[], []]);
      assert.deepEqual(window.store.log.abandonedBranches().map((branch) => [branch.name, branch.status, branch.commitIds.length]), [['spike/idea', 'abandoned', 1]]);
      assert.equal(window.store.log.countWaiting(), 0);
    });

    /** Runs `steps`, looking after the step numbered `lookAfter` too (none when -1), then once at the end. */
    const withLookAfter = async (window: Window, local: TestRepo, steps: (() => void)[], lookAfter: number) => {
      const claims = [];
      for (const [index, step] of steps.entries()) {
        step();
        if (index === lookAfter) claims.push(await scan(window, local));
      }
      claims.push(await scan(window, local));
      return claims;
    };

    test('a commit cherry-picked onto main and its branch deleted in one line is asked about once, wherever a look falls', async () => {
      for (let lookAfter = -1; lookAfter < 4; lookAfter++) {
        const { local, window } = await hostedRepository(cleanups);
        const steps = [
          () => local.git('checkout', '-q', '-b', 'feature/cp'),
          () => local.commit('fix: rounding in totals', { file: 'cp.txt' }),
          () => local.git('checkout', '-q', 'main'),
          () => local.git('cherry-pick', 'feature/cp'),
          () => local.git('branch', '-q', '-D', 'feature/cp'),
        ];
        const claims = await withLookAfter(window, local, steps, lookAfter);
        const asked = claims.flatMap((claimed) => [...claimed.commits.map((commit) => commit.subject), ...claimed.branches.map((branch) => branch.name)]);
        assert.equal(asked.length, 1, `looking after step ${lookAfter}: asked about ${JSON.stringify(asked)}`);
        assert.equal(window.store.log.countWaiting(), 1, `looking after step ${lookAfter}`);
        const [batch] = waiting(window);
        assert.deepEqual(batch.commits.map((commit) => commit.sha), [local.sha('main')], `looking after step ${lookAfter}: the record is the commit on main`);
      }
    });
  });
});
