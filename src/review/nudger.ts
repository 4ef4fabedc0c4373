/**
 * The weekly review nudge over the store: notes the days the user is active, reads what the
 * decision needs, claims the nudge for this window (exactly one window wins), and remembers the
 * answer. The VS Code layer calls `recordActivity`, `claimDue` and `answer`, and sets a timer for
 * `nextCheckAt`. The clock is injected. Nothing here knows VS Code.
 */
import { localDays } from '../core/calendar';
import type { Logger } from '../core/logger';
import type { Week } from '../core/weeks';
import { groupWeek, type WeekGroups } from '../log/weeklyLog';
import type { Store } from '../storage/store';
import type { NudgeAnswer } from '../storage/nudges';
import { decideNudge, describeNudge, localDay, nextCheckAt, nudgeMessage, nudgeWeeks, type NudgeReason, type NudgeSettings, type WeekNudgeFacts } from './nudgeTiming';

/** A nudge this window claimed and should show now. */
export interface NudgeOffer {
  week: Week;
  which: 'this' | 'last';
  reason: NudgeReason;
  /** "This week: 3 shipped, 12 routine, 2 waiting. Review it?" */
  message: string;
}

/**
 * Whether a week holds work to review: an outcome, work waiting for a name, or commits Progress Log
 * saw made and settled as routine. History imported from before Progress Log first looked does not
 * count: on the first launch a week of it is no work seen, and its review would have nothing to
 * ask. So the nudge never counts a week as "0 shipped, 0 routine, 0 waiting".
 */
function holdsWorkSeen(week: WeekGroups): boolean {
  if (week.impact.length > 0 || week.routine.length > 0 || week.waiting.length > 0) return true;
  return week.unnamedRoutine.some((group) => group.commits.some((commit) => commit.status !== 'history'));
}

/** How often activity on the same day is written again (only `last_at` changes). */
const ACTIVITY_REWRITE_MS = 15 * 60 * 1000;

export class ReviewNudger {
  private lastActivity: { day: string; at: number } | undefined;

  constructor(
    private readonly store: Store,
    private readonly settings: () => NudgeSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user did something in VS Code now. Cheap: writes once per local day, then at most every 15 minutes. */
  recordActivity(): void {
    const now = this.now();
    const day = localDay(now, this.settings().week.timeZone);
    if (this.lastActivity?.day === day && now - this.lastActivity.at < ACTIVITY_REWRITE_MS) return;
    this.store.nudges.recordActivity(day, now);
    this.lastActivity = { day, at: now };
  }

  /**
   * The nudge due now, claimed for this window; undefined when none is due or another window has it.
   * `explain` logs why not at info level (after a start or a settings change), else at trace.
   */
  claimDue(explain = false): NudgeOffer | undefined {
    const now = this.now();
    const settings = this.settings();
    const { thisWeek, lastWeek } = nudgeWeeks(now, settings);
    const today = localDay(now, settings.week.timeZone);
    const lastWeekDays = localDays({ from: lastWeek.start, to: lastWeek.end }, settings.week.timeZone);
    const decision = decideNudge(now, settings, {
      thisWeek: this.facts(thisWeek),
      lastWeek: this.facts(lastWeek),
      activeToday: this.store.nudges.activeBetween(today, today),
      activeLastWeek: this.store.nudges.activeBetween(lastWeekDays.first, lastWeekDays.last),
    });
    if (decision.type === 'none') {
      (explain ? this.logger.info : this.logger.trace).call(this.logger, `Review nudge: not now (${decision.why})`);
      return undefined;
    }
    // What the week holds is read only once its moment has come: the message counts it anyway.
    const groups = groupWeek(this.store.log.contentsBetween(decision.week.start, decision.week.end));
    if (!holdsWorkSeen(groups)) {
      (explain ? this.logger.info : this.logger.trace).call(this.logger, `Review nudge for ${describeNudge(decision, settings.week.timeZone)}: not now (no work seen that week, nothing to review)`);
      return undefined;
    }
    const claimed = decision.reason === 'later' ? this.store.nudges.claimAgain(decision.week, decision.laterAnsweredAt!) : this.store.nudges.claim(decision.week);
    if (!claimed) {
      this.logger.info(`Review nudge for ${describeNudge(decision, settings.week.timeZone)}: another window has it`);
      return undefined;
    }
    this.logger.info(`Review nudge for ${describeNudge(decision, settings.week.timeZone)}`);
    return {
      week: decision.week,
      which: decision.which,
      reason: decision.reason,
      message: nudgeMessage(decision.which, { shipped: groups.impact.length, routine: groups.routineCount, waiting: groups.waiting.length }),
    };
  }

  /** Remembers the answer: "review" and a dismissal end the week's nudging; "later" waits for the next working day. */
  answer(offer: NudgeOffer, answer: NudgeAnswer): void {
    this.store.nudges.answer(offer.week, answer);
    this.logger.info(`Review nudge answered: ${answer}`);
  }

  /** When to look again without any activity; undefined when the nudge is off. */
  nextCheckAt(): number | undefined {
    return nextCheckAt(this.now(), this.settings());
  }

  private facts(week: Week): WeekNudgeFacts {
    return { reviewed: this.store.reviews.forWeek(week) !== undefined, nudge: this.store.nudges.record(week) };
  }
}
