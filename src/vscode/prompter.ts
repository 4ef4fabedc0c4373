import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommitRecord, PendingBatch } from '../core/domain';
import type { Logger } from '../core/logger';
import { suggestForCommits } from '../core/rules';
import { SNOOZE_MS, StateKeys, type PromptMode } from '../ids';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';
import { describeError, type Notices } from './notices';
import { vscodePromptSurface, type PromptSurface } from './promptSurface';

/**
 * Asks for outcomes: one notification at a time, for the commits this window claimed, in the
 * mode the user chose. Whatever the answer (even none), the commits are never lost: they stay
 * waiting for a name until named, marked routine, or skipped.
 */
export class OutcomePrompter extends Disposable {
  /** Commits this window claimed and has not asked about yet, by id. */
  private readonly queued = new Set<number>();
  private asking = false;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires after every answer that wrote something. */
  readonly onDidChange = this.changed.event;
  surface: PromptSurface = vscodePromptSurface;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly notices: Notices,
    private readonly globalState: vscode.Memento,
    private readonly promptMode: () => PromptMode,
  ) {
    super();
  }

  /** New commits this window claimed: ask about them now, unless the user chose otherwise. */
  offer(claimed: readonly CommitRecord[]): void {
    if (claimed.length === 0) return;
    const mode = this.promptMode();
    if (mode !== 'afterEachCommit') {
      this.logger.info(`${claimed.length} commit(s) wait for a name (prompt mode: ${mode})`);
      return;
    }
    for (const commit of claimed) this.queued.add(commit.id);
    if (this.snoozedUntil()) {
      this.logger.info(`${claimed.length} commit(s) wait for a name; prompts are snoozed until ${new Date(this.snoozedUntil()!).toLocaleTimeString()}`);
      return;
    }
    void this.askQueued();
  }

  /** Until when "Not now" keeps prompts quiet, if it does. */
  snoozedUntil(): number | undefined {
    const until = this.globalState.get<number>(StateKeys.snoozedUntil);
    return until !== undefined && until > Date.now() ? until : undefined;
  }

  async snooze(): Promise<void> {
    const until = Date.now() + SNOOZE_MS;
    await this.globalState.update(StateKeys.snoozedUntil, until);
    this.logger.info(`Prompts snoozed until ${new Date(until).toLocaleTimeString()}`);
    vscode.window.setStatusBarMessage(`Progress Log: no prompts until ${new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`, 5000);
    this.changed.fire();
  }

  async resume(): Promise<void> {
    await this.globalState.update(StateKeys.snoozedUntil, undefined);
    this.logger.info('Prompts resumed');
    this.changed.fire();
    void this.askQueued();
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
          label: path.basename(candidate.repo.root),
          description: `${candidate.commits.length} commit${candidate.commits.length === 1 ? '' : 's'} waiting`,
          detail: candidate.commits.map((commit) => commit.subject).join(' · '),
          batch: candidate,
        })),
        { title: 'Name waiting commits', placeHolder: 'Which repository?' },
      );
      if (!picked) return;
      batch = picked.batch;
    }
    await this.askForName(batch);
  }

  /** Asks about queued commits, one repository at a time, one prompt at a time. */
  private async askQueued(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    try {
      while (this.queued.size > 0 && !this.snoozedUntil() && this.promptMode() === 'afterEachCommit' && !this.isDisposed) {
        const batch = this.store.pendingBatches().find((candidate) => candidate.commits.some((commit) => this.queued.has(commit.id)));
        if (!batch) {
          this.queued.clear(); // all named elsewhere meanwhile
          break;
        }
        const commits = batch.commits.filter((commit) => this.queued.has(commit.id));
        for (const commit of commits) this.queued.delete(commit.id);
        await this.notices.guard('prompt', () => this.askAbout({ repo: batch.repo, commits }));
      }
    } finally {
      this.asking = false;
    }
  }

  private async askAbout(batch: PendingBatch): Promise<void> {
    const action = await this.surface.askAction(notificationText(batch));
    const ids = batch.commits.map((commit) => commit.id);
    this.logger.info(`Prompt for ${describeCommits(batch.commits)}: ${action ?? 'dismissed (stays waiting)'}`);
    switch (action) {
      case 'name':
        await this.askForName(batch);
        return;
      case 'routine':
      case 'skip':
        this.store.settleCommits(ids, action === 'routine' ? 'routine' : 'skipped');
        this.changed.fire();
        return;
      case 'later':
        await this.snooze();
        return;
      default:
        return; // closed or timed out: the commits wait for a name
    }
  }

  private async askForName(batch: PendingBatch): Promise<void> {
    const ids = batch.commits.map((commit) => commit.id);
    const suggestion = suggestForCommits(batch.commits);
    const draft = batch.commits.find((commit) => commit.draft)?.draft ?? undefined;
    const answer = await this.surface.askOutcome({
      title: titleFor(batch),
      value: draft ?? suggestion.text,
      kind: suggestion.kind,
      save: async (text, kind) => {
        try {
          this.store.saveOutcome({ text, kind, source: 'commit', commitIds: ids });
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
          this.store.saveDraft(ids, keep);
        } catch (error) {
          this.logger.error(error instanceof Error ? error : new Error(String(error)));
        }
        if (keep) this.logger.info(`Kept the unsaved line for ${describeCommits(batch.commits)}: ${keep}`);
      },
    });
    this.logger.info(`Outcome for ${describeCommits(batch.commits)}: ${answer === 'saved' ? 'saved' : 'kept waiting for a name'}`);
    if (answer === 'saved') {
      vscode.window.setStatusBarMessage('$(check) Progress Log: outcome saved', 3000);
    }
  }
}

function short(commit: CommitRecord): string {
  return commit.sha.slice(0, 7);
}

function quoted(subject: string, max = 60): string {
  const chars = Array.from(subject);
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : subject}”`;
}

function describeCommits(commits: readonly CommitRecord[]): string {
  return commits.map(short).join(', ');
}

/** "Committed 3f2a1b9 “Fix retry” in shop — what moved forward?" */
export function notificationText(batch: PendingBatch): string {
  const repo = path.basename(batch.repo.root);
  const [first] = batch.commits;
  if (batch.commits.length === 1) {
    return `Committed ${short(first)} ${quoted(first.subject)} in ${repo}. What moved forward?`;
  }
  const newest = batch.commits[batch.commits.length - 1];
  return `${batch.commits.length} new commits in ${repo}, latest ${short(newest)} ${quoted(newest.subject, 40)}. What moved forward?`;
}

function titleFor(batch: PendingBatch): string {
  const repo = path.basename(batch.repo.root);
  if (batch.commits.length === 1) return `Outcome of ${short(batch.commits[0])} in ${repo}`;
  return `Outcome of ${batch.commits.length} commits in ${repo}`;
}
