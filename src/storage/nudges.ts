/**
 * Machine-local state of the weekly review nudge: which week was nudged and how it was answered,
 * claimed in one statement so that exactly one window nudges; and the local days on which the
 * user was active in VS Code. None of it changes what the log shows.
 */
import type { Week } from '../core/weeks';
import type { Database } from './database';
import { middleOf } from './reviews';

/** How the user answered a nudge: opened the review, "Later", or closed the notification. */
export type NudgeAnswer = 'review' | 'later' | 'dismissed';

/** One week's nudge as the database holds it. */
export interface NudgeRecord {
  claimedAt: number;
  answer: NudgeAnswer | null;
  answeredAt: number | null;
}

interface NudgeRow {
  claimed_at: number;
  answer: NudgeAnswer | null;
  answered_at: number | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export class Nudges {
  constructor(private readonly db: Database) {}

  /** How the week's nudge went, if it came. */
  record(week: Week): NudgeRecord | undefined {
    const row = this.db.read(() => this.db.statement<[number], NudgeRow>('SELECT claimed_at, answer, answered_at FROM nudges WHERE week_start = ?').get(week.start));
    return row ? { claimedAt: row.claimed_at, answer: row.answer, answeredAt: row.answered_at } : undefined;
  }

  /**
   * Claims the week's nudge for this window: true for exactly one window, and only while the week
   * has no review (checked in the same statement, so a review saved meanwhile anywhere wins).
   */
  claim(week: Week): boolean {
    return this.db.write(
      () =>
        this.db
          .statement<[{ start: number; mid: number; now: number }]>(
            `INSERT INTO nudges (week_start, claimed_at) SELECT @start, @now
              WHERE NOT EXISTS (SELECT 1 FROM reviews WHERE week_start > @mid - ${2 * WEEK_MS} AND week_start <= @mid AND week_end > @mid)
             ON CONFLICT (week_start) DO NOTHING`,
          )
          .run({ start: week.start, mid: middleOf(week), now: this.db.now() }).changes > 0,
    );
  }

  /**
   * Claims the nudge again after "Later" came due: true for exactly one window, the one whose
   * update still saw the same "Later" (`answeredAt`); the answer is cleared until the new one.
   */
  claimAgain(week: Week, answeredAt: number): boolean {
    return this.db.write(
      () =>
        this.db
          .statement("UPDATE nudges SET claimed_at = ?, answer = NULL, answered_at = NULL WHERE week_start = ? AND answer = 'later' AND answered_at = ?")
          .run(this.db.now(), week.start, answeredAt).changes > 0,
    );
  }

  /** Remembers how the user answered the week's nudge. */
  answer(week: Week, answer: NudgeAnswer): void {
    this.db.write(() => this.db.statement('UPDATE nudges SET answer = ?, answered_at = ? WHERE week_start = ?').run(answer, this.db.now(), week.start));
  }

  /** Notes that the user was active in VS Code at `at`, on their local day `day` ("2026-11-20"). */
  recordActivity(day: string, at: number): void {
    this.db.write(() =>
      this.db
        .statement('INSERT INTO active_days (day, first_at, last_at) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET last_at = max(last_at, excluded.last_at)')
        .run(day, at, at),
    );
  }

  /** Whether the user was active in VS Code on a day from `firstDay` to `lastDay`, both included ("2026-11-16"). */
  activeBetween(firstDay: string, lastDay: string): boolean {
    return this.db.read(() => this.db.statement<[string, string]>('SELECT 1 FROM active_days WHERE day >= ? AND day <= ? LIMIT 1').get(firstDay, lastDay) !== undefined);
  }
}
