import * as assert from 'node:assert/strict';
import { parseCommitLog, parseRefs } from '../../src/git/gitReader';
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
});
