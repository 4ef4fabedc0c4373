/**
 * History imported on another machine, read here from this machine's own clone. An import says
 * to every machine how far back it reached (src/storage/historyRanges.ts), never its commits:
 * where that range reaches further back than this machine imported and a clone of the repository
 * is open here, the same import runs here (`HistoryImporter.import`, from the same day), and when
 * it finishes, this machine has imported that range. Never while an import of the repository
 * runs in this process, nor in two windows (or a window and `progress-log scan`) at once; one
 * stopped (cancelled, or failed) is not tried again for a day by any window of this machine. Nothing here knows VS Code.
 */
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import type { GitReader } from '../git/gitReader';
import type { HistoryDue, Store } from '../storage/store';
import type { HistoryImporter, ImportResult } from './historyImport';

/** One import of history this machine has to catch up on. */
export interface CatchUpImport {
  root: string;
  /** From when (ms); undefined for all history. */
  since: number | undefined;
}

/** Runs one catch-up import: the importer as it is, or with progress and Cancel shown (VS Code). */
export type CatchUpRunner = (job: CatchUpImport) => Promise<ImportResult>;

export class HistoryCatchUp {
  /** Repositories being caught up on now, by id. */
  private readonly running = new Set<string>();
  /** Catch-ups stopped in this session (repository id and range): not started again until the range widens or the next session. */
  private readonly stopped = new Set<string>();

  constructor(
    private readonly importer: HistoryImporter,
    private readonly git: GitReader,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly run: CatchUpRunner = ({ root, since }) => importer.import(root, { since }),
  ) {}

  /**
   * Looks whether a clone at one of `roots` has history to read that other machines imported, and
   * reads it; resolves with what each import it started did, once they all ended. Cheap when there
   * is nothing to do (one read of two small tables).
   */
  async consider(roots: readonly string[]): Promise<ImportResult[]> {
    const due = this.store.historyRanges.due();
    if (due.length === 0) return [];
    const started: Promise<ImportResult | undefined>[] = [];
    for (const root of roots) {
      const entry = await this.dueAt(root, due);
      if (!entry || this.running.has(entry.repoId) || this.stopped.has(stopKey(entry))) continue;
      if (await this.importer.isImporting(root)) continue; // Import History runs on it: this looks again once the log changes
      const claim = this.store.historyRanges.claimCatchUp(entry.repoId);
      if (claim === undefined) continue; // another window (or progress-log) reads it
      this.running.add(entry.repoId);
      started.push(
        this.catchUp(root, entry).finally(() => {
          this.running.delete(entry.repoId);
          try {
            this.store.historyRanges.releaseCatchUp(entry.repoId, claim);
          } catch (error) {
            // A busy database: the claim lapses by itself (historyRanges.ts), and nothing is lost.
            this.logger.warn(`${root}: the catch-up's claim could not be given back (${errorMessage(error)}); it lapses by itself`);
          }
        }),
      );
    }
    return (await Promise.all(started)).filter((result): result is ImportResult => result !== undefined);
  }

  private async catchUp(root: string, entry: HistoryDue): Promise<ImportResult | undefined> {
    const since = entry.since ?? undefined;
    this.logger.info(`${root}: history imported on another machine from ${since === undefined ? 'the first commit' : new Date(since).toISOString().slice(0, 10)}; importing it from this clone`);
    let result: ImportResult;
    try {
      result = await this.run({ root, since });
    } catch (error) {
      this.stop(entry);
      this.logger.warn(`${root}: history could not be imported as on another machine (${errorMessage(error)}); tried again in a day, or by Import History…`);
      return undefined;
    }
    if (result.cancelled) {
      this.stop(entry);
      this.logger.info(`${root}: importing history as on another machine was stopped; no window starts it again for a day (Import History… does it at once)`);
    }
    return result;
  }

  /** A stopped catch-up: left alone in this process, and, for a day, by every window of this machine. */
  private stop(entry: HistoryDue): void {
    this.stopped.add(stopKey(entry));
    try {
      this.store.historyRanges.stopCatchUp(entry.repoId, entry.since);
    } catch (error) {
      this.logger.warn(`The stopped catch-up could not be recorded (${errorMessage(error)}); other windows may offer it again`);
    }
  }

  /** The repository with history due that the clone at `root` holds, if any. */
  private async dueAt(root: string, due: readonly HistoryDue[]): Promise<HistoryDue | undefined> {
    let clonePath: string;
    try {
      clonePath = await this.git.repositoryRoot(root);
    } catch {
      return undefined; // not a repository any more
    }
    return due.find((entry) => entry.clonePaths.includes(clonePath));
  }
}

function stopKey(entry: HistoryDue): string {
  return `${entry.repoId}:${entry.since ?? 'all'}`;
}
