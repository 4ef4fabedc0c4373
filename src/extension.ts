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
import { Commands, OUTPUT_CHANNEL_NAME, Views } from './ids';
import { WeeklyLog } from './log/weeklyLog';
import { NamingWorkflow } from './naming/naming';
import { DATABASE_FILE_NAME, Store } from './storage/store';
import { Capture } from './vscode/capture';
import { registerCommands } from './vscode/commands';
import { config } from './vscode/config';
import { ExportCommands } from './vscode/exportCommands';
import { GitWatcher } from './vscode/gitWatcher';
import { ImportCommands } from './vscode/importCommands';
import { ImportOffer, type OfferSurface } from './vscode/importOffer';
import { LogChanges } from './vscode/logChanges';
import { LogCommands } from './vscode/logCommands';
import { LogTreeProvider } from './vscode/logTree';
import { describeError, Notices } from './vscode/notices';
import { OutcomePrompter } from './vscode/prompter';
import type { PromptSurface } from './vscode/promptSurface';
import { LogStatusBar } from './vscode/statusBar';

/** What the extension-host tests reach; returned only when VS Code runs the extension's tests. */
export interface ProgressLogTestApi {
  databaseFile: string;
  setPromptSurface(surface: PromptSurface): void;
  scanAll(): Promise<void>;
  repositories(): string[];
  tree: LogTreeProvider;
  setImportOfferSurface(surface: OfferSurface): void;
}

export function activate(context: vscode.ExtensionContext): ProgressLogTestApi | undefined {
  const started = performance.now();
  const logger = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(logger);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => logger.show(true)));

  const databaseFile = path.join(context.globalStorageUri.fsPath, DATABASE_FILE_NAME);
  let store: Store;
  try {
    const opened = Store.openOrRecover(databaseFile, { logger });
    store = opened.store;
    if (opened.movedAside) {
      void vscode.window.showWarningMessage(
        `Progress Log's database was damaged, so it was set aside as ${path.basename(opened.movedAside)} (nothing deleted) and a new one was started.`,
      );
    }
  } catch (error) {
    // Without its database Progress Log can neither record nor show anything: say why, and stop.
    logger.error(error instanceof Error ? error : new Error(String(error)));
    void vscode.window.showErrorMessage(describeError(error));
    return undefined;
  }
  context.subscriptions.push({ dispose: () => store.close() });
  logger.info(`Database: ${databaseFile}`);

  const notices = new Notices(logger, context.globalState);
  const changes = new LogChanges(store);
  const naming = new NamingWorkflow(store, logger, context.globalState);
  const prompter = new OutcomePrompter(naming, logger, notices, config.promptMode);
  const weekOptions = () => ({ weekStart: config.weekStart(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  const weeklyLog = new WeeklyLog(store, weekOptions);
  const statusBar = new LogStatusBar(store, weeklyLog, logger, config.promptMode, () => naming.snoozedUntil());
  const tree = new LogTreeProvider(weeklyLog, weekOptions, config.showAbandonedBranches, logger);
  const treeView = vscode.window.createTreeView(Views.log, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);
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
  const exportCommands = new ExportCommands(store, context.globalState, notices, weekOptions, config.exportFormat, config.exportDestination);
  const refreshViews = () => {
    statusBar.update();
    tree.refresh();
  };
  context.subscriptions.push(
    changes,
    prompter,
    statusBar,
    tree,
    treeView,
    watcher,
    importOffer,
    exportCommands,
    changes.onDidChange(refreshViews),
    prompter.onDidChangeSnooze(() => statusBar.update()),
    config.onDidChange(refreshViews),
    registerCommands(notices, {
      ...logCommands.commands(),
      ...importCommands.commands(),
      [Commands.nameWaitingCommits]: () => prompter.nameWaiting(),
      [Commands.snoozePrompts]: () => prompter.snooze(),
      [Commands.resumePrompts]: () => prompter.resume(),
      [Commands.scanRepositories]: () => capture.scanAll(),
    }),
  );

  logger.info(`Ready in ${(performance.now() - started).toFixed(1)} ms`);
  void notices.guard('start', () => watcher.start());

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    databaseFile,
    setPromptSurface: (surface) => (prompter.surface = surface),
    scanAll: () => capture.scanAll(),
    repositories: () => watcher.roots,
    tree,
    setImportOfferSurface: (surface) => (importOffer.surface = surface),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
