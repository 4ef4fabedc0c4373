import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { calendarIn } from '../core/calendar';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import { Commands, StateKeys } from '../ids';
import { exportFolder } from '../report/saveFolder';
import type { Store } from '../storage/store';
import { restoreBackup, writeBackup } from '../sync/backup';
import { normalizeRepository, repositoryProblem } from '../sync/syncRepository';
import type { SyncService, SyncStatus } from '../sync/syncService';
import type { CommandTable } from './commands';
import { config } from './config';

/** What a caller (a test, a keybinding) can pass to skip the input box. */
export interface SetUpSyncArgs {
  repository?: string;
}

/** What a caller can pass to skip the file dialogs. */
export interface BackupFileArgs {
  file?: string;
}

/** "Set Up Sync…", "Sync Now", "Back Up Log…" and "Restore From Backup…". */
export class SyncCommands {
  constructor(
    private readonly sync: SyncService,
    private readonly store: Store,
    private readonly globalState: vscode.Memento,
    private readonly logger: Logger,
  ) {}

  commands(): CommandTable {
    return {
      [Commands.setUpSync]: (args?: SetUpSyncArgs) => this.setUp(args ?? {}),
      [Commands.syncNow]: () => this.syncNow(),
      [Commands.backUpLog]: (args?: BackupFileArgs) => this.backUp(args ?? {}),
      [Commands.restoreFromBackup]: (args?: BackupFileArgs) => this.restore(args ?? {}),
    };
  }

  /**
   * Asks for the repository, checks that git reaches it with the user's own credentials (nothing
   * is written before it does), names it for every window, and syncs at once.
   */
  private async setUp(args: SetUpSyncArgs, typed?: string): Promise<SyncStatus | undefined> {
    const answer =
      args.repository ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Set up sync: a git repository you own'),
        prompt: vscode.l10n.t(
          'A private repository made for this: its URL or a folder path. git signs in with your own SSH key or credential helper; Progress Log stores no secret, and sends nothing until you name one.',
        ),
        placeHolder: vscode.l10n.t('git@github.com:you/progress-log.git'),
        value: typed ?? config.syncRepository(),
        ignoreFocusOut: true,
        validateInput: (value) => repositoryProblem(value),
      }));
    if (answer === undefined) return undefined;
    const refused = repositoryProblem(answer);
    if (refused) throw new InvalidInputError(refused);
    const repository = normalizeRepository(answer, os.homedir());
    const problem = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking that git can reach {0}…', repository) }, () =>
      this.sync.check(repository),
    );
    if (problem) {
      if (args.repository !== undefined) throw new InvalidInputError(problem.sentence);
      const edit = vscode.l10n.t('Edit…');
      if ((await vscode.window.showErrorMessage(problem.sentence, edit)) === edit) return this.setUp({}, answer);
      return undefined;
    }
    await config.setSyncRepository(repository);
    this.logger.info(`Sync: set up with ${repository}`);
    return this.syncNow();
  }

  /** Syncs at once and says how it went; asks for a repository when none is named. */
  private async syncNow(): Promise<SyncStatus | undefined> {
    if (!config.syncRepository()) return this.setUp({});
    const status = await this.sync.syncNow();
    if (status.state === 'synced' && status.last) {
      vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Progress Log synced: {0} received, {1} sent', status.last.received, status.last.sent)}`, 5000);
    } else if ((status.state === 'offline' || status.state === 'error') && status.problem) {
      const show = status.state === 'offline' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      const actions = status.problem.kind === 'notFound' ? [vscode.l10n.t('Set Up Sync…')] : [vscode.l10n.t('Show Log')];
      void show(status.problem.sentence, ...actions).then((choice) => {
        if (choice === undefined) return;
        void vscode.commands.executeCommand(status.problem?.kind === 'notFound' ? Commands.setUpSync : Commands.showLog);
      });
    } else if (status.state !== 'synced') {
      void vscode.window.showInformationMessage(vscode.l10n.t("Another VS Code window is syncing Progress Log right now: this window's changes go with the next sync."));
    }
    return status;
  }

  /** Writes the whole log, as operations, to a file outside every repository (a backup is the log itself). */
  private async backUp(args: BackupFileArgs): Promise<number | undefined> {
    const folder = exportFolder(this.globalState.get<string>(StateKeys.lastBackupFolder), os.homedir());
    const target = args.file
      ? vscode.Uri.file(args.file)
      : await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Back up the log'),
          defaultUri: vscode.Uri.joinPath(vscode.Uri.file(folder), `progress-log-backup-${calendarIn(Intl.DateTimeFormat().resolvedOptions().timeZone).isoDate(Date.now())}.jsonl`),
          filters: { [vscode.l10n.t('Progress Log backup')]: ['jsonl'] },
        });
    if (!target) return undefined;
    const count = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Backing up the log…') }, async () => {
      if (target.scheme === 'file') return writeBackup(this.store, target.fsPath);
      // Another file system (a local folder from a remote window): written here first, then copied there.
      return this.throughTemporaryFile(async (temporary) => {
        const written = writeBackup(this.store, temporary);
        await vscode.workspace.fs.writeFile(target, fs.readFileSync(temporary));
        return written;
      });
    });
    if (target.scheme === 'file') await this.globalState.update(StateKeys.lastBackupFolder, path.dirname(target.fsPath));
    this.logger.info(`Backup: ${count} operation(s) written to ${target.toString(true)}`);
    vscode.window.setStatusBarMessage(`$(check) ${l10n.plural(count, 'Progress Log: {0} operation backed up to {1}', 'Progress Log: {0} operations backed up to {1}', target.fsPath)}`, 8000);
    return count;
  }

  /** Merges a backup into the log by the rules of sync: what is known already changes nothing. */
  private async restore(args: BackupFileArgs): Promise<{ received: number; skipped: number } | undefined> {
    const folder = exportFolder(this.globalState.get<string>(StateKeys.lastBackupFolder), os.homedir());
    const source = args.file
      ? vscode.Uri.file(args.file)
      : (
          await vscode.window.showOpenDialog({
            title: vscode.l10n.t('Restore the log from a backup'),
            defaultUri: vscode.Uri.file(folder),
            canSelectMany: false,
            openLabel: vscode.l10n.t('Restore'),
            filters: { [vscode.l10n.t('Progress Log backup')]: ['jsonl'], [vscode.l10n.t('All files')]: ['*'] },
          })
        )?.[0];
    if (!source) return undefined;
    const restored = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Restoring the log from {0}…', source.fsPath) }, () =>
      source.scheme === 'file'
        ? restoreBackup(this.store, source.fsPath)
        : this.throughTemporaryFile(async (temporary) => {
            fs.writeFileSync(temporary, await vscode.workspace.fs.readFile(source), { mode: 0o600 });
            return restoreBackup(this.store, temporary);
          }),
    );
    this.logger.info(`Restore from ${source.toString(true)}: ${restored.received} operation(s) new here, ${restored.skipped} line(s) not operations`);
    const sentences = [l10n.plural(restored.received, 'Restored from {1}: {0} operation was new here.', 'Restored from {1}: {0} operations were new here.', source.fsPath)];
    if (restored.skipped > 0) sentences.push(l10n.plural(restored.skipped, '{0} line was not an operation and was left alone.', '{0} lines were not operations and were left alone.'));
    void vscode.window.showInformationMessage(sentences.join(' '));
    return restored;
  }

  private async throughTemporaryFile<T>(work: (file: string) => Promise<T>): Promise<T> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-backup-'));
    try {
      return await work(path.join(folder, 'backup.jsonl'));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
}
