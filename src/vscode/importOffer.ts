import * as path from 'node:path';
import * as vscode from 'vscode';
import { rangeStart, type HistoryImporter, type ImportRange } from '../capture/historyImport';
import type { Logger } from '../core/logger';
import * as l10n from '../core/l10n';
import { plural } from '../core/text';
import type { GitReader } from '../git/gitReader';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';
import type { Notices } from './notices';

/** The answer to the offer: import now, or not (never asked again either way). */
export type OfferAnswer = 'import' | 'notNow' | undefined;

/** How the offer is shown; a notification, or a scripted person in the extension-host tests. */
export type OfferSurface = (message: string) => Thenable<OfferAnswer>;

/** How long after Progress Log first looks at a repository the offer is considered: off the hot path of activation and the first scan. */
const OFFER_DELAY_MS = 2000;
/** Fewer of the user's recent commits than this is not worth a notification. */
const MIN_COMMITS_TO_OFFER = 3;
const OFFER_RANGE: ImportRange = 'fourWeeks';

export const notificationSurface: OfferSurface = async (message) => {
  const importNow = vscode.l10n.t('Import');
  const notNow = vscode.l10n.t('Not Now');
  const choice = await vscode.window.showInformationMessage(message, importNow, notNow);
  return choice === importNow ? 'import' : choice === notNow ? 'notNow' : undefined;
};

/**
 * Day one: the first time Progress Log sees a repository with recent commits of the user's, it
 * offers once, quietly, to import the last 4 weeks ("Import 37 commits from the last 4 weeks?").
 * Once per repository on this machine, ever, in whichever window claims it first; a repository
 * without enough recent work of the user's is looked at again next session.
 */
export class ImportOffer extends Disposable {
  surface: OfferSurface = notificationSurface;
  private readonly considered = new Set<string>();

  constructor(
    private readonly importer: HistoryImporter,
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly notices: Notices,
    private readonly runImport: (roots: readonly string[], range: ImportRange) => Promise<unknown>,
    private readonly delayMs = OFFER_DELAY_MS,
  ) {
    super();
  }

  /** Progress Log looked at `root` for the first time this session: consider the offer, a little later. */
  consider(root: string): void {
    if (this.considered.has(root) || this.isDisposed) return;
    this.considered.add(root);
    const timer = setTimeout(() => void this.notices.guard(`import offer:${root}`, () => this.offer(root)), this.delayMs);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  private async offer(root: string): Promise<void> {
    if (this.isDisposed) return;
    const clone = this.store.clones.ensure(await this.git.repositoryRoot(root));
    if (this.store.history.importOffered(clone.cloneId)) return;
    if (this.store.historyRanges.wanted(clone.repo.id) !== undefined) {
      // Imported here or on another machine already: that range comes to every clone without asking (historyCatchUp.ts).
      this.logger.info(`${root}: its history is imported on this or another machine; no import offered`);
      return;
    }
    const count = await this.importer.count(root, rangeStart(OFFER_RANGE, Date.now()));
    if (count < MIN_COMMITS_TO_OFFER) {
      this.logger.info(`${root}: ${plural(count, 'recent commit')} of yours not in the log; no import offered`);
      return;
    }
    if (!this.store.history.claimImportOffer(clone.cloneId)) return; // another window offers it
    this.logger.info(`${root}: offering to import ${plural(count, 'commit')} from the last 4 weeks (offered once)`);
    const answer = await this.surface(
      l10n.plural(
        count,
        'Import {0} commit from the last 4 weeks? Your recent work in {1} then shows in the Weekly Log, as history: nothing will ask about it.',
        'Import {0} commits from the last 4 weeks? Your recent work in {1} then shows in the Weekly Log, as history: nothing will ask about it.',
        path.basename(root),
      ),
    );
    this.logger.info(`${root}: import offer answered ${answer ?? 'with nothing (not asked again)'}`);
    if (answer === 'import') await this.runImport([root], OFFER_RANGE);
  }
}
