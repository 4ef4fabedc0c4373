import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CommitScanner } from '../../src/capture/commitScanner';
import { HistoryImporter, rangeStart } from '../../src/capture/historyImport';
import { HistoryWalk, mergedBranchName } from '../../src/capture/historyWalk';
import type { GitCommit } from '../../src/core/domain';
import type { Week } from '../../src/core/weeks';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { openWindow, type Window } from '../support/harness';
import { BASE_DATE_SECONDS, createTestRepo, runGit, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

interface Row {
  id: string;
  sha: string;
  subject: string;
  status: string;
  branch: string | null;
}

suite('history import', () => {
  let repo: TestRepo;
  let window: Window;
  const cleanups: (() => void)[] = [];

  setup(() => {
    repo = createTestRepo();
    window = openWindow();
    cleanups.push(() => repo.cleanup(), () => window.close());
  });

  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  const importer = (options: { batchSize?: number; authorEmails?: string[]; scan?: (root: string) => Promise<unknown> } = {}) => {
    const git = new GitReader(new GitRunner({ logger: window.logger, timeoutMs: 10_000 }));
    return new HistoryImporter(window.scanner, git, window.store, window.logger, options);
  };
  const rows = (): Row[] =>
    window.store.log
      .contentsBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
      .unnamedRoutine.flatMap((group) => group.commits)
      .map((commit) => ({ id: commit.id, sha: commit.sha, subject: commit.subject, status: commit.status, branch: commit.branch }));
  /** Closed branches as another process reads them. */
  const historyBranches = () => {
    const db = new Database(window.store.file, { readonly: true });
    try {
      return db.prepare<[], { name: string; status: string; into_branch: string; n: number }>('SELECT b.name, b.status, b.into_branch, (SELECT count(*) FROM branch_commits WHERE branch_id = b.id) AS n FROM branches b ORDER BY b.name').all();
    } finally {
      db.close();
    }
  };

  /** A main line with a feature branch merged by a merge commit, and a commit by someone else. */
  function mergedHistory(): { mine: string[]; feature: string[]; theirs: string } {
    const mine = [repo.commit('feat: first page')];
    repo.git('checkout', '-q', '-b', 'feature/search');
    const feature = [repo.commit('feat: search box'), repo.commit('feat: search results')];
    repo.git('checkout', '-q', 'main');
    mine.push(repo.commit('fix: typo on the first page', { file: 'other.txt' }));
    const theirs = repo.commit('docs: a colleague writes the README', { file: 'README.md', author: 'Colleague <colleague@example.com>' });
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/search');
    repo.git('branch', '-q', '-D', 'feature/search');
    return { mine, feature, theirs };
  }

  test("the user's commits come in as history: in their week as routine activity, never waiting, never asked about", async () => {
    const { mine, feature, theirs } = mergedHistory();
    const result = await importer().import(repo.root);
    assert.equal(result.cancelled, false);
    assert.equal(result.imported, 4);
    const imported = rows();
    assert.deepEqual(new Set(imported.map((row) => row.sha)), new Set([...mine, ...feature]));
    assert.ok(imported.every((row) => row.status === 'history'));
    assert.ok(!imported.some((row) => row.sha === theirs), "a colleague's commit is not the user's");
    assert.equal(window.store.log.countWaiting(), 0, 'nothing waits for a name');
    assert.equal(window.store.log.countWaitingCommits(), 0, 'the status bar counts nothing');
    const rescan = await window.scanner.scan(repo.root);
    assert.deepEqual(rescan.claimed, { ...rescan.claimed, commits: [], branches: [] }, 'no scan asks about history');
    assert.deepEqual(window.store.log.routineCountsBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((count) => count.commits), [4], 'reports count history as routine activity');
  });

  test('a branch merged in that history comes in as a merged branch, and the commits made on it name it', async () => {
    const { feature } = mergedHistory();
    const result = await importer().import(repo.root);
    assert.equal(result.branches, 1);
    // Its commits are rows of history (nothing to link until one is named): each names its branch.
    assert.deepEqual(historyBranches(), [{ name: 'feature/search', status: 'history', into_branch: 'main', n: 0 }]);
    const onFeature = rows().filter((row) => row.branch === 'feature/search').map((row) => row.sha);
    assert.deepEqual(new Set(onFeature), new Set(feature));
    assert.ok(rows().filter((row) => !feature.includes(row.sha)).every((row) => row.branch === 'main'));
  });

  test('running it twice adds nothing', async () => {
    mergedHistory();
    const first = await importer().import(repo.root);
    const before = rows();
    const second = await importer().import(repo.root);
    assert.equal(first.imported, 4);
    assert.deepEqual({ imported: second.imported, branches: second.branches }, { imported: 0, branches: 0 });
    assert.deepEqual(rows(), before);
    assert.equal(historyBranches().length, 1);
  });

  test('history is read as a stream and written in batches, each its own whole transaction', async () => {
    for (let index = 0; index < 7; index++) repo.commit(`chore: step ${index}`);
    const seen: number[] = [];
    const result = await importer({ batchSize: 2 }).import(repo.root, { onProgress: (progress) => seen.push(progress.imported) });
    assert.equal(result.imported, 7);
    assert.deepEqual(seen, [2, 4, 6, 7], 'every batch of two was written as it came, the rest at the end');
    assert.ok(window.logger.lines.some((line) => /> git log -z (?!.*--topo-order).* \d+ms, 7 record\(s\)$/.test(line)), 'one git log, in git\'s own order, read as a stream');
  });

  const READ_AGAIN = /history is not in child-first order .* reading it again in topological order$/;

  /** Author and committer date `seconds` after BASE_DATE_SECONDS, for git run directly. */
  const at = (seconds: number) => ({ GIT_AUTHOR_DATE: `${BASE_DATE_SECONDS + seconds} +0000`, GIT_COMMITTER_DATE: `${BASE_DATE_SECONDS + seconds} +0000` });

  /** Three commits landed in one second (as a rebase and merge lands them), then a branch made from the first of them, merged later. */
  function rebasedAndMerged(): { landed: string[]; filters: string } {
    repo.commit('feat: first page', { date: BASE_DATE_SECONDS });
    const landed = ['feat: search box', 'feat: search results', 'feat: search paging'].map((subject) => repo.commit(subject, { date: BASE_DATE_SECONDS + 600 }));
    repo.git('checkout', '-q', '-b', 'feature/filters', landed[0]);
    const filters = repo.commit('feat: filters', { file: 'filters.txt', date: BASE_DATE_SECONDS + 700 });
    repo.git('checkout', '-q', 'main');
    runGit(repo.root, ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/filters'", 'feature/filters'], at(800));
    repo.git('branch', '-q', '-D', 'feature/filters');
    return { landed, filters };
  }

  test('a history git prints a parent before its child (commits of one second, as a rebase and merge makes them) is read again in topological order, and every commit keeps its true branch', async () => {
    const { landed, filters } = rebasedAndMerged();
    const printed = repo.git('log', '--format=%H').split('\n');
    assert.ok(printed.indexOf(landed[0]) < printed.indexOf(landed[1]), "git's own order really prints the parent before its child here");

    const result = await importer({ batchSize: 1 }).import(repo.root);
    assert.ok(window.logger.lines.some((line) => READ_AGAIN.test(line)), 'read again');
    assert.deepEqual({ imported: result.imported, branches: result.branches, cancelled: result.cancelled }, { imported: 5, branches: 1, cancelled: false });
    const branchOf = new Map(rows().map((row) => [row.sha, row.branch]));
    assert.deepEqual(
      landed.map((sha) => branchOf.get(sha)),
      ['main', 'main', 'main'],
      'the commit written on the wrong branch before the order was found out is on main again',
    );
    assert.equal(branchOf.get(filters), 'feature/filters');
    assert.deepEqual(historyBranches().map((branch) => branch.name), ['feature/filters']);
    assert.equal((await importer().import(repo.root)).imported, 0, 'and a second import adds nothing');
  });

  test("a merged branch the first read got wrong is never written: a colleague's branch is not recorded as one the user merged", async () => {
    // The first commit, made on a clock a few seconds ahead; three commits landed in one second
    // after it; a colleague's branch made from the first of those three, merged later.
    const first = repo.commit('feat: first page', { date: BASE_DATE_SECONDS + 5 });
    const landed = ['feat: search box', 'feat: search results', 'feat: search paging'].map((subject) => repo.commit(subject, { date: BASE_DATE_SECONDS }));
    repo.git('checkout', '-q', '-b', 'feature/filters', landed[0]);
    const theirs = repo.commit('feat: filters', { file: 'filters.txt', date: BASE_DATE_SECONDS + 600, author: 'Colleague <colleague@example.com>' });
    repo.git('checkout', '-q', 'main');
    runGit(repo.root, ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/filters'", 'feature/filters'], at(1200));
    repo.git('branch', '-q', '-D', 'feature/filters');
    const printed = repo.git('log', '--format=%H').split('\n');
    // git prints the first commit before search results: the walk, handed search box and the first
    // commit through the colleague's branch, finds that branch complete before it finds the order wrong.
    assert.deepEqual(printed.slice(1), [theirs, landed[2], landed[0], first, landed[1]], "git's own order, as this shape makes it");

    const result = await importer({ batchSize: 1 }).import(repo.root);
    assert.ok(window.logger.lines.some((line) => READ_AGAIN.test(line)), 'read again');
    assert.deepEqual(historyBranches(), [], 'no merged branch holds a commit of the user');
    assert.deepEqual({ imported: result.imported, branches: result.branches }, { imported: 4, branches: 0 });
    const branchOf = new Map(rows().map((row) => [row.sha, row.branch]));
    assert.deepEqual([first, ...landed].map((sha) => branchOf.get(sha)), ['main', 'main', 'main', 'main']);
  });

  test('an ordinary history (merges, dates in order) is read once, in git\'s own order', async () => {
    mergedHistory();
    await importer().import(repo.root);
    assert.ok(!window.logger.lines.some((line) => READ_AGAIN.test(line)));
    assert.equal(window.logger.lines.filter((line) => /> git log -z /.test(line)).length, 1);
  });

  test("a commit made on a clock behind its parent's, on a merged branch, is read again in topological order: each commit keeps the branch it was made on", async () => {
    // feature/old: a shared start, then a commit made on a clock a day behind; merged. feature/new,
    // made from the shared start, merged later: git's order lists the shared start before its child.
    const base = repo.commit('feat: first page', { date: BASE_DATE_SECONDS });
    repo.git('checkout', '-q', '-b', 'feature/old');
    const shared = repo.commit('feat: search box', { date: BASE_DATE_SECONDS + 60 });
    const skewed = repo.commit('feat: search results, on a clock a day behind', { date: BASE_DATE_SECONDS - 86_400 });
    repo.git('checkout', '-q', 'main');
    runGit(repo.root, ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/old'", 'feature/old'], at(180));
    repo.git('branch', '-q', '-D', 'feature/old');
    repo.git('checkout', '-q', '-b', 'feature/new', shared);
    const later = repo.commit('feat: search paging', { file: 'paging.txt', date: BASE_DATE_SECONDS + 240 });
    repo.git('checkout', '-q', 'main');
    runGit(repo.root, ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/new'", 'feature/new'], at(300));
    repo.git('branch', '-q', '-D', 'feature/new');
    const printed = repo.git('log', '--format=%H').split('\n');
    assert.ok(printed.indexOf(shared) < printed.indexOf(skewed), "git's own order really lists the shared start before its child");

    const result = await importer({ batchSize: 1 }).import(repo.root);
    assert.ok(window.logger.lines.some((line) => READ_AGAIN.test(line)), 'read again');
    const branchOf = new Map(rows().map((row) => [row.sha, row.branch]));
    assert.deepEqual([base, shared, skewed, later].map((sha) => branchOf.get(sha)), ['main', 'feature/old', 'feature/old', 'feature/new']);
    assert.deepEqual(historyBranches().map((branch) => branch.name), ['feature/new', 'feature/old']);
    assert.deepEqual({ imported: result.imported, branches: result.branches }, { imported: 4, branches: 2 }, 'each commit counted once, however often written');
  });

  test('the second read relabels what the first one wrote on the wrong branch, and counts each commit once, imported and read', async () => {
    const { landed, filters } = rebasedAndMerged();
    const readAgain = () => window.logger.lines.some((line) => READ_AGAIN.test(line));
    let firstRead = new Map<string, string | null>();
    const result = await importer({ batchSize: 1 }).import(repo.root, {
      onProgress: () => {
        if (!readAgain()) firstRead = new Map(rows().map((row) => [row.sha, row.branch]));
      },
    });
    assert.ok(readAgain(), 'read again');
    // git's own order hands the walk the first landed commit through the filters branch, before its child on main.
    assert.equal(firstRead.get(landed[0]), 'feature/filters', 'the first read wrote a commit on the wrong branch before it found the order wrong');

    const branchOf = new Map(rows().map((row) => [row.sha, row.branch]));
    assert.deepEqual(landed.map((sha) => branchOf.get(sha)), ['main', 'main', 'main'], 'relabelled');
    assert.equal(branchOf.get(filters), 'feature/filters');
    assert.equal(rows().length, 5);
    const reads = window.logger.lines.filter((line) => /> git log -z /.test(line));
    assert.equal(reads.length, 2);
    assert.match(reads[1], /--topo-order.* 6 record\(s\)$/);
    assert.deepEqual({ imported: result.imported, read: result.read }, { imported: 5, read: 6 }, 'five commits of the user, however often written; six read, by the read that counted');
  });

  test('stopping during the second read stops its git and keeps what was written; importing again completes it', async () => {
    const { landed, filters } = rebasedAndMerged();

    const stop = new AbortController();
    const readAgain = () => window.logger.lines.some((line) => READ_AGAIN.test(line));
    const result = await importer({ batchSize: 1 }).import(repo.root, { signal: stop.signal, onProgress: () => readAgain() && stop.abort() });
    assert.equal(result.cancelled, true);
    const reads = window.logger.lines.filter((line) => /> git log -z /.test(line));
    assert.equal(reads.length, 2);
    assert.match(reads[1], /--topo-order.* stopped early$/, 'the second git was stopped');
    const written = rows().length;
    assert.ok(written > 0 && written < 5, `what was written stays (${written} of 5)`);

    const again = await importer().import(repo.root);
    assert.equal(again.cancelled, false);
    assert.equal(written + again.imported, 5, 'the rest, and nothing twice');
    const branchOf = new Map(rows().map((row) => [row.sha, row.branch]));
    assert.deepEqual(landed.map((sha) => branchOf.get(sha)), ['main', 'main', 'main']);
    assert.equal(branchOf.get(filters), 'feature/filters');
    assert.deepEqual(historyBranches().map((branch) => branch.name), ['feature/filters']);
  });

  test('the walk says when it was handed a parent before its child, and never in topological order', () => {
    const commit = (sha: string, parents: string[], subject: string): GitCommit => ({ sha, parents, subject, authorName: 'Dev', authorEmail: 'dev@example.com', authorTime: 0 });
    const [m, x, r3, r2, r1, p] = ['1', '2', '3', '4', '5', '6'].map((digit) => digit.repeat(40));
    const history = { [m]: [r3, x], [x]: [r1], [r3]: [r2], [r2]: [r1], [r1]: [p], [p]: [] };
    const walkIn = (order: string[]) => {
      const walk = new HistoryWalk(m, 'main', 'main');
      for (const sha of order) walk.visit(commit(sha, history[sha], sha === m ? "Merge branch 'feature/filters'" : 'feat: work'), true);
      return walk.outOfOrder;
    };
    assert.equal(walkIn([m, x, r3, r2, r1, p]), false, 'children first');
    assert.equal(walkIn([m, x, r3, r1, r2, p]), true, 'r1 before its child r2');
  });

  test("merged branches found in git's own order are written at the end, a batch's worth of their commits at a time, a bigger branch on its own", async () => {
    repo.commit('feat: first page');
    for (const [name, count] of [['feature/a', 1], ['feature/b', 1], ['feature/c', 1], ['feature/big', 3]] as const) {
      repo.git('checkout', '-q', '-b', name);
      for (let index = 0; index < count; index++) repo.commit(`feat: ${name} ${index}`, { file: `${name.replace('/', '-')}.txt` });
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--no-ff', '--no-edit', name);
      repo.git('branch', '-q', '-D', name);
    }
    const seen: number[] = [];
    const result = await importer({ batchSize: 2 }).import(repo.root, { onProgress: (progress) => seen.push(progress.branches) });
    assert.equal(result.branches, 4);
    // Newest merge first: big alone (3 commits), then c and b (2), then a.
    assert.deepEqual(seen.filter((count, index) => count > 0 && count !== seen[index - 1]), [1, 3, 4], 'three transactions of branches, after every commit was written');
    assert.deepEqual(historyBranches().map((branch) => branch.name), ['feature/a', 'feature/b', 'feature/big', 'feature/c']);
  });

  test("stopping a read in git's own order writes none of its merged branches; importing again writes them all", async () => {
    mergedHistory();
    for (let index = 0; index < 4; index++) repo.commit(`chore: step ${index}`);
    const stop = new AbortController();
    const result = await importer({ batchSize: 2 }).import(repo.root, { signal: stop.signal, onProgress: () => stop.abort() });
    assert.equal(result.cancelled, true);
    assert.deepEqual(historyBranches(), [], 'no branch from a read that never found out whether its order was right');
    const again = await importer().import(repo.root);
    assert.equal(again.branches, 1);
    assert.deepEqual(historyBranches().map((branch) => branch.name), ['feature/search']);
  });

  test('stopping mid-way keeps whole batches only, and importing again completes it', async () => {
    mergedHistory();
    for (let index = 0; index < 6; index++) repo.commit(`chore: step ${index}`);
    const stop = new AbortController();
    const result = await importer({ batchSize: 3 }).import(repo.root, { signal: stop.signal, onProgress: () => stop.abort() });
    assert.equal(result.cancelled, true);
    assert.equal(result.imported, 3);
    assert.equal(rows().length, 3, 'exactly the batch that was written');
    assert.ok(window.logger.lines.some((line) => /> git log -z .* stopped early$/.test(line)), 'git was stopped');
    const again = await importer({ batchSize: 3 }).import(repo.root);
    assert.equal(again.cancelled, false);
    assert.equal(again.imported, 7);
    assert.equal(rows().length, 10);
    assert.equal(historyBranches().length, 1);
  });

  test("only the user's commits: the repository's user.email and the configured addresses", async () => {
    repo.commit('feat: mine');
    repo.commit('feat: from my other address', { author: 'Dev Eloper <dev@home.example>' });
    repo.commit('feat: not mine', { author: 'Someone <someone@example.com>' });
    const result = await importer().import(repo.root);
    assert.deepEqual(rows().map((row) => row.subject), ['feat: mine']);
    assert.equal(result.imported, 1);
    const git = new GitReader(new GitRunner({ logger: window.logger }));
    const scanner = new CommitScanner(git, window.store, window.logger, { authorEmails: () => ['DEV@home.example'] });
    await new HistoryImporter(scanner, git, window.store, window.logger).import(repo.root);
    assert.deepEqual(rows().map((row) => row.subject).sort(), ['feat: from my other address', 'feat: mine']);
  });

  test('a range imports only commits authored since its start', async () => {
    repo.commit('feat: old', { date: BASE_DATE_SECONDS + 60 });
    repo.commit('feat: recent', { date: BASE_DATE_SECONDS + 10 * 86_400 });
    const since = (BASE_DATE_SECONDS + 5 * 86_400) * 1000;
    const result = await importer().import(repo.root, { since });
    assert.equal(result.imported, 1);
    assert.deepEqual(rows().map((row) => row.subject), ['feat: recent']);
    assert.equal(await importer().count(repo.root, undefined), 1, 'the older one is what a longer range would add');
  });

  test("a commit made after the last scan is the scanner's: not history, and asked about", async () => {
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);
    const fresh = repo.commit('feat: made just now');
    const result = await importer({ scan: async () => undefined }).import(repo.root);
    assert.equal(result.imported, 1);
    assert.ok(!rows().some((row) => row.sha === fresh));
    const scan = await window.scanner.scan(repo.root);
    assert.deepEqual(scan.claimed.commits.map((commit) => commit.sha), [fresh]);
  });

  test('commits already recorded (waiting, named) are left as they are', async () => {
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);
    repo.git('checkout', '-q', '-b', 'feature/x');
    const waiting = repo.commit('feat: on a branch, open');
    await window.scanner.scan(repo.root);
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/x');
    const claimed = await window.scanner.scan(repo.root);
    assert.equal(claimed.claimed.branches.length, 1, 'the scanner asks about the merged branch');
    await importer().import(repo.root);
    assert.equal(window.store.scans.recordsBySha(claimed.repo.id, [waiting]).get(waiting)?.status, 'pending');
    assert.deepEqual(historyBranches().map((branch) => branch.status), ['pending'], 'the branch is the scanner’s to ask about');
  });

  test('the day-one count is what an import would add', async () => {
    mergedHistory();
    assert.equal(await importer().count(repo.root, undefined), 4);
    await importer().import(repo.root);
    assert.equal(await importer().count(repo.root, undefined), 0);
  });

  test('history lists its weeks, and a commit of it can be named from the Weekly Log as shipped impact', async () => {
    repo.commit('feat: export to CSV', { date: BASE_DATE_SECONDS + 3600 });
    await importer().import(repo.root);
    const [commit] = window.store.log.contentsBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).unnamedRoutine[0].commits;
    assert.equal(window.store.log.latestActivityBefore(Number.MAX_SAFE_INTEGER), commit.authorTime, 'its week is listed');
    written(window.store.changes.createOutcome({ text: 'Finance exports invoices themselves', kind: 'impact', source: 'commit', commitIds: [commit.id], includeSettled: true }));
    assert.equal(window.store.scans.commit(commit.id)?.status, 'named');
    assert.deepEqual(window.store.log.outcomesWithChildren(commit.authorTime, commit.authorTime + 1).map((outcome) => [outcome.kind, outcome.commits.map((c) => c.sha)]), [['impact', [commit.sha]]]);
    assert.equal(rows().length, 0, 'no longer unnamed routine activity');
  });

  test('history is counted wherever the log counts commits: its weeks, reports, Insights, the review', async () => {
    const { mine, feature } = mergedHistory();
    await importer().import(repo.root);
    const all = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };
    const week: Week = { start: all.from, end: all.to };
    assert.equal(window.store.insights.weeklyCounts([week])[0].commits.history, mine.length + feature.length);
    assert.equal(window.store.reviews.commitCountBetween(all.from, all.to), mine.length + feature.length);
    assert.deepEqual(window.store.insights.spanCounts(all).repositories, [window.store.clones.ensure(repo.root).repo.name]);
    const times = window.store.log.contentsBetween(all.from, all.to).unnamedRoutine.flatMap((group) => group.commits.map((commit) => commit.authorTime));
    assert.equal(window.store.insights.firstActivity(), Math.min(...times), 'Insights start at the oldest history');
    assert.equal(window.store.log.latestActivityBefore(all.to), Math.max(...times), 'the Weekly Log pages back to the newest history');
  });

  test('history a reset leaves behind is gone from its week, and back when the reset is undone', async () => {
    repo.commit('feat: first page');
    const dropped = repo.commit('feat: search box');
    await importer().import(repo.root);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    await window.scanner.scan(repo.root);
    assert.deepEqual(rows().map((row) => row.subject), ['feat: first page'], 'work no branch reaches is not in its week');
    repo.git('reset', '-q', '--hard', dropped);
    await window.scanner.scan(repo.root);
    assert.deepEqual(rows().map((row) => row.subject).sort(), ['feat: first page', 'feat: search box']);
    assert.equal(rows().find((row) => row.sha === dropped)?.status, 'history', 'still history, never asked about');
    assert.equal(window.store.log.countWaiting(), 0);
  });

  test('the offer is claimed once per repository, by one window of all', async () => {
    repo.commit('feat: one');
    await window.scanner.scan(repo.root);
    const other = openWindow(window.store.file);
    cleanups.push(() => other.close());
    const { cloneId } = window.store.clones.ensure(repo.root);
    assert.equal(window.store.history.importOffered(cloneId), false);
    assert.deepEqual([window.store.history.claimImportOffer(cloneId), other.store.history.claimImportOffer(cloneId), window.store.history.claimImportOffer(cloneId)], [true, false, false]);
    assert.equal(other.store.history.importOffered(cloneId), true);
  });

  test('history is one row of its own table per commit: no record, no patch id, no other name, until something refers to it', async () => {
    repo.commit('feat: first page');
    repo.commit('feat: search box');
    await importer().import(repo.root);
    repo.commit('feat: made after the import');
    await window.scanner.scan(repo.root);
    const db = new Database(window.store.file, { readonly: true });
    try {
      const commits = db.prepare<[], { subject: string; status: string; patch_id: string | null }>('SELECT subject, status, patch_id FROM commits ORDER BY author_time').all();
      assert.deepEqual(
        commits.map((commit) => [commit.subject, commit.status, commit.patch_id === null ? null : 'computed']),
        [['feat: made after the import', 'pending', 'computed']],
      );
      assert.deepEqual(
        db.prepare<[], { subject: string }>('SELECT subject FROM history ORDER BY author_time').all().map((row) => row.subject),
        ['feat: first page', 'feat: search box'],
      );
      assert.deepEqual(db.prepare('SELECT * FROM commit_aliases').all(), [], 'no other name is written');
    } finally {
      db.close();
    }
  });

  test('a history commit amended later keeps its record, and its old sha still names it', async () => {
    repo.commit('feat: first page');
    const original = repo.commit('feat: search box');
    await importer().import(repo.root);
    const repoId = window.store.clones.ensure(repo.root).repo.id;
    const imported = rows().find((row) => row.sha === original)!;
    repo.git('commit', '-q', '--amend', '-m', 'feat: search box, reworded');
    const amended = repo.sha();
    const scan = await window.scanner.scan(repo.root);
    assert.deepEqual(scan.claimed.commits, [], 'an amended history commit is not new work');
    const found = window.store.scans.recordsBySha(repoId, [original, amended]);
    assert.deepEqual([found.get(amended)?.id, found.get(amended)?.status, found.get(amended)?.subject], [imported.id, 'history', 'feat: search box, reworded']);
    assert.equal(found.get(original)?.id, imported.id, 'the sha it had still names it');
    repo.git('reset', '-q', '--hard', original);
    await window.scanner.scan(repo.root);
    assert.equal(await importer().count(repo.root, undefined), 0, 'back under its old sha, it is not history to import again');
    assert.equal((await importer().import(repo.root)).imported, 0);
  });

  test('the last 4 weeks start 28 days back; all history has no start', () => {
    assert.equal(rangeStart('fourWeeks', 100 * 86_400_000), 72 * 86_400_000);
    assert.equal(rangeStart('all', 1), undefined);
  });
});

suite('which branch history was made on', () => {
  let counter = 0;
  const commit = (parents: string[], subject = 'work'): GitCommit => ({ sha: (++counter).toString(16).padStart(40, '0'), parents, authorName: '', authorEmail: 'dev@example.com', authorTime: counter, subject });

  test('merge messages name the branch they merged', () => {
    assert.equal(mergedBranchName("Merge branch 'feature/x'"), 'feature/x');
    assert.equal(mergedBranchName("Merge branch 'feature/x' into 'main'"), 'feature/x');
    assert.equal(mergedBranchName("Merge remote-tracking branch 'origin/feature/x'"), 'feature/x');
    assert.equal(mergedBranchName('Merge pull request #42 from octo/feature/x'), 'feature/x');
    assert.equal(mergedBranchName('Merged in feature/x (pull request #7)'), 'feature/x');
    assert.equal(mergedBranchName('Merged PR 123: Fix the login'), 'PR 123');
    assert.equal(mergedBranchName('fix: not a merge'), undefined);
  });

  test('a branch merged twice: its older commits belong to the first merge, the newer to the second', () => {
    // main: base ← m1 (merges a1) ← m2 (merges a2, whose parent is a1); children come first.
    const base = commit([]);
    const a1 = commit([base.sha]);
    const m1 = commit([base.sha, a1.sha], "Merge branch 'a'");
    const a2 = commit([a1.sha]);
    const m2 = commit([m1.sha, a2.sha], "Merge branch 'a'");
    const walk = new HistoryWalk(m2.sha, 'main', 'main');
    const order = [m2, a2, m1, a1, base];
    const branches = order.map((each) => walk.visit(each, true));
    assert.deepEqual(branches, ['main', 'a', 'main', 'a', 'main']);
    walk.finish();
    const merged = walk.takeCompleted('main');
    assert.deepEqual(
      merged.map((branch) => ({ tip: branch.tip, shas: branch.shas })),
      [
        { tip: a2.sha, shas: [a2.sha] },
        { tip: a1.sha, shas: [a1.sha] },
      ],
    );
  });

  /** A commit whose sha spreads over all its digits, as git's do (the walk keys commits by their first 13). */
  const spread = (parents: string[], subject = 'work'): GitCommit => ({ ...commit(parents, subject), sha: createHash('sha1').update(`commit ${counter}`).digest('hex') });
  /** Visits `order`; the index of the commit after which the walk found it out of order, if it did. */
  const outOfOrderAt = (walk: HistoryWalk, order: GitCommit[]) => {
    for (const [index, each] of order.entries()) {
      walk.visit(each, true);
      if (walk.outOfOrder) return index;
    }
    return undefined;
  };

  test('a commit visited before a child that claims it for a branch puts the walk out of order', () => {
    // main: base ← old (merges b, whose parent is c) ← latest (merges n, whose parent is c too).
    const base = spread([]);
    const c = spread([base.sha]);
    const b = spread([c.sha]);
    const old = spread([base.sha, b.sha], "Merge branch 'old'");
    const n = spread([c.sha]);
    const latest = spread([old.sha, n.sha], "Merge branch 'new'");
    assert.equal(outOfOrderAt(new HistoryWalk(latest.sha, 'main', 'main'), [latest, n, old, c, base, b]), 5, 'found when b claims c');
    assert.equal(outOfOrderAt(new HistoryWalk(latest.sha, 'main', 'main'), [latest, n, old, b, c, base]), undefined, 'children first: in order');
  });

  test('histories visited children first are never out of order (200 random histories: merges, merges of merges, branches off branches)', () => {
    let state = 1;
    const random = (below: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.floor((state / 2 ** 31) * below);
    };
    for (let history = 0; history < 200; history++) {
      const made = [spread([])];
      let tip = made[0];
      for (let index = 0; index < 60; index++) {
        const other = made[random(made.length)];
        const kind = random(3);
        if (kind === 0) made.push((tip = spread([tip.sha])));
        else if (kind === 1) made.push(spread([other.sha]));
        else if (other !== tip) made.push((tip = spread([tip.sha, other.sha], "Merge branch 'topic'")));
      }
      // Each commit was made after its parents: newest made first is children first.
      const bySha = new Map(made.map((each) => [each.sha, each]));
      const reachable = new Set<string>();
      const stack = [tip.sha];
      while (stack.length > 0) {
        const sha = stack.pop()!;
        if (reachable.has(sha)) continue;
        reachable.add(sha);
        stack.push(...bySha.get(sha)!.parents);
      }
      const order = made.filter((each) => reachable.has(each.sha)).reverse();
      assert.ok(order.length > 20, 'a history worth walking');
      assert.equal(outOfOrderAt(new HistoryWalk(tip.sha, 'main', 'main'), order), undefined, `history ${history}`);
    }
  });

  test('a branch is complete as soon as the walk passes where it forked', () => {
    const base = commit([]);
    const b1 = commit([base.sha]);
    const m = commit([base.sha, b1.sha], "Merge branch 'b'");
    const walk = new HistoryWalk(m.sha, 'main', null);
    walk.visit(m, true);
    walk.visit(b1, true);
    assert.deepEqual(walk.takeCompleted('main'), [], 'the fork point is still ahead');
    walk.visit(base, true);
    assert.deepEqual(walk.takeCompleted('main').map((branch) => branch.name), ['b']);
  });
});
