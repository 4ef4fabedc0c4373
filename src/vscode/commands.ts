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

/**
 * Registers each command of `ids` now (VS Code lists and runs commands as soon as activation
 * resolves), run by the table `built` resolves to: what runs them is built after the first paint,
 * and a command run before that waits for it.
 */
export function registerCommandsBuiltLater(notices: Notices, ids: readonly CommandId[], built: () => Promise<CommandTable>): vscode.Disposable {
  const later: CommandTable = Object.fromEntries(
    ids.map((id) => [
      id,
      async (...args: never[]) => {
        const handler = (await built())[id];
        if (!handler) throw new Error(`Nothing runs the command ${id}`);
        return (handler as (...args: never[]) => unknown)(...args);
      },
    ]),
  );
  return registerCommands(notices, later);
}
