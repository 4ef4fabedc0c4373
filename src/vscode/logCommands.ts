import * as path from 'node:path';
import * as vscode from 'vscode';
import { calendarIn } from '../core/calendar';
import type { CommitRecord, OutcomeKind, OutcomeView, RepositoryRecord } from '../core/domain';
import type { Logger } from '../core/logger';
import { shortSha } from '../core/text';
import type { GitReader } from '../git/gitReader';
import { Commands, Views } from '../ids';
import type { LogFilter } from '../log/weeklyLog';
import { goalChoices, goalChoicesForLine, reachChoices, workOfCommits } from '../naming/naming';
import { dayProblem, happenedAtOf, namedDay, recentDays } from '../naming/outcomeDay';
import { DraftTargets, type Store } from '../storage/store';
import type { CommandTable } from './commands';
import type { GitWatcher } from './gitWatcher';
import type { LogNode, LogTreeProvider } from './logTree';
import type { Notices } from './notices';
import type { OutcomePrompter } from './prompter';
import { savedMessage, savingWith, savingWithChoices } from './promptSurface';

type OutcomeNode = Extract<LogNode, { type: 'outcome' }>;
type WaitingNode = Extract<LogNode, { type: 'waiting' }>;
type CommitNode = Extract<LogNode, { type: 'commit' }>;

/** What a commit row passes to "open changes". */
export interface CommitTarget {
  sha: string;
  subject: string;
  root: string;
}

/** What a caller (a test, a keybinding) can pass to "Add an Outcome…" to skip the day picker. */
export interface AddOutcomeArgs {
  /** "today", "yesterday" or YYYY-MM-DD. */
  day?: string;
}

/** The sidebar's commands: edit outcomes, name waiting work, add by hand, filter, open commits. */
export class LogCommands {
  constructor(
    private readonly store: Store,
    private readonly tree: LogTreeProvider,
    private readonly prompter: OutcomePrompter,
    private readonly notices: Notices,
    private readonly logger: Logger,
    private readonly git: GitReader,
    private readonly watcher: GitWatcher,
  ) {}

  commands(): CommandTable {
    return {
      [Commands.renameOutcome]: (node: OutcomeNode) => this.rename(node.outcome),
      [Commands.markImpact]: (node: OutcomeNode) => this.flip(node.outcome, 'impact'),
      [Commands.markRoutine]: (node: OutcomeNode) => this.flip(node.outcome, 'routine'),
      [Commands.deleteOutcome]: (node: OutcomeNode) => this.delete(node.outcome),
      [Commands.copyOutcome]: (node: OutcomeNode) => this.copy(node.outcome),
      [Commands.nameWaitingItem]: (node: WaitingNode) => this.prompter.askForName(node.batch),
      [Commands.nameCommit]: (node: CommitNode) => this.nameCommit(node.commit, node.repo),
      [Commands.addOutcome]: (args?: AddOutcomeArgs) => this.add(args ?? {}),
      [Commands.refresh]: () => this.tree.refresh(),
      [Commands.filter]: (filter?: LogFilter) => (filter ? this.tree.setFilter(filter) : this.chooseFilter()),
      [Commands.clearFilter]: () => this.tree.setFilter({}),
      [Commands.loadOlderWeeks]: () => this.tree.loadOlder(),
      [Commands.openCommit]: (target: CommitTarget) => this.openCommit(target),
      [Commands.showView]: () => vscode.commands.executeCommand(`${Views.log}.focus`),
    };
  }

  /** The same one-line input as the prompt, prefilled: edit the words and flip the kind. Escape keeps the edit for next time. */
  private async rename(outcome: OutcomeView): Promise<void> {
    const target = DraftTargets.rename(outcome.id);
    await this.prompter.surface.askOutcome({
      title: vscode.l10n.t('Edit outcome'),
      value: this.store.drafts.get(target) ?? outcome.text,
      kind: outcome.kind,
      escapeKeeps: vscode.l10n.t('Escape keeps your edit for the next time you edit this outcome.'),
      // A command's argument may carry the outcome alone (no commits): then its words alone are read.
      work: { subjects: (outcome.commits ?? []).map((commit) => commit.subject), branch: outcome.source === 'branch' ? outcome.branch : null },
      save: savingWith(this.logger, (text, kind) => this.store.changes.editOutcome(outcome.id, { text, kind }).state),
      keepDraft: (text) => this.notices.guardQuietly('draft', () => this.store.drafts.set(target, text !== outcome.text ? text : null)),
    });
  }

  /** Flips an outcome between shipped impact and routine activity. */
  private flip(outcome: OutcomeView, kind: OutcomeKind): void {
    if (this.store.changes.editOutcome(outcome.id, { kind }).state === 'kept') vscode.window.setStatusBarMessage(savedMessage('kept', ''), 3000);
  }

  /** Deletes at once; the confirmation offers Undo without holding the command open. */
  private delete(outcome: OutcomeView): void {
    const result = this.store.changes.deleteOutcome(outcome.id);
    if (result.state === 'kept') {
      // Deleted as soon as the database is free: there is nothing to undo yet.
      void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” is deleted as soon as the database is free.', outcome.text));
      return;
    }
    const deleted = result.value;
    if (!deleted) return;
    const message = deleted.commitStatuses.length ? vscode.l10n.t('Deleted “{0}”. Its commits wait for a name again.', outcome.text) : vscode.l10n.t('Deleted “{0}”.', outcome.text);
    const undo = vscode.l10n.t('Undo');
    void vscode.window.showInformationMessage(message, undo).then((choice) => {
      if (choice !== undo) return;
      void this.notices.guard('undo', () => this.store.changes.restoreOutcome(deleted));
    });
  }

  private async copy(outcome: OutcomeView): Promise<void> {
    await vscode.env.clipboard.writeText(outcome.text);
    vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Outcome copied')}`, 2000);
  }

  /** Names one commit on its own: work in progress, or a commit settled as routine, skipped or history. */
  private async nameCommit(commit: CommitRecord, repo: RepositoryRecord | null): Promise<void> {
    const target = DraftTargets.group(commit.id);
    const goals = goalChoices(this.store, workOfCommits(commit.repoId, [commit]));
    const reach = reachChoices(this.store);
    await this.prompter.surface.askOutcome({
      title: repo ? vscode.l10n.t('Outcome of {0} in {1}', shortSha(commit.sha), repo.name) : vscode.l10n.t('Outcome of {0}', shortSha(commit.sha)),
      value: this.store.drafts.get(target) ?? commit.subject,
      kind: 'impact',
      escapeKeeps: vscode.l10n.t('Escape keeps what you typed for the next time you name this commit.'),
      goals,
      reach,
      work: { subjects: [commit.subject] },
      save: savingWithChoices({ goals, reach }, ({ goalId, reach: who }) =>
        savingWith(this.logger, (text, kind) => this.store.changes.createOutcome({ text, kind, source: 'commit', commitIds: [commit.id], includeSettled: true, goalId, reach: who }).state),
      ),
      keepDraft: (text) => this.notices.guardQuietly('draft', () => this.store.drafts.set(target, text !== commit.subject ? text : null)),
    });
  }

  /**
   * Non-code work (a review, mentoring, an incident, a design doc): the day it happened (today
   * unless picked or passed), then the same one-line input. Escape keeps the line for next time.
   */
  private async add(args: AddOutcomeArgs): Promise<void> {
    const { timeZone } = this.tree.weekOptions();
    const now = Date.now();
    const calendar = calendarIn(timeZone);
    const dayText = (day: string) => calendar.dayWithYear(happenedAtOf(day, now, timeZone));
    const day =
      args.day !== undefined
        ? namedDay(args.day, now, timeZone)
        : await this.prompter.surface.askDay({
            title: vscode.l10n.t('Add an outcome: when did it happen?'),
            choices: recentDays(now, timeZone),
            problem: (typed) => dayProblem(typed, now, timeZone),
            describe: dayText,
          });
    if (day === undefined) return;
    const today = day === calendar.isoDate(now);
    const value = this.store.drafts.get(DraftTargets.addOutcome) ?? '';
    const goals = goalChoicesForLine(this.store, value);
    const reach = reachChoices(this.store);
    await this.prompter.surface.askOutcome({
      title: today
        ? vscode.l10n.t('Add an outcome (a review, mentoring, an incident, a design doc…)')
        : vscode.l10n.t('Add an outcome on {0} (a review, mentoring, an incident, a design doc…)', dayText(day)),
      value,
      kind: 'impact',
      escapeKeeps: vscode.l10n.t('Escape keeps what you typed for the next time you add an outcome.'),
      goals,
      reach,
      // Today's is dated when it is saved, not when the input opened.
      save: savingWithChoices({ goals, reach }, ({ goalId, reach: who }) =>
        savingWith(this.logger, (text, kind) => this.store.changes.createOutcome({ text, kind, source: 'manual', goalId, reach: who, happenedAt: happenedAtOf(day, Date.now(), timeZone) }).state),
      ),
      keepDraft: (text) => this.notices.guardQuietly('draft', () => this.store.drafts.set(DraftTargets.addOutcome, text)),
    });
  }

  private async chooseFilter(): Promise<void> {
    const current = this.tree.filter;
    const repositories = [...new Set([...this.watcher.roots, ...(current.repoRoot ? [current.repoRoot] : [])])];
    type Choice = vscode.QuickPickItem & { apply: () => Promise<void> | void };
    const choices: Choice[] = [
      {
        label: `$(search) ${vscode.l10n.t('Filter by text…')}`,
        description: current.text ? vscode.l10n.t('now “{0}”', current.text) : undefined,
        apply: async () => {
          const text = await vscode.window.showInputBox({
            title: vscode.l10n.t('Filter the log by text'),
            value: current.text ?? '',
            prompt: vscode.l10n.t('Matches outcomes, commit subjects and branch names.'),
          });
          if (text !== undefined) this.tree.setFilter({ ...current, text: text.trim() || undefined });
        },
      },
      ...repositories.map((root) => ({
        label: `$(repo) ${path.basename(root)}`,
        description: root === current.repoRoot ? vscode.l10n.t('shown now') : root,
        apply: () => this.tree.setFilter({ ...current, repoRoot: root }),
      })),
      { label: `$(clear-all) ${vscode.l10n.t('Show everything')}`, apply: () => this.tree.setFilter({}) },
    ];
    const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Filter the log'), placeHolder: vscode.l10n.t('By text, or by repository') });
    await picked?.apply();
  }

  /** Opens a commit's changes in VS Code's multi-file diff editor. */
  private async openCommit(target: CommitTarget): Promise<void> {
    const api = this.watcher.gitApi;
    if (!api) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Progress Log needs VS Code\'s git extension to open a commit; enable "git.enabled" and try again.'));
      return;
    }
    const files = await this.git.changedFiles(target.root, target.sha);
    const resources = files.map((file) => {
      const uri = vscode.Uri.file(path.join(target.root, file.path));
      const before = file.status === 'A' ? undefined : api.toGitUri(vscode.Uri.file(path.join(target.root, file.oldPath ?? file.path)), `${target.sha}~`);
      const after = file.status === 'D' ? undefined : api.toGitUri(uri, target.sha);
      return [uri, before, after];
    });
    await vscode.commands.executeCommand('vscode.changes', `${shortSha(target.sha)} ${target.subject}`, resources);
  }
}
