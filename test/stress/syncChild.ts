/**
 * One machine of the sync stress scenario, in its own process: `node out/test/stress/syncChild.js
 * '<json>'`. It saves outcomes and syncs, over and over, and says on stdout, one JSON line at a
 * time written synchronously, what it acknowledged ({"ack": text}: saved in its database) and each
 * sync it finished ({"synced": {...}}). Its parent kills it at random moments, mid-sync included.
 */
import * as fs from 'node:fs';
import { silentLogger } from '../../src/core/logger';
import { SyncGit } from '../../src/git/syncGit';
import { Store } from '../../src/storage/store';
import { SyncEngine } from '../../src/sync/syncEngine';

interface SyncTask {
  file: string;
  cache: string;
  repository: string;
  name: string;
  /** Outcomes to save, one before each sync; none: sync once and stop. */
  saves: number;
}

const say = (line: object) => fs.writeSync(1, `${JSON.stringify(line)}\n`);

async function main(task: SyncTask): Promise<void> {
  const store = Store.open(task.file, { logger: silentLogger });
  const engine = new SyncEngine(store, new SyncGit(silentLogger), silentLogger);
  const settings = { cache: task.cache, repository: task.repository };
  for (let index = 0; index < Math.max(1, task.saves); index++) {
    if (task.saves > 0) {
      const text = `${task.name} outcome ${index}`;
      if (store.changes.createOutcome({ text, kind: 'impact', source: 'manual' }).state === 'saved') say({ ack: text });
    }
    const result = await engine.sync(settings);
    if (result) say({ synced: result });
  }
  store.close();
}

main(JSON.parse(process.argv[2]) as SyncTask).catch((error: unknown) => {
  say({ error: String((error as Error)?.stack ?? error) });
  process.exitCode = 1;
});
