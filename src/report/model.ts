/**
 * What a report is made of. The export commands gather it from the store; the renderers turn it
 * into Markdown, plain text, JSON or CSV. Nothing here knows VS Code.
 */
import type { GoalStatus, OutcomeKind, OutcomeSource, Reach } from '../core/domain';

export type ReportFormat = 'markdown' | 'text' | 'json' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'text', 'json', 'csv'];

export interface ReportRepository {
  /** Short name shown to people: the folder name of the repository root. */
  name: string;
  root: string;
  /** The fetch URL of its remote (SSH or HTTPS), used to link commits and branches; null without one. */
  remoteUrl: string | null;
}

export interface ReportCommit {
  sha: string;
  subject: string;
  /**
   * A remote-tracking branch reached it when the report was gathered, so its page on the host
   * opens; only then is it a link. Absent counts as not published.
   */
  published: boolean;
}

/** A goal as reports show it. */
export interface ReportGoal {
  id: string;
  title: string;
  why: string | null;
  /** "2027-03-31", or null when open-ended. */
  targetDay: string | null;
  status: GoalStatus;
}

export interface ReportOutcome {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  /** When it happened, ms since the epoch. */
  happenedAt: number;
  repository: ReportRepository | null;
  branch: string | null;
  /**
   * The repository's remote had a remote-tracking branch of that name when the report was
   * gathered, so the branch's page opens; only then is it a link. Absent counts as not there.
   */
  branchPublished?: boolean;
  commits: ReportCommit[];
  /** Outcomes of commits of a closed branch, shown under the branch's outcome. */
  children: ReportOutcome[];
  /** The goal it moves forward; null or absent when it is not tied to a goal. */
  goal?: ReportGoal | null;
  /** Who it reached, when the person said. */
  reach?: Reach;
  /** Something the person had not done before. */
  first?: boolean;
}

/** Routine commits nobody named, counted per repository. */
export interface RoutineSummary {
  repository: ReportRepository;
  commitCount: number;
}

/** A reviewed week a report covers: the outcomes the user marked to talk about, and what comes next. */
export interface ReportReview {
  /** The week reviewed, [from, to) in ms since the epoch. */
  week: { from: number; to: number };
  /** Up to three outcomes, in the order the user put them; each one line (no children). */
  highlights: ReportOutcome[];
  /** "What is the one outcome that matters most next week?"; null when not answered. */
  nextFocus: string | null;
}

export interface ReportData {
  /** [from, to) in ms since the epoch. */
  range: { from: number; to: number };
  /** IANA time zone the dates are shown in, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Top-level outcomes of kind impact, newest first. */
  impact: ReportOutcome[];
  /** Top-level named outcomes of kind routine, newest first. */
  routine: ReportOutcome[];
  unnamedRoutine: RoutineSummary[];
  /** Commits and closed branches in the range still waiting for a name. */
  waitingCount: number;
  /**
   * The goals of the range: active ones, and any other an outcome in the range moves. Empty or
   * absent when the user keeps no goals; then reports say nothing about goals.
   */
  goals?: ReportGoal[];
  /** Reviewed weeks the range overlaps that have highlights or a next focus, oldest first; the 1:1 report leads with them. Absent: none. */
  reviews?: ReportReview[];
}
