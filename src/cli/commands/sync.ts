/**
 * `sync`: the extension's "Sync Now" from a terminal, through the same SyncService and engine. It
 * syncs the extension's database with the repository the extension names (Set Up Sync…, shared in
 * extension.json), through the cache beside that database: the command and the windows of this
 * machine are one machine to the others, and take turns (one sync at a time per cache).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plural } from '../../core/text';
import { SyncGit } from '../../git/syncGit';
import { SyncEngine } from '../../sync/syncEngine';
import { isLocalRepository } from '../../sync/syncRepository';
import { SYNC_CACHE_FOLDER, SyncService, type SyncStatus } from '../../sync/syncService';
import type { Command } from '../common/command';
import type { Cli } from '../common/context';
import { CliError } from '../common/errors';

/** Sync as this database has it: the repository and this machine's cache, or why there is none. */
export type SyncSetUp = { repository: string; cache: string } | { notSetUp: string };

/** Whether sync is set up for the database this command uses, and where. @throws DatabaseNotFoundError */
export function syncSetUp(cli: Cli): SyncSetUp {
  const location = cli.location();
  const extension = location.extension;
  if (!extension?.settings.syncRepository) {
    return { notSetUp: 'Sync is not set up: run "Progress Log: Set Up Sync…" in VS Code once, and progress-log syncs with the same repository from then on.' };
  }
  if (!sameFile(location.file, extension.database)) {
    return { notSetUp: `Sync is set up for the extension's database, ${extension.database}, not for ${location.file}: run progress-log sync without --db or PROGRESS_LOG_DB.` };
  }
  return { repository: extension.settings.syncRepository, cache: path.join(path.dirname(location.file), SYNC_CACHE_FOLDER) };
}

export const sync: Command = {
  name: 'sync',
  summary: 'Sync the log with the repository set up in VS Code, as its Sync Now does',
  description:
    'Receives what your other machines sent and sends what this one made, through the git repository you named with "Progress Log: Set Up Sync…" in VS Code (git signs in with your own SSH key or credential helper, and never asks). When a window of VS Code is syncing at that moment, it waits for it.',
  examples: ['progress-log sync', 'progress-log sync --json'],
  async run(cli) {
    const setUp = syncSetUp(cli);
    if ('notSetUp' in setUp) throw new CliError(setUp.notSetUp);
    const store = await cli.store('write');
    const service = new SyncService(new SyncEngine(store, new SyncGit(cli.logger), cli.logger), store.operations, { cache: setUp.cache, repository: () => setUp.repository }, cli.logger);
    let status: SyncStatus;
    try {
      status = await service.syncNow();
    } finally {
      service.dispose();
    }
    if (status.state !== 'synced' || !status.last) throw new CliError(failed(status, setUp.repository));
    const { received, sent, repushed } = status.last;
    if (cli.globals.json) cli.record({ type: 'sync', repository: setUp.repository, received, sent, repushed, syncedAt: new Date(status.lastSyncedAt ?? cli.now()).toISOString() });
    cli.say(`${cli.err.green('Synced')} with ${setUp.repository}: ${plural(received, 'change')} received, ${sent} sent.`);
    if (repushed) cli.say(`${setUp.repository} did not hold this machine's changes as they were pushed (deleted or rewritten by hand): they were pushed again, and nothing here was deleted.`);
  },
};

/** What went wrong, and what to do, in the command's own words (the extension's speak of its buttons). */
function failed(status: SyncStatus, repository: string): string {
  switch (status.problem?.kind) {
    case undefined:
      return `A window of VS Code kept syncing this log for two minutes: what this machine holds goes with its sync; run progress-log sync again to see it through.`;
    case 'offline':
      return `progress-log could not reach ${repository} (offline, or its server is down): nothing is lost; run progress-log sync again later (VS Code also tries again by itself).`;
    case 'notFound':
      return isLocalRepository(repository)
        ? `There is no git repository at ${repository}: check the path, or make one there with "git init --bare ${repository}".`
        : `git found no repository at ${repository}: check the URL, and that "git ls-remote ${repository}" works in this terminal.`;
    case 'auth':
      return `git could not sign in to ${repository}: check that "git ls-remote ${repository}" works in this terminal (your SSH key or credential helper), then run progress-log sync again.`;
    case 'refused':
      return `${repository} refused what progress-log pushed: check that you may push to it (a rule on the repository, a read-only key), then run progress-log sync again.`;
    case 'gitMissing':
      return 'progress-log could not run git, so it cannot sync: install git, or put it on PATH.';
    case 'other':
      return `Sync with ${repository} failed: run progress-log sync --verbose to see what git said.`;
  }
}

/** One file, however each path names it (a symlinked folder, a relative path). */
function sameFile(a: string, b: string): boolean {
  const real = (file: string) => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  return real(a) === real(b);
}
