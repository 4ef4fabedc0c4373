import * as assert from 'node:assert/strict';
import { outcomeTextProblem, suggestForCommits, suggestKind, suggestOutcomeText } from '../../src/core/rules';

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

  test('the suggestion for routine-only commits is routine and names the newest', () => {
    assert.deepEqual(suggestForCommits([{ subject: 'chore: a' }, { subject: 'docs: b' }]), { text: 'B', kind: 'routine' });
  });

  test('a valid line has no problem; empty, multi-line and too long ones do', () => {
    assert.equal(outcomeTextProblem('Cut checkout time by 30%'), undefined);
    assert.match(outcomeTextProblem('')!, /one line about what moved forward/);
    assert.match(outcomeTextProblem('a\r\nb')!, /one line/);
    assert.match(outcomeTextProblem('y'.repeat(250))!, /250 characters/);
  });
});
