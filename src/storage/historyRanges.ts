/**
 * How far back history is imported, per repository, without its commits travelling: every
 * machine reads them from its own git. Two records:
 * - `history_ranges`, shared: the widest range any machine imported (the earliest `since`; null,
 *   all history, is wider than any day). Widening is a min, so every machine ends with the same
 *   range whatever order the imports reach it in, and widening twice changes nothing.
 * - `history_imported`, machine-local (it never travels): how far back this machine imported;
 *   `history_catch_ups`, which window or process of this machine is reading a range it lacks.
 * Where the shared range reaches further back than this machine imported, and it has a clone of
 * the repository, it has history to read (`due`). Nothing here knows VS Code.
 */
import type { Database } from './database';

/** How long a claim of a catch-up stands: longer than an import of a large history takes (seconds to a minute), short enough that one of a window that died is taken over the same day. */
const CATCH_UP_CLAIM_MS = 15 * 60_000;
/** How long a catch-up the person cancelled (or that failed) is left alone by every window and `progress-log scan`: a day, unless the range widens meanwhile. */
const CATCH_UP_STOP_MS = 24 * 3600_000;
/** The machine-local key (sync_state, which never travels) of a stopped catch-up of a repository. */
const stoppedKey = (repoId: string) => `catchUp.stopped:${repoId}`;

/** Where an import starts: ms since the epoch, or null for all history. */
export type HistorySince = number | null;

/** A repository whose history every machine imports from further back than this one did, with its clones here. */
export interface HistoryDue {
  repoId: string;
  since: HistorySince;
  /** Where its clones live on this machine. */
  clonePaths: string[];
}

/** Whether a range from `since` reaches further back than one from `than` (undefined: none at all). */
export function reachesFurther(since: HistorySince, than: HistorySince | undefined): boolean {
  if (than === undefined) return true;
  if (than === null) return false;
  return since === null || since < than;
}

/** A `since` as an operation from elsewhere may carry it: a finite number or null, else nothing this version reads. */
export function isHistorySince(value: unknown): value is HistorySince {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

export class HistoryRanges {
  constructor(private readonly db: Database) {}

  /**
   * Widens the range every machine imports of a repository to reach `since`; true when it did.
   * Inside the caller's write (a change made here, or an operation received).
   */
  widen(repoId: string, since: HistorySince): boolean {
    if (!reachesFurther(since, this.range('history_ranges', repoId))) return false;
    this.db.statement('INSERT INTO history_ranges (repo_id, since) VALUES (?, ?) ON CONFLICT (repo_id) DO UPDATE SET since = excluded.since').run(repoId, since);
    // So that sync sends it, and every window looks whether it has history to read.
    this.db.markLogChanged();
    return true;
  }

  /** Records that this machine imported a repository's history from `since` (never narrowing what it had). Inside the caller's write. */
  importedHere(repoId: string, since: HistorySince): void {
    if (!reachesFurther(since, this.range('history_imported', repoId))) return;
    this.db.statement('INSERT INTO history_imported (repo_id, since) VALUES (?, ?) ON CONFLICT (repo_id) DO UPDATE SET since = excluded.since').run(repoId, since);
  }

  /** How far back every machine imports a repository's history; undefined when none imported any. */
  wanted(repoId: string): HistorySince | undefined {
    return this.db.read(() => this.range('history_ranges', repoId));
  }

  /** How far back this machine imported a repository's history; undefined when it imported none. */
  imported(repoId: string): HistorySince | undefined {
    return this.db.read(() => this.range('history_imported', repoId));
  }

  /**
   * Repositories with a clone here whose shared range reaches further back than this machine
   * imported, but for one whose catch-up of that same range was stopped here less than a day ago.
   * A read of two small tables.
   */
  due(): HistoryDue[] {
    const rows = this.db.read(() =>
      this.db
        .statement<[], { repo_id: string; since: HistorySince; path: string }>(
          `SELECT r.repo_id, r.since, c.path FROM history_ranges r
           JOIN clones c ON c.repo_id = r.repo_id
           LEFT JOIN history_imported i ON i.repo_id = r.repo_id
           WHERE i.repo_id IS NULL OR (i.since IS NOT NULL AND (r.since IS NULL OR r.since < i.since))
           ORDER BY r.repo_id, c.path`,
        )
        .all(),
    );
    const due = new Map<string, HistoryDue>();
    for (const row of rows) {
      const entry = due.get(row.repo_id) ?? { repoId: row.repo_id, since: row.since, clonePaths: [] };
      entry.clonePaths.push(row.path);
      due.set(row.repo_id, entry);
    }
    const now = this.db.now();
    return [...due.values()].filter((entry) => {
      const stopped = this.stopped(entry.repoId);
      return !stopped || stopped.since !== entry.since || now - stopped.at >= CATCH_UP_STOP_MS;
    });
  }

  /** Records that this machine's catch-up of `since` was cancelled or failed: no window starts it again for a day, unless the range widens. */
  stopCatchUp(repoId: string, since: HistorySince): void {
    this.db.write(() =>
      this.db.statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(stoppedKey(repoId), JSON.stringify({ since, at: this.db.now() })),
    );
  }

  private stopped(repoId: string): { since: HistorySince; at: number } | undefined {
    const value = this.db.read(() => this.db.statement<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(stoppedKey(repoId))?.value);
    if (value === undefined) return undefined;
    try {
      const parsed = JSON.parse(value) as { since?: unknown; at?: unknown };
      return isHistorySince(parsed.since) && typeof parsed.at === 'number' ? { since: parsed.since, at: parsed.at } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Claims the catch-up of a repository for this window or process: its stamp for the first
   * caller, undefined while another holds it (a claim older than CATCH_UP_CLAIM_MS is of one that
   * died, and taken over). Machine-local, like what it guards.
   */
  claimCatchUp(repoId: string): number | undefined {
    return this.db.write(() => {
      const now = this.db.now();
      const taken = this.db
        .statement('INSERT INTO history_catch_ups (repo_id, claimed_at) VALUES (?, ?) ON CONFLICT (repo_id) DO UPDATE SET claimed_at = excluded.claimed_at WHERE claimed_at < ?')
        .run(repoId, now, now - CATCH_UP_CLAIM_MS);
      return taken.changes > 0 ? now : undefined;
    });
  }

  /** Gives back a claim `claimCatchUp` gave. */
  releaseCatchUp(repoId: string, claimedAt: number): void {
    this.db.write(() => this.db.statement('DELETE FROM history_catch_ups WHERE repo_id = ? AND claimed_at = ?').run(repoId, claimedAt));
  }

  /** The range a repository holds in one of the two tables; undefined without a row. */
  private range(table: 'history_ranges' | 'history_imported', repoId: string): HistorySince | undefined {
    return this.db.statement<[string], { since: HistorySince }>(`SELECT since FROM ${table} WHERE repo_id = ?`).get(repoId)?.since;
  }
}
