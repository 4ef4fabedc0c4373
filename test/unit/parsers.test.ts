import * as assert from 'node:assert/strict';
import { parseCommitLog, parsePatchIds, parseRefs } from '../../src/git/gitReader';
import { classifyReflogMessage, isPlainCommit, parseReflogLine, replayHeadLog } from '../../src/git/reflog';
import { assertRefName, assertSha } from '../../src/git/gitSafety';

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
    ['pull --rebase https://example.com/repo.git main (pick): feat: my work', 'rewrite'],
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
    assert.deepEqual(parseReflogLine(line, 'HEAD'), { ref: 'HEAD', oldSha: 'a'.repeat(40), newSha: 'b'.repeat(40), message: 'commit (amend): fix: a\ttab', action: 'amend', time: 1772450520000 });
    assert.equal(parseReflogLine('not a reflog line', 'HEAD'), undefined);
    assert.equal(parseReflogLine(`${'a'.repeat(40)} ${'b'.repeat(40)} no time here\tcommit: x`, 'HEAD')?.time, undefined);
  });

  test('a plain commit is told apart from an amend, a merge, a cherry-pick, a revert, am and a rebase', () => {
    const plain = ['commit: feat: a', 'commit (initial): chore: base'];
    const others = ['commit (amend): feat: a', 'commit (merge): Merge branch x', 'commit (cherry-pick): feat: a', 'cherry-pick: feat: a', 'revert: Revert "a"', 'am: feat: a', 'rebase (pick): feat: a', 'reset: moving to HEAD~1', 'commit:no space'];
    assert.deepEqual(plain.map(isPlainCommit), [true, true]);
    assert.deepEqual(others.filter(isPlainCommit), []);
  });

  test('patch ids pair with their commits', () => {
    const output = `${'1'.repeat(40)} ${'a'.repeat(40)}\n${'2'.repeat(40)} ${'b'.repeat(40)}\n`;
    assert.deepEqual([...parsePatchIds(output)], [['a'.repeat(40), '1'.repeat(40)], ['b'.repeat(40), '2'.repeat(40)]]);
  });
});

suite('replaying a HEAD log', () => {
  /** A HEAD log as git writes it: each entry moves HEAD from the previous entry's value to a new one (`s1`, `s2`… padded to shas). */
  const sha = (n: number) => n.toString(16).padStart(40, '0');
  const log = (...messages: string[]) =>
    messages.map((message, index) => parseReflogLine(`${sha(index)} ${sha(index + 1)} Dev <dev@example.com> 1772450520 +0000\t${message}`, 'HEAD')!);
  const madeOn = (replay: ReturnType<typeof replayHeadLog>) => Object.fromEntries([...replay.madeOn].map(([at, branch]) => [parseInt(at, 16), branch]));

  test('a commit belongs to the branch the next checkout says HEAD left, the last ones to the branch HEAD is on now', () => {
    const entries = log('checkout: moving from main to feature/x', 'commit: one', 'commit: two', 'checkout: moving from feature/x to main', 'merge feature/x: Merge made by the \'ort\' strategy.', 'commit: three');
    const replay = replayHeadLog(entries, 'main');
    assert.deepEqual(madeOn(replay), { 2: 'feature/x', 3: 'feature/x', 5: 'main', 6: 'main' });
    assert.deepEqual([...replay.merges], [[sha(5), { name: 'feature/x', fastForward: false, before: sha(4) }]]);
    assert.deepEqual([...replay.leftAt], [['main', sha(0)], ['feature/x', sha(3)]]);
  });

  test('commits before the first checkout in the window are on the branch it leaves', () => {
    const replay = replayHeadLog(log('commit: one', 'checkout: moving from main to topic', 'commit: two'), 'topic');
    assert.deepEqual(madeOn(replay), { 1: 'main', 3: 'topic' });
  });

  test('a commit on a detached HEAD belongs to no branch: git names a detached HEAD it leaves by its commit', () => {
    const entries = log('checkout: moving from main to HEAD~1', 'commit: detached');
    entries.push(parseReflogLine(`${sha(2)} ${sha(3)} Dev <dev@example.com> 1772450520 +0000\tcheckout: moving from ${sha(2)} to rescue`, 'HEAD')!, ...log('commit: rescued').map((entry) => ({ ...entry, oldSha: sha(3), newSha: sha(4) })));
    assert.deepEqual(madeOn(replayHeadLog(entries, 'rescue')), { 4: 'rescue' });
    assert.deepEqual(madeOn(replayHeadLog(log('checkout: moving from main to v1.0', 'commit: on a tag'), null)), {}, 'still detached now');
  });

  test('a rebase\'s replayed commits belong to the branch it returns to; what came before it, to the branch HEAD was on', () => {
    // `git rebase main feat` run from main: HEAD never says "moving from main" before the rebase starts.
    const entries = log('checkout: moving from feat to main', 'commit: on main', 'rebase (start): checkout main', 'rebase (pick): w1', 'rebase (finish): returning to refs/heads/feat', 'checkout: moving from feat to main');
    assert.deepEqual(madeOn(replayHeadLog(entries, 'main', new Set(['main', 'feat']))), { 2: 'main', 4: 'feat' });
    const pull = log('commit: mine', 'pull --rebase https://example.com/repo.git main (start): checkout abc', 'pull --rebase https://example.com/repo.git main (pick): mine', 'pull --rebase https://example.com/repo.git main (finish): returning to refs/heads/main');
    assert.deepEqual(madeOn(replayHeadLog(pull, 'main')), { 3: 'main' }, 'the commit before the pull is on an unknown branch; its replay is on main');
  });

  test('a fast-forward merge records where the merged branch ended; names with a no-break space are read whole', () => {
    const entries = log('checkout: moving from main to fix/no\u00a0break', 'commit: one', 'checkout: moving from fix/no\u00a0break to main', 'merge fix/no\u00a0break: Fast-forward');
    const replay = replayHeadLog(entries, 'main');
    assert.deepEqual(madeOn(replay), { 2: 'fix/no\u00a0break' });
    assert.deepEqual([...replay.merges], [[sha(4), { name: 'fix/no\u00a0break', fastForward: true, before: sha(3) }]]);
  });

  test('a branch renamed while checked out owns its commits under its new name', () => {
    const entries = log('checkout: moving from main to old-name', 'commit: one', 'Branch: renamed refs/heads/old-name to refs/heads/new-name', 'commit: two', 'checkout: moving from new-name to main');
    assert.deepEqual(madeOn(replayHeadLog(entries, 'main')), { 2: 'new-name', 4: 'new-name' });
  });
});
