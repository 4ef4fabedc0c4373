import * as vscode from 'vscode';
import {
  GitCommandError,
  GitIdentityMissingError,
  GitMissingError,
  InvalidInputError,
  StoreBusyError,
  StoreCorruptError,
  StoreTooNewError,
} from '../core/errors';
import type { Logger } from '../core/logger';
import { Commands, StateKeys } from '../ids';

const SHOW_LOG = 'Show Log';
const DONT_SHOW_AGAIN = "Don't Show Again";

/** The one sentence a person reads for an error: what happened and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof GitMissingError) {
    return 'Progress Log could not run git, so it cannot see new commits: install git or set "git.path", then reload the window.';
  }
  if (error instanceof GitIdentityMissingError) {
    return `Progress Log can't tell which commits in ${error.root} are yours because git user.email is not set: run "git config user.email you@example.com" and your commits will be picked up.`;
  }
  if (error instanceof StoreBusyError) {
    return 'Progress Log\'s database is busy in another window or program; nothing was lost, try again in a moment.';
  }
  if (error instanceof StoreCorruptError) {
    return `Progress Log's database (${error.file}) is damaged: reload the window to set it aside (it is kept) and start a new one.`;
  }
  if (error instanceof StoreTooNewError) {
    return 'Your Progress Log database was written by a newer version of Progress Log: update the extension (your log is untouched).';
  }
  if (error instanceof InvalidInputError) return error.message;
  if (error instanceof GitCommandError) {
    return `Progress Log could not read a repository (${error.message}); see the Progress Log output for details.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Progress Log hit an unexpected problem (${message}); see the Progress Log output for details.`;
}

/** Shows errors caught at the edges: logged with their stack, shown once per kind and place. */
export class Notices {
  private readonly shown = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly globalState: vscode.Memento,
  ) {}

  /** Logs and shows an error. Repeats of the same error in the same place are only logged. */
  report(error: unknown, where: string): void {
    this.logger.error(error instanceof Error ? error : new Error(String(error)));
    const key = `${where}:${error instanceof Error ? error.name : 'unknown'}:${(error as { root?: string }).root ?? ''}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    if (error instanceof GitMissingError) {
      if (this.globalState.get<boolean>(StateKeys.hideGitMissing)) return;
      void vscode.window.showWarningMessage(describeError(error), SHOW_LOG, DONT_SHOW_AGAIN).then((choice) => {
        if (choice === DONT_SHOW_AGAIN) void this.globalState.update(StateKeys.hideGitMissing, true);
        if (choice === SHOW_LOG) void vscode.commands.executeCommand(Commands.showLog);
      });
      return;
    }
    const show = error instanceof GitIdentityMissingError ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    void show(describeError(error), SHOW_LOG).then((choice) => {
      if (choice === SHOW_LOG) void vscode.commands.executeCommand(Commands.showLog);
    });
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
