/**
 * The composition root: builds Progress Log's parts and wires them to VS Code. No logic lives here.
 * A commit's path: GitWatcher (a repository changed) → Capture → CommitScanner (git, the reflogs
 * and SQLite decide what is new, whose, and whether to ask now) → OutcomePrompter (one line,
 * through the NamingWorkflow) → Store.
 *
 * It builds in two steps, so that a window's first keystrokes do not wait behind it. First what
 * the first paint shows: the database, the status bar, the Weekly Log and Goals views, and every
 * command registered; activation resolves then. Then, each on a turn of its own, capture (and its
 * first look at each repository), sync and the command line's record, the panels and the nudge,
 * and what runs the commands. Their code is a bundle of its own, `dist/later.js` (src/later.ts),
 * loaded once the first paint is up, and each module in it is evaluated only when its step asks
 * for it. A command run before its part is built waits for it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CODE_CACHE_FOLDER } from './core/codeCache';
import * as l10n from './core/l10n';
import type { WeekOptions } from './core/weeks';
import { GoalsOverview } from './goals/goalsOverview';
import { Commands, OUTPUT_CHANNEL_NAME, Views } from './ids';
import { loadLater } from './laterBundle';
import { WeeklyLog } from './log/weeklyLog';
import { NamingWorkflow } from './naming/naming';
import { DATABASE_FILE_NAME, Store } from './storage/store';
import type { Capture } from './vscode/capture';
import { registerCommandsBuiltLater, type CommandTable } from './vscode/commands';
import { config } from './vscode/config';
import type { GitWatcher } from './vscode/gitWatcher';
import type { GoalCommands } from './vscode/goalCommands';
import { GoalsTreeProvider } from './vscode/goalsTree';
import type { GoalSurface } from './vscode/goalSurface';
import type { ImportOffer, OfferSurface } from './vscode/importOffer';
import type { InsightsPanel } from './vscode/insightsPanel';
import { LogChanges } from './vscode/logChanges';
import { LogTreeProvider } from './vscode/logTree';
import { Notices } from './vscode/notices';
import type { ReviewNudge } from './vscode/nudge';
import type { OutcomePrompter } from './vscode/prompter';
import type { PromptSurface } from './vscode/promptSurface';
import type { ReviewPanels } from './vscode/reviewPanel';
import type { Suggester } from './vscode/suggester';
import { LaterSteps, StartupClock, StartupStopped, whenBuilt, type Loading } from './vscode/startup';
import { LogStatusBar } from './vscode/statusBar';
import { showLogUnavailable } from './vscode/unavailable';

/** What the extension-host tests reach; returned only when VS Code runs the extension's tests. */
export interface ProgressLogTestApi {
  databaseFile: string;
  /** Resolves once every part is built (the rest of this API reaches parts built after the first paint). */
  built: Promise<void>;
  setPromptSurface(surface: PromptSurface): void;
  /** VS Code's own prompt surface (the notification and the one-line input), for a test to wrap. */
  vscodePromptSurface(): PromptSurface;
  scanAll(): Promise<void>;
  repositories(): string[];
  tree: LogTreeProvider;
  goalsTree: GoalsTreeProvider;
  setGoalSurface(surface: GoalSurface): void;
  readonly insightsPanel: InsightsPanel;
  readonly reviews: ReviewPanels;
  readonly nudge: ReviewNudge;
  setImportOfferSurface(surface: OfferSurface): void;
  /** "Suggest", for tests to answer its consent question. */
  readonly suggester: Suggester;
}

/** What the first paint shows, and what the parts built after it share. */
interface Shown {
  context: vscode.ExtensionContext;
  databaseFile: string;
  logger: vscode.LogOutputChannel;
  notices: Notices;
  store: Store;
  changes: LogChanges;
  naming: NamingWorkflow;
  weekOptions: () => WeekOptions;
  statusBar: LogStatusBar;
  tree: LogTreeProvider;
}

/** What is built after the first paint. */
interface Parts {
  prompter: OutcomePrompter;
  watcher: GitWatcher;
  capture: Capture;
  importOffer: ImportOffer;
  suggester: Suggester;
  goalCommands: GoalCommands;
  insightsPanel: InsightsPanel;
  reviews: ReviewPanels;
  nudge: ReviewNudge;
  commands: CommandTable;
}

export async function activate(context: vscode.ExtensionContext, loading?: Loading): Promise<ProgressLogTestApi | undefined> {
  const clock = new StartupClock(loading ?? { activatedAt: performance.now(), loadMs: 0, loadWaitedMs: 0, cached: false });
  const { logger, notices, databaseFile, opening } = clock.time('open', () => {
    // The core's sentences, in the user's language from here on (l10n/bundle.l10n.<lang>.json).
    l10n.setTranslator(vscode.l10n.t);
    const logger = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
    context.subscriptions.push(logger);
    context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => logger.show(true)));
    const notices = new Notices(logger, context.globalState);
    const databaseFile = path.join(context.globalStorageUri.fsPath, DATABASE_FILE_NAME);
    // Its check runs in a worker: the thread is free meanwhile.
    return { logger, notices, databaseFile, opening: Store.openForWindow(databaseFile, { logger }) };
  });
  let store: Store;
  try {
    const opened = await opening;
    store = opened.store;
    notices.openNotes(opened);
  } catch (error) {
    // Without its database Progress Log can neither record nor show anything: say why, and stop.
    logger.error(error instanceof Error ? error : new Error(String(error)));
    context.subscriptions.push(showLogUnavailable(error));
    return undefined;
  }

  const shown = firstPaint({ context, databaseFile, logger, notices, store }, clock);
  const steps = new LaterSteps(clock);
  context.subscriptions.push(steps);
  const building = buildTheRest(shown, steps);
  building.then(
    () => logger.info(clock.builtLine()),
    (error: unknown) => error instanceof StartupStopped || logger.error(error instanceof Error ? error : new Error(String(error))),
  );
  clock.time('commands', () =>
    context.subscriptions.push(
      registerCommandsBuiltLater(
        notices,
        Object.values(Commands).filter((id) => id !== Commands.showLog),
        async () => (await building).commands,
      ),
    ),
  );
  logger.info(`Database: ${databaseFile}`);
  logger.info(clock.readyLine());

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  const { built, part } = whenBuilt(building);
  return {
    databaseFile,
    built,
    setPromptSurface: (surface) => (part().prompter.surface = surface),
    vscodePromptSurface: () => part().prompter.vscodeSurface,
    scanAll: () => part().capture.scanAll(),
    repositories: () => part().watcher.roots,
    tree: shown.tree,
    goalsTree: shown.goalsTree,
    setGoalSurface: (surface) => (part().goalCommands.surface = surface),
    get insightsPanel() {
      return part().insightsPanel;
    },
    get reviews() {
      return part().reviews;
    },
    get nudge() {
      return part().nudge;
    },
    setImportOfferSurface: (surface) => (part().importOffer.surface = surface),
    get suggester() {
      return part().suggester;
    },
  };
}

/** The status bar and the views, over the open database. */
function firstPaint({ context, databaseFile, logger, notices, store }: Pick<Shown, 'context' | 'databaseFile' | 'logger' | 'notices' | 'store'>, clock: StartupClock): Shown & { goalsTree: GoalsTreeProvider } {
  const { changes, naming, weekOptions, statusBar, weeklyLog } = clock.time('status bar', () => {
    context.subscriptions.push(
      { dispose: () => store.close() },
      store.pending.onDidKeep(() => notices.keptWhileLocked(store.file)),
      store.pending.onDidWriteKept(() => notices.keptWritten()),
      store.pending.onDidRefuse((_kept, reason) => notices.report(reason, 'kept write')),
    );
    const changes = new LogChanges(store);
    const naming = new NamingWorkflow(store, logger, context.globalState);
    const weekOptions = () => ({ weekStart: config.weekStart(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    const weeklyLog = new WeeklyLog(store, weekOptions);
    const statusBar = new LogStatusBar(store, weeklyLog, logger, config.promptMode, () => naming.snoozedUntil());
    context.subscriptions.push(changes, statusBar);
    return { changes, naming, weekOptions, statusBar, weeklyLog };
  });
  return clock.time('views', () => {
    const tree = new LogTreeProvider(weeklyLog, weekOptions, config.showAbandonedBranches, logger, (goalId) => store.goals.goal(goalId)?.title);
    const treeView = vscode.window.createTreeView(Views.log, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
    tree.attach(treeView);
    const goalsTree = new GoalsTreeProvider(new GoalsOverview(store, weekOptions), () => weekOptions().timeZone, logger);
    const goalsView = vscode.window.createTreeView(Views.goals, { treeDataProvider: goalsTree, showCollapseAll: true, canSelectMany: true });
    tree.showReviews(store.reviews);
    tree.showPlans(store.plans);
    const refreshViews = () => {
      statusBar.update();
      tree.refresh();
      goalsTree.refresh();
    };
    context.subscriptions.push(tree, treeView, goalsTree, goalsView, changes.onDidChange(refreshViews), config.onDidChange(refreshViews));
    return { context, databaseFile, logger, notices, store, changes, naming, weekOptions, statusBar, tree, goalsTree };
  });
}

/**
 * Capture first (its first look at each repository finds what was committed while VS Code was
 * closed), then sync, then the panels and the nudge, then what runs the commands.
 */
async function buildTheRest(shown: Shown, steps: LaterSteps): Promise<Parts> {
  const { context, logger, notices, store, changes, naming, weekOptions, statusBar, tree, databaseFile } = shown;

  const { exports: later, writeCache } = await steps.step('load', async () => loadLater(path.join(context.globalStorageUri.fsPath, CODE_CACHE_FOLDER)));

  const captured = await steps.step('capture', async () => {
    const [
      { GitWatcher },
      { GitReader },
      { GitRunner },
      { readCommitWork },
      { Suggester },
      { CommitScanner },
      { HistoryImporter },
      { HistoryCatchUp },
      { Capture },
      { OutcomePrompter },
      { ImportCommands },
      { ImportOffer },
      { ImportCatchUp },
    ] = await Promise.all([
      later.gitWatcher(),
      later.gitReader(),
      later.gitRunner(),
      later.workReader(),
      later.suggester(),
      later.commitScanner(),
      later.historyImport(),
      later.historyCatchUp(),
      later.capture(),
      later.prompter(),
      later.importCommands(),
      later.importOffer(),
      later.importCatchUp(),
    ]);
    // The watcher calls back only once started (below), when capture exists.
    const watcher = new GitWatcher(logger, (root) => void capture.scan(root));
    const gitRunner = new GitRunner({ logger, binary: () => watcher.gitPath });
    const gitReader = new GitReader(gitRunner);
    // Suggest reads a piece of work from git only when the person clicks it.
    const suggester = new Suggester(logger, context.globalState, (root, shas) => readCommitWork(gitRunner, gitReader, root, shas));
    const prompter = new OutcomePrompter(naming, logger, notices, config.promptMode, suggester);
    const scanner = new CommitScanner(gitReader, store, logger, { defaultBranches: config.defaultBranches, askWhen: config.askWhen, authorEmails: config.authorEmails });
    // The day-one offer, and history another machine imported, are considered after a repository's first look, off the hot path.
    const capture = new Capture(scanner, watcher, prompter, notices, (root) => {
      importOffer.consider(root);
      importCatchUp.soon();
    });
    // Imports write between the scanner's scans of a repository (scanner.exclusively), never during one.
    const importer = new HistoryImporter(scanner, gitReader, store, logger, { scan: (root) => capture.scan(root) });
    const importCommands = new ImportCommands(importer, watcher, notices, logger);
    const importOffer = new ImportOffer(importer, gitReader, store, logger, notices, (roots, range) => importCommands.run(roots, range));
    const historyCatchUp = new HistoryCatchUp(importer, gitReader, store, logger, (job) => importCommands.catchUp(job));
    const importCatchUp = new ImportCatchUp(historyCatchUp, () => watcher.roots, notices, changes.onDidChange);
    context.subscriptions.push(capture, prompter, watcher, importOffer, importCatchUp, prompter.onDidChangeSnooze(() => statusBar.update()));
    void notices.guard('start', () => watcher.start());
    return { prompter, watcher, gitReader, suggester, capture, importCommands, importOffer };
  });

  const synced = await steps.step('sync', async () => {
    const [{ SyncGit }, { SyncEngine }, { SYNC_CACHE_FOLDER, SyncService }, { SyncCommands }, { SyncStatusBar }, { shareWithCommandLine }] = await Promise.all([
      later.syncGit(),
      later.syncEngine(),
      later.syncService(),
      later.syncCommands(),
      later.syncStatusBar(),
      later.commandLine(),
    ]);
    const { watcher } = captured;
    context.subscriptions.push(shareWithCommandLine(context, databaseFile, logger));
    // Sync reaches only the repository the user named, with their own git (child processes), and nothing before one is named.
    const syncPlaces = { cache: path.join(context.globalStorageUri.fsPath, SYNC_CACHE_FOLDER), repository: config.syncRepository };
    const sync = new SyncService(new SyncEngine(store, new SyncGit(logger, () => watcher.gitPath), logger), store.operations, syncPlaces, logger);
    const syncCommands = new SyncCommands(sync, store, context.globalState, logger);
    context.subscriptions.push(sync, new SyncStatusBar(sync), store.onDidChange(() => sync.changed()), config.onDidChange(() => sync.configure()));
    sync.configure(); // its first sync comes a few seconds on
    return { syncCommands };
  });

  const panels = await steps.step('panels', async () => {
    const [{ Insights }, { signalSentences }, { InsightsPanel }, { ReviewWorkflow }, { ReviewPanels }, { ReviewNudger }, { nudgeSettings }, { ReviewNudge }] = await Promise.all([
      later.insights(),
      later.sentences(),
      later.insightsPanel(),
      later.reviewWorkflow(),
      later.reviewPanel(),
      later.nudger(),
      later.nudgeTiming(),
      later.nudge(),
    ]);
    // Insights are vscode-free; the weekly review shows the signals that changed in its week.
    const insights = new Insights(store, weekOptions);
    const insightsPanel = new InsightsPanel(context.extensionUri, insights, weekOptions, context.globalState, logger, changes.onDidChange, (start) => tree.revealWeek(start));
    const reviewWorkflow = new ReviewWorkflow(store, naming, weekOptions, Date.now, (week) => signalSentences(insights.signalsChangedInWeek(week)));
    const reviews = new ReviewPanels(context.extensionUri, reviewWorkflow, weekOptions, notices, logger, changes.onDidChange, captured.suggester);
    const nudge = new ReviewNudge(new ReviewNudger(store, () => nudgeSettings(config.reviewNudge(), weekOptions()), logger), (week) => reviews.open(week), logger);
    context.subscriptions.push(insightsPanel, reviews, nudge, config.onDidChange(() => insightsPanel.update()), config.onDidChange(() => nudge.reconsider()));
    nudge.start();
    return { insightsPanel, reviews, nudge };
  });

  return steps.step('commands', async () => {
    const [{ LogCommands }, { ExportCommands }, { GrowthCommands }, { GoalCommands }] = await Promise.all([
      later.logCommands(),
      later.exportCommands(),
      later.growthCommands(),
      later.goalCommands(),
    ]);
    const { prompter, watcher, gitReader, capture, importCommands } = captured;
    const logCommands = new LogCommands(store, tree, prompter, notices, logger, gitReader, watcher);
    const exportCommands = new ExportCommands(store, gitReader, context.globalState, weekOptions, config.exportFormat, config.exportDestination);
    const growthCommands = new GrowthCommands(store, weekOptions);
    const goalCommands = new GoalCommands(store, context.globalState, notices, logger);
    const commands: CommandTable = {
      ...logCommands.commands(),
      ...exportCommands.commands(),
      ...growthCommands.commands(),
      ...goalCommands.commands(),
      ...panels.insightsPanel.commands(),
      ...panels.reviews.commands(),
      ...importCommands.commands(),
      ...synced.syncCommands.commands(),
      [Commands.nameWaitingCommits]: () => prompter.nameWaiting(),
      [Commands.snoozePrompts]: () => prompter.snooze(),
      [Commands.resumePrompts]: () => prompter.resume(),
      [Commands.scanRepositories]: () => capture.scanAll(),
    };
    // What every step compiled of the second bundle, cached for the next start.
    if (writeCache) setImmediate(() => void writeCache());
    return { ...captured, ...panels, goalCommands, commands };
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
