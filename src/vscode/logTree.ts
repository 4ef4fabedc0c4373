/**
 * The Weekly Log as VS Code shows it: weeks newest first, each with shipped impact, routine
 * activity, what waits for a name and its review; filtered, paged by weeks, revealing a week from
 * Insights; the rows' items at the end. (About 400 lines: one tree provider, whose children and
 * items for every kind of row read best together; what the rows hold is src/log/weeklyLog.ts's.)
 */
import * as vscode from 'vscode';
import type { BranchRecord, CommitRecord, OpenBranch, OutcomeView, PendingBatch, RepositoryRecord, RoutineGroup } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import { errorMessage, shortSha as short } from '../core/text';
import { previousWeek, weekLabel, weekOf, weekRange, type Week, type WeekOptions } from '../core/weeks';
import { Commands, ContextKeys, ItemContexts, LogNodeIds } from '../ids';
import { countsOf, isFiltering, routineSummary, type LogFilter, type WeekGroups, type WeeklyLog } from '../log/weeklyLog';
import { Disposable } from './lifecycle';
import { reachLabel } from '../core/reach';
import { planChildren, planItem, type PlanLookup, type PlanNode } from './planRows';
import { reviewChildren, reviewItem, type ReviewLookup, type ReviewNode } from './reviewRows';
import * as rows from './rowLabels';

/** How many older weeks one "Load older weeks" adds. */
const WEEKS_PER_PAGE = 8;

export type LogNode =
  | { type: 'week'; week: Week }
  | { type: 'group'; week: Week; group: 'impact' | 'routine' | 'waiting' | 'open' | 'abandoned' }
  | { type: 'outcome'; outcome: OutcomeView; parentId: string }
  | { type: 'commit'; commit: CommitRecord; repo: RepositoryRecord | null; parentId: string }
  | { type: 'routineSummary'; week: Week; groups: RoutineGroup[] }
  | { type: 'waiting'; batch: PendingBatch }
  | { type: 'openBranch'; week: Week; work: OpenBranch }
  | { type: 'abandoned'; branch: BranchRecord }
  | { type: 'older' }
  | { type: 'noMatch'; more: boolean }
  | ReviewNode
  | PlanNode;

/** Commits that can be named on their own from the log: not named yet, not a merge. */
const NAMEABLE_ON_THEIR_OWN = new Set(['open', 'routine', 'skipped', 'history']);

/**
 * The weekly log as a tree: weeks newest first, each with shipped impact, routine activity and
 * work waiting for a name. Week contents are read when a week is expanded, once per refresh.
 */
export class LogTreeProvider extends Disposable implements vscode.TreeDataProvider<LogNode> {
  private readonly changed = this.register(new vscode.EventEmitter<LogNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly weekCache = new Map<number, WeekGroups>();
  private pages = 1;
  private filterValue: LogFilter = {};
  private view: vscode.TreeView<LogNode> | undefined;
  private reviews: ReviewLookup | undefined;
  private plans: PlanLookup | undefined;

  constructor(
    private readonly log: WeeklyLog,
    /** How weeks and days are read (first day, time zone); what the log's commands read days by too. */
    readonly weekOptions: () => WeekOptions,
    private readonly showAbandoned: () => boolean,
    private readonly logger: Logger,
    private readonly goalTitle: (goalId: string) => string | undefined = () => undefined,
  ) {
    super();
  }

  attach(view: vscode.TreeView<LogNode>): void {
    this.view = view;
    this.describeFilter();
  }

  /** Shows each week's review: "reviewed" on its row, its highlights and answers under it. */
  /** Shows each week's plan at its top. */
  showPlans(plans: PlanLookup): void {
    this.plans = plans;
    this.refresh();
  }

  showReviews(reviews: ReviewLookup): void {
    this.reviews = reviews;
    this.refresh();
  }

  private reviewOf(week: Week): ReturnType<ReviewLookup['forWeek']> {
    try {
      return this.reviews?.forWeek(week);
    } catch (error) {
      this.logger.warn(`Review of a week not read: ${errorMessage(error)}`);
      return undefined;
    }
  }

  get filter(): LogFilter {
    return this.filterValue;
  }

  setFilter(filter: LogFilter): void {
    this.filterValue = filter;
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, !!(filter.repoRoot || filter.text));
    this.describeFilter();
    this.refresh();
  }

  refresh(): void {
    this.weekCache.clear();
    this.changed.fire(undefined);
  }

  loadOlder(): void {
    this.pages++;
    this.changed.fire(undefined);
  }

  /**
   * Shows the week that starts at `start` expanded and selected, loading older pages until it is
   * listed. False when the log lists no such week (nothing was logged in it).
   */
  async revealWeek(start: number): Promise<boolean> {
    if (!this.view || this.log.isEmpty()) return false;
    let listed = this.listedWeeks();
    while (!listed.weeks.some((week) => week.start === start) && listed.more && (listed.weeks.at(-1)?.start ?? Infinity) > start) {
      this.pages++;
      listed = this.listedWeeks();
      this.changed.fire(undefined);
    }
    const week = listed.weeks.find((candidate) => candidate.start === start);
    if (!week) return false;
    await this.view.reveal({ type: 'week', week }, { select: true, focus: true, expand: true });
    return true;
  }

  /** Weeks are the roots, and only weeks are revealed (`revealWeek`). */
  getParent(): LogNode | undefined {
    return undefined;
  }

  private describeFilter(): void {
    if (!this.view) return;
    const shown = this.filterText();
    this.view.description = shown ? vscode.l10n.t('Filtered: {0}', shown) : undefined;
  }

  /** "api · “refund”", or empty without a filter. */
  private filterText(): string {
    const parts = [this.filterValue.repoRoot ? this.filterValue.repoRoot.split(/[\\/]/).pop() : undefined, this.filterValue.text ? vscode.l10n.t('“{0}”', this.filterValue.text) : undefined];
    return parts.filter(Boolean).join(' · ');
  }

  /**
   * The weeks the tree lists: with a filter only those holding a match (their contents, read to
   * know, are kept for when they are expanded), otherwise every week with activity.
   */
  private listedWeeks(): { weeks: Week[]; more: boolean } {
    const count = this.pages * WEEKS_PER_PAGE;
    if (!isFiltering(this.filterValue)) return this.log.weeks(count);
    const listed = this.log.matchingWeeks(count, this.filterValue, this.showAbandoned());
    for (const [start, groups] of listed.groups) this.weekCache.set(start, groups);
    return listed;
  }

  private groupsOf(week: Week): WeekGroups {
    let groups = this.weekCache.get(week.start);
    if (!groups) {
      groups = this.log.week(week, this.filterValue);
      this.weekCache.set(week.start, groups);
    }
    return groups;
  }

  getChildren(node?: LogNode): LogNode[] {
    try {
      return this.childrenOf(node);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
      void vscode.window.showErrorMessage(vscode.l10n.t('Progress Log could not read the log ({0}); see the Progress Log output.', errorMessage(error)));
      return [];
    }
  }

  private childrenOf(node?: LogNode): LogNode[] {
    if (!node) {
      // An empty tree lets VS Code show the view's welcome (viewsWelcome) to a new user.
      if (this.log.isEmpty()) return [];
      const { weeks, more } = this.listedWeeks();
      const nodes: LogNode[] = weeks.length > 0 ? weeks.map((week) => ({ type: 'week', week })) : [{ type: 'noMatch', more }];
      if (more) nodes.push({ type: 'older' });
      return nodes;
    }
    switch (node.type) {
      case 'week': {
        const groups = this.groupsOf(node.week);
        // A filtered week shows only what matched; an unfiltered one says "(0)" where nothing shipped.
        const filtering = isFiltering(this.filterValue);
        const nodes: LogNode[] = [];
        if (!filtering || groups.impact.length) nodes.push({ type: 'group', week: node.week, group: 'impact' });
        if (!filtering || groups.routineCount) nodes.push({ type: 'group', week: node.week, group: 'routine' });
        if (groups.waiting.length) nodes.push({ type: 'group', week: node.week, group: 'waiting' });
        if (groups.open.length) nodes.push({ type: 'group', week: node.week, group: 'open' });
        if (groups.abandoned.length && this.showAbandoned()) nodes.push({ type: 'group', week: node.week, group: 'abandoned' });
        const review = this.reviewOf(node.week);
        if (review) nodes.unshift({ type: 'review', week: node.week, review });
        const plan = filtering ? [] : (this.plans?.ofWeek(node.week.start) ?? []);
        if (plan.length) nodes.unshift({ type: 'plan', week: node.week, items: plan });
        return nodes;
      }
      case 'group': {
        const groups = this.groupsOf(node.week);
        const parentId = LogNodeIds.group(node.week.start, node.group);
        switch (node.group) {
          case 'impact':
            return groups.impact.map((outcome) => ({ type: 'outcome', outcome, parentId }));
          case 'routine': {
            const nodes: LogNode[] = groups.routine.map((outcome) => ({ type: 'outcome', outcome, parentId }));
            if (groups.unnamedRoutine.length) nodes.push({ type: 'routineSummary', week: node.week, groups: groups.unnamedRoutine });
            return nodes;
          }
          case 'waiting':
            return groups.waiting.map((batch) => ({ type: 'waiting', batch }));
          case 'open':
            return groups.open.map((work) => ({ type: 'openBranch', week: node.week, work }));
          case 'abandoned':
            return groups.abandoned.map((branch) => ({ type: 'abandoned', branch }));
        }
        return [];
      }
      case 'outcome': {
        const parentId = LogNodeIds.outcome(node.parentId, node.outcome.id);
        return [
          ...node.outcome.children.map((outcome): LogNode => ({ type: 'outcome', outcome, parentId })),
          ...node.outcome.commits.map((commit): LogNode => ({ type: 'commit', commit, repo: node.outcome.repo, parentId })),
        ];
      }
      case 'routineSummary':
        return node.groups.flatMap((group) => group.commits.map((commit): LogNode => ({ type: 'commit', commit, repo: group.repo, parentId: LogNodeIds.group(node.week.start, 'routine') })));
      case 'review': {
        const groups = this.groupsOf(node.week);
        return reviewChildren(node, [...groups.impact, ...groups.routine]);
      }
      case 'plan':
        return planChildren(node);
      case 'openBranch':
        return node.work.commits.map((commit): LogNode => ({ type: 'commit', commit, repo: node.work.repo, parentId: LogNodeIds.openBranch(node.week.start, node.work.repo.id, node.work.branch) }));
      default:
        return [];
    }
  }

  getTreeItem(node: LogNode): vscode.TreeItem {
    switch (node.type) {
      case 'week':
        return this.weekItem(node.week);
      case 'group':
        return this.groupItem(node.week, node.group);
      case 'outcome':
        return outcomeItem(node.outcome, node.parentId, node.outcome.goalId === null ? undefined : this.goalTitle(node.outcome.goalId));
      case 'commit':
        return commitItem(node.commit, node.repo, node.parentId);
      case 'routineSummary': {
        const item = new vscode.TreeItem(routineSummary(node.groups), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = LogNodeIds.routineSummary(node.week.start);
        item.iconPath = new vscode.ThemeIcon('list-unordered');
        item.tooltip = vscode.l10n.t('Routine commits nobody named, counted rather than listed. Expand to see them.');
        item.contextValue = ItemContexts.log.routineSummary;
        item.accessibilityInformation = rows.routineSummaryRow(routineSummary(node.groups));
        return item;
      }
      case 'waiting':
        return waitingItem(node.batch);
      case 'openBranch': {
        const { work } = node;
        const item = new vscode.TreeItem(work.branch ?? vscode.l10n.t('detached HEAD'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = LogNodeIds.openBranch(node.week.start, work.repo.id, work.branch);
        item.description = l10n.plural(work.commits.length, '{1} · {0} commit', '{1} · {0} commits', work.repo.name);
        item.iconPath = new vscode.ThemeIcon('git-branch');
        item.tooltip = vscode.l10n.t(
          'Work on {0} that has not landed yet. Progress Log asks what it moved forward once, when the branch is merged; a commit can be named on its own from its row.',
          work.branch ?? vscode.l10n.t('a detached HEAD'),
        );
        item.contextValue = ItemContexts.log.openBranch;
        item.accessibilityInformation = rows.openBranchRow(work, String(item.label));
        return item;
      }
      case 'abandoned': {
        const item = new vscode.TreeItem(node.branch.name, vscode.TreeItemCollapsibleState.None);
        item.id = LogNodeIds.abandonedBranch(node.branch.id);
        item.description = l10n.plural(node.branch.commitIds.length, 'closed without landing · {0} commit', 'closed without landing · {0} commits');
        item.iconPath = new vscode.ThemeIcon('git-branch');
        item.contextValue = ItemContexts.log.abandonedBranch;
        item.accessibilityInformation = rows.abandonedRow(node.branch);
        return item;
      }
      case 'review':
      case 'reviewAnswer':
        return reviewItem(node);
      case 'plan':
      case 'planItem':
        return planItem(node, this.goalTitle);
      case 'noMatch': {
        const item = new vscode.TreeItem(
          node.more ? vscode.l10n.t('Nothing matches the filter in the weeks read so far.') : vscode.l10n.t('Nothing matches the filter.'),
          vscode.TreeItemCollapsibleState.None,
        );
        item.id = LogNodeIds.noMatch(this.pages);
        item.description = this.filterText();
        item.iconPath = new vscode.ThemeIcon('search-stop');
        item.tooltip = vscode.l10n.t('Click to clear the filter.');
        item.command = { command: Commands.clearFilter, title: vscode.l10n.t('Clear Filter') };
        item.accessibilityInformation = rows.noMatchRow(this.filterText());
        return item;
      }
      case 'older': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load older weeks…'), vscode.TreeItemCollapsibleState.None);
        item.id = LogNodeIds.older(this.pages);
        item.iconPath = new vscode.ThemeIcon('history');
        item.command = { command: Commands.loadOlderWeeks, title: vscode.l10n.t('Load older weeks') };
        item.accessibilityInformation = rows.olderWeeksRow(WEEKS_PER_PAGE);
        return item;
      }
    }
  }

  private weekItem(week: Week): vscode.TreeItem {
    const options = this.weekOptions();
    const now = Date.now();
    const thisWeek = weekOf(now, options);
    const isThisWeek = week.start === thisWeek.start;
    const item = new vscode.TreeItem(weekLabel(week, now, options), isThisWeek ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = LogNodeIds.week(week.start);
    // "This week" and "Last week" say which dates they are; other weeks are named by their dates.
    if (isThisWeek || week.start === previousWeek(thisWeek, options).start) item.description = weekRange(week, now, options);
    const title = [item.label, item.description].filter(Boolean).join(', ');
    const reviewed = !!this.reviewOf(week);
    if (reviewed) item.description = [item.description, vscode.l10n.t('reviewed')].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('calendar');
    item.contextValue = ItemContexts.log.week;
    // A week read already says what it lists (filtered, too); another is counted without reading it.
    const read = this.weekCache.get(week.start);
    item.accessibilityInformation = rows.weekRow(title, read ? countsOf(read) : this.log.weekCounts(week), reviewed);
    return item;
  }

  private groupItem(week: Week, group: 'impact' | 'routine' | 'waiting' | 'open' | 'abandoned'): vscode.TreeItem {
    const groups = this.groupsOf(week);
    const waitingCommits = groups.waiting.reduce((sum, batch) => sum + batch.commits.length, 0);
    const openCommits = groups.open.reduce((sum, work) => sum + work.commits.length, 0);
    const commits = (count: number) => l10n.plural(count, '{0} commit', '{0} commits');
    const spec = {
      impact: () => ({ label: vscode.l10n.t('Shipped impact'), count: groups.impact.length, icon: 'rocket', tip: vscode.l10n.t('Outcomes that moved something forward.') }),
      routine: () => ({ label: vscode.l10n.t('Routine activity'), count: groups.routineCount, icon: 'tools', tip: vscode.l10n.t('Upkeep: routine outcomes and unnamed routine commits.') }),
      waiting: () => ({
        label: vscode.l10n.t('Waiting for a name'),
        count: groups.waiting.length,
        icon: 'edit',
        tip: l10n.plural(
          groups.waiting.length,
          '{0} piece of work nobody has named yet ({1}): commits asked about together, and merged branches.',
          '{0} pieces of work nobody has named yet ({1}): commits asked about together, and merged branches.',
          commits(waitingCommits),
        ),
      }),
      open: () => ({
        label: vscode.l10n.t('In progress'),
        count: groups.open.length,
        icon: 'git-branch',
        tip: vscode.l10n.t('Branches that have not landed yet ({0}); asked about once, when they land.', commits(openCommits)),
      }),
      abandoned: () => ({ label: vscode.l10n.t('Abandoned branches'), count: groups.abandoned.length, icon: 'git-branch', tip: vscode.l10n.t('Branches closed without their changes landing.') }),
    }[group]();
    const expandable = spec.count > 0;
    const item = new vscode.TreeItem(
      `${spec.label} (${spec.count})`,
      !expandable ? vscode.TreeItemCollapsibleState.None : group === 'routine' || group === 'open' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = expandable ? LogNodeIds.group(week.start, group) : LogNodeIds.emptyGroup(week.start, group);
    item.iconPath = new vscode.ThemeIcon(spec.icon);
    item.tooltip = spec.tip;
    item.contextValue = ItemContexts.log.group[group];
    item.accessibilityInformation = rows.groupRow(group, spec.count);
    return item;
  }
}

/** `goal` is the title of the goal the outcome moves, if it moves one. */
function outcomeItem(outcome: OutcomeView, parentId: string, goal?: string): vscode.TreeItem {
  const expandable = outcome.commits.length + outcome.children.length > 0;
  const item = new vscode.TreeItem(outcome.text, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = LogNodeIds.outcome(parentId, outcome.id);
  item.description = [
    outcome.repo ? outcome.repo.name : outcome.source === 'manual' ? vscode.l10n.t('added by hand') : undefined,
    outcome.branch ?? undefined,
    goal === undefined ? undefined : vscode.l10n.t('goal: {0}', goal),
    outcome.reach ? reachLabel(outcome.reach).toLowerCase() : undefined,
    outcome.first ? vscode.l10n.t('a first') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(outcome.source === 'branch' ? 'git-merge' : outcome.kind === 'impact' ? 'rocket' : 'tools');
  item.contextValue = ItemContexts.log.outcome[outcome.kind];
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(outcome.text);
  tooltip.appendMarkdown('\n\n');
  tooltip.appendText(`${outcome.kind === 'impact' ? vscode.l10n.t('Shipped impact') : vscode.l10n.t('Routine activity')} · ${new Date(outcome.happenedAt).toLocaleString()}`);
  if (goal !== undefined) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('Goal: {0}', goal));
  }
  for (const commit of outcome.commits) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`${short(commit.sha)} ${commit.subject}`);
  }
  item.tooltip = tooltip;
  item.accessibilityInformation = rows.outcomeRow(outcome, goal);
  return item;
}

function commitItem(commit: CommitRecord, repo: RepositoryRecord | null, parentId: string): vscode.TreeItem {
  const item = new vscode.TreeItem(commit.subject, vscode.TreeItemCollapsibleState.None);
  item.id = LogNodeIds.commit(parentId, commit.id);
  item.description = [short(commit.sha), repo?.name].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('git-commit');
  item.tooltip = `${commit.sha}\n${commit.subject}\n${new Date(commit.authorTime).toLocaleString()}${commit.branch ? `\n${vscode.l10n.t('on {0}', commit.branch)}` : ''}`;
  item.contextValue = NAMEABLE_ON_THEIR_OWN.has(commit.status) && !commit.isMerge ? ItemContexts.log.nameableCommit : ItemContexts.log.commit;
  if (repo?.root) item.command = { command: Commands.openCommit, title: vscode.l10n.t('Open Changes'), arguments: [{ sha: commit.sha, subject: commit.subject, root: repo.root }] };
  item.accessibilityInformation = rows.commitRow(short(commit.sha), commit.subject, repo?.name);
  return item;
}

function waitingItem(batch: PendingBatch): vscode.TreeItem {
  const item = new vscode.TreeItem(
    batch.type === 'branch' ? batch.branch.name : batch.commits.length === 1 ? batch.commits[0].subject : l10n.plural(batch.commits.length, '{0} commit in {1}', '{0} commits in {1}', batch.repo.name),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = batch.type === 'branch' ? LogNodeIds.waitingBranch(batch.branch.id) : LogNodeIds.waitingCommits(batch.commits.map((commit) => commit.id));
  item.description =
    batch.type === 'branch'
      ? batch.branch.closedAs === 'squash-merged'
        ? l10n.plural(batch.commits.length, 'squash-merged into {1} · {0} commit', 'squash-merged into {1} · {0} commits', String(batch.branch.into))
        : l10n.plural(batch.commits.length, 'merged into {1} · {0} commit', 'merged into {1} · {0} commits', String(batch.branch.into))
      : [batch.commits.map((commit) => short(commit.sha)).join(' '), batch.repo.name].join(' · ');
  item.iconPath = new vscode.ThemeIcon(batch.type === 'branch' ? 'git-merge' : 'circle-large-outline');
  item.tooltip = `${batch.commits.map((commit) => `${short(commit.sha)} ${commit.subject}`).join('\n')}\n\n${vscode.l10n.t('Click to name what moved forward.')}`;
  item.contextValue = ItemContexts.log.waiting;
  item.command = { command: Commands.nameWaitingItem, title: vscode.l10n.t('Name Outcome'), arguments: [{ type: 'waiting', batch }] };
  item.accessibilityInformation = rows.waitingRow(batch);
  return item;
}
