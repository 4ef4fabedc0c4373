/**
 * One measurement of `npm run bench`'s import benchmark, in a process of its own so that its peak
 * memory is its own: `node out/bench/importChild.js <import|stream> <repository> <database>`.
 * - import: Progress Log's import of all history into a new database;
 * - stream: the same git log read through the same stream and parser, writing nothing (where the
 *   time and memory of reading history end, and those of recording it begin).
 * Prints one line of JSON.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitScanner } from '../src/capture/commitScanner';
import { HistoryImporter } from '../src/capture/historyImport';
import { silentLogger } from '../src/core/logger';
import { GitReader } from '../src/git/gitReader';
import { GitRunner } from '../src/git/gitRunner';
import { Store } from '../src/storage/store';

async function main(): Promise<void> {
  const [mode, root, databaseFile] = process.argv.slice(2);
  const git = new GitReader(new GitRunner({ logger: silentLogger, timeoutMs: 60_000 }));
  if (mode === 'stream') {
    const { local } = await git.readTips(root);
    const started = performance.now();
    let read = 0;
    for await (const commit of git.history(root, [...local.values()])) if (commit.sha) read++;
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, read, maxRssKb: process.resourceUsage().maxRSS }));
    return;
  }
  const store = Store.open(path.resolve(databaseFile), { logger: silentLogger });
  const scanner = new CommitScanner(git, store, silentLogger);
  await scanner.scan(root); // the first look, as the extension has it before anyone imports
  const batches: number[] = [];
  const importBatch = store.history.importBatch.bind(store.history);
  store.history.importBatch = (repoId, batch, options) => {
    const started = performance.now();
    try {
      return importBatch(repoId, batch, options);
    } finally {
      batches.push(performance.now() - started);
    }
  };
  const started = performance.now();
  const result = await new HistoryImporter(scanner, git, store, silentLogger).import(root);
  const ms = performance.now() - started;
  store.close();
  console.log(JSON.stringify({ ms, imported: result.imported, read: result.read, batches: batches.length, longestBatchMs: Math.max(...batches), maxRssKb: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
