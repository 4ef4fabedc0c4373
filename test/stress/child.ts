/**
 * One "window" of the stress suite, in its own process, against the compiled storage code:
 * `node out/test/stress/child.js '<json>'`. It opens the store as a window does, does its part,
 * and reports on stdout, one JSON object per line, written synchronously, so that a line the
 * parent reads is a fact even when the process is killed right after:
 *   {"opened": …}                 the open finished (where the file was set aside, if it was)
 *   {"ack": text}                 an outcome with this text was saved, or kept (both acknowledged)
 *   {"claim": sha}                this process's scan claimed the commit
 *   {"error": …}                  an error that would have reached the user
 *   {"done": {…}}                 the file it ended on, the worst call and event-loop stall, counts
 */
import * as fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { StoreBusyError, WriteKeptError } from '../../src/core/errors';
import { silentLogger, type Logger } from '../../src/core/logger';
import { Store } from '../../src/storage/store';

export interface ChildTask {
  file: string;
  /** A name for this process, in the texts it writes. */
  name: string;
  /** Epoch ms to start at, so that every process starts its open together. */
  startAt: number;
  /** Outcomes to save by hand after opening (each acknowledged). */
  manualWrites?: number;
  /** Scans to record: each records the shared commits `scan-<i>-*`, and names what it claimed. */
  scans?: number;
  /** Commits per scan. */
  commitsPerScan?: number;
  /** Keep writing until killed. */
  forever?: boolean;
  /** Pause between writes, ms. */
  pauseMs?: number;
  /** Open the way Progress Log did before (Store.open, a 5 s busy timeout, nothing kept): for "before" figures. */
  legacy?: boolean;
  /** Log to stderr (for debugging a scenario). */
  verbose?: boolean;
}

function say(line: object): void {
  fs.writeSync(1, `${JSON.stringify(line)}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each store call is its own task, as in a window: the event-loop stall then measures one call. */
const yieldToOtherWork = () => new Promise((resolve) => setImmediate(resolve));

const stderrLogger: Logger = {
  trace: () => undefined,
  info: (message) => fs.writeSync(2, `info ${message}\n`),
  warn: (message) => fs.writeSync(2, `warn ${message}\n`),
  error: (message) => fs.writeSync(2, `error ${message instanceof Error ? message.stack : message}\n`),
};

function sha(scan: number, index: number): string {
  return `${scan.toString(16).padStart(8, '0')}${index.toString(16).padStart(4, '0')}`.padEnd(40, 'c');
}

async function main(task: ChildTask): Promise<void> {
  const logger = task.verbose ? stderrLogger : silentLogger;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let worstCallMs = 0;
  let worstCall = '';
  let busyRetries = 0;
  let kept = 0;
  let failedWrites = 0;
  /** Runs one store call, timing it; a kept write counts as done (acknowledged). */
  const timed = <T>(what: string, call: () => T): T | 'kept' => {
    const started = performance.now();
    try {
      return call();
    } catch (error) {
      if (error instanceof WriteKeptError) {
        kept++;
        return 'kept';
      }
      throw error;
    } finally {
      const took = performance.now() - started;
      if (took > worstCallMs) {
        worstCallMs = took;
        worstCall = what;
      }
    }
  };

  while (Date.now() < task.startAt) await sleep(Math.min(5, task.startAt - Date.now()));
  loop.enable();
  const openStarted = performance.now();
  let store: Store;
  let movedAside: string | undefined;
  if (task.legacy) {
    store = Store.open(task.file, { logger });
  } else {
    const opened = await Store.openForWindow(task.file, { logger });
    store = opened.store;
    movedAside = opened.movedAside;
  }
  const openStallMs = Math.round(loop.max / 1e5) / 10;
  loop.reset();
  say({ opened: { name: task.name, movedAside, ms: Math.round(performance.now() - openStarted), stallMs: openStallMs } });
  // The rounds that write kept writes run on timers, on the same thread: timed like any call.
  if (!task.legacy) {
    const writeKept = store.pending.writeKept.bind(store.pending);
    store.pending.writeKept = () => timed('write kept writes', writeKept) as ReturnType<typeof writeKept>;
  }

  const saveManual = (index: number) => {
    const text = `${task.name} outcome ${index}`;
    try {
      const result = timed('save an outcome', () => store.outcomes.save({ text, kind: 'impact', source: 'manual' }));
      say({ ack: text, kept: result === 'kept' });
    } catch (error) {
      if (!task.legacy) throw error;
      failedWrites++; // as before: the write failed after blocking, and the line stayed in the input
    }
  };

  /** A scan's write that meets a lock tries again later: what it writes is the same each time. */
  const scanning = async <T>(what: string, call: () => T): Promise<T> => {
    for (;;) {
      try {
        const result = timed(what, call);
        if (result === 'kept') throw new Error('a scan was kept: scans are never kept');
        return result;
      } catch (error) {
        if (!(error instanceof StoreBusyError)) throw error;
        busyRetries++;
        await sleep(5 + Math.random() * 20);
      }
    }
  };

  const { repo, cloneId } = await scanning('look up the repository', () => store.clones.ensure('/stress/repo'));
  for (let scan = 0; scan < (task.scans ?? 0); scan++) {
    const commits = Array.from({ length: task.commitsPerScan ?? 2 }, (_, index) => ({
      sha: sha(scan, index),
      subject: `feat: shared work ${scan}.${index}`,
      authorEmail: 'dev@example.com',
      authorTime: 1_772_000_000_000 + scan * 1000 + index,
      branch: 'main',
      isMerge: false,
      status: 'pending' as const,
    }));
    const claimed = await scanning('record a scan', () => store.scans.record(cloneId, repo.id, { position: new Map([['refs/heads/main', commits[commits.length - 1].sha]]), commits }));
    for (const commit of claimed.commits) say({ claim: commit.sha });
    await yieldToOtherWork();
    if (claimed.commits.length > 0) {
      const text = `${task.name} named scan ${scan}`;
      const result = timed('save an outcome', () => store.outcomes.save({ text, kind: 'impact', source: 'commit', commitIds: claimed.commits.map((commit) => commit.id) }));
      say({ ack: text, kept: result === 'kept' });
    } else {
      saveManual(scan);
    }
    if (task.pauseMs) await sleep(task.pauseMs);
    else await yieldToOtherWork();
  }
  for (let index = 0; index < (task.manualWrites ?? 0); index++) {
    saveManual(index);
    if (task.pauseMs) await sleep(task.pauseMs);
    else await yieldToOtherWork();
  }
  for (let index = 0; task.forever; index++) {
    saveManual(1000 + index);
    await sleep(task.pauseMs ?? 1);
  }
  // What was kept is acknowledged already; wait for it to be written before leaving.
  const waitUntil = Date.now() + 30_000;
  while (store.pending.waiting() > 0 && Date.now() < waitUntil) {
    store.pending.writeKept();
    await sleep(20);
  }
  loop.disable();
  const left = store.pending.waiting();
  // The file this window ended on (it follows a file another window set aside at its next call).
  const ino = String(fs.statSync(task.file, { bigint: true }).ino);
  store.close();
  say({ done: { name: task.name, ino, worstCallMs: Math.round(worstCallMs * 10) / 10, worstCall, worstStallMs: Math.round(loop.max / 1e5) / 10, openStallMs, busyRetries, kept, left, failedWrites } });
}

const task = JSON.parse(process.argv[2]) as ChildTask;
main(task).catch((error: unknown) => {
  say({ error: { name: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } });
  process.exitCode = 1;
});
