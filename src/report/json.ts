/**
 * JSON: the documented shape of the export, for scripts. Field names and meanings only ever grow;
 * a change that would break a reader bumps `version` (2: a repository no longer carries `root`,
 * its path on this machine, and a `remoteUrl` that is a local folder is null). Instants are ISO 8601 in UTC; `timeZone` is
 * how the other formats show them.
 */
import type { OutcomeKind, OutcomeSource, Reach } from '../core/domain';
import { jsonWithEscapedControls } from './literal';
import type { ReportData, ReportGoal, ReportOutcome, ReportRepository } from './model';
import { publishedBranchUrl, publishedCommitUrl, remoteLinksOf, shareableRemoteUrl } from './remoteLinks';
import { outcomesByMonth, reviewTotals, totalsByGoal, totalsByRepository } from './reviewAggregation';

/** `renderReport(data, 'json')`. */
export interface ReportJson {
  format: 'progress-log/report';
  version: 2;
  /** [from, to): `to` is the first instant not included. */
  range: { from: string; to: string };
  timeZone: string;
  /**
   * Reviewed weeks the range overlaps that have highlights or a next focus, oldest first: what the
   * report leads with. `highlights` are up to three outcomes in the user's order, each without
   * `children`; `nextFocus` is the answer to "What is the one outcome that matters most next
   * week?" (lines separated by \n), or null.
   */
  reviews: { week: { from: string; to: string }; highlights: OutcomeJson[]; nextFocus: string | null }[];
  /** Top-level shipped impact, newest first; a branch's outcomes are its `children`. */
  impact: OutcomeJson[];
  /** Top-level named routine activity, newest first. */
  routine: OutcomeJson[];
  /** Routine commits nobody named, counted per repository. */
  unnamedRoutine: { repository: RepositoryJson; commitCount: number }[];
  /** Commits and closed branches in the range still waiting for a name, so not in the report. */
  waitingCount: number;
}

/** `renderReview(data, 'json')`. */
export interface ReviewJson {
  format: 'progress-log/review';
  version: 2;
  range: { from: string; to: string };
  timeZone: string;
  /** Counts of top-level outcomes; a branch's child outcomes are part of the branch's one. */
  totals: { impact: number; routine: number; unnamedRoutineCommits: number; waitingCount: number };
  /** By repository name; outcomes without a repository (added by hand) last, with `repository: null`. */
  repositories: { repository: RepositoryJson | null; impact: number; routine: number; unnamedRoutineCommits: number }[];
  /**
   * By goal, in the user's order (active goals even when they did not move), then `goal: null`
   * for the outcomes not tied to a goal, if any. Counts top-level outcomes; `months` has every
   * month of `months` below. Empty when the user keeps no goals.
   */
  goals: { goal: GoalJson | null; impact: number; routine: number; months: { month: string; count: number }[] }[];
  /** Every month of the range in its time zone, oldest first; outcomes oldest first. */
  /** `month` is "2026-07". */
  months: { month: string; impact: OutcomeJson[]; routine: OutcomeJson[] }[];
}

export interface OutcomeJson {
  /** Exactly as stored: plain text, never markup. Show it as text (escape it for HTML). */
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  happenedAt: string;
  /** The goal it moves forward; null when it is not tied to one. */
  goal: GoalJson | null;
  repository: RepositoryJson | null;
  branch: string | null;
  /** The branch on the remote's web site; null unless the remote had the branch at export time. */
  branchUrl: string | null;
  /** `url` is the commit's page, null unless a remote-tracking branch reached it at export time. */
  commits: { sha: string; subject: string; url: string | null }[];
  children: OutcomeJson[];
  /** Who it reached (me, team, teams, users, organisation); absent when the person did not say. */
  reach?: Reach;
  /** True when it was something the person had not done before; absent otherwise. */
  first?: true;
}

export interface GoalJson {
  /** Exactly as stored, like `text`. */
  title: string;
  why: string | null;
  /** "2027-03-31" */
  targetDay: string | null;
  status: 'active' | 'completed' | 'dropped';
}

export interface RepositoryJson {
  name: string;
  /**
   * The remote URL without any user name, password or token it held; null without a remote, or
   * when the remote is a folder on this machine: the document names no local path.
   */
  remoteUrl: string | null;
  /** The repository's page on a known host (GitHub, GitLab, Bitbucket, Azure DevOps). */
  webUrl: string | null;
}

export function renderReportJson(data: ReportData): string {
  return json(reportJson(data));
}

export function renderReviewJson(data: ReportData): string {
  return json(reviewJson(data));
}

function json(value: ReportJson | ReviewJson): string {
  return `${jsonWithEscapedControls(JSON.stringify(value, null, 2))}\n`;
}

/** What both documents open with, in this order. */
function opening<Format extends string>(format: Format, data: ReportData): { format: Format; version: 2; range: ReportJson['range']; timeZone: string } {
  return { format, version: 2, range: { from: new Date(data.range.from).toISOString(), to: new Date(data.range.to).toISOString() }, timeZone: data.timeZone };
}

function reportJson(data: ReportData): ReportJson {
  return {
    ...opening('progress-log/report', data),
    reviews: (data.reviews ?? []).map((review) => ({
      week: { from: new Date(review.week.from).toISOString(), to: new Date(review.week.to).toISOString() },
      highlights: review.highlights.map(outcomeJson),
      nextFocus: review.nextFocus,
    })),
    impact: data.impact.map(outcomeJson),
    routine: data.routine.map(outcomeJson),
    unnamedRoutine: data.unnamedRoutine.map((summary) => ({ repository: repositoryJson(summary.repository), commitCount: summary.commitCount })),
    waitingCount: data.waitingCount,
  };
}

function reviewJson(data: ReportData): ReviewJson {
  return {
    ...opening('progress-log/review', data),
    totals: { ...reviewTotals(data), waitingCount: data.waitingCount },
    repositories: totalsByRepository(data).map((totals) => ({ ...totals, repository: totals.repository && repositoryJson(totals.repository) })),
    goals: totalsByGoal(data).map((totals) => ({
      goal: totals.goal && goalJson(totals.goal),
      impact: totals.impact,
      routine: totals.routine,
      months: totals.months.map((month) => ({ month: month.key, count: month.count })),
    })),
    months: outcomesByMonth(data).map((month) => ({ month: month.key, impact: month.impact.map(outcomeJson), routine: month.routine.map(outcomeJson) })),
  };
}

function outcomeJson(outcome: ReportOutcome): OutcomeJson {
  const links = remoteLinksOf(outcome.repository);
  return {
    text: outcome.text,
    kind: outcome.kind,
    source: outcome.source,
    happenedAt: new Date(outcome.happenedAt).toISOString(),
    goal: outcome.goal ? goalJson(outcome.goal) : null,
    repository: outcome.repository && repositoryJson(outcome.repository),
    branch: outcome.branch,
    branchUrl: publishedBranchUrl(links, outcome) ?? null,
    commits: outcome.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject, url: publishedCommitUrl(links, commit) ?? null })),
    children: outcome.children.map(outcomeJson),
    ...(outcome.reach ? { reach: outcome.reach } : {}),
    ...(outcome.first ? { first: true as const } : {}),
  };
}

function goalJson(goal: ReportGoal): GoalJson {
  return { title: goal.title, why: goal.why, targetDay: goal.targetDay, status: goal.status };
}

function repositoryJson(repository: ReportRepository): RepositoryJson {
  return {
    name: repository.name,
    remoteUrl: repository.remoteUrl && shareableRemoteUrl(repository.remoteUrl),
    webUrl: remoteLinksOf(repository)?.webBase ?? null,
  };
}
