import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatchUpImport } from '../capture/historyCatchUp';
import { IMPORT_RANGES, rangeStart, type HistoryImporter, type ImportRange, type ImportResult } from '../capture/historyImport';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import { Commands, ContextKeys } from '../ids';
import type { CommandTable } from './commands';
import type { GitWatcher } from './gitWatcher';
import type { Notices } from './notices';

/** What "Import History…" can be given instead of asking (other commands, tests, the day-one offer). */
export interface ImportRequest {
  roots?: readonly string[];
  range?: ImportRange;
}

/** What an import did, over every repository it was run on. */
export interface ImportSummary {
  imported: number;
  branches: number;
  repositories: number;
  cancelled: boolean;
}

/**
 * "Import History…": which repositories (every open one unless the user unticks some) and how far
 * back (the last 4 weeks unless the user picks more), then one notification that counts as the
 * import goes and can cancel it. What was imported before cancelling stays, whole.
 */
export class ImportCommands {
  constructor(
    private readonly importer: HistoryImporter,
    private readonly watcher: GitWatcher,
    private readonly notices: Notices,
    private readonly logger: Logger,
  ) {}

  commands(): CommandTable {
    return { [Commands.importHistory]: (request?: ImportRequest) => this.importHistory(request) };
  }

  async importHistory(request: ImportRequest = {}): Promise<ImportSummary | undefined> {
    const roots = request.roots ?? (await this.pickRepositories());
    if (!roots || roots.length === 0) return undefined;
    const range = request.range ?? (await this.pickRange());
    if (!range) return undefined;
    return this.run(roots, range);
  }

  /** Imports from each repository in turn, under one cancellable progress notification; then says what it did. */
  async run(roots: readonly string[], range: ImportRange): Promise<ImportSummary> {
    const since = rangeStart(range, Date.now());
    const summary: ImportSummary = { imported: 0, branches: 0, repositories: 0, cancelled: false };
    const title = vscode.l10n.t('Progress Log: importing history');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const stop = new AbortController();
      const cancelling = token.onCancellationRequested(() => stop.abort());
      try {
        for (const root of roots) {
          if (stop.signal.aborted) break;
          const before = summary.imported;
          const name = path.basename(root);
          progress.report({ message: `${name}…` });
          try {
            const result = await this.importer.import(root, {
              since,
              signal: stop.signal,
              onProgress: (so) =>
                progress.report({ message: l10n.plural(before + so.imported, '{1}: {0} commit imported ({2} read)', '{1}: {0} commits imported ({2} read)', name, so.read.toLocaleString()) }),
            });
            summary.imported += result.imported;
            summary.branches += result.branches;
            summary.repositories++;
            summary.cancelled ||= result.cancelled;
          } catch (error) {
            // One repository that cannot be read (git user.email unset, say) does not stop the others.
            this.notices.report(error, `import:${root}`);
          }
        }
      } finally {
        cancelling.dispose();
      }
    });
    this.logger.info(`Import History (${range}): ${summary.imported} commit(s), ${summary.branches} merged branch(es) from ${summary.repositories} repository(ies)${summary.cancelled ? ', cancelled' : ''}`);
    // Ticks the walkthrough's import step. Its onCommand event sees only commands the workbench runs
    // (the palette, a link), never the day-one offer calling this, nor an extension's own executeCommand.
    void vscode.commands.executeCommand('setContext', ContextKeys.historyImported, true);
    void this.tell(summary, range);
    return summary;
  }

  /**
   * Imports, from this clone, history that another machine imported (src/capture/historyCatchUp.ts),
   * under the same cancellable progress notification as Import History; the Weekly Log shows what
   * it brought, and nothing asks about it.
   */
  async catchUp({ root, since }: CatchUpImport): Promise<ImportResult> {
    const name = path.basename(root);
    const title = vscode.l10n.t('Progress Log: importing history, as on your other machine');
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const stop = new AbortController();
      const cancelling = token.onCancellationRequested(() => stop.abort());
      try {
        progress.report({ message: `${name}…` });
        return await this.importer.import(root, {
          since,
          signal: stop.signal,
          onProgress: (so) => progress.report({ message: l10n.plural(so.imported, '{1}: {0} commit imported ({2} read)', '{1}: {0} commits imported ({2} read)', name, so.read.toLocaleString()) }),
        });
      } finally {
        cancelling.dispose();
      }
    });
  }

  private async tell(summary: ImportSummary, range: ImportRange): Promise<void> {
    const commits = l10n.plural(summary.imported, '{0} commit', '{0} commits');
    const what = summary.branches ? vscode.l10n.t('{0} and {1}', commits, l10n.plural(summary.branches, '{0} merged branch', '{0} merged branches')) : commits;
    let message: string;
    if (summary.cancelled) message = vscode.l10n.t('Import stopped: {0} imported so far. Run Import History again to bring in the rest.', what);
    else if (summary.imported + summary.branches === 0) message = vscode.l10n.t('Nothing new to import from {0}: it is all in the log already.', rangeLabel(range).toLowerCase());
    else message = vscode.l10n.t('Imported {0} as history. They show in their weeks in the Weekly Log, and nothing will ask about them.', what);
    const showTheLog = vscode.l10n.t('Show the Log');
    const choice = await vscode.window.showInformationMessage(message, ...(summary.imported > 0 ? [showTheLog] : []));
    if (choice === showTheLog) await vscode.commands.executeCommand(Commands.showView);
  }

  private async pickRepositories(): Promise<string[] | undefined> {
    const roots = this.watcher.roots;
    if (roots.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Progress Log has no repository to import from: open a folder that is a git repository.'));
      return undefined;
    }
    if (roots.length === 1) return roots;
    const picked = await vscode.window.showQuickPick(
      roots.map((root) => ({ label: `$(repo) ${path.basename(root)}`, description: root, picked: true, root })),
      { title: vscode.l10n.t('Import history from which repositories?'), canPickMany: true, placeHolder: vscode.l10n.t('Every open repository is ticked') },
    );
    return picked?.map((item) => item.root);
  }

  private async pickRange(): Promise<ImportRange | undefined> {
    const picked = await vscode.window.showQuickPick(
      IMPORT_RANGES.map((range) => ({ label: rangeLabel(range), description: range === 'fourWeeks' ? vscode.l10n.t('recommended') : undefined, range })),
      { title: vscode.l10n.t('Import how much history?'), placeHolder: vscode.l10n.t('Your commits, and the branches merged among them, as history: shown, never asked about') },
    );
    return picked?.range;
  }
}

/** A range as the user reads it. */
function rangeLabel(range: ImportRange): string {
  switch (range) {
    case 'fourWeeks':
      return vscode.l10n.t('The last 4 weeks');
    case 'threeMonths':
      return vscode.l10n.t('The last 3 months');
    case 'year':
      return vscode.l10n.t('The last year');
    case 'all':
      return vscode.l10n.t('All history');
  }
}
