import * as vscode from 'vscode';
import * as path from 'node:path';
import {
  GitCommandError,
  GitIdentityMissingError,
  GitMissingError,
  InvalidInputError,
  SqliteUnavailableError,
  StoreBusyError,
  StoreCorruptError,
  StoreDiskFullError,
  StoreIoError,
  StoreIsFolderError,
  StoreNotFolderError,
  StoreReadOnlyError,
  StoreTooNewError,
} from '../core/errors';
import type { Logger } from '../core/logger';
import { Commands, StateKeys } from '../ids';

/** A database locked by another program is said at most this often. */
const BUSY_NOTICE_EVERY_MS = 10 * 60 * 1000;
/** A command that met a passing lock is said each time, but not once per call of a burst. */
const BUSY_MOMENT_NOTICE_EVERY_MS = 10 * 1000;

/** What a person reads when what they typed met a lock that lasts: kept, and written once the database is free. */
export function keptSentence(file: string): string {
  return vscode.l10n.t("Progress Log's database ({0}) is locked by another program, so what you typed is kept beside it and will be written as soon as it is free.", file);
}

/** The one sentence a person reads for an error: what happened and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof SqliteUnavailableError) {
    return vscode.l10n.t(
      'Progress Log cannot load SQLite on this platform ({0}), so your log is unavailable: on Windows, macOS, Linux or Alpine Linux (x64 or arm64) reinstall Progress Log from the Extensions view to get the package built for it; other platforms have none yet.',
      error.platform,
    );
  }
  if (error instanceof GitMissingError) {
    return vscode.l10n.t('Progress Log could not run git, so it cannot see new commits: install git or set "git.path", then reload the window.');
  }
  if (error instanceof GitIdentityMissingError) {
    return vscode.l10n.t(
      'Progress Log can\'t tell which commits in {0} are yours because git user.email is not set: run "git config user.email you@example.com" and your commits will be picked up.',
      error.root,
    );
  }
  if (error instanceof StoreBusyError && !error.lasting) {
    // Windows of Progress Log taking their turns: nothing to close.
    return error.file
      ? vscode.l10n.t("Progress Log's database ({0}) was busy for a moment: try again; nothing was lost.", error.file)
      : vscode.l10n.t("Progress Log's database was busy for a moment: try again; nothing was lost.");
  }
  if (error instanceof StoreBusyError) {
    return error.file
      ? vscode.l10n.t(
          "Progress Log's database ({0}) is locked by another program: close whatever holds it (a database browser, a backup or sync tool) and try again in a moment; nothing was lost.",
          error.file,
        )
      : vscode.l10n.t("Progress Log's database is locked by another program: close whatever holds it (a database browser, a backup or sync tool) and try again in a moment; nothing was lost.");
  }
  if (error instanceof StoreCorruptError) {
    return vscode.l10n.t("Progress Log's database ({0}) is damaged: reload the window to set it aside (it is kept) and start a new one.", error.file);
  }
  if (error instanceof StoreTooNewError) {
    return vscode.l10n.t('Your Progress Log database ({0}) was written by a newer version of Progress Log: update the extension (your log is untouched).', error.file);
  }
  if (error instanceof StoreReadOnlyError) {
    return error.what === 'folder'
      ? vscode.l10n.t('Progress Log cannot write its database because the folder {0} is read-only (or on a read-only disk): make it writable for your user, then reload the window.', error.path)
      : vscode.l10n.t('Progress Log cannot write its database because the file {0} is read-only: make it writable for your user, then reload the window.', error.path);
  }
  if (error instanceof StoreIsFolderError) {
    return vscode.l10n.t('Progress Log cannot open its database because {0} is a folder, not a file: move or rename that folder, then reload the window.', error.file);
  }
  if (error instanceof StoreNotFolderError) {
    return vscode.l10n.t('Progress Log cannot reach its database ({0}) because {1} is a file, not a folder: move or rename that file, then reload the window.', error.file, error.blocker);
  }
  if (error instanceof StoreDiskFullError) {
    return vscode.l10n.t("The disk that holds Progress Log's database ({0}) is full: free some space, then try again; nothing saved before was lost.", path.dirname(error.file));
  }
  if (error instanceof StoreIoError) {
    return vscode.l10n.t('Progress Log could not read or write its database ({0}) because of a disk error: check the disk (or the network drive it is on), then reload the window.', error.file);
  }
  if (error instanceof InvalidInputError) return error.message;
  if (error instanceof GitCommandError) {
    return vscode.l10n.t('Progress Log could not read a repository ({0}); see the Progress Log output for details.', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return vscode.l10n.t('Progress Log hit an unexpected problem ({0}); see the Progress Log output for details.', message);
}

/** The one sentence after an open that set a damaged database aside, or kept a journal it could not read. */
export function describeOpenNotes(notes: { movedAside?: string; walKept?: string }): string | undefined {
  if (notes.movedAside) {
    return vscode.l10n.t("Progress Log's database was damaged, so it was set aside as {0} (nothing was deleted) and a new one was started.", notes.movedAside);
  }
  if (notes.walKept) {
    return vscode.l10n.t(
      "Progress Log's database journal could not be read, so a copy was kept as {0}; the database opened as of its last checkpoint, and the newest changes may be missing.",
      notes.walKept,
    );
  }
  return undefined;
}

/** Shows errors caught at the edges: logged with their stack, shown once per kind and place. */
export class Notices {
  private readonly shown = new Set<string>();
  /** This window was told that what the user typed is kept until the database is free. */
  private toldKept = false;
  private toldBusyAt = -Infinity;
  private toldBusyMomentAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly globalState: vscode.Memento,
  ) {}

  /** Logs and shows an error. Repeats of the same error in the same place are only logged. */
  report(error: unknown, where: string): void {
    this.logger.error(error instanceof Error ? error : new Error(String(error)));
    if (error instanceof StoreBusyError && !error.lasting) {
      // A scan waits its turn without reporting; what did not happen (a command) is said, once per burst.
      if (Date.now() - this.toldBusyMomentAt < BUSY_MOMENT_NOTICE_EVERY_MS) return;
      this.toldBusyMomentAt = Date.now();
    } else if (error instanceof StoreBusyError) {
      // One cause wherever it is met (a scan, the log, a command): said once in a while, not per
      // place, and not at all while the user already knows their lines are kept for the same lock.
      if (this.toldKept || Date.now() - this.toldBusyAt < BUSY_NOTICE_EVERY_MS) return;
      this.toldBusyAt = Date.now();
    } else {
      const key = `${where}:${error instanceof Error ? error.name : 'unknown'}:${(error as { root?: string }).root ?? ''}`;
      if (this.shown.has(key)) return;
      this.shown.add(key);
    }
    if (error instanceof GitMissingError) {
      if (this.globalState.get<boolean>(StateKeys.hideGitMissing)) return;
      const showLog = vscode.l10n.t('Show Log');
      const dontShowAgain = vscode.l10n.t("Don't Show Again");
      void vscode.window.showWarningMessage(describeError(error), showLog, dontShowAgain).then((choice) => {
        if (choice === dontShowAgain) void this.globalState.update(StateKeys.hideGitMissing, true);
        if (choice === showLog) void vscode.commands.executeCommand(Commands.showLog);
      });
      return;
    }
    const show = error instanceof GitIdentityMissingError ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const showLog = vscode.l10n.t('Show Log');
    void show(describeError(error), showLog).then((choice) => {
      if (choice === showLog) void vscode.commands.executeCommand(Commands.showLog);
    });
  }

  /** Tells the user, once per lock that lasts, that what they typed is kept and will be written when the database is free. */
  keptWhileLocked(file: string): void {
    if (this.toldKept) return;
    this.toldKept = true;
    void vscode.window.showInformationMessage(keptSentence(file));
  }

  /** Everything kept during a lock was written: said in the status bar; the next lock is told again. */
  keptWritten(): void {
    if (!this.toldKept) return;
    this.toldKept = false;
    this.logger.info('The database is free again; everything kept meanwhile was written');
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Progress Log: what you typed while the database was locked is saved')}`, 5000);
  }

  /** Says where a damaged database was set aside (or a journal kept), when an open did that. */
  openNotes(notes: { movedAside?: string; walKept?: string }): void {
    const sentence = describeOpenNotes(notes);
    if (sentence) void vscode.window.showWarningMessage(sentence);
  }

  /** Runs work whose failure the user need not hear about (keeping a draft while typing): logged only. */
  guardQuietly(where: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logger.warn(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Runs a command's work, reporting what it throws. */
  async guard<T>(where: string, work: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.report(error, where);
      return undefined;
    }
  }
}
