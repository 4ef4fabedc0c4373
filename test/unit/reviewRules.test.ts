import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerProblem, highlightsProblem, MAX_ANSWER_LENGTH, normalizeAnswer } from '../../src/core/reviewAnswers';
import { activityOfLine, readsLikeActivity, type LineToSharpen } from '../../src/review/sharpen';

const line = (fields: Partial<LineToSharpen> & Pick<LineToSharpen, 'text'>): LineToSharpen => ({ kind: 'impact', source: 'commit', branch: 'main', commits: [], ...fields });
const echoed = (fields: Partial<LineToSharpen> & Pick<LineToSharpen, 'text'>) => {
  const shape = activityOfLine(line(fields));
  return shape?.shape === 'echo' ? shape.of : undefined;
};

suite('a line the review asks to sharpen', () => {
  test('an outcome that is still just its commit subject reads like activity', () => {
    assert.equal(echoed({ text: 'Retry payments on gateway timeout', commits: [{ subject: 'fix(checkout): retry payments on gateway timeout' }] }), 'fix(checkout): retry payments on gateway timeout');
    assert.ok(readsLikeActivity(line({ text: 'fix: retry payments on gateway timeout.', commits: [{ subject: 'fix: Retry payments on gateway timeout' }] })));
  });

  test('case, punctuation, spacing, a Conventional-Commit prefix or a ticket key do not make it an outcome', () => {
    for (const text of ['RETRY PAYMENTS — on gateway timeout!', 'retry   payments on gateway-timeout', 'ABC-123: Retry payments on gateway timeout', 'feat: retry payments on gateway timeout']) {
      assert.ok(readsLikeActivity(line({ text, commits: [{ subject: 'ABC-123 retry payments on gateway timeout' }] })), text);
    }
  });

  test('a line that says what changed, and for whom, does not', () => {
    assert.equal(readsLikeActivity(line({ text: 'Checkout survives gateway timeouts instead of dropping the order', commits: [{ subject: 'fix: retry payments on gateway timeout' }] })), false);
    assert.equal(readsLikeActivity(line({ text: 'Retry payments on gateway timeout for 3% of shoppers', commits: [{ subject: 'fix: retry payments on gateway timeout' }] })), false);
  });

  test('any one of several commits is enough', () => {
    const commits = [{ subject: 'feat: refund endpoint' }, { subject: 'chore: tidy fixtures' }];
    assert.equal(echoed({ text: 'Tidy fixtures', commits }), 'chore: tidy fixtures');
  });

  test('a branch outcome that is still just its branch name reads like activity', () => {
    assert.equal(echoed({ text: 'One click refunds', source: 'branch', branch: 'feature/ACME-12-one-click-refunds' }), 'feature/ACME-12-one-click-refunds');
    assert.equal(echoed({ text: 'Saved searches', source: 'branch', branch: 'saved-searches' }), 'saved-searches');
    assert.equal(readsLikeActivity(line({ text: 'Refunds take one click, so support handles 40 fewer tickets a week', source: 'branch', branch: 'feature/one-click-refunds' })), false);
  });

  test('a line that only says what was done reads like activity whoever wrote it', () => {
    assert.deepEqual(activityOfLine(line({ text: 'Refactored code', source: 'manual', branch: null })), { shape: 'generic' });
    assert.deepEqual(activityOfLine(line({ text: 'chore: update CI node versions', commits: [{ subject: 'ci: node 24' }] })), { shape: 'commitPrefix', prefix: 'chore:' });
  });

  test('routine activity is never pointed out, nor a line added by hand that says what it did for someone', () => {
    assert.equal(readsLikeActivity(line({ text: 'Bump eslint', kind: 'routine', commits: [{ subject: 'chore: bump eslint' }] })), false);
    assert.equal(readsLikeActivity(line({ text: 'Mentored Sam', source: 'manual', branch: null })), false);
  });
});

suite('answers to the honest questions', () => {
  test('an answer is optional: empty or blank is fine and stored as nothing', () => {
    assert.equal(answerProblem(''), undefined);
    assert.equal(answerProblem('  \n\t\n'), undefined);
    assert.equal(normalizeAnswer(' \n  \n'), null);
    assert.equal(answerProblem(null), undefined);
  });

  test('a few lines are fine; line breaks are unified, trailing spaces and blank edges trimmed', () => {
    assert.equal(answerProblem('Refunds shipped\nSearch is faster\n\nOn-call was quiet'), undefined);
    assert.equal(normalizeAnswer('\r\n  Refunds shipped  \r\n\tSearch is faster\r\n\r\n'), 'Refunds shipped\n Search is faster');
  });

  test('more than five lines is refused with a sentence that says so', () => {
    assert.match(answerProblem('a\nb\nc\nd\ne\nf')!, /Keep it to a few lines: that is 6, at most 5\./);
  });

  test('each line follows the outcome line rules: no controls, no direction controls, no hidden tags, 200 characters', () => {
    assert.match(answerProblem('fine\nbad \u0007 bell')!, /^Line 2: Remove the invisible control characters/);
    assert.match(answerProblem('reads \u202Ebackwards')!, /text-direction control U\+202E/);
    assert.match(answerProblem('hidden \u{E0041}\u{E0042}')!, /hidden tag characters/);
    assert.match(answerProblem('x'.repeat(201))!, /201 characters; keep it to 200/);
    assert.match(answerProblem('ok\n\u200B\u200B')!, /Line 2: A line of that answer shows nothing but invisible characters/);
    assert.match(answerProblem('a\u2028b')!, /ordinary line breaks/);
  });

  test('the whole answer is bounded', () => {
    const long = Array.from({ length: 4 }, () => 'y'.repeat(190)).join('\n');
    assert.match(answerProblem(long)!, new RegExp(`keep the answer to ${MAX_ANSWER_LENGTH} or fewer`));
  });

  test('highlights: at most three, each once', () => {
    assert.equal(highlightsProblem(['a', 'b', 'c']), undefined);
    assert.match(highlightsProblem(['a', 'b', 'c', 'd'])!, /at most 3/);
    assert.match(highlightsProblem(['a', 'a'])!, /once/);
  });
});

suite('the review core never imports vscode', () => {
  test('src/review holds no vscode import', () => {
    const dir = path.resolve(__dirname, '../../../src/review');
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/, file);
    }
  });
});
