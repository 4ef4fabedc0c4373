import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { GitCommandError } from '../../src/core/errors';
import { KeyedLock } from '../../src/core/serial';
import { GitRunner } from '../../src/git/gitRunner';
import { MemoryLogger, openWindow } from '../support/harness';
import { createTestRepo, type TestRepo } from '../support/testRepo';

/** `count` commits on main, made at once with git fast-import. */
function repositoryWith(count: number): TestRepo {
  const repo = createTestRepo();
  let stream = '';
  for (let index = 1; index <= count; index++) {
    const message = `chore: change ${index} ${'x'.repeat(index % 97)}`;
    stream += `commit refs/heads/main\nmark :${index}\nauthor Dev Eloper <dev@example.com> ${1_700_000_000 + index} +0000\ncommitter Dev Eloper <dev@example.com> ${1_700_000_000 + index} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}\n${index > 1 ? `from :${index - 1}\n` : ''}\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.root, input: stream });
  return repo;
}

suite('git output read as a stream', () => {
  const cleanups: (() => void)[] = [];
  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  test('every record arrives whole, however git’s output is cut into chunks', async () => {
    const repo = repositoryWith(3000);
    cleanups.push(() => repo.cleanup());
    const runner = new GitRunner({ logger: new MemoryLogger() });
    let count = 0;
    for await (const record of runner.stream(repo.root, ['log', '-z', '--format=%H%x1f%s', 'main'], { separator: '\0' })) {
      const [sha, subject] = record.split('\x1f');
      assert.match(sha, /^[0-9a-f]{40}$/);
      assert.match(subject, /^chore: change \d+( x*)?$/);
      count++;
    }
    assert.equal(count, 3000);
  });

  test('a reader that stops early stops git', async () => {
    const repo = repositoryWith(3000);
    cleanups.push(() => repo.cleanup());
    const logger = new MemoryLogger();
    const runner = new GitRunner({ logger });
    for await (const record of runner.stream(repo.root, ['log', '--format=%H', 'main'])) {
      assert.match(record, /^[0-9a-f]{40}$/);
      break;
    }
    assert.ok(logger.lines.some((line) => /^info > git log --format=%H main \(in .*\) \d+ms, 1 record\(s\), stopped early$/.test(line)), logger.lines.join('\n'));
  });

  test('an abort stops git at the next record', async () => {
    const repo = repositoryWith(500);
    cleanups.push(() => repo.cleanup());
    const runner = new GitRunner({ logger: new MemoryLogger() });
    const stop = new AbortController();
    let count = 0;
    for await (const _record of runner.stream(repo.root, ['log', '--format=%H', 'main'], { signal: stop.signal })) {
      if (++count === 10) stop.abort();
    }
    assert.equal(count, 10);
  });

  test('git’s own failure is a GitCommandError with its message; a refused argument never runs', async () => {
    const repo = repositoryWith(1);
    cleanups.push(() => repo.cleanup());
    const runner = new GitRunner({ logger: new MemoryLogger() });
    const drain = async (args: string[]) => {
      for await (const _record of runner.stream(repo.root, args)) {
        // read everything
      }
    };
    await assert.rejects(drain(['log', '--format=%H', 'no-such-branch', '--']), (error: unknown) => error instanceof GitCommandError && /no-such-branch/.test(error.message));
    await assert.rejects(drain(['-c', 'core.pager=evil', 'log']), /Refused to run git/);
    await assert.rejects(drain(['log', '--show-signature']), /Refused to run git/);
  });
});

suite('a repository is scanned or imported into by one at a time', () => {
  test('work for one key runs one at a time, in the order it came; other keys do not wait', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const slow = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('a', slow('scan', 30)), lock.run('a', slow('import batch', 10)), lock.run('b', slow('other repository', 1)), lock.run('a', slow('next scan', 1))]);
    assert.deepEqual(results, ['scan', 'import batch', 'other repository', 'next scan']);
    assert.deepEqual(events, ['scan start', 'other repository start', 'other repository end', 'scan end', 'import batch start', 'import batch end', 'next scan start', 'next scan end']);
  });

  test('work that fails releases the repository for the next', async () => {
    const lock = new KeyedLock();
    await assert.rejects(lock.run('a', () => Promise.reject(new Error('boom'))));
    assert.equal(await lock.run('a', () => 'after'), 'after');
  });

  test('what an import writes waits for the scan in progress, and sees what it recorded', async () => {
    const repo = createTestRepo();
    const window = openWindow();
    try {
      repo.commit('chore: start');
      const { repo: record } = await window.scanner.scan(repo.root);
      const sha = repo.commit('feat: more');
      const scan = window.scanner.scan(repo.root);
      // Asked for while the scan runs: it sees what the scan recorded.
      const seenByImport = await window.scanner.exclusively(repo.root, () => window.store.scans.recordsBySha(record.id, [sha]).size);
      assert.equal((await scan).claimed.commits.length, 1);
      assert.equal(seenByImport, 1);
    } finally {
      window.close();
      repo.cleanup();
    }
  });
});
