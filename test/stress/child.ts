/**
 * One "window" of the stress suite, in its own process, against the compiled storage code:
 * `node out/test/stress/child.js '<json>'`. It opens the store as a window does, does its part,
 * and reports on stdout, one JSON object per line, written synchronously, so that a line the
 * parent reads is a fact even when the process is killed right after:
 *   {"opened": …}                 the open finished (where the file was set aside, if it was)
 *   {"looked": name}              its first look at the repository it scans is done
 *   {"ack": text}                 an outcome with this text was saved, or kept (both acknowledged)
 *   {"claim": sha}                this process's scan claimed the commit
 *   {"error": …}                  an error that would have reached the user
 *   {"done": {…}}                 the file it ended on, the worst call and event-loop stall, counts,
 *                                 and every error and sentence that reached the user
 * A window that scans a repository does it as a window does: the real watcher's targets say when
 * (fs.watch, a 30 ms settle), the real Capture scans through the real CommitScanner and git, and
 * the real Notices decides what the user reads, into a stand-in `vscode` that records it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { CommitScanner } from '../../src/capture/commitScanner';
import { resolveGitDirectories, watchTargets } from '../../src/capture/gitFiles';
import { StoreBusyError } from '../../src/core/errors';
import { silentLogger, type Logger } from '../../src/core/logger';
import { runQueueMs } from '../../src/core/runQueue';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import type { Claimed } from '../../src/storage/scanRecords';
import { Store } from '../../src/storage/store';
import { Capture } from '../../src/vscode/capture';
import type { GitWatcher } from '../../src/vscode/gitWatcher';
import type * as NoticesModule from '../../src/vscode/notices';
import type { OutcomePrompter } from '../../src/vscode/prompter';
import { requireWithoutVscode } from '../support/harness';

export interface ChildTask {
  file: string;
  /** A name for this process, in the texts it writes. */
  name: string;
  /** Epoch ms to start at, so that every process starts its open together. */
  startAt: number;
  /** Outcomes to save by hand after opening (each acknowledged). */
  manualWrites?: number;
  /** A real repository to scan whenever it changes, naming what this window claims, until `stopFile` exists. */
  repository?: string;
  stopFile?: string;
  /** Keep writing until killed. */
  forever?: boolean;
  /** Pause between writes, ms (also between the outcomes saved by hand while scanning). */
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

/** What a window's user would have read, and every error that reached the edge (shown or not). */
interface UserView {
  notices: NoticesModule.Notices;
  reported: string[];
  shown: string[];
}

/** The real Notices over a stand-in `vscode` that records what it shows. */
function userView(logger: Logger): UserView {
  const shown: string[] = [];
  const reported: string[] = [];
  const show = (message: string) => (shown.push(message), Promise.resolve(undefined));
  const { Notices } = requireWithoutVscode<typeof NoticesModule>(path.join(__dirname, '../../src/vscode/notices'), {
    window: { showErrorMessage: show, showWarningMessage: show, showInformationMessage: show, setStatusBarMessage: () => ({ dispose: () => undefined }) },
    commands: { executeCommand: () => Promise.resolve(undefined) },
  });
  const memento = { get: () => undefined, update: () => Promise.resolve(), keys: () => [] };
  const notices = new Notices(logger, memento as unknown as ConstructorParameters<typeof Notices>[1]);
  const report = notices.report.bind(notices);
  notices.report = (error, where) => {
    reported.push(`${where}: ${(error as Error)?.name}: ${(error as Error)?.message}`);
    report(error, where);
  };
  return { notices, reported, shown };
}

/** Times every method of one part of the store: each is a call that holds a window's thread. */
function timeEveryCall(part: object, label: string, measure: <T>(what: string, call: () => T) => T): void {
  const target = part as Record<string, unknown>;
  for (let proto = Object.getPrototypeOf(part) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function' || Object.prototype.hasOwnProperty.call(part, name)) continue;
      target[name] = (...args: unknown[]) => measure(`${label}.${name}`, () => (method as (...a: unknown[]) => unknown).apply(part, args));
    }
  }
}

async function main(task: ChildTask): Promise<void> {
  const logger = task.verbose ? stderrLogger : silentLogger;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let worstCallMs = 0;
  let worstCall = '';
  let worstCallQueuedMs = 0;
  /** The longest any call took of its own: its wall-clock time less what it waited for a CPU other processes had. */
  let worstOwnMs = 0;
  let worstOwn = '';
  let kept = 0;
  let failedWrites = 0;
  let depth = 0;
  /** Times one store call (the outermost of nested ones), whatever it ends with. */
  const measure = <T>(what: string, call: () => T): T => {
    if (depth > 0) return call();
    const queued = runQueueMs();
    const started = performance.now();
    depth++;
    try {
      return call();
    } finally {
      depth--;
      const took = performance.now() - started;
      const queuedMs = runQueueMs() - queued;
      if (took > worstCallMs) {
        worstCallMs = took;
        worstCall = what;
        worstCallQueuedMs = queuedMs;
      }
      if (took - queuedMs > worstOwnMs) {
        worstOwnMs = took - queuedMs;
        worstOwn = what;
      }
    }
  };
  /** A call whose write may be kept: kept counts as done (acknowledged). */
  const timed = <T extends { state: 'saved' | 'kept' }>(what: string, call: () => T): T => {
    const result = measure(what, call);
    if (result.state === 'kept') kept++;
    return result;
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
  // Every call a window makes, also the rounds that write kept writes on timers, on the same thread.
  for (const [label, part] of [['clones', store.clones], ['scans', store.scans], ['outcomes', store.outcomes], ['pending', store.pending]] as const) timeEveryCall(part, label, measure);
  const view = userView(logger);
  if (!task.legacy) store.pending.onDidKeep(() => view.notices.keptWhileLocked(store.file));

  const saveManual = (index: number) => {
    const text = `${task.name} outcome ${index}`;
    try {
      const result = timed('save an outcome', () => store.changes.createOutcome({ text, kind: 'impact', source: 'manual' }));
      say({ ack: text, kept: result.state === 'kept' });
    } catch (error) {
      if (!task.legacy) throw error;
      failedWrites++; // as before: the write failed after blocking, and the line stayed in the input
    }
  };

  const asked = new Set<string>();
  const nameClaimed = (claimed: Claimed) => {
    // Calls that came while a scan ran share the next scan's result, as the prompter knows.
    const commits = claimed.commits.filter((commit) => !asked.has(commit.id));
    if (commits.length === 0) return;
    for (const commit of commits) asked.add(commit.id);
    const text = `${task.name} named ${commits.map((commit) => commit.sha.slice(0, 7)).join(' ')}`;
    const result = timed('name what a scan claimed', () => store.changes.createOutcome({ text, kind: 'impact', source: 'commit', commitIds: commits.map((commit) => commit.id) }));
    for (const commit of commits) say({ claim: commit.sha });
    say({ ack: text, kept: result.state === 'kept' });
  };

  let scanWaits = 0;
  if (task.repository) scanWaits = await scanUntilStopped(task, store, logger, view, saveManual, nameClaimed);
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
  say({
    done: {
      name: task.name,
      ino,
      worstCallMs: Math.round(worstCallMs * 10) / 10,
      worstCall,
      worstCallQueuedMs: Math.round(worstCallQueuedMs),
      worstOwnMs: Math.round(worstOwnMs * 10) / 10,
      worstOwn,
      worstStallMs: Math.round(loop.max / 1e5) / 10,
      openStallMs,
      scanWaits,
      kept,
      left,
      failedWrites,
      reported: view.reported,
      shown: view.shown,
    },
  });
}

/**
 * Scans `task.repository` as a window does whenever its git files change, names what this window
 * claims, and saves outcomes by hand meanwhile, until the stop file exists; then looks once more
 * so that nothing made before the stop is left. Returns how many scans met a lock.
 */
async function scanUntilStopped(
  task: ChildTask,
  store: Store,
  logger: Logger,
  view: UserView,
  saveManual: (index: number) => void,
  nameClaimed: (claimed: Claimed) => void,
): Promise<number> {
  const root = task.repository!;
  const scanner = new CommitScanner(new GitReader(new GitRunner({ logger, timeoutMs: 30_000 })), store, logger);
  let scanWaits = 0;
  let lastScanMetLock = false;
  const scan = scanner.scan.bind(scanner);
  scanner.scan = (at) => {
    const scanning = scan(at);
    scanning.then(
      () => (lastScanMetLock = false),
      (error: unknown) => {
        lastScanMetLock = error instanceof StoreBusyError;
        if (lastScanMetLock) scanWaits++;
      },
    );
    return scanning;
  };
  // The user names what this window claimed, at once.
  const prompter = { offer: nameClaimed } as unknown as OutcomePrompter;
  const capture = new Capture(scanner, { roots: [root] } as unknown as GitWatcher, prompter, view.notices, () => say({ looked: task.name }));
  const scans = new Set<Promise<void>>();
  const look = () => {
    const scanning = capture.scan(root);
    scans.add(scanning);
    void scanning.finally(() => scans.delete(scanning));
  };
  let settle: NodeJS.Timeout | undefined;
  const watchers = watchTargets(resolveGitDirectories(root)!).map((target) =>
    fs.watch(target.dir, { recursive: target.recursive }, (_event, changed) => {
      if (target.files && (changed === null || !target.files.includes(changed.toString()))) return;
      clearTimeout(settle);
      settle = setTimeout(look, 30);
    }),
  );
  look();
  for (let index = 0; !fs.existsSync(task.stopFile!); index++) {
    saveManual(index);
    await sleep(task.pauseMs ?? 20);
  }
  for (const watcher of watchers) watcher.close();
  clearTimeout(settle);
  await Promise.all([...scans]);
  // The last look: a scan that meets a lock now is looked at again until one gets through.
  do {
    await capture.scan(root);
    if (lastScanMetLock) await sleep(20);
  } while (lastScanMetLock);
  capture.dispose();
  return scanWaits;
}

const task = JSON.parse(process.argv[2]) as ChildTask;
main(task).catch((error: unknown) => {
  say({ error: { name: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } });
  process.exitCode = 1;
});
