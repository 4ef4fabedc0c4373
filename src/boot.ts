/**
 * What VS Code loads to activate Progress Log: a few lines, so that activation costs what an empty
 * extension's does. VS Code counts loading this file and the synchronous part of `activate()` as
 * the extension's activation; the extension proper (`./extension`: SQLite, git, the views and
 * commands) loads right after, on the next turn of the event loop, and `activate()`'s promise
 * resolves once it is up, so VS Code runs none of Progress Log's commands before.
 */
import type * as vscode from 'vscode';
import type * as Extension from './extension';

let extension: typeof Extension | undefined;

export function activate(context: vscode.ExtensionContext): Promise<ReturnType<typeof Extension.activate>> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        // A require here, not an import: the bundle of the extension proper is a file of its own (dist/extension.js).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        extension = require('./extension') as typeof Extension;
        resolve(extension.activate(context));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export function deactivate(): void {
  extension?.deactivate();
}
