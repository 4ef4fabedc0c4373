/**
 * A window whose log could not open (SQLite does not load on this platform, a database written by
 * a newer version, a folder it cannot write): the reason is said once, every command of Progress
 * Log says it again instead of "command not found", and both views say the log is unavailable in
 * place of their rows. Nothing else of Progress Log runs; VS Code and its other extensions go on.
 */
import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from '../ids';
import { describeError } from './notices';

export function showLogUnavailable(error: unknown): vscode.Disposable {
  const sentence = describeError(error);
  const say = () => void vscode.window.showErrorMessage(sentence);
  say();
  // An empty tree shows the view's welcome, which this key turns into "the log is unavailable".
  void vscode.commands.executeCommand('setContext', ContextKeys.unavailable, true);
  const nothing: vscode.TreeDataProvider<never> = { getChildren: () => [], getTreeItem: (row) => row };
  return vscode.Disposable.from(
    ...Object.values(Commands)
      .filter((command) => command !== Commands.showLog)
      .map((command) => vscode.commands.registerCommand(command, say)),
    ...Object.values(Views).map((view) => vscode.window.registerTreeDataProvider(view, nothing)),
  );
}
