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
  shareGoalsAndPlan: 'progressLog.shareGoalsAndPlan',
  setReach: 'progressLog.setReach',
  markFirst: 'progressLog.markFirst',
  matchPlanItem: 'progressLog.matchPlanItem',
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
  nextReach: 'progressLog.nextReach',
  showInsights: 'progressLog.showInsights',
  revealWeek: 'progressLog.revealWeek',
  reviewWeek: 'progressLog.reviewWeek',
  importHistory: 'progressLog.importHistory',
  setUpSync: 'progressLog.setUpSync',
  syncNow: 'progressLog.syncNow',
  backUpLog: 'progressLog.backUpLog',
  restoreFromBackup: 'progressLog.restoreFromBackup',
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

/**
 * The contextValue of each kind of row, per view (keyed as Views): package.json's menus pick rows
 * by them (`view == progressLog.log && viewItem == week`, `viewItem =~ /^outcome\./`). A test fails
 * on a menu naming a value not declared here, and on a value here that no code sets.
 */
export const ItemContexts = {
  log: {
    week: 'week',
    group: { impact: 'group.impact', routine: 'group.routine', waiting: 'group.waiting', open: 'group.open', abandoned: 'group.abandoned' },
    outcome: { impact: 'outcome.impact', routine: 'outcome.routine' },
    /** A commit that can be named on its own (not named yet, not a merge). */
    nameableCommit: 'commit.nameable',
    commit: 'commit',
    routineSummary: 'routineSummary',
    waiting: 'waiting',
    openBranch: 'openBranch',
    abandonedBranch: 'abandoned',
    review: 'review',
    reviewAnswer: 'reviewAnswer',
    plan: 'plan',
    planItem: { open: 'planItem.open', landed: 'planItem.landed', moved: 'planItem.moved', dropped: 'planItem.dropped' },
  },
  goals: {
    goal: { active: 'goal.active', completed: 'goal.completed', dropped: 'goal.dropped' },
    /** An active goal with no outcome for weeks: still `goal.active…` to the menus. */
    stalledGoal: 'goal.active.stalled',
    fact: 'goalFact',
    why: 'goalWhy',
    outcome: 'goalOutcome',
    untied: 'untied',
    closedGoals: 'closedGoals',
  },
} as const satisfies Record<keyof typeof Views, object>;

/**
 * Ids of the Weekly Log's rows. VS Code keeps a row's expansion and selection by its id: an id
 * stays the same across refreshes, and a row's children build theirs on its id.
 */
export const LogNodeIds = {
  week: (weekStart: number) => `week/${weekStart}`,
  group: (weekStart: number, group: string) => `${weekStart}/${group}`,
  /** VS Code keeps the state it first saw for an id: a group that was empty gets a new one when it fills, so it opens. */
  emptyGroup: (weekStart: number, group: string) => `${LogNodeIds.group(weekStart, group)}/empty`,
  routineSummary: (weekStart: number) => `${LogNodeIds.group(weekStart, 'routine')}/summary`,
  openBranch: (weekStart: number, repoId: string, branch: string | null) => `${LogNodeIds.group(weekStart, 'open')}/${repoId}/${branch ?? ''}`,
  abandonedBranch: (branchId: string) => `abandoned/${branchId}`,
  plan: (weekStart: number) => `${weekStart}/plan`,
  planItem: (weekStart: number, itemId: string) => `${weekStart}/plan/${itemId}`,
  waitingBranch: (branchId: string) => `waiting/b${branchId}`,
  waitingCommits: (commitIds: readonly string[]) => `waiting/c${commitIds.join('-')}`,
  review: (weekStart: number) => `${weekStart}/review`,
  reviewAnswer: (weekStart: number, question: string) => `${LogNodeIds.review(weekStart)}/${question}`,
  outcome: (parentId: string, outcomeId: string) => `${parentId}/${outcomeId}`,
  commit: (parentId: string, commitId: string) => `${parentId}/c${commitId}`,
  noMatch: (pages: number) => `noMatch/${pages}`,
  older: (pages: number) => `older/${pages}`,
};

/** Ids of the Goals view's rows (see LogNodeIds). A goal's id says whether it is active, so that closing it gives it a fresh row. */
export const GoalNodeIds = {
  goal: (goal: GoalRef) => `${goal.status === 'active' ? 'goal' : 'closed'}/${goal.id}`,
  /** A goal with no row under it yet: it comes back under `goal`'s id, open, once it gains one. */
  bareGoal: (goal: GoalRef) => `${GoalNodeIds.goal(goal)}/bare`,
  /** A row under a goal that says one thing about it: why it matters, that it stalled, its counts, its target day. */
  goalFact: (goal: GoalRef, fact: string) => `${GoalNodeIds.goal(goal)}/${fact}`,
  outcome: (parentId: string, outcomeId: string) => `${parentId}/o${outcomeId}`,
  untied: 'untied',
  closedGoals: 'closed',
  noActiveGoal: 'noActiveGoal',
} as const;

/** What a goal's row id is made of. */
interface GoalRef {
  id: string;
  status: string;
}

/** Context keys set for `when` clauses. */
export const ContextKeys = {
  filtered: 'progressLog.filtered',
  /** The outcome input on screen offers goals: Ctrl+G changes its goal. */
  goalInput: 'progressLog.goalInput',
  /** The outcome input on screen offers who the line reached: Ctrl+R changes it. */
  reachInput: 'progressLog.reachInput',
  /** History was imported in this window, whichever way: the walkthrough's import step completes on it. */
  historyImported: 'progressLog.historyImported',
  /** The log could not open in this window: the views say so in place of their rows. */
  unavailable: 'progressLog.unavailable',
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
  syncRepository: 'sync.repository',
  suggestEnabled: 'suggest.enabled',
  suggestExclude: 'suggest.exclude',
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
  /** The folder the last backup was saved in, which "Back Up Log…" proposes next (never inside a repository). */
  lastBackupFolder: 'progressLog.lastBackupFolder',
  /** Set once "Suggest" has asked whether to turn suggestions from a language model on: it asks only once. */
  suggestConsentAsked: 'progressLog.suggestConsentAsked',
} as const;

/** How long "Not now" keeps prompts quiet. */
export const SNOOZE_MS = 60 * 60 * 1000;
