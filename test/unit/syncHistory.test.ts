/**
 * Issue 19: every change to the log travels, history imports included, but never the imported
 * commits: an import says how far back it reached, and a machine with its own clone reads the
 * commits from its own git. Two machines (real SQLite files, real git), one bare sync repository;
 * the laptop's repository and the desktop's clone of it.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HistoryCatchUp, type CatchUpImport } from '../../src/capture/historyCatchUp';
import { HistoryImporter } from '../../src/capture/historyImport';
import { silentLogger } from '../../src/core/logger';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import type { Operation } from '../../src/storage/store';
import { SyncGit } from '../../src/git/syncGit';
import { SyncEngine, type SyncResult, type SyncSettings } from '../../src/sync/syncEngine';
import { ImportCatchUp } from '../../src/vscode/importCatchUp';
import type { Notices } from '../../src/vscode/notices';
import { cleanupsAfterEach, openWindow, type Window } from '../support/harness';
import { cloneTestRepo, createTestRepo, makeTempDir, runGit, type TestRepo } from '../support/testRepo';

const DAY_SECONDS = 24 * 3600;
/** 2026-02-02T09:00:00Z, and the user's commits two weeks apart from it. */
const FIRST = Date.UTC(2026, 1, 2, 9) / 1000;
const DATES = [FIRST, FIRST + 14 * DAY_SECONDS, FIRST + 28 * DAY_SECONDS, FIRST + 42 * DAY_SECONDS];

interface Machine {
  window: Window;
  clone: TestRepo;
  git: GitReader;
  importer: HistoryImporter;
  catchUp: HistoryCatchUp;
  engine: SyncEngine;
  settings: SyncSettings;
  sync(): Promise<SyncResult>;
  /** The shas of the user's commits this machine holds as history, oldest first. */
  history(): string[];
  repoId(): string;
}

suite('imported history on every machine, read from each machine\'s own git', function () {
  this.timeout(60_000);
  const cleanups = cleanupsAfterEach();

  /** The laptop's repository with four commits of the user's two weeks apart, the desktop's clone of it, and one sync repository. */
  async function twoMachines(): Promise<{ laptop: Machine; desktop: Machine; shas: string[]; repository: string }> {
    const base = makeTempDir('progress-log-histsync-');
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const repository = path.join(base, 'sync.git');
    runGit(base, ['init', '-q', '--bare', repository]);
    const origin = createTestRepo();
    cleanups.push(() => origin.cleanup());
    const shas = DATES.map((date, index) => origin.commit(`feat: step ${index}`, { date }));
    const desktopClone = cloneTestRepo(origin.root);
    cleanups.push(() => desktopClone.cleanup());
    const machine = (clone: TestRepo, name: string): Machine => {
      const window = openWindow();
      cleanups.push(() => window.close());
      const git = new GitReader(new GitRunner({ logger: window.logger, timeoutMs: 10_000 }));
      const importer = new HistoryImporter(window.scanner, git, window.store, window.logger);
      const engine = new SyncEngine(window.store, new SyncGit(silentLogger), silentLogger);
      const settings = { cache: path.join(base, `${name}-cache.git`), repository };
      return {
        window,
        clone,
        git,
        importer,
        catchUp: new HistoryCatchUp(importer, git, window.store, window.logger),
        engine,
        settings,
        sync: async () => (await engine.sync(settings))!,
        history: () =>
          window.store.log
            .contentsBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
            .unnamedRoutine.flatMap((group) => group.commits)
            .filter((commit) => commit.status === 'history')
            .sort((a, b) => a.authorTime - b.authorTime)
            .map((commit) => commit.sha),
        repoId: () => window.store.clones.ensure(clone.root).repo.id,
      };
    };
    const laptop = machine(origin, 'laptop');
    const desktop = machine(desktopClone, 'desktop');
    // Each machine has looked at its clone once, as capture does first.
    await laptop.window.scanner.scan(laptop.clone.root);
    await desktop.window.scanner.scan(desktop.clone.root);
    return { laptop, desktop, shas, repository };
  }

  const since = (seconds: number) => seconds * 1000 - 3600_000;

  test('history imported on the laptop is read from the desktop\'s own clone after a sync, once; only the range travels', async () => {
    const { laptop, desktop, shas, repository } = await twoMachines();
    const result = await laptop.importer.import(laptop.clone.root, { since: since(DATES[2]) });
    assert.equal(result.imported, 2);
    assert.deepEqual(await laptop.sync(), { received: 0, sent: 1, repushed: false });
    // What travels: the repository by what it is and the day the import reached back to; no commit, no path.
    const sent = runGit(repository, ['log', '-p', '--format=%s', `refs/progress-log/${laptop.window.store.operations.machineId()}`]);
    assert.match(sent, /"change":\{"type":"history.import","repo":\{"root":"[0-9a-f]{40}","remote":null,"name":"[^"]+"\},"since":\d+\}/);
    assert.match(sent, new RegExp(`"root":"${shas[0]}"`), 'the first commit names the repository');
    for (const sha of shas.slice(1)) assert.doesNotMatch(sent, new RegExp(sha), 'no imported commit travels');
    assert.doesNotMatch(sent, new RegExp(laptop.clone.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no path travels');

    assert.equal((await desktop.sync()).received, 1);
    assert.equal(desktop.window.store.historyRanges.wanted(desktop.repoId()), since(DATES[2]), 'the desktop knows how far back history is imported');
    assert.equal(desktop.window.store.historyRanges.imported(desktop.repoId()), undefined, 'and that it has imported none of it');
    assert.deepEqual(desktop.history(), [], 'no commit came through the sync repository');

    const caughtUp = await desktop.catchUp.consider([desktop.clone.root]);
    assert.deepEqual(caughtUp.map((done) => [done.imported, done.cancelled]), [[2, false]]);
    assert.deepEqual(desktop.history(), laptop.history());
    assert.deepEqual(desktop.history(), shas.slice(2));
    assert.equal(desktop.window.store.historyRanges.imported(desktop.repoId()), since(DATES[2]));

    assert.deepEqual(await desktop.sync(), { received: 0, sent: 0, repushed: false }, 'its own import of the same range sends nothing');
    assert.deepEqual(await desktop.catchUp.consider([desktop.clone.root]), [], 'and is not made again');
    assert.equal(desktop.window.store.operations.digest(), laptop.window.store.operations.digest());
  });

  test('a wider import widens the range everywhere and the desktop reads the rest; a narrower one after it changes nothing and sends nothing', async () => {
    const { laptop, desktop, shas } = await twoMachines();
    await laptop.importer.import(laptop.clone.root, { since: since(DATES[2]) });
    await laptop.sync();
    await desktop.sync();
    await desktop.catchUp.consider([desktop.clone.root]);

    await laptop.importer.import(laptop.clone.root); // all history
    assert.equal(laptop.window.store.historyRanges.wanted(laptop.repoId()), null);
    assert.equal((await laptop.sync()).sent, 1);
    assert.equal((await desktop.sync()).received, 1);
    assert.equal(desktop.window.store.historyRanges.wanted(desktop.repoId()), null, 'all history is wider than any day');
    assert.deepEqual((await desktop.catchUp.consider([desktop.clone.root])).map((done) => done.imported), [2]);
    assert.deepEqual(desktop.history(), shas);

    await laptop.importer.import(laptop.clone.root, { since: since(DATES[3]) });
    assert.equal(laptop.window.store.operations.counts().unsent, 0, 'a narrower import makes no operation');
    assert.equal(laptop.window.store.historyRanges.wanted(laptop.repoId()), null);
    assert.deepEqual(await laptop.sync(), { received: 0, sent: 0, repushed: false });
    assert.equal(desktop.window.store.operations.digest(), laptop.window.store.operations.digest());
  });

  test('the same import received twice, or in either order with another, leaves the same range', async () => {
    const { laptop, desktop } = await twoMachines();
    await laptop.importer.import(laptop.clone.root, { since: since(DATES[1]) });
    const [wide] = [...laptop.window.store.operations.all()] as Operation[];
    assert.equal(wide.change.type, 'history.import');
    const narrow: Operation = { ...wide, id: '01KNARR0W0000000000000000A', clock: wide.clock + 5, change: { ...wide.change, since: since(DATES[3]) } as Operation['change'] };
    const store = desktop.window.store;
    assert.equal(store.operations.receive([narrow]), 1);
    assert.equal(store.historyRanges.wanted(desktop.repoId()), since(DATES[3]));
    assert.equal(store.operations.receive([wide]), 1, 'older by its clock, wider by its range: the range widens all the same');
    assert.equal(store.historyRanges.wanted(desktop.repoId()), since(DATES[1]));
    const digest = store.operations.digest();
    assert.equal(store.operations.receive([wide, narrow]), 0);
    assert.equal(store.operations.receive([{ ...wide, id: '01KAGA1N00000000000000000A' }]), 1, 'the same range again, as another operation');
    assert.equal(store.operations.digest(), digest, 'applying it again changes nothing');
    assert.equal(store.operations.counts().unsent, 0, 'nothing received is sent back');
  });

  test('a stopped import says nothing to other machines: importing again brings the rest, and then it says so', async () => {
    const { laptop } = await twoMachines();
    const stop = new AbortController();
    stop.abort();
    const stopped = await laptop.importer.import(laptop.clone.root, { since: since(DATES[0]), signal: stop.signal });
    assert.equal(stopped.cancelled, true);
    assert.equal(laptop.window.store.operations.counts().all, 0, 'no operation');
    assert.equal(laptop.window.store.historyRanges.wanted(laptop.repoId()), undefined);
    await laptop.importer.import(laptop.clone.root, { since: since(DATES[0]) });
    assert.equal(laptop.window.store.operations.counts().all, 1);
  });

  test('a catch-up does not start while an import of the repository runs, nor again in the session once stopped', async () => {
    const { laptop, desktop, shas } = await twoMachines();
    await laptop.importer.import(laptop.clone.root);
    await laptop.sync();
    await desktop.sync();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Import History on the same clone, held inside its scan.
    const manual = new HistoryImporter(desktop.window.scanner, desktop.git, desktop.window.store, desktop.window.logger, { scan: () => held });
    const catchUp = new HistoryCatchUp(manual, desktop.git, desktop.window.store, desktop.window.logger, async () => {
      throw new Error('a catch-up started');
    });
    const running = manual.import(desktop.clone.root, { since: since(DATES[3]) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await catchUp.consider([desktop.clone.root]), [], 'nothing started beside the running import');
    release();
    await running;

    let runs = 0;
    const cancelled = new HistoryCatchUp(desktop.importer, desktop.git, desktop.window.store, desktop.window.logger, async ({ root, since: from }) => {
      runs++;
      const stop = new AbortController();
      stop.abort();
      return desktop.importer.import(root, { since: from, signal: stop.signal });
    });
    await cancelled.consider([desktop.clone.root]);
    await cancelled.consider([desktop.clone.root]);
    assert.equal(runs, 1, 'cancelled once: not again in this session');
    assert.deepEqual(desktop.history(), [shas[3]], 'what Import History brought, and nothing more');
  });

  test('a catch-up cancelled in one window is not started by another window of the machine; a wider range from elsewhere is offered again', async () => {
    const { laptop, desktop, shas } = await twoMachines();
    await laptop.importer.import(laptop.clone.root, { since: since(DATES[2]) });
    await laptop.sync();
    await desktop.sync();
    const cancelling = new HistoryCatchUp(desktop.importer, desktop.git, desktop.window.store, desktop.window.logger, async ({ root, since: from }) => {
      const stop = new AbortController();
      stop.abort();
      return desktop.importer.import(root, { since: from, signal: stop.signal });
    });
    await cancelling.consider([desktop.clone.root]);
    const second = openWindow(desktop.window.store.file);
    cleanups.push(() => second.close());
    const secondGit = new GitReader(new GitRunner({ logger: second.logger, timeoutMs: 10_000 }));
    const runs: (number | undefined)[] = [];
    const other = new HistoryCatchUp(new HistoryImporter(second.scanner, secondGit, second.store, second.logger), secondGit, second.store, second.logger, async (job) => {
      runs.push(job.since);
      return { imported: 0, branches: 0, cancelled: false, read: 0 } as never;
    });
    await other.consider([desktop.clone.root]);
    assert.deepEqual(runs, [], 'the person said no in the first window: the second window leaves it');
    await laptop.importer.import(laptop.clone.root); // all history: wider than what was cancelled
    await laptop.sync();
    await desktop.sync();
    await other.consider([desktop.clone.root]);
    assert.deepEqual(runs, [undefined], 'a wider range is a new question');
    assert.equal(shas.length, 4);
  });

  test('two windows of the desktop looking at once: one reads the range, the other leaves it to it', async () => {
    const { laptop, desktop, shas } = await twoMachines();
    await laptop.importer.import(laptop.clone.root);
    await laptop.sync();
    await desktop.sync();
    const second = openWindow(desktop.window.store.file);
    cleanups.push(() => second.close());
    const secondGit = new GitReader(new GitRunner({ logger: second.logger, timeoutMs: 10_000 }));
    const secondImporter = new HistoryImporter(second.scanner, secondGit, second.store, second.logger);
    const runs: string[] = [];
    const windows = [
      new HistoryCatchUp(desktop.importer, desktop.git, desktop.window.store, desktop.window.logger, (job) => (runs.push('first'), desktop.importer.import(job.root, { since: job.since }))),
      new HistoryCatchUp(secondImporter, secondGit, second.store, second.logger, (job) => (runs.push('second'), secondImporter.import(job.root, { since: job.since }))),
    ];
    await Promise.all(windows.map((window) => window.consider([desktop.clone.root])));
    assert.equal(runs.length, 1, `one import, not ${runs.join(' and ')}`);
    assert.deepEqual(desktop.history(), shas);
    assert.deepEqual(await Promise.all(windows.map((window) => window.consider([desktop.clone.root]))), [[], []], 'and then none is due');
  });

  test("a window looks a little after a change of the log (a sync brought an import), once for a burst, and imports with the runner it was given", async () => {
    const { laptop, desktop, shas } = await twoMachines();
    const listeners: (() => void)[] = [];
    const onDidChangeLog = ((listener: () => void) => (listeners.push(listener), { dispose: () => undefined })) as unknown as ConstructorParameters<typeof ImportCatchUp>[3];
    const runs: CatchUpImport[] = [];
    const looked: string[][] = [];
    const catchUp = new HistoryCatchUp(desktop.importer, desktop.git, desktop.window.store, desktop.window.logger, (job) => (runs.push(job), desktop.importer.import(job.root, { since: job.since })));
    const consider = catchUp.consider.bind(catchUp);
    catchUp.consider = (roots) => (looked.push([...roots]), consider(roots));
    const notices = { guard: async <T>(_where: string, work: () => Promise<T>) => work() } as unknown as Notices;
    const trigger = new ImportCatchUp(catchUp, () => [desktop.clone.root], notices, onDidChangeLog, 20);
    cleanups.push(() => trigger.dispose());

    await laptop.importer.import(laptop.clone.root, { since: since(DATES[1]) });
    await laptop.sync();
    await desktop.sync();
    for (let change = 0; change < 5; change++) for (const listener of listeners) listener();
    while (runs.length === 0 || desktop.history().length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(runs, [{ root: desktop.clone.root, since: since(DATES[1]) }]);
    assert.equal(looked.length <= 2, true, `a burst of changes is one look (or two, as the import's own batches change the log): ${looked.length}`);
    assert.deepEqual(desktop.history(), shas.slice(1));
  });

  test('an operation of a kind this build does not know (a newer build\'s) is kept and applied by none, as an older build treats history.import', () => {
    const window = openWindow();
    cleanups.push(() => window.close());
    const digest = window.store.operations.digest();
    const future = { v: 1, id: '01KFUTURE0000000000000000A', machine: 'mnewer', clock: 3, at: 0, change: { type: 'history.sometime', repo: { root: null, remote: null, name: 'x' } } } as unknown as Operation;
    assert.equal(window.store.operations.receive([future]), 1);
    assert.equal(window.store.operations.digest(), digest);
    assert.equal(window.store.operations.counts().all, 1, 'kept, so that a backup or a newer build still has it');
  });

  test('what an older build kept without applying (its history.import, and a plan and a reach it did not know) is applied once when this build syncs, so the machines end alike', async () => {
    const { laptop, desktop } = await twoMachines();
    await laptop.importer.import(laptop.clone.root, { since: since(DATES[2]) });
    const planned = laptop.window.store.changes.addPlanItem({ weekStart: 0, text: 'Refunds in one click' });
    const outcome = laptop.window.store.changes.createOutcome({ text: 'Checkout for every shop', kind: 'impact', source: 'manual' });
    assert.ok(planned.state === 'saved' && outcome.state === 'saved');
    laptop.window.store.changes.markOutcomes([outcome.value.id], { reach: 'users' });
    await laptop.sync();
    // The desktop as an older build left it: every operation received and kept, the kinds it did not know applied by none.
    const kept = [...laptop.window.store.operations.all()];
    const older = ['history.import', 'plan.add', 'outcome.mark'];
    desktop.window.store.operations.receive(kept.filter((operation) => !older.includes(operation.change.type)));
    const db = new Database(desktop.window.store.file);
    try {
      for (const operation of kept.filter((each) => older.includes(each.change.type))) {
        db.prepare("INSERT INTO operations (id, machine_id, clock, body, sent_in) VALUES (?, ?, ?, ?, 'received')").run(operation.id, operation.machine, operation.clock, JSON.stringify(operation));
      }
    } finally {
      db.close();
    }
    assert.equal(desktop.window.store.historyRanges.wanted(desktop.repoId()), undefined);
    assert.notEqual(desktop.window.store.operations.digest(), laptop.window.store.operations.digest(), 'apart, as the older build left them');

    // Two operations a page, so that the kept ones are found across pages.
    assert.equal(await desktop.window.store.operations.replayKept(2), 3, 'the import, the plan and the reach, each once');
    assert.equal((await desktop.sync()).received, 0, 'nothing new to receive: the operations are there already');
    assert.equal(desktop.window.store.historyRanges.wanted(desktop.repoId()), since(DATES[2]));
    assert.equal(desktop.window.store.plans.item(planned.value.id)?.text, 'Refunds in one click');
    assert.equal(desktop.window.store.outcomes.outcome(outcome.value.id)?.reach, 'users');
    assert.equal(desktop.window.store.operations.digest(), laptop.window.store.operations.digest());
    assert.equal(await desktop.window.store.operations.replayKept(), 0, 'once');
  });
});
