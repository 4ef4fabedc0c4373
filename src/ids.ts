/**
 * Every id Progress Log contributes, declared once. package.json must agree: a test compares them.
 * Nothing here knows VS Code.
 */

export const EXTENSION_ID = 'progress-log.progress-log';
export const OUTPUT_CHANNEL_NAME = 'Progress Log';

export const Commands = {
  nameWaitingCommits: 'progressLog.nameWaitingCommits',
  addOutcome: 'progressLog.addOutcome',
  refresh: 'progressLog.refresh',
  filter: 'progressLog.filter',
  clearFilter: 'progressLog.clearFilter',
  renameOutcome: 'progressLog.renameOutcome',
  markImpact: 'progressLog.markImpact',
  markRoutine: 'progressLog.markRoutine',
  deleteOutcome: 'progressLog.deleteOutcome',
  copyOutcome: 'progressLog.copyOutcome',
  nameWaitingItem: 'progressLog.nameWaitingItem',
  nameCommit: 'progressLog.nameCommit',
  openCommit: 'progressLog.openCommit',
  loadOlderWeeks: 'progressLog.loadOlderWeeks',
  showView: 'progressLog.showView',
  exportOneOnOne: 'progressLog.exportOneOnOne',
  exportReview: 'progressLog.exportReview',
  snoozePrompts: 'progressLog.snoozePrompts',
  resumePrompts: 'progressLog.resumePrompts',
  scanRepositories: 'progressLog.scanRepositories',
  showLog: 'progressLog.showLog',
  addGoal: 'progressLog.addGoal',
  editGoal: 'progressLog.editGoal',
  completeGoal: 'progressLog.completeGoal',
  dropGoal: 'progressLog.dropGoal',
  restoreGoal: 'progressLog.restoreGoal',
  linkToGoal: 'progressLog.linkToGoal',
  nextGoal: 'progressLog.nextGoal',
  showInsights: 'progressLog.showInsights',
  revealWeek: 'progressLog.revealWeek',
  reviewWeek: 'progressLog.reviewWeek',
  importHistory: 'progressLog.importHistory',
} as const;

/** Any command Progress Log contributes. */
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** The walkthrough that teaches the loop: commit and name it, the Weekly Log, export for a 1:1, import history. */
export const WALKTHROUGH_ID = 'progressLog.gettingStarted';

export const VIEW_CONTAINER_ID = 'progressLog';
export const Views = {
  log: 'progressLog.log',
  goals: 'progressLog.goals',
} as const;

/** Context keys set for `when` clauses. */
export const ContextKeys = {
  filtered: 'progressLog.filtered',
  /** The outcome input on screen offers goals: Ctrl+G changes its goal. */
  goalInput: 'progressLog.goalInput',
  /** History was imported in this window, whichever way: the walkthrough's import step completes on it. */
  historyImported: 'progressLog.historyImported',
} as const;

/** Webview panels, by view type (what a restored panel is revived by). */
export const Webviews = {
  review: 'progressLog.review',
  insights: 'progressLog.insights',
} as const;

export const SETTINGS_SECTION = 'progressLog';

/** Setting keys, relative to SETTINGS_SECTION. */
export const Settings = {
  prompt: 'prompt',
  askWhen: 'askWhen',
  authorEmails: 'authorEmails',
  defaultBranches: 'defaultBranches',
  weekStart: 'weekStart',
  showAbandonedBranches: 'showAbandonedBranches',
  exportFormat: 'export.format',
  exportDestination: 'export.destination',
  reviewNudgeDay: 'review.nudgeDay',
  reviewNudgeTime: 'review.nudgeTime',
  reviewWorkingDays: 'review.workingDays',
  reviewWorkingHours: 'review.workingHours',
} as const;

export type ExportDestination = 'editor' | 'clipboard' | 'editorAndClipboard';
export const EXPORT_DESTINATIONS: readonly ExportDestination[] = ['editor', 'clipboard', 'editorAndClipboard'];

/** When Progress Log asks for an outcome. */
export type PromptMode = 'afterEachCommit' | 'statusBarOnly' | 'off';
export const PROMPT_MODES: readonly PromptMode[] = ['afterEachCommit', 'statusBarOnly', 'off'];

/** When Progress Log asks: as work lands on the default branch, or after each commit. */
export const ASK_WHEN_VALUES = ['workLands', 'eachCommit'] as const;

/** Keys of state kept in VS Code's globalState. */
export const StateKeys = {
  snoozedUntil: 'progressLog.snoozedUntil',
  hideGitMissing: 'progressLog.hideGitMissing',
  lastOneOnOneExport: 'progressLog.lastOneOnOneExport',
  /** The folder the last export was saved in, which "Save as a file…" proposes next. */
  lastExportFolder: 'progressLog.lastExportFolder',
  /** Set once Progress Log has said that focus beats a long list of goals. */
  goalFocusAdviceGiven: 'progressLog.goalFocusAdviceGiven',
  insightsRange: 'progressLog.insightsRange',
} as const;

/** How long "Not now" keeps prompts quiet. */
export const SNOOZE_MS = 60 * 60 * 1000;
