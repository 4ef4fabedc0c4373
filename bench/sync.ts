/**
 * Sync, for `npm run bench` (rows in bench/run.ts's style: each figure with its ratio to a floor
 * measured in the same run):
 * - a year's heavy log (bench/readPaths.ts: 100,000 outcomes, each linked to 4 of 1,000,000
 *   commits; 400,000 commits settled routine or skipped), its operations made by the baseline as
 *   for a log from before sync, sent by machine A's first sync and received by a new machine B
 *   from scratch, against `git push` and `git fetch` of the same files alone (the same paths and
 *   bytes, committed with plain git);
 * - one new outcome, sent by A and received by B, against pushing and fetching one file of the
 *   same bytes;
 * - the longest the thread was held during each sync (git runs as child processes; operations are
 *   applied in short transactions);
 * - the sync repository's size after that year (`du` after `git gc`), and each machine's cache.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { silentLogger } from '../src/core/logger';
import { machineRef, SyncGit } from '../src/git/syncGit';
import { Store } from '../src/storage/store';
import { SyncEngine, type SyncResult, type SyncSettings } from '../src/sync/syncEngine';
import { written } from '../test/support/written';
import { buildLargeStore } from './readPaths';

type Record = (what: string, floor: string, measured: number, floorMs: number, target?: { text: string; met: boolean }) => void;
type Note = (what: string, detail: string) => void;

const ROUNDS = 7;
/** Four syncs a working day that sent something, for a year. */
const SYNCS_IN_A_YEAR = 1_000;

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function kib(folder: string): number {
  return Number(execFileSync('du', ['-sk', folder], { encoding: 'utf8' }).split('\t')[0]);
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** Runs `work`, timing it and the longest the event loop was held meanwhile. */
async function heldWhile<T>(work: () => Promise<T>): Promise<{ ms: number; heldMs: number; result: T }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  delay.disable();
  return { ms, heldMs: delay.max / 1e6, result };
}

/** Runs a sync, timing it and the longest the event loop was held meanwhile. */
async function timedSync(engine: SyncEngine, settings: SyncSettings): Promise<{ ms: number; heldMs: number; result: SyncResult }> {
  const { ms, heldMs, result } = await heldWhile(() => engine.sync(settings));
  if (!result) throw new Error('another sync held the cache');
  return { ms, heldMs, result };
}

/** Plain git moving the same files: a work tree committed once, pushed to a bare repository, fetched by another. */
class PlainGitFloor {
  readonly source: string;
  readonly remote: string;
  readonly target: string;

  constructor(folder: string) {
    this.source = path.join(folder, 'floor-source');
    this.remote = path.join(folder, 'floor-remote.git');
    this.target = path.join(folder, 'floor-target');
    git(folder, ['init', '-q', this.source]);
    git(folder, ['init', '-q', '--bare', this.remote]);
    git(folder, ['init', '-q', '--bare', this.target]);
    for (const repository of [this.source, this.remote, this.target]) git(repository, ['config', 'gc.auto', '0']);
  }

  /** Commits files with these paths and contents (untimed: making the data). */
  commit(files: { path: string; text: string }[]): void {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(this.source, file.path)), { recursive: true });
      fs.writeFileSync(path.join(this.source, file.path), file.text);
    }
    git(this.source, ['add', '-A']);
    git(this.source, ['-c', 'user.name=floor', '-c', 'user.email=floor@example.com', 'commit', '-q', '-m', 'files']);
  }

  push(): number {
    const started = performance.now();
    git(this.source, ['push', '-q', this.remote, 'HEAD:refs/heads/main']);
    return performance.now() - started;
  }

  fetch(): number {
    const started = performance.now();
    git(this.target, ['fetch', '-q', this.remote, '+refs/heads/*:refs/remotes/floor/*']);
    return performance.now() - started;
  }
}

/**
 * The sync repository as a year of syncs leaves it: the same operations in `batches` batch files,
 * one commit each on one machine's ref, each tree holding every batch so far (as the engine
 * writes them: `<yyyy-mm>/<batch>.jsonl`), written with `git fast-import`, then `git gc`.
 * Returns its size on disk.
 */
function yearOfSyncs(folder: string, lines: readonly string[], batches: number, start: number): { kib: number; commits: number } {
  const repository = path.join(folder, 'year-of-syncs.git');
  git(folder, ['init', '-q', '--bare', repository]);
  const chunks: string[] = [];
  const per = Math.ceil(lines.length / batches);
  const day = 86_400_000;
  for (let batch = 0; batch * per < lines.length; batch++) {
    const when = start + Math.floor((batch / batches) * 365) * day;
    const text = `${lines.slice(batch * per, (batch + 1) * per).join('\n')}\n`;
    const file = `${new Date(when).toISOString().slice(0, 7)}/${batch.toString(36).padStart(26, '0')}.jsonl`;
    const message = `${Math.min(per, lines.length - batch * per)} operation(s)\n`;
    const seconds = Math.floor(when / 1000);
    chunks.push(
      `commit refs/progress-log/m0\ncommitter Progress Log (m0) <m0@progress-log.invalid> ${seconds} +0000\ndata ${Buffer.byteLength(message)}\n${message}`,
      `M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repository, input: chunks.join(''), maxBuffer: 1 << 30 });
  git(repository, ['gc', '-q']);
  return { kib: kib(repository), commits: Number(git(repository, ['rev-list', '--count', 'refs/progress-log/m0']).trim()) };
}

/** The files of a machine's ref in the sync repository, with their contents. */
function filesOf(repository: string, ref: string): { path: string; text: string }[] {
  return git(repository, ['ls-tree', '-r', '--name-only', ref])
    .split('\n')
    .filter(Boolean)
    .map((file) => ({ path: file, text: git(repository, ['cat-file', 'blob', `${ref}:${file}`]) }));
}

export async function benchSync(record: Record, note: Note): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-sync-'));
  try {
    const repository = path.join(folder, 'sync.git');
    git(folder, ['init', '-q', '--bare', repository]);
    const now = Date.now();
    let started = performance.now();
    const fileA = path.join(folder, 'machine-a.sqlite');
    buildLargeStore(fileA, now, 1);
    console.error(`[bench] sync: a year's heavy log written in bulk in ${elapsed(started)} (${mib(fs.statSync(fileA).size)})`);
    const a = Store.open(fileA, { logger: silentLogger });
    const b = Store.open(path.join(folder, 'machine-b.sqlite'), { logger: silentLogger });
    try {
      const engineA = new SyncEngine(a, new SyncGit(silentLogger, undefined, 600_000), silentLogger);
      const engineB = new SyncEngine(b, new SyncGit(silentLogger, undefined, 600_000), silentLogger);
      const settingsA = { cache: path.join(folder, 'cache-a.git'), repository };
      const settingsB = { cache: path.join(folder, 'cache-b.git'), repository };

      const baseline = await heldWhile(() => a.operations.baselineInTurns());
      note(
        `the baseline: ${baseline.result.toLocaleString('en')} operations made for the rows of a log from before sync (the first sync makes it, in turns)`,
        `${(baseline.ms / 1000).toFixed(1)} s; the thread held ${baseline.heldMs.toFixed(0)} ms at most`,
      );

      const first = await timedSync(engineA, settingsA);
      const ref = machineRef(a.operations.machineId());
      const files = filesOf(repository, ref);
      const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
      console.error(`[bench] sync: machine A sent ${first.result.sent.toLocaleString('en')} operations in ${(first.ms / 1000).toFixed(1)} s (${files.length} batch file(s), ${mib(bytes)})`);
      const fromScratch = await timedSync(engineB, settingsB);
      console.error(`[bench] sync: machine B received ${fromScratch.result.received.toLocaleString('en')} operations in ${(fromScratch.ms / 1000).toFixed(1)} s`);
      if (fromScratch.result.received !== first.result.sent) throw new Error(`machine B received ${fromScratch.result.received} of ${first.result.sent} operations`);
      started = performance.now();
      const alike = a.operations.digest() === b.operations.digest();
      console.error(`[bench] sync: digests compared in ${elapsed(started)}: ${alike ? 'alike' : 'DIFFERENT'}`);

      const floor = new PlainGitFloor(folder);
      floor.commit(files);
      const pushFloor = floor.push();
      const fetchFloor = floor.fetch();
      const outcomes = a.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER).length;
      record(
        `sync a year's heavy log, machine A's first sync (${first.result.sent.toLocaleString('en')} operations, ${mib(bytes)})`,
        'git push of the same files alone',
        first.ms,
        pushFloor,
      );
      record(`  into a new machine B, from scratch (${outcomes.toLocaleString('en')} outcomes; logs alike: ${alike ? 'yes' : 'NO'})`, 'git fetch of the same files alone', fromScratch.ms, fetchFloor);
      record('  both', 'git push + git fetch alone', first.ms + fromScratch.ms, pushFloor + fetchFloor);
      note('  longest the thread was held, first sync / from scratch', `${first.heldMs.toFixed(0)} ms / ${fromScratch.heldMs.toFixed(0)} ms`);

      const sends: number[] = [];
      const receives: number[] = [];
      const pushes: number[] = [];
      const fetches: number[] = [];
      const held: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        written(a.changes.createOutcome({ text: `Round ${round}: the invoice run finishes before 9:00`, kind: 'impact', source: 'manual' }));
        const send = await timedSync(engineA, settingsA);
        const receive = await timedSync(engineB, settingsB);
        if (send.result.sent !== 1 || receive.result.received !== 1) throw new Error(`round ${round}: sent ${send.result.sent}, received ${receive.result.received}`);
        sends.push(send.ms);
        receives.push(receive.ms);
        held.push(Math.max(send.heldMs, receive.heldMs));
        const batch = git(repository, ['diff-tree', '-r', '--name-only', '--diff-filter=A', `${ref}~1`, ref]).trim();
        floor.commit([{ path: batch, text: git(repository, ['cat-file', 'blob', `${ref}:${batch}`]) }]);
        pushes.push(floor.push());
        fetches.push(floor.fetch());
      }
      record(`one new outcome, sent by machine A (fetch, then push; ${ROUNDS} rounds)`, 'git push of one file of the same bytes', median(sends), median(pushes));
      record('  received by machine B (fetch, then apply)', 'git fetch of that file', median(receives), median(fetches));
      record('  both', 'git push + git fetch alone', median(sends) + median(receives), median(pushes) + median(fetches));
      note('  longest the thread was held, one new outcome', `${median(held).toFixed(0)} ms`);

      git(repository, ['gc', '-q']);
      const rawBytes = filesOf(repository, ref).reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
      note(
        `the sync repository after that year (${(first.result.sent + ROUNDS).toLocaleString('en')} operations, ${mib(rawBytes)} as text), after git gc`,
        `${mib(kib(repository) * 1024)} (du); the caches: machine A ${mib(kib(settingsA.cache) * 1024)}, machine B ${mib(kib(settingsB.cache) * 1024)} (never gc'd: gc.auto=0); the databases: A ${mib(fs.statSync(fileA).size)}, B ${mib(fs.statSync(b.file).size)}`,
      );
      const year = yearOfSyncs(folder, files.flatMap((file) => file.text.split('\n').filter(Boolean)), SYNCS_IN_A_YEAR, now - 365 * 86_400_000);
      note(
        `  the same operations as a year of syncs leaves them (${year.commits.toLocaleString('en')} batches, one commit each), after git gc`,
        `${mib(year.kib * 1024)} (du)`,
      );
    } finally {
      a.close();
      b.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
