/**
 * A prompt about work that no longer waits for a name says why, on real repositories: the work
 * was reset away (gone), a merge was undone, or another window answered it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PendingBatch } from '../../src/core/domain';
import { NamingWorkflow } from '../../src/naming/naming';
import { cleanupsAfterEach, hostedRepository, openWindow, type Window } from '../support/harness';
import { createTestRepo, type TestRepo } from '../support/testRepo';

function namingOf(window: Window): NamingWorkflow {
  const state = new Map<string, unknown>();
  return new NamingWorkflow(window.store, window.logger, { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key, value) => void state.set(key, value) });
}

suite('work that no longer waits for a name says why', () => {
  const cleanups = cleanupsAfterEach();
  let repo: TestRepo;
  let window: Window;
  let naming: NamingWorkflow;

  /** Scans and returns the one piece of work the scan claimed. */
  async function claimed(): Promise<PendingBatch> {
    const [batch] = naming.batchesFor((await window.scanner.scan(repo.root)).claimed);
    assert.ok(batch, 'the scan claimed work to ask about');
    return batch;
  }

  setup(async () => {
    repo = createTestRepo();
    window = openWindow(undefined, { askWhen: 'eachCommit' });
    naming = namingOf(window);
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: base');
    await window.scanner.scan(repo.root);
  });

  test('a commit reset away before it is named is gone: nothing waits for it, and asking about it says so', async () => {
    const sha = repo.commit('feat: experiment with a new cache');
    const batch = await claimed();
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    await window.scanner.scan(repo.root);
    assert.equal(naming.stillWaiting(batch), undefined);
    assert.equal(window.store.log.countWaiting(), 0);
    assert.equal(naming.notWaitingReason(batch), `Nothing to name: commit ${sha.slice(0, 7)} is no longer in ${path.basename(repo.root)} (it was reset or rebased away).`);
  });

  test('a burst reset away says how many commits are gone', async () => {
    repo.commit('feat: cache part 1');
    repo.commit('feat: cache part 2');
    const batch = await claimed();
    assert.equal(batch.commits.length, 2);
    repo.git('reset', '-q', '--hard', 'HEAD~2');
    await window.scanner.scan(repo.root);
    assert.equal(naming.notWaitingReason(batch), `Nothing to name: these 2 commits are no longer in ${path.basename(repo.root)} (they were reset or rebased away).`);
  });

  test('work another window answered is said to have an answer, not to be gone; amended work still waits', async () => {
    repo.commit('feat: saved searches');
    const amended = await claimed();
    repo.git('commit', '-q', '--amend', '-m', 'feat: saved searches, sorted');
    await window.scanner.scan(repo.root);
    assert.equal(naming.stillWaiting(amended)?.commits[0].subject, 'feat: saved searches, sorted', 'an amended commit is the same work');
    const elsewhere = openWindow(window.store.file);
    cleanups.push(() => elsewhere.close());
    namingOf(elsewhere).settle(namingOf(elsewhere).stillWaiting(amended)!, 'routine');
    assert.equal(naming.stillWaiting(amended), undefined);
    assert.equal(naming.notWaitingReason(amended), 'That work already has a name (perhaps from another window).');
  });

  test('a branch whose merge was undone is said to wait for it to land again', async () => {
    const { local, window: hosted } = await hostedRepository(cleanups);
    const hostedNaming = namingOf(hosted);
    local.git('checkout', '-q', '-b', 'feature/http2');
    local.commit('feat: http2', { file: 'http2.txt' });
    await hosted.scanner.scan(local.root);
    local.git('checkout', '-q', 'main');
    local.git('merge', '-q', '--no-ff', '--no-edit', 'feature/http2');
    const [batch] = hostedNaming.batchesFor((await hosted.scanner.scan(local.root)).claimed);
    assert.equal(batch?.type, 'branch');
    local.git('reset', '-q', '--hard', 'ORIG_HEAD');
    await hosted.scanner.scan(local.root);
    assert.equal(hostedNaming.stillWaiting(batch), undefined);
    assert.equal(
      hostedNaming.notWaitingReason(batch),
      `Nothing to name yet: branch feature/http2 is no longer merged into main in ${path.basename(local.root)}, and is asked about when it lands again.`,
    );
  });
});
