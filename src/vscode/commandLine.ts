import type * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import { SCHEMA_VERSION } from '../storage/migrations';
import { writeExtensionRecord } from '../storage/userConfig';
import { config } from './config';

/**
 * Tells the `progress-log` command which database this extension uses, and the settings that
 * shape the log (the week's first day, what counts as the user's work) and the sync repository, in the user's
 * configuration folder (src/storage/userConfig.ts): once activation is over, and again whenever a
 * setting changes. A write that fails is logged; the command then looks in the usual places.
 */
export function shareWithCommandLine(context: vscode.ExtensionContext, databaseFile: string, logger: Logger): vscode.Disposable {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? 'unknown');
  const share = () => {
    try {
      writeExtensionRecord({
        database: databaseFile,
        version,
        schema: SCHEMA_VERSION,
        writtenAt: Date.now(),
        settings: {
          weekStart: config.weekStart(),
          askWhen: config.askWhen(),
          authorEmails: config.authorEmails(),
          defaultBranches: config.defaultBranches(),
          showAbandonedBranches: config.showAbandonedBranches(),
          syncRepository: config.syncRepository(),
        },
      });
    } catch (error) {
      logger.warn(`Could not tell the progress-log command where the database is: ${errorMessage(error)}`);
    }
  };
  // A file write has no place on activation's path.
  const timer = setTimeout(share, 0);
  const listening = config.onDidChange(share);
  return { dispose: () => (clearTimeout(timer), listening.dispose()) };
}
