import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OutcomeView } from '../core/domain';
import type { GitReader } from '../git/gitReader';
import { Commands, Views } from '../ids';
import type { LogFilter } from '../log/weeklyLog';
import type { Store } from '../storage/store';
import type { GitWatcher } from './gitWatcher';
import { Disposable } from './lifecycle';
import type { LogChanges } from './logChanges';
import type { LogNode, LogTreeProvider } from './logTree';
import { describeError, type Notices } from './notices';
import type { OutcomePrompter } from './prompter';

type OutcomeNode = Extract<LogNode, { type: 'outcome' }>;
type WaitingNode = Extract<LogNode, { type: 'waiting' }>;

/** What a commit row passes to "open changes". */
export interface CommitTarget {
  sha: string;
  subject: string;
  root: string;
}

/** The sidebar's commands: edit outcomes, name waiting work, add by hand, filter, open commits. */
export class LogCommands extends Disposable {
  constructor(
    private readonly store: Store,
    private readonly tree: LogTreeProvider,
    private readonly prompter: OutcomePrompter,
    private readonly changes: LogChanges,
    private readonly notices: Notices,
    private readonly git: GitReader,
    private readonly watcher: GitWatcher,
  ) {
    super();
    const command = (id: string, run: (...args: never[]) => unknown) =>
      this.register(vscode.commands.registerCommand(id, (...args: never[]) => this.notices.guard('command', () => run(...args))));
    command(Commands.renameOutcome, (node: OutcomeNode) => this.rename(node.outcome));
    command(Commands.markImpact, (node: OutcomeNode) => this.setKind(node.outcome, 'impact'));
    command(Commands.markRoutine, (node: OutcomeNode) => this.setKind(node.outcome, 'routine'));
    command(Commands.deleteOutcome, (node: OutcomeNode) => this.delete(node.outcome));
    command(Commands.copyOutcome, (node: OutcomeNode) => this.copy(node.outcome));
    command(Commands.nameWaitingItem, (node: WaitingNode) => this.prompter.askForName(node.batch));
    command(Commands.addOutcome, () => this.add());
    command(Commands.refresh, () => this.tree.refresh());
    command(Commands.filter, (filter?: LogFilter) => (filter ? this.tree.setFilter(filter) : this.chooseFilter()));
    command(Commands.clearFilter, () => this.tree.setFilter({}));
    command(Commands.loadOlderWeeks, () => this.tree.loadOlder());
    command(Commands.openCommit, (target: CommitTarget) => this.openCommit(target));
    command(Commands.showView, () => vscode.commands.executeCommand(`${Views.log}.focus`));
  }

  /** The same one-line input as the prompt, prefilled: edit the words and flip the kind. */
  private async rename(outcome: OutcomeView): Promise<void> {
    await this.prompter.surface.askOutcome({
      title: 'Edit outcome',
      value: outcome.text,
      kind: outcome.kind,
      save: async (text, kind) => {
        try {
          this.store.renameOutcome(outcome.id, text);
          if (kind !== outcome.kind) this.store.setOutcomeKind(outcome.id, kind);
          this.changes.fire();
          return undefined;
        } catch (error) {
          return `${describeError(error)} Press Enter to try again.`;
        }
      },
      keepDraft: () => undefined,
    });
  }

  private setKind(outcome: OutcomeView, kind: 'impact' | 'routine'): void {
    this.store.setOutcomeKind(outcome.id, kind);
    this.changes.fire();
  }

  /** Deletes at once; the confirmation offers Undo without holding the command open. */
  private delete(outcome: OutcomeView): void {
    const deleted = this.store.deleteOutcome(outcome.id);
    if (!deleted) return;
    this.changes.fire();
    const waiting = deleted.commitStatuses.length ? ' Its commits wait for a name again.' : '';
    void vscode.window.showInformationMessage(`Deleted “${outcome.text}”.${waiting}`, 'Undo').then((choice) => {
      if (choice !== 'Undo') return;
      void this.notices.guard('undo', () => {
        this.store.restoreOutcome(deleted);
        this.changes.fire();
      });
    });
  }

  private async copy(outcome: OutcomeView): Promise<void> {
    await vscode.env.clipboard.writeText(outcome.text);
    vscode.window.setStatusBarMessage('$(copy) Outcome copied', 2000);
  }

  /** Non-code work (a review, mentoring, an incident, a design doc), in the same one-line input. */
  private async add(): Promise<void> {
    await this.prompter.surface.askOutcome({
      title: 'Add an outcome (a review, mentoring, an incident, a design doc…)',
      value: '',
      kind: 'impact',
      save: async (text, kind) => {
        try {
          this.store.saveOutcome({ text, kind, source: 'manual' });
          this.changes.fire();
          return undefined;
        } catch (error) {
          return `${describeError(error)} Press Enter to try again.`;
        }
      },
      keepDraft: () => undefined,
    });
  }

  private async chooseFilter(): Promise<void> {
    const current = this.tree.filter;
    const repositories = [...new Set([...this.watcher.roots, ...(current.repoRoot ? [current.repoRoot] : [])])];
    type Choice = vscode.QuickPickItem & { apply: () => Promise<void> | void };
    const choices: Choice[] = [
      {
        label: '$(search) Filter by text…',
        description: current.text ? `now “${current.text}”` : undefined,
        apply: async () => {
          const text = await vscode.window.showInputBox({ title: 'Filter the log by text', value: current.text ?? '', prompt: 'Matches outcomes, commit subjects and branch names.' });
          if (text !== undefined) this.tree.setFilter({ ...current, text: text.trim() || undefined });
        },
      },
      ...repositories.map((root) => ({
        label: `$(repo) ${path.basename(root)}`,
        description: root === current.repoRoot ? 'shown now' : root,
        apply: () => this.tree.setFilter({ ...current, repoRoot: root }),
      })),
      { label: '$(clear-all) Show everything', apply: () => this.tree.setFilter({}) },
    ];
    const picked = await vscode.window.showQuickPick(choices, { title: 'Filter the log', placeHolder: 'By text, or by repository' });
    await picked?.apply();
  }

  /** Opens a commit's changes in VS Code's multi-file diff editor. */
  private async openCommit(target: CommitTarget): Promise<void> {
    const api = this.watcher.gitApi;
    if (!api) {
      void vscode.window.showWarningMessage('Progress Log needs VS Code\'s git extension to open a commit; enable "git.enabled" and try again.');
      return;
    }
    const files = await this.git.changedFiles(target.root, target.sha);
    const resources = files.map((file) => {
      const uri = vscode.Uri.file(path.join(target.root, file.path));
      const before = file.status === 'A' ? undefined : api.toGitUri(vscode.Uri.file(path.join(target.root, file.oldPath ?? file.path)), `${target.sha}~`);
      const after = file.status === 'D' ? undefined : api.toGitUri(uri, target.sha);
      return [uri, before, after];
    });
    await vscode.commands.executeCommand('vscode.changes', `${target.sha.slice(0, 7)} ${target.subject}`, resources);
  }
}
