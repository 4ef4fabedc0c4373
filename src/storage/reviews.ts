/**
 * Weekly reviews: the honest answers and up to three highlights of a week, one review per week,
 * saved again as often as the user likes. A week is found by its start, or, when the user's time
 * zone or first day of the week changed since, by the review whose week holds the week's middle.
 * Also what a review counts that the log does not (the week's commits).
 */
import type { Review } from '../core/domain';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import type { Week } from '../core/weeks';
import { answerProblem, highlightsProblem, normalizeAnswer, type ReviewAnswers } from '../core/reviewAnswers';
import type { Database } from './database';
import { historyBetween } from './rows';

export interface ReviewInput {
  week: Week;
  answers: ReviewAnswers;
  /** Outcome ids, in the order the user put them. */
  highlights: readonly string[];
}

interface ReviewRow {
  id: string;
  week_start: number;
  week_end: number;
  moved_forward: string | null;
  busy_work: string | null;
  next_focus: string | null;
  updated_at: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A review of the week holding @mid (its own week first), bounded by the week_start index. */
const REVIEW_OF_WEEK = `SELECT * FROM reviews WHERE week_start > @mid - ${2 * WEEK_MS} AND week_start <= @mid AND week_end > @mid
  ORDER BY week_start = @start DESC, updated_at DESC LIMIT 1`;

export class Reviews {
  constructor(private readonly db: Database) {}

  /** The review of `week`, if it was reviewed. */
  forWeek(week: Week): Review | undefined {
    return this.db.read(() => {
      const row = this.rowOf(week);
      return row ? this.toReview(row) : undefined;
    });
  }

  /**
   * Saves the review of a week: its answers and highlights replace what was saved before. A week
   * reviewed for the first time gets `id` (chosen by the change, src/storage/changes.ts).
   * @throws InvalidInputError with a sentence for the user when an answer or a highlight cannot be saved.
   */
  save(input: ReviewInput, newReviewId: string): Review {
    const answers = checkedAnswers(input.answers);
    const problem = highlightsProblem(input.highlights);
    if (problem) throw new InvalidInputError(problem);
    return this.db.write(() => {
      for (const id of input.highlights) {
        if (!this.db.statement('SELECT 1 FROM outcomes WHERE id = ?').get(id)) {
          throw new InvalidInputError(l10n.t('One of the highlights was deleted meanwhile, perhaps in another window; pick the highlights again and save.'));
        }
      }
      const now = this.db.now();
      const existing = this.rowOf(input.week);
      const id = existing?.id ?? newReviewId;
      if (existing) {
        this.db
          .statement('UPDATE reviews SET week_start = ?, week_end = ?, moved_forward = ?, busy_work = ?, next_focus = ?, updated_at = ? WHERE id = ?')
          .run(input.week.start, input.week.end, answers.movedForward, answers.busyWork, answers.nextFocus, now, id);
        this.db.statement('DELETE FROM review_highlights WHERE review_id = ?').run(id);
      } else {
        this.db
          .statement('INSERT INTO reviews (id, week_start, week_end, moved_forward, busy_work, next_focus, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, input.week.start, input.week.end, answers.movedForward, answers.busyWork, answers.nextFocus, now, now);
      }
      const insert = this.db.statement('INSERT INTO review_highlights (review_id, outcome_id, position) VALUES (?, ?, ?)');
      input.highlights.forEach((outcomeId, position) => insert.run(id, outcomeId, position));
      this.db.markLogChanged();
      this.db.logger.info(`Saved the review of the week starting ${new Date(input.week.start).toISOString()} (${input.highlights.length} highlight(s))`);
      return this.toReview(this.db.statement<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?').get(id)!);
    });
  }

  /** Reviews of weeks that overlap [from, to), oldest first: what an export of that range covers. */
  overlapping(from: number, to: number): Review[] {
    return this.db.read(() =>
      this.db
        .statement<[number, number], ReviewRow>('SELECT * FROM reviews WHERE week_start < ? AND week_end > ? ORDER BY week_start, id')
        .all(to, from)
        .map((row) => this.toReview(row)),
    );
  }

  /** The user's own commits authored in [from, to) that still exist (merges and commits that are not work of their own left out). */
  commitCountBetween(from: number, to: number): number {
    return this.db.read(
      () =>
        this.db
          .statement<[{ from: number; to: number }], { n: number }>(
            `SELECT (SELECT count(*) FROM commits WHERE status IN ('open', 'pending', 'named', 'routine', 'skipped', 'history')
               AND author_time >= @from AND author_time < @to AND gone_at IS NULL AND is_merge = 0)
               + (SELECT count(*) FROM ${historyBetween('@from', '@to')}) AS n`,
          )
          .get({ from, to })!.n,
    );
  }

  private rowOf(week: Week): ReviewRow | undefined {
    return this.db.statement<[{ start: number; mid: number }], ReviewRow>(REVIEW_OF_WEEK).get({ start: week.start, mid: middleOf(week) });
  }

  private toReview(row: ReviewRow): Review {
    const highlights = this.db
      .statement<[string], { outcome_id: string }>('SELECT outcome_id FROM review_highlights WHERE review_id = ? ORDER BY position')
      .all(row.id)
      .map((highlight) => highlight.outcome_id);
    return {
      id: row.id,
      weekStart: row.week_start,
      weekEnd: row.week_end,
      movedForward: row.moved_forward,
      busyWork: row.busy_work,
      nextFocus: row.next_focus,
      highlights,
      updatedAt: row.updated_at,
    };
  }
}

/** The instant halfway through a week: inside it whatever its length (DST) or its first day. */
export function middleOf(week: Week): number {
  return week.start + Math.floor((week.end - week.start) / 2);
}

/** The answers as stored (line breaks unified, trimmed). @throws InvalidInputError with the sentence of one that cannot be saved. */
export function checkedAnswers(answers: ReviewAnswers): ReviewAnswers {
  for (const text of [answers.movedForward, answers.busyWork, answers.nextFocus]) {
    const problem = answerProblem(text);
    if (problem) throw new InvalidInputError(problem);
  }
  return { movedForward: normalizeAnswer(answers.movedForward), busyWork: normalizeAnswer(answers.busyWork), nextFocus: normalizeAnswer(answers.nextFocus) };
}
