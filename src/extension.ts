/**
 * The composition root: builds Progress Log's parts and wires them to VS Code. No logic lives here.
 * A commit's path: GitWatcher (a repository changed) → Capture → CommitScanner (git, the reflogs
 * and SQLite decide what is new, whose, and whether to ask now) → OutcomePrompter (one line,
 * through the NamingWorkflow) → Store.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CommitScanner } from './capture/commitScanner';
import { HistoryImporter } from './capture/historyImport';
import { GitReader } from './git/gitReader';
import { GitRunner } from './git/gitRunner';
import { SyncGit } from './git/syncGit';
import * as l10n from './core/l10n';
import { GoalsOverview } from './goals/goalsOverview';
import { Commands, OUTPUT_CHANNEL_NAME, Views } from './ids';
import { Insights } from './insights/insights';
import { WeeklyLog } from './log/weeklyLog';
import { NamingWorkflow } from './naming/naming';
import { ReviewNudger } from './review/nudger';
import { nudgeSettings } from './review/nudgeTiming';
import { ReviewWorkflow } from './review/reviewWorkflow';
import { signalSentences } from './insights/sentences';
import { DATABASE_FILE_NAME, Store } from './storage/store';
import { SyncEngine } from './sync/syncEngine';
import { SYNC_CACHE_FOLDER, SyncService } from './sync/syncService';
import { Capture } from './vscode/capture';
import { registerCommands } from './vscode/commands';
import { shareWithCommandLine } from './vscode/commandLine';
import { config } from './vscode/config';
import { ExportCommands } from './vscode/exportCommands';
import { GitWatcher } from './vscode/gitWatcher';
import { GoalCommands } from './vscode/goalCommands';
import { GoalsTreeProvider } from './vscode/goalsTree';
import type { GoalSurface } from './vscode/goalSurface';
import { ImportCommands } from './vscode/importCommands';
import { ImportOffer, type OfferSurface } from './vscode/importOffer';
import { InsightsPanel } from './vscode/insightsPanel';
import { LogChanges } from './vscode/logChanges';
import { LogCommands } from './vscode/logCommands';
import { LogTreeProvider } from './vscode/logTree';
import { Notices } from './vscode/notices';
import { OutcomePrompter } from './vscode/prompter';
import type { PromptSurface } from './vscode/promptSurface';
import { ReviewNudge } from './vscode/nudge';
import { ReviewPanels } from './vscode/reviewPanel';
import { LogStatusBar } from './vscode/statusBar';
import { SyncCommands } from './vscode/syncCommands';
import { SyncStatusBar } from './vscode/syncStatusBar';
import { showLogUnavailable } from './vscode/unavailable';

/** What the extension-host tests reach; returned only when VS Code runs the extension's tests. */
export interface ProgressLogTestApi {
  databaseFile: string;
  setPromptSurface(surface: PromptSurface): void;
  scanAll(): Promise<void>;
  repositories(): string[];
  tree: LogTreeProvider;
  goalsTree: GoalsTreeProvider;
  setGoalSurface(surface: GoalSurface): void;
  insightsPanel: InsightsPanel;
  reviews: ReviewPanels;
  nudge: ReviewNudge;
  setImportOfferSurface(surface: OfferSurface): void;
}

export async function activate(context: vscode.ExtensionContext): Promise<ProgressLogTestApi | undefined> {
  const started = performance.now();
  // The core's sentences, in the user's language from here on (l10n/bundle.l10n.<lang>.json).
  l10n.setTranslator(vscode.l10n.t);
  const logger = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(logger);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => logger.show(true)));

  const notices = new Notices(logger, context.globalState);
  const databaseFile = path.join(context.globalStorageUri.fsPath, DATABASE_FILE_NAME);
  let store: Store;
  try {
    const opened = await Store.openForWindow(databaseFile, { logger });
    store = opened.store;
    notices.openNotes(opened);
  } catch (error) {
    // Without its database Progress Log can neither record nor show anything: say why, and stop.
    logger.error(error instanceof Error ? error : new Error(String(error)));
    context.subscriptions.push(showLogUnavailable(error));
    return undefined;
  }
  context.subscriptions.push(
    { dispose: () => store.close() },
    store.pending.onDidKeep(() => notices.keptWhileLocked(store.file)),
    store.pending.onDidWriteKept(() => notices.keptWritten()),
    store.pending.onDidRefuse((_kept, reason) => notices.report(reason, 'kept write')),
  );
  logger.info(`Database: ${databaseFile}`);
  context.subscriptions.push(shareWithCommandLine(context, databaseFile, logger));

  const changes = new LogChanges(store);
  const naming = new NamingWorkflow(store, logger, context.globalState);
  const prompter = new OutcomePrompter(naming, logger, notices, config.promptMode);
  const weekOptions = () => ({ weekStart: config.weekStart(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  const weeklyLog = new WeeklyLog(store, weekOptions);
  const statusBar = new LogStatusBar(store, weeklyLog, logger, config.promptMode, () => naming.snoozedUntil());
  const tree = new LogTreeProvider(weeklyLog, weekOptions, config.showAbandonedBranches, logger, (goalId) => store.goals.goal(goalId)?.title);
  const treeView = vscode.window.createTreeView(Views.log, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(treeView);
  const goalsTree = new GoalsTreeProvider(new GoalsOverview(store, weekOptions), () => weekOptions().timeZone, logger);
  const goalsView = vscode.window.createTreeView(Views.goals, { treeDataProvider: goalsTree, showCollapseAll: true, canSelectMany: true });
  const goalCommands = new GoalCommands(store, context.globalState, notices, logger);
  // The watcher calls back only once started (below), when capture exists.
  const watcher = new GitWatcher(logger, (root) => void capture.scan(root));
  const gitReader = new GitReader(new GitRunner({ logger, binary: () => watcher.gitPath }));
  const scanner = new CommitScanner(gitReader, store, logger, { defaultBranches: config.defaultBranches, askWhen: config.askWhen, authorEmails: config.authorEmails });
  // The day-one offer is considered after a repository's first look, off the hot path.
  const capture = new Capture(scanner, watcher, prompter, notices, (root) => importOffer.consider(root));
  // Imports write between the scanner's scans of a repository (scanner.exclusively), never during one.
  const importer = new HistoryImporter(scanner, gitReader, store, logger, { scan: (root) => capture.scan(root) });
  const importCommands = new ImportCommands(importer, watcher, notices, logger);
  const importOffer = new ImportOffer(importer, gitReader, store, logger, notices, (roots, range) => importCommands.run(roots, range));
  const logCommands = new LogCommands(store, tree, prompter, notices, logger, gitReader, watcher);
  // Insights are vscode-free; the weekly review shows the signals that changed in its week.
  const insights = new Insights(store, weekOptions);
  const insightsPanel = new InsightsPanel(context.extensionUri, insights, weekOptions, context.globalState, logger, changes.onDidChange, (start) => tree.revealWeek(start));
  const exportCommands = new ExportCommands(store, gitReader, context.globalState, weekOptions, config.exportFormat, config.exportDestination);
  const reviewWorkflow = new ReviewWorkflow(store, naming, weekOptions, Date.now, (week) => signalSentences(insights.signalsChangedInWeek(week)));
  const reviews = new ReviewPanels(context.extensionUri, reviewWorkflow, weekOptions, notices, logger, changes.onDidChange);
  const nudge = new ReviewNudge(new ReviewNudger(store, () => nudgeSettings(config.reviewNudge(), weekOptions()), logger), (week) => reviews.open(week), logger);
  // Sync reaches only the repository the user named, with their own git (child processes), and nothing before one is named.
  const syncPlaces = { cache: path.join(context.globalStorageUri.fsPath, SYNC_CACHE_FOLDER), repository: config.syncRepository };
  const sync = new SyncService(new SyncEngine(store, new SyncGit(logger, () => watcher.gitPath), logger), store.operations, syncPlaces, logger);
  const syncCommands = new SyncCommands(sync, store, context.globalState, logger);
  tree.showReviews(store.reviews);
  const refreshViews = () => {
    statusBar.update();
    tree.refresh();
    goalsTree.refresh();
  };
  context.subscriptions.push(
    changes,
    capture,
    prompter,
    statusBar,
    tree,
    treeView,
    goalsTree,
    goalsView,
    watcher,
    importOffer,
    insightsPanel,
    changes.onDidChange(refreshViews),
    prompter.onDidChangeSnooze(() => statusBar.update()),
    config.onDidChange(refreshViews),
    config.onDidChange(() => insightsPanel.update()),
    reviews,
    nudge,
    config.onDidChange(() => nudge.reconsider()),
    sync,
    new SyncStatusBar(sync),
    store.onDidChange(() => sync.changed()),
    config.onDidChange(() => sync.configure()),
    registerCommands(notices, {
      ...logCommands.commands(),
      ...exportCommands.commands(),
      ...goalCommands.commands(),
      ...insightsPanel.commands(),
      ...reviews.commands(),
      ...importCommands.commands(),
      ...syncCommands.commands(),
      [Commands.nameWaitingCommits]: () => prompter.nameWaiting(),
      [Commands.snoozePrompts]: () => prompter.snooze(),
      [Commands.resumePrompts]: () => prompter.resume(),
      [Commands.scanRepositories]: () => capture.scanAll(),
    }),
  );

  logger.info(`Ready in ${(performance.now() - started).toFixed(1)} ms`);
  void notices.guard('start', () => watcher.start());
  nudge.start();
  sync.configure(); // its first sync comes a few seconds on, once VS Code has painted

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    databaseFile,
    setPromptSurface: (surface) => (prompter.surface = surface),
    scanAll: () => capture.scanAll(),
    repositories: () => watcher.roots,
    tree,
    goalsTree,
    setGoalSurface: (surface) => (goalCommands.surface = surface),
    insightsPanel,
    reviews,
    nudge,
    setImportOfferSurface: (surface) => (importOffer.surface = surface),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
