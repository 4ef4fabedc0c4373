import * as assert from 'node:assert/strict';
import { parseCommitLog, parsePatchIds, parseRefs } from '../../src/git/gitReader';
import { classifyReflogMessage, parseReflogLine } from '../../src/git/reflog';
import { assertRefName, assertSha } from '../../src/git/gitRunner';

suite('reading git output', () => {
  test('a log record is split into sha, parents, author, time and subject', () => {
    const output =
      '5ce7249a52af2cc45d29102e3f6e298b6e4eb1d0\x1f1111111111111111111111111111111111111111 2222222222222222222222222222222222222222\x1fDev Eloper\x1fdev@example.com\x1f1772450520\x1fMerge branch \'x\'\x1e\n' +
      '1111111111111111111111111111111111111111\x1f\x1fDév Élopér\x1fdev@example.com\x1f1772450460\x1ffeat: 🚀 ünïcode | pipes\x1e\n';
    const [merge, root] = parseCommitLog(output);
    assert.equal(merge.parents.length, 2);
    assert.equal(merge.authorTime, 1772450520000);
    assert.deepEqual(root.parents, []);
    assert.equal(root.authorName, 'Dév Élopér');
    assert.equal(root.subject, 'feat: 🚀 ünïcode | pipes');
  });

  test('empty log output is no commits', () => {
    assert.deepEqual(parseCommitLog(''), []);
  });

  test('refs are split into local and remote branches, with the current one marked', () => {
    const output = [
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\0 \0refs/heads/feature/x\0',
      'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\0*\0refs/heads/main\0refs/remotes/origin/main',
      'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\0 \0refs/remotes/origin/HEAD\0',
      'cccccccccccccccccccccccccccccccccccccccc\0 \0refs/remotes/origin/main\0',
    ].join('\n');
    const tips = parseRefs(output, 'b'.repeat(40));
    assert.equal(tips.branch, 'main');
    assert.deepEqual([...tips.local.keys()], ['refs/heads/feature/x', 'refs/heads/main']);
    assert.deepEqual([...tips.remote.keys()], ['refs/remotes/origin/main']);
  });

  test('a branch name with a no-break space, an ideographic space or punctuation reads whole (regression: such branches were invisible)', () => {
    const names = ['feature/no\u00a0break', 'fix/全角\u3000space', 'topic/ünïcödé-#1,(x)'];
    const output = names.map((name, index) => `${String(index + 1).repeat(40)}\0${index === 0 ? '*' : ' '}\0refs/heads/${name}\0`).join('\n');
    const tips = parseRefs(output, '1'.repeat(40));
    assert.deepEqual([...tips.local.keys()], names.map((name) => `refs/heads/${name}`));
    assert.equal(tips.branch, names[0]);
    for (const name of names) assert.equal(assertRefName(name), name);
  });

  test('values that git could read as options or ranges are refused before git runs', () => {
    assert.throws(() => assertSha('--output=/tmp/x'));
    assert.throws(() => assertSha('HEAD~1'));
    assert.equal(assertSha('5ce7249'), '5ce7249');
    assert.throws(() => assertRefName('-D'));
    assert.throws(() => assertRefName('main..evil'));
    assert.throws(() => assertRefName('a b'));
    assert.equal(assertRefName('feature/x'), 'feature/x');
  });

  // Messages as git 2.39 wrote them in this project's test repositories (logs/HEAD, logs/refs/heads/*).
  for (const [message, action] of [
    ['commit (initial): one', 'commit'],
    ['commit: two', 'commit'],
    ['commit (amend): two-amended', 'amend'],
    ['commit (merge): Merge branch \'side\'', 'merge'],
    ['commit (cherry-pick): five', 'commit'],
    ['cherry-pick: three', 'commit'],
    ['revert: Revert "three"', 'commit'],
    ['am: six', 'commit'],
    ['rebase (pick): feat: topic one', 'rewrite'],
    ['rebase -i (squash): chore: one', 'rewrite'],
    ['rebase (reword): better words', 'rewrite'],
    ['pull -q --rebase origin main (pick): feat: my work', 'rewrite'],
    ['rebase (start): checkout main', 'other'],
    ['rebase (finish): returning to refs/heads/main', 'other'],
    ['merge feat: Merge made by the \'ort\' strategy.', 'merge'],
    ['merge feat2: Fast-forward', 'other'],
    ['pull: Fast-forward', 'other'],
    ['pull -q --no-rebase --no-edit origin main: Merge made by the \'ort\' strategy.', 'other'],
    ['reset: moving to HEAD~1', 'other'],
    ['checkout: moving from main to feat', 'other'],
    ['branch: Created from HEAD', 'other'],
    ['clone: from /tmp/origin.git', 'other'],
    ['update by push', 'other'],
    ['fetch origin main:main: fast-forward', 'other'],
    ['', 'other'],
  ] as const) {
    test(`the reflog entry "${message}" reads as ${action}`, () => assert.equal(classifyReflogMessage(message), action));
  }

  test('a reflog line splits into old and new values and its message, whatever the name holds', () => {
    const line = `${'a'.repeat(40)} ${'b'.repeat(40)} Dév Élopér <dev@example.com> 1772450520 +0100\tcommit (amend): fix: a\ttab`;
    assert.deepEqual(parseReflogLine(line, 'HEAD'), { ref: 'HEAD', oldSha: 'a'.repeat(40), newSha: 'b'.repeat(40), message: 'commit (amend): fix: a\ttab', action: 'amend' });
    assert.equal(parseReflogLine('not a reflog line', 'HEAD'), undefined);
  });

  test('patch ids pair with their commits', () => {
    const output = `${'1'.repeat(40)} ${'a'.repeat(40)}\n${'2'.repeat(40)} ${'b'.repeat(40)}\n`;
    assert.deepEqual([...parsePatchIds(output)], [['a'.repeat(40), '1'.repeat(40)], ['b'.repeat(40), '2'.repeat(40)]]);
  });
});
