import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommitRecord, PendingBatch } from '../core/domain';
import type { Logger } from '../core/logger';
import { suggestForBranch, suggestForCommits } from '../core/rules';
import { SNOOZE_MS, StateKeys, type PromptMode } from '../ids';
import type { Claimed, Store } from '../storage/store';
import { Disposable } from './lifecycle';
import { describeError, type Notices } from './notices';
import { vscodePromptSurface, type PromptSurface } from './promptSurface';

/**
 * Asks for outcomes, for what this window claimed, in the mode the user chose: one notification
 * per batch of commits (or closed branch), shown at once. A notification nobody answers never holds
 * up later ones (it waits in the Notification Center), and whatever the answer, even none, the work
 * is never lost: it waits for a name until named, marked routine, or skipped.
 */
export class OutcomePrompter extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires after every answer that wrote something, and when a snooze ends. */
  readonly onDidChange = this.changed.event;
  surface: PromptSurface = vscodePromptSurface;
  private snoozeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly notices: Notices,
    private readonly globalState: vscode.Memento,
    private readonly promptMode: () => PromptMode,
  ) {
    super();
    this.register({ dispose: () => clearTimeout(this.snoozeTimer) });
  }

  /** What this window claimed: ask about it now, unless the user chose otherwise. */
  offer(claimed: Claimed): void {
    const batches: PendingBatch[] = claimed.branches.map((branch) => ({
      type: 'branch',
      repo: claimed.repo,
      branch,
      commits: branch.commitIds.map((id) => this.store.commit(id)).filter((commit) => commit !== undefined),
    }));
    if (claimed.commits.length) batches.unshift({ type: 'commits', repo: claimed.repo, commits: claimed.commits });
    if (batches.length === 0) return;
    const mode = this.promptMode();
    const snoozed = this.snoozedUntil();
    if (mode !== 'afterEachCommit' || snoozed) {
      const why = snoozed ? `prompts are snoozed until ${new Date(snoozed).toLocaleTimeString()}` : `prompt mode: ${mode}`;
      this.logger.info(`${batches.map(describeBatch).join('; ')} wait for a name (${why})`);
      return;
    }
    for (const batch of batches) void this.notices.guard('prompt', () => this.askAbout(batch));
  }

  /** Until when "Not now" keeps prompts quiet, if it does. */
  snoozedUntil(): number | undefined {
    const until = this.globalState.get<number>(StateKeys.snoozedUntil);
    return until !== undefined && until > Date.now() ? until : undefined;
  }

  /** "Not now": no notifications for an hour; what arrives meanwhile waits in the status bar and the log. */
  async snooze(): Promise<void> {
    const until = Date.now() + SNOOZE_MS;
    await this.globalState.update(StateKeys.snoozedUntil, until);
    this.logger.info(`Prompts snoozed until ${new Date(until).toLocaleTimeString()}`);
    vscode.window.setStatusBarMessage(`Progress Log: no prompts until ${new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`, 5000);
    clearTimeout(this.snoozeTimer);
    this.snoozeTimer = setTimeout(() => this.changed.fire(), SNOOZE_MS + 1000);
    this.changed.fire();
  }

  async resume(): Promise<void> {
    await this.globalState.update(StateKeys.snoozedUntil, undefined);
    clearTimeout(this.snoozeTimer);
    this.logger.info('Prompts resumed');
    this.changed.fire();
  }

  /** The "Name waiting commits" command: asks straight for the line, no notification first. */
  async nameWaiting(): Promise<void> {
    const batches = this.store.pendingBatches();
    if (batches.length === 0) {
      void vscode.window.showInformationMessage('No commits are waiting for a name.');
      return;
    }
    let batch = batches[0];
    if (batches.length > 1) {
      const picked = await vscode.window.showQuickPick(
        batches.map((candidate) => ({
          label: candidate.type === 'branch' ? `$(git-merge) ${candidate.branch.name}` : `$(git-commit) ${path.basename(candidate.repo.root)}`,
          description:
            candidate.type === 'branch'
              ? `${path.basename(candidate.repo.root)} · closed branch, ${plural(candidate.commits.length, 'commit')}`
              : `${plural(candidate.commits.length, 'commit')} waiting`,
          detail: candidate.commits.map((commit) => commit.subject).join(' · '),
          batch: candidate,
        })),
        { title: 'Name waiting work', placeHolder: 'What do you want to name?' },
      );
      if (!picked) return;
      batch = picked.batch;
    }
    await this.askForName(batch);
  }

  private stillWaiting(batch: PendingBatch): PendingBatch | undefined {
    if (batch.type === 'branch') {
      const branch = this.store.branch(batch.branch.id);
      return branch?.status === 'pending' ? { ...batch, branch } : undefined;
    }
    const commits = batch.commits.map((commit) => this.store.commit(commit.id)).filter((commit) => commit?.status === 'pending') as CommitRecord[];
    return commits.length ? { ...batch, commits } : undefined;
  }

  private async askAbout(batch: PendingBatch): Promise<void> {
    const action = await this.surface.askAction(notificationText(batch));
    this.logger.info(`Prompt for ${describeBatch(batch)}: ${action ?? 'dismissed (stays waiting)'}`);
    switch (action) {
      case 'name':
        await this.askForName(batch);
        return;
      case 'routine':
      case 'skip': {
        const status = action === 'routine' ? 'routine' : 'skipped';
        if (batch.type === 'branch') this.store.settleBranch(batch.branch.id, status);
        else this.store.settleCommits(batch.commits.map((commit) => commit.id), status);
        this.changed.fire();
        return;
      }
      case 'later':
        await this.snooze();
        return;
      default:
        return; // closed or timed out: the commits wait for a name
    }
  }

  /** Asks for the outcome line of waiting work straight away (from the view or the command). */
  async askForName(offered: PendingBatch): Promise<void> {
    // A notification answered late, or a tree row from before a refresh, may describe work that
    // was named meanwhile: ask about what still waits, with its latest draft.
    const batch = this.stillWaiting(offered);
    if (!batch) {
      void vscode.window.showInformationMessage('That work already has a name (perhaps from another window).');
      return;
    }
    const ids = batch.commits.map((commit) => commit.id);
    const suggestion = batch.type === 'branch' ? suggestForBranch(batch.branch.name, batch.commits) : suggestForCommits(batch.commits);
    const draft = (batch.type === 'branch' ? batch.branch.draft : batch.commits.find((commit) => commit.draft)?.draft) ?? undefined;
    const answer = await this.surface.askOutcome({
      title: titleFor(batch),
      value: draft ?? suggestion.text,
      kind: suggestion.kind,
      save: async (text, kind) => {
        try {
          if (batch.type === 'branch') this.store.saveOutcome({ text, kind, source: 'branch', branchId: batch.branch.id });
          else this.store.saveOutcome({ text, kind, source: 'commit', commitIds: ids });
          this.changed.fire();
          return undefined;
        } catch (error) {
          this.logger.error(error instanceof Error ? error : new Error(String(error)));
          return `${describeError(error)} Press Enter to try again.`;
        }
      },
      keepDraft: (text) => {
        const keep = text.trim() !== '' && text !== suggestion.text ? text : null;
        try {
          this.store.saveDraft(batch.type === 'branch' ? { branchId: batch.branch.id } : { commitIds: ids }, keep);
        } catch (error) {
          this.logger.error(error instanceof Error ? error : new Error(String(error)));
        }
      },
    });
    const kept = answer === 'kept' ? (this.store.commit(ids[0])?.draft ?? (batch.type === 'branch' ? this.store.branch(batch.branch.id)?.draft : null)) : null;
    this.logger.info(`Outcome for ${describeBatch(batch)}: ${answer === 'saved' ? 'saved' : `kept waiting for a name${kept ? `, with the unsaved line “${kept}”` : ''}`}`);
    if (answer === 'saved') vscode.window.setStatusBarMessage('$(check) Progress Log: outcome saved', 3000);
  }
}

function short(commit: CommitRecord): string {
  return commit.sha.slice(0, 7);
}

function quoted(subject: string, max = 60): string {
  const chars = Array.from(subject);
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : subject}”`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeBatch(batch: PendingBatch): string {
  const commits = batch.commits.map(short).join(', ');
  return batch.type === 'branch' ? `branch ${batch.branch.name} (${commits})` : commits;
}

/** "Committed 3f2a1b9 “Fix retry” in shop. What moved forward?" or "Branch x merged into main (7 commits). What shipped?" */
export function notificationText(batch: PendingBatch): string {
  const repo = path.basename(batch.repo.root);
  if (batch.type === 'branch') {
    const { name, into, closedAs } = batch.branch;
    const how = closedAs === 'squash-merged' ? `looks squash-merged into ${into}` : `merged into ${into}`;
    // Commits from before Progress Log knew the repository are not recorded, so may not be counted.
    const count = batch.commits.length ? ` (${plural(batch.commits.length, 'commit')})` : '';
    return `Branch ${name} ${how}${count} in ${repo}. What shipped?`;
  }
  const [first] = batch.commits;
  if (batch.commits.length === 1) {
    return `Committed ${short(first)} ${quoted(first.subject)} in ${repo}. What moved forward?`;
  }
  const newest = batch.commits[batch.commits.length - 1];
  return `${batch.commits.length} new commits in ${repo}, latest ${short(newest)} ${quoted(newest.subject, 40)}. What moved forward?`;
}

function titleFor(batch: PendingBatch): string {
  const repo = path.basename(batch.repo.root);
  if (batch.type === 'branch') return `What shipped with ${batch.branch.name} in ${repo}`;
  if (batch.commits.length === 1) return `Outcome of ${short(batch.commits[0])} in ${repo}`;
  return `Outcome of ${batch.commits.length} commits in ${repo}`;
}
