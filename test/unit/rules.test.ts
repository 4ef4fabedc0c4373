import * as assert from 'node:assert/strict';
import { NamingWorkflow } from '../../src/naming/naming';
import { cleanupsAfterEach, openWindow } from '../support/harness';
import { createTestRepo } from '../support/testRepo';
import { MAX_OUTCOME_LENGTH, outcomeTextProblem, suggestForBranch, suggestForCommits, suggestKind, suggestOutcomeText } from '../../src/core/rules';

suite('reading a commit', () => {
  for (const subject of [
    'chore: tidy scripts',
    'ci: cache node_modules',
    'build(webpack): split vendor chunk',
    'docs: explain setup',
    'style: format with prettier',
    'test: cover refunds',
    'refactor(api): extract client',
    'fix(deps): bump undici to 6.2',
    'chore(deps-dev): bump typescript from 5.4 to 5.5',
    'Bump lodash from 4.17.20 to 4.17.21',
    'Update dependency react to v19',
    "Merge branch 'main' into feature/x",
    'WIP',
    'v1.2.3',
  ]) {
    test(`"${subject}" reads as routine`, () => assert.equal(suggestKind(subject), 'routine'));
  }

  for (const subject of ['feat: one-click refunds', 'fix: payment retry on timeout', 'perf: halve search latency', 'Add export to CSV', 'chore!: drop Node 18 support']) {
    test(`"${subject}" reads as impact`, () => assert.equal(suggestKind(subject), 'impact'));
  }

  test('the suggestion drops the Conventional-Commit prefix and capitalizes', () => {
    assert.equal(suggestOutcomeText('feat(checkout): one-click refunds.'), 'One-click refunds');
    assert.equal(suggestOutcomeText('fix!: payment retry on timeout'), 'Payment retry on timeout');
    assert.equal(suggestOutcomeText('Plain subject'), 'Plain subject');
    assert.equal(suggestOutcomeText('feat:   spaced    out'), 'Spaced out');
  });

  test('the suggestion for several commits takes the first that reads as impact', () => {
    const suggestion = suggestForCommits([{ subject: 'chore: prep' }, { subject: 'feat: search box' }, { subject: 'test: search' }]);
    assert.deepEqual(suggestion, { text: 'Search box', kind: 'impact' });
  });

  test('the suggestion for a burst reads every commit that shipped something, not the first alone', () => {
    assert.deepEqual(suggestForCommits([{ subject: 'feat: search box' }, { subject: 'test: search' }, { subject: 'fix: debounce search queries' }, { subject: 'Add README badges' }]), {
      text: 'Search box; Debounce search queries; Add README badges',
      kind: 'impact',
    });
    assert.equal(suggestForCommits([{ subject: 'fix: flaky login' }, { subject: 'fix: flaky login.' }]).text, 'Flaky login', 'the same words once');
  });

  test('the suggestion for routine-only commits is routine and reads them all', () => {
    assert.deepEqual(suggestForCommits([{ subject: 'chore: bump eslint' }, { subject: 'docs: explain setup' }]), { text: 'Bump eslint; Explain setup', kind: 'routine' });
  });

  test('a long burst keeps the whole subjects that fit in one line', () => {
    const commits = Array.from({ length: 12 }, (_, index) => ({ subject: `feat: piece number ${index + 1} of the new importer` }));
    const { text } = suggestForCommits(commits);
    assert.ok(text.length <= MAX_OUTCOME_LENGTH, text);
    assert.equal(outcomeTextProblem(text), undefined);
    assert.match(text, /^Piece number 1 of the new importer; Piece number 2 of the new importer; .*Piece number \d+ of the new importer$/);
  });

  test('commits made together on a line of work of their own are named after their branch', () => {
    const commits = [{ subject: 'feat: retry on timeout' }, { subject: 'test: retry cases' }];
    assert.deepEqual(suggestForCommits(commits, 'feature/ABC-12-retry-payments'), { text: 'Retry payments', kind: 'impact' });
    assert.equal(suggestForCommits([commits[0]], 'feature/ABC-12-retry-payments').text, 'Retry on timeout', 'one commit says more than its branch');
    assert.equal(suggestForCommits(commits, 'wip').text, 'Retry on timeout', 'a name that says little');
  });

  test('a closed branch whose name says little is named from all its commits', () => {
    assert.deepEqual(suggestForBranch('fix-1', [{ subject: 'fix: retry on timeout' }, { subject: 'fix: cap retries at three' }]), { text: 'Retry on timeout; Cap retries at three', kind: 'impact' });
    assert.equal(suggestForBranch('feature/retry-payments', [{ subject: 'fix: retry on timeout' }]).text, 'Retry payments');
  });

  test('a valid line has no problem; empty, multi-line and too long ones do', () => {
    assert.equal(outcomeTextProblem('Cut checkout time by 30%'), undefined);
    assert.match(outcomeTextProblem('')!, /one line about what moved forward/);
    assert.match(outcomeTextProblem('a\r\nb')!, /one line/);
    assert.match(outcomeTextProblem('y'.repeat(250))!, /250 characters/);
  });
});

suite('the first line the naming input offers for several commits', () => {
  const cleanups = cleanupsAfterEach();

  /** A repository seen once, and the naming of a window that asks as `askWhen` says. */
  async function seenRepository(askWhen: 'workLands' | 'eachCommit') {
    const repo = createTestRepo();
    const window = openWindow(undefined, { askWhen });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: start', { file: 'start.txt' });
    await window.scanner.scan(repo.root);
    const naming = new NamingWorkflow(window.store, window.logger, { get: () => undefined, update: async () => undefined });
    return { repo, window, naming };
  }

  test('a burst of commits on main, seen in one look, is offered a line from every subject', async () => {
    const { repo, window, naming } = await seenRepository('workLands');
    repo.commit('feat: search box', { file: 'search.txt' });
    repo.commit('test: search box cases', { file: 'search.test.txt' });
    repo.commit('fix: debounce search queries', { file: 'search.txt' });
    const [batch] = naming.batchesFor((await window.scanner.scan(repo.root)).claimed);
    assert.equal(batch.commits.length, 3);
    assert.deepEqual(naming.suggestion(batch), { text: 'Search box; Debounce search queries', kind: 'impact' });
  });

  test('commits on a feature branch asked about together are offered the branch\'s name', async () => {
    const { repo, window, naming } = await seenRepository('eachCommit');
    repo.git('checkout', '-q', '-b', 'feature/ABC-12-retry-payments');
    repo.commit('feat: retry on timeout', { file: 'pay.txt' });
    repo.commit('test: retry cases', { file: 'pay.test.txt' });
    const [batch] = naming.batchesFor((await window.scanner.scan(repo.root)).claimed);
    assert.equal(batch.commits.length, 2);
    assert.deepEqual(naming.suggestion(batch), { text: 'Retry payments', kind: 'impact' });
  });
});
