import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import type { Notices } from './notices';

/** What a part of the extension does for each command it owns. */
export type CommandTable = Partial<Record<CommandId, (...args: never[]) => unknown>>;

/**
 * The one way Progress Log registers a command: every handler runs behind the same guard, which
 * logs what it throws with its stack and shows one sentence that says what to do.
 */
export function registerCommands(notices: Notices, table: CommandTable): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(table).map(([id, handler]) =>
      vscode.commands.registerCommand(id, (...args: never[]) => notices.guard(`command ${id}`, () => (handler as (...args: never[]) => unknown)(...args))),
    ),
  );
}
