import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { parseCommitWork, readCommitWork, unquotedPath } from '../../src/git/workReader';
import { checkSuggestion, offlineSuggestion } from '../../src/naming/suggestCheck';
import { buildSuggestRequest, globPattern, isDeniedPath, SUGGEST_LIMITS, withoutSecrets, type WorkToSuggest } from '../../src/naming/suggestInput';
import { NamingWorkflow } from '../../src/naming/naming';
import { workToSuggest } from '../../src/naming/suggestWork';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { createTestRepo } from '../support/testRepo';

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PRIVATE_KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACDk2Vx1cGxhbnRlZCBrZXkgZm9yIHRoZSB0ZXN0', '-----END OPENSSH PRIVATE KEY-----'].join('\n');

function work(fields: Partial<WorkToSuggest> = {}): WorkToSuggest {
  return {
    branch: 'feature/retry-payments',
    goal: 'Faster checkout',
    commits: [
      { subject: 'fix(checkout): retry payments on gateway timeout', body: 'The gateway drops about 2% of calls at peak.', files: [{ path: 'src/checkout/pay.ts', added: 40, deleted: 3 }] },
      { subject: 'test: cover the retry', body: '', files: [{ path: 'test/pay.test.ts', added: 25, deleted: 0 }] },
    ],
    ...fields,
  };
}

suite('what a suggestion request holds', () => {
  test('every commit of the work, its branch, its goal, its files and their churn, not the first commit alone', () => {
    const { prompt, facts } = buildSuggestRequest(work());
    for (const part of ['fix(checkout): retry payments on gateway timeout', 'The gateway drops about 2% of calls at peak.', 'test: cover the retry', 'Branch: feature/retry-payments', 'Goal: Faster checkout', 'src/checkout/pay.ts +40 -3', 'test/pay.test.ts +25 -0']) {
      assert.ok(prompt.includes(part), part);
    }
    assert.ok(facts.includes('src/checkout/pay.ts') && !facts.includes('+40'), 'line counts are shown to the model but are no facts to quote');
    assert.ok(!facts.includes('120 characters'), 'the instructions are not facts an answer may lean on');
  });

  test('a planted AWS key, a .env line and a private key block never reach the request', () => {
    const planted = work({
      commits: [
        { subject: `chore: rotate ${AWS_KEY}`, body: `aws_secret_access_key = ${AWS_SECRET}\nSTRIPE_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\nDATABASE_URL=postgres://admin:hunter2@db.internal/shop\n${PRIVATE_KEY}`, files: [{ path: '.env', added: 3, deleted: 1 }, { path: `keys/${AWS_KEY}.txt`, added: 1, deleted: 0 }] },
        { subject: 'fix: read the token from the vault', body: 'export GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a', files: [{ path: 'deploy/server.pem', added: 30, deleted: 0 }, { path: 'config/.env.production', added: 2, deleted: 2 }] },
      ],
    });
    const { prompt, withheld } = buildSuggestRequest(planted);
    for (const secret of [AWS_KEY, AWS_SECRET, 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'hunter2', 'BEGIN OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'QyNTUxOQAAACDk2Vx1cGxhbnRlZCBrZXkgZm9yIHRoZSB0ZXN0', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', '.env', 'server.pem']) {
      assert.ok(!prompt.includes(secret), `${secret} reached the request`);
    }
    assert.ok(prompt.includes('STRIPE_API_KEY=[removed]'), 'the name of a setting may stay, its value never');
    assert.ok(prompt.includes('fix: read the token from the vault'));
    assert.equal(withheld.files, 3);
    assert.ok(withheld.secrets >= 6, `${withheld.secrets} secrets`);
  });

  test('lockfiles, keys and the paths of progressLog.suggest.exclude are left out by name', () => {
    for (const path of ['package-lock.json', 'web/yarn.lock', 'Cargo.lock', 'certs/site.key', '.ssh/id_ed25519', 'config/.env.local', 'secrets.yaml']) assert.ok(isDeniedPath(path), path);
    for (const path of ['src/envelope.ts', 'docs/keys.md', 'lockfile.md']) assert.equal(isDeniedPath(path), false, path);
    assert.ok(isDeniedPath('internal/payroll/rates.sql', ['internal/**']));
    assert.ok(isDeniedPath('db/seed/customers.sql', ['*.sql']));
    assert.equal(isDeniedPath('db/seed/customers.sql', ['db/*.sql']), false, 'a folder in the glob is matched from the root');
    assert.ok(globPattern('src/**/secret?.ts').test('src/a/b/secret1.ts'));
    const { prompt } = buildSuggestRequest(work(), ['src/checkout/**']);
    assert.ok(!prompt.includes('pay.ts +40'), 'an excluded file is not summarised');
  });

  test('each part is capped: bodies, all the commits, the files, the diff summary', () => {
    const many = work({
      commits: Array.from({ length: 60 }, (_, index) => ({
        subject: `feat: step ${index}`,
        body: 'word '.repeat(400),
        files: Array.from({ length: 5 }, (_, file) => ({ path: `src/module${index}/file${file}.ts`, added: index + file, deleted: 1 })),
      })),
    });
    const { prompt: facts } = buildSuggestRequest(many);
    const commits = facts.slice(facts.indexOf('Commits'), facts.indexOf('Files changed'));
    assert.ok(commits.length <= SUGGEST_LIMITS.commitsText + 200, `${commits.length} characters of commits`);
    assert.match(commits, /more commits left out/);
    const files = facts.slice(facts.indexOf('Files changed'));
    assert.ok(files.length <= SUGGEST_LIMITS.diffSummary + 100, `${files.length} characters of files`);
    assert.match(files, /\(260 more files\)/);
    assert.ok(files.includes('src/module59/file4.ts +63 -1'), 'the files that changed most come first');
  });

  test('secrets are recognised in any text, and a commit sha is not one', () => {
    assert.equal(withoutSecrets(`deployed ${'a1b2c3d4'.repeat(5)}`).removed, 0);
    assert.equal(withoutSecrets('token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U').removed, 1);
    assert.equal(withoutSecrets('Retry payments on gateway timeout').removed, 0);
  });
});

suite('a suggested line is checked before it is shown', () => {
  const { facts } = buildSuggestRequest(work());

  test('a line that says only what the work says is shown as it is', () => {
    assert.deepEqual(checkSuggestion('Checkout retries payments when the gateway times out', facts), { line: 'Checkout retries payments when the gateway times out', removed: [] });
    assert.deepEqual(checkSuggestion('"Checkout retries payments on gateway timeout, which drops 2% of calls at peak"\n', facts), {
      line: 'Checkout retries payments on gateway timeout, which drops 2% of calls at peak',
      removed: [],
    });
  });

  test('an invented number is cut off with the part that carries it', () => {
    assert.deepEqual(checkSuggestion('Checkout retries payments on gateway timeout, cutting failed orders by 35%', facts), {
      line: 'Checkout retries payments on gateway timeout',
      removed: ['cutting failed orders by 35%'],
    });
    assert.deepEqual(checkSuggestion('Checkout retries payments on gateway timeout for 3 regions', facts), { line: 'Checkout retries payments on gateway timeout', removed: ['for 3 regions'] });
  });

  test('an invented name is cut off, and a line that is nothing without it is dropped', () => {
    assert.deepEqual(checkSuggestion('Checkout retries payments on gateway timeout for Acme customers', facts), { line: 'Checkout retries payments on gateway timeout', removed: ['for Acme customers'] });
    assert.deepEqual(checkSuggestion('Payments retry through Stripe', facts), { dropped: 'invented' });
    assert.deepEqual(checkSuggestion('Checkout retries `PaymentRetryPolicy` calls', facts), { dropped: 'invented' });
  });

  test('two lines, an empty answer, or one too long to save are dropped', () => {
    assert.deepEqual(checkSuggestion('Checkout retries payments on gateway timeout\nShoppers keep their orders', facts), { dropped: 'lines' });
    assert.deepEqual(checkSuggestion('  \n ', facts), { dropped: 'empty' });
    assert.deepEqual(checkSuggestion(`Checkout retries payments ${'again and again '.repeat(20)}`, facts), { dropped: 'length' });
  });

  test('a bullet or a label before the line is not part of it', () => {
    for (const answer of ['- Outcome: Checkout retries payments on gateway timeout', 'Outcome: Checkout retries payments on gateway timeout', '`Checkout retries payments on gateway timeout`']) {
      assert.deepEqual(checkSuggestion(answer, facts), { line: 'Checkout retries payments on gateway timeout', removed: [] }, answer);
    }
  });

  test('a number the work states is kept, the same number as an invented percentage is not', () => {
    const { facts: withFiles } = buildSuggestRequest(work());
    assert.deepEqual(checkSuggestion('Checkout retries payments on gateway timeout, with 40% fewer failures', withFiles), { line: 'Checkout retries payments on gateway timeout', removed: ['with 40% fewer failures'] });
  });
});

suite('the offline suggestion', () => {
  test('what the subjects say, for the scope they name, from all the commits', () => {
    assert.equal(offlineSuggestion(['fix(checkout): retry payments on gateway timeout', 'test(checkout): cover the retry'], null), 'Retry payments on gateway timeout for checkout');
  });

  test('a branch that says what it is, with no scope, is the line itself', () => {
    assert.equal(offlineSuggestion(['feat: add retry', 'fix: backoff'], 'feature/ACME-12-retry-payments'), 'Retry payments');
  });

  test('subjects on a branch whose name adds where', () => {
    assert.equal(offlineSuggestion(['Retry payments on gateway timeout'], 'checkout'), 'Retry payments on gateway timeout for checkout');
  });
});

suite('what a piece of work did, read from git when Suggest is clicked', () => {
  test('each commit\'s body and the files it changed, with lines added and removed; a binary file and an unusual name too', async () => {
    const repo = createTestRepo();
    try {
      fs.mkdirSync(path.join(repo.root, 'src'));
      fs.writeFileSync(path.join(repo.root, 'src', 'pay.ts'), 'a\nb\nc\n');
      fs.writeFileSync(path.join(repo.root, 'café.txt'), 'x\n');
      fs.writeFileSync(path.join(repo.root, 'logo.png'), Buffer.from([0, 1, 2, 3, 0, 255]));
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'fix(checkout): retry payments', '-m', 'The gateway drops calls at peak.\n\nRefs: PAY-12');
      const first = repo.sha();
      fs.mkdirSync(path.join(repo.root, 'test'));
      const second = repo.commit('test: cover the retry', { file: 'test/pay.test.ts' });
      const runner = new GitRunner({ logger: new MemoryLogger() });
      const work = await readCommitWork(runner, new GitReader(runner), repo.root, [first, second, 'f'.repeat(40)]);
      assert.deepEqual(
        work.map((commit) => [commit.sha, commit.body, commit.files.map((file) => [file.path, file.added, file.deleted]).sort()]),
        [
          [first, 'The gateway drops calls at peak.\n\nRefs: PAY-12', [['café.txt', 1, 0], ['logo.png', null, null], ['src/pay.ts', 3, 0]]],
          [second, '', [['test/pay.test.ts', 1, 0]]],
        ],
      );
    } finally {
      repo.cleanup();
    }
  });

  test('a quoted path comes back as the name it is', () => {
    assert.equal(unquotedPath('"caf\\303\\251 \\"menu\\".txt"'), 'café "menu".txt');
    assert.equal(unquotedPath('plain.txt'), 'plain.txt');
    assert.deepEqual(parseCommitWork('\x1eabc\x1fbody\x1f\n\n2\t1\tsrc/a.ts\n-\t-\timg.png\n'), [{ sha: 'abc', body: 'body', files: [{ path: 'src/a.ts', added: 2, deleted: 1 }, { path: 'img.png', added: null, deleted: null }] }]);
  });
});

suite('a burst or a branch suggests from all its commits', () => {
  test('every commit of the waiting work, oldest first, with its body and files, and the line of work it was made on', async () => {
    const repo = createTestRepo();
    const file = tempDatabase();
    const store = Store.open(file, { logger: new MemoryLogger() });
    try {
      repo.git('checkout', '-q', '-b', 'feature/search-filters');
      const shas = ['feat: saved searches', 'fix(search): keep filters when paging'].map((subject, index) => {
        fs.writeFileSync(path.join(repo.root, `search${index}.ts`), `export const step = ${index};\n`);
        repo.git('add', '-A');
        repo.git('commit', '-q', '-m', subject, '-m', `Body of step ${index}.`);
        return repo.sha();
      });
      recordCommits(
        store,
        repo.root,
        shas.map((sha, index) => ({ sha, subject: repo.git('log', '-1', '--format=%s', sha), authorEmail: 'dev@example.com', authorTime: Date.UTC(2026, 10, 16, 12 - index), branch: 'feature/search-filters', isMerge: false })),
      );
      const [batch] = new NamingWorkflow(store, new MemoryLogger(), { get: () => undefined, update: async () => undefined }).waiting();
      const runner = new GitRunner({ logger: new MemoryLogger() });
      const work = await workToSuggest({ ...batch, repo: { ...batch.repo, root: repo.root } }, (root, list) => readCommitWork(runner, new GitReader(runner), root, list), 'Faster search', new MemoryLogger());
      assert.deepEqual(work, {
        branch: 'feature/search-filters',
        goal: 'Faster search',
        commits: [
          { subject: 'fix(search): keep filters when paging', body: 'Body of step 1.', files: [{ path: 'search1.ts', added: 1, deleted: 0 }] },
          { subject: 'feat: saved searches', body: 'Body of step 0.', files: [{ path: 'search0.ts', added: 1, deleted: 0 }] },
        ],
      });
      const failing = await workToSuggest(batch, async () => Promise.reject(new Error('git is gone')), null, new MemoryLogger());
      assert.deepEqual(
        failing.commits.map((commit) => [commit.subject, commit.body]),
        [
          ['fix(search): keep filters when paging', ''],
          ['feat: saved searches', ''],
        ],
        'without git, the subjects still make a request',
      );
    } finally {
      store.close();
      removeDatabase(file);
      repo.cleanup();
    }
  });
});
