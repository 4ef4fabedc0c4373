/**
 * Issue 17, item 9: an export is handed to a manager, so each of its links must open. A branch is a
 * link only when the remote has it, as the clone's remote-tracking branches say at export time.
 * Real repositories with a bare `origin`.
 */
import * as assert from 'node:assert/strict';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { gatherReport, markPublished } from '../../src/report/gather';
import { cleanupsAfterEach, hostedRepository, MemoryLogger, recordCommits } from '../support/harness';
import { createTestRepo, type TestRepo } from '../support/testRepo';
import { written } from '../support/written';

suite('links in an export open on the remote', () => {
  const cleanups = cleanupsAfterEach();
  const reader = new GitReader(new GitRunner({ logger: new MemoryLogger() }));

  /** A branch off main with one commit, left as `publish` says; HEAD back on main. */
  function branch(repo: TestRepo, name: string, publish: (name: string) => void = () => undefined): string {
    repo.git('checkout', '-q', '-b', name, 'main');
    const sha = repo.commit(`feat: ${name}`, { file: `${name.replace('/', '-')}.txt` });
    publish(name);
    repo.git('checkout', '-q', 'main');
    return sha;
  }

  test('a branch is a link only while the remote has it: pushed yes; never pushed, deleted upstream, or only on another remote no', async () => {
    const { local, colleague, window } = await hostedRepository(cleanups);
    const fork = createTestRepo({ bare: true });
    cleanups.push(() => fork.cleanup());
    local.git('remote', 'add', 'fork', fork.root);
    const shas = {
      'feature/pushed': branch(local, 'feature/pushed', (name) => local.git('push', '-q', 'origin', name)),
      'feature/local': branch(local, 'feature/local'),
      'feature/merged-and-deleted': branch(local, 'feature/merged-and-deleted', (name) => local.git('push', '-q', 'origin', name)),
      'feature/on-fork': branch(local, 'feature/on-fork', (name) => local.git('push', '-q', 'fork', name)),
    };
    // The pull request is merged and its branch deleted on the remote; the next fetch prunes it here.
    colleague.git('fetch', '-q');
    colleague.git('push', '-q', 'origin', '--delete', 'feature/merged-and-deleted');
    local.git('fetch', '-q', '--prune', 'origin');
    const records = recordCommits(
      window.store,
      local.root,
      Object.entries(shas).map(([name, sha]) => ({ sha, subject: `feat: ${name}`, authorEmail: 'dev@example.com', authorTime: Date.now(), branch: name, isMerge: false })),
    );
    for (const record of records) written(window.store.changes.createOutcome({ text: `Shipped ${record.branch}`, kind: 'impact', source: 'commit', commitIds: [record.id] }));

    const data = await markPublished(gatherReport(window.store, { from: 0, to: Number.MAX_SAFE_INTEGER }, 'UTC'), reader);

    const onRemote = Object.fromEntries(data.impact.map((item) => [item.branch, item.branchPublished]));
    assert.deepEqual(onRemote, { 'feature/pushed': true, 'feature/local': false, 'feature/merged-and-deleted': false, 'feature/on-fork': false });
  });

  test('without an origin, the first remote is the one links point at', async () => {
    const upstream = createTestRepo({ bare: true });
    const local = createTestRepo();
    cleanups.push(() => upstream.cleanup(), () => local.cleanup());
    local.commit('chore: start');
    local.git('remote', 'add', 'upstream', upstream.root);
    branch(local, 'feature/pushed', (name) => local.git('push', '-q', 'upstream', name));
    branch(local, 'feature/local');
    assert.deepEqual(await reader.branchesOnRemote(local.root, ['feature/pushed', 'feature/local', 'main']), new Set(['feature/pushed']));
  });
});
