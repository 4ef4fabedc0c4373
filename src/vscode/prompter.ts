import * as vscode from 'vscode';
import type { PendingBatch } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import { plural } from '../core/text';
import { type PromptMode } from '../ids';
import { describeBatch, inputTitle, notificationText, workOf, type NamingWorkflow } from '../naming/naming';
import type { Claimed } from '../storage/store';
import { Disposable } from './lifecycle';
import { type Notices } from './notices';
import { savedMessage, savingWith, savingWithChoices, vscodePromptSurface, type PromptSurface } from './promptSurface';
import type { Suggester } from './suggester';
import { ToastOnScreen } from './toastOnScreen';

/** While a prompt about a repository's commits is unanswered and younger than this, new commits there join it. */
const JOIN_WINDOW_MS = 2 * 60 * 1000;

/** The prompt about commits on screen in a repository, which new commits there join. */
interface PromptOnScreen {
  batch: Extract<PendingBatch, { type: 'commits' }>;
  /** When it was first shown: commits join it for JOIN_WINDOW_MS from then. */
  since: number;
  /** Its latest toast: work that joins after VS Code hid it shows the prompt again. */
  toast: ToastOnScreen;
}

/**
 * Asks for outcomes, in VS Code, for what this window claimed, in the mode the user chose: one
 * notification per piece of work, shown at once. Commits that arrive while a prompt about the same
 * repository waits for an answer join it (one prompt per repository for a burst, never a pile),
 * and show it again if VS Code has hidden its toast meanwhile.
 * A notification nobody answers never holds up later ones, and whatever the answer, even none,
 * the work is never lost: it waits for a name until named, marked routine, or skipped.
 */
export class OutcomePrompter extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when prompts are snoozed or resumed. */
  readonly onDidChangeSnooze = this.changed.event;
  surface: PromptSurface = vscodePromptSurface;
  /** VS Code's own notification and input, whatever `surface` is now (a test drives them with the commands their keys run). */
  readonly vscodeSurface: PromptSurface = vscodePromptSurface;
  private snoozeTimer: NodeJS.Timeout | undefined;
  /** The prompt about commits on screen per repository, which new commits there join. */
  private readonly asking = new Map<string, PromptOnScreen>();

  constructor(
    private readonly naming: NamingWorkflow,
    private readonly logger: Logger,
    private readonly notices: Notices,
    private readonly promptMode: () => PromptMode,
    /** Where "Suggest" gets a line for a piece of work. */
    private readonly suggester?: Suggester,
  ) {
    super();
    this.register({ dispose: () => clearTimeout(this.snoozeTimer) });
    this.register({ dispose: () => this.asking.forEach((showing) => showing.toast.dispose()) });
  }

  /** What this window claimed: ask about it now, unless the user chose otherwise. */
  offer(claimed: Claimed): void {
    const batches = this.naming.batchesFor(claimed);
    if (batches.length === 0) return;
    const mode = this.promptMode();
    const snoozed = this.naming.snoozedUntil();
    if (mode !== 'afterEachCommit' || snoozed) {
      const why = snoozed ? `prompts are snoozed until ${new Date(snoozed).toLocaleTimeString()}` : `prompt mode: ${mode}`;
      this.logger.info(`${batches.map(describeBatch).join('; ')} wait for a name (${why})`);
      return;
    }
    for (const batch of batches) {
      if (batch.type === 'commits' && this.joinPromptOnScreen(batch)) continue;
      void this.notices.guard('prompt', () => this.askAbout(batch));
    }
  }

  /**
   * New commits join the unanswered prompt about the same repository, if there is one. A prompt
   * whose toast VS Code has hidden meanwhile is shown again, so that the work is seen: once, as
   * the toast shown again covers the rest of the burst while it is on screen.
   */
  private joinPromptOnScreen(batch: Extract<PendingBatch, { type: 'commits' }>): boolean {
    const showing = this.asking.get(batch.repo.id);
    if (!showing || Date.now() - showing.since > JOIN_WINDOW_MS) return false;
    if (!this.naming.stillWaiting(showing.batch)) {
      // Answered in another window, or reset away: what it asked about no longer waits, and new work is asked about on its own.
      this.asking.delete(batch.repo.id);
      showing.toast.dispose();
      return false;
    }
    const joined = this.naming.join(showing.batch, batch.commits.map((commit) => commit.id));
    if (!joined || joined.type !== 'commits') return false;
    showing.batch = joined;
    this.logger.info(`${describeBatch(batch)} joined the prompt on screen, now ${plural(joined.commits.length, 'commit')}${showing.toast.hidden ? ', shown again' : ''}`);
    if (showing.toast.hidden) {
      showing.toast = new ToastOnScreen();
      void this.notices.guard('prompt', () => this.ask(joined, showing.toast));
    }
    return true;
  }

  async snooze(): Promise<void> {
    const until = await this.naming.snooze();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Progress Log: no prompts until {0}', new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })), 5000);
    clearTimeout(this.snoozeTimer);
    this.snoozeTimer = setTimeout(() => this.changed.fire(), until - Date.now() + 1000);
    this.changed.fire();
  }

  async resume(): Promise<void> {
    await this.naming.resume();
    clearTimeout(this.snoozeTimer);
    this.changed.fire();
  }

  /** The "Name waiting work" command: asks straight for the line, no notification first. */
  async nameWaiting(): Promise<void> {
    const batches = this.naming.waiting();
    if (batches.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is waiting for a name.'));
      return;
    }
    let batch = batches[0];
    if (batches.length > 1) {
      const picked = await vscode.window.showQuickPick(
        batches.map((candidate) => ({
          label: candidate.type === 'branch' ? `$(git-merge) ${candidate.branch.name}` : `$(git-commit) ${candidate.repo.name}`,
          description:
            candidate.type === 'branch'
              ? l10n.plural(candidate.commits.length, '{1} · closed branch, {0} commit', '{1} · closed branch, {0} commits', candidate.repo.name)
              : l10n.plural(candidate.commits.length, '{0} commit waiting', '{0} commits waiting'),
          detail: candidate.commits.map((commit) => commit.subject).join(' · '),
          batch: candidate,
        })),
        { title: vscode.l10n.t('Name waiting work'), placeHolder: vscode.l10n.t('What do you want to name?') },
      );
      if (!picked) return;
      batch = picked.batch;
    }
    await this.askForName(batch);
  }

  private async askAbout(batch: PendingBatch): Promise<void> {
    if (batch.type !== 'commits') return this.ask(batch);
    const toast = new ToastOnScreen();
    this.asking.set(batch.repo.id, { batch, since: Date.now(), toast });
    return this.ask(batch, toast);
  }

  /** Shows the notification about a piece of work (again, with the toast of the prompt on screen), and acts on the answer. */
  private async ask(batch: PendingBatch, toast?: ToastOnScreen): Promise<void> {
    let action: Awaited<ReturnType<PromptSurface['askAction']>>;
    try {
      action = await this.surface.askAction(notificationText(batch));
    } finally {
      toast?.dispose();
      // Only its latest toast ends the prompt on screen: an earlier one, answered from the notification centre, leaves it.
      const showing = this.asking.get(batch.repo.id);
      if (toast && showing?.toast === toast) this.asking.delete(batch.repo.id);
    }
    // The answer is for the piece of work as it is now: commits that joined it are part of it.
    const current = this.naming.stillWaiting(batch);
    this.logger.info(`Prompt for ${describeBatch(current ?? batch)}: ${action ?? 'dismissed (stays waiting)'}${current ? '' : ' (no longer waiting)'}`);
    if (action === 'later') return this.snooze();
    if (!action) return; // closed: the work waits for a name
    if (!current) {
      // Clicked on a prompt about work that is gone or answered meanwhile: say so, rather than nothing.
      this.surface.tell(this.naming.notWaitingReason(batch));
      return;
    }
    if (action === 'name') await this.askForName(current);
    else this.naming.settle(current, action === 'routine' ? 'routine' : 'skipped');
  }

  /** Asks for the outcome line of waiting work straight away (from the prompt, the view or the command). */
  async askForName(offered: PendingBatch): Promise<void> {
    // A notification answered late, or a tree row from before a refresh, may describe work that
    // was named meanwhile: ask about what still waits, with its latest draft.
    const batch = this.naming.stillWaiting(offered);
    if (!batch) {
      this.surface.tell(this.naming.notWaitingReason(offered));
      return;
    }
    const suggestion = this.naming.suggestion(batch);
    const goals = this.naming.goalChoices(workOf(batch));
    const reach = this.naming.reachChoices();
    const answer = await this.surface.askOutcome({
      title: inputTitle(batch),
      value: batch.draft ?? suggestion.text,
      kind: suggestion.kind,
      escapeKeeps: vscode.l10n.t('Escape keeps it waiting for a name, with what you typed.'),
      goals,
      reach,
      work: this.naming.activityContext(batch),
      suggest: this.suggester ? (goal, token) => this.suggester!.forWork(batch, goal, token) : undefined,
      save: savingWithChoices({ goals, reach }, (choice) => savingWith(this.logger, (text, kind) => this.naming.save(batch, text, kind, choice.goalId, choice.reach))),
      keepDraft: (text) => this.notices.guardQuietly('draft', () => this.naming.keepDraft(batch, text)),
    });
    this.logger.info(`Outcome for ${describeBatch(batch)}: ${answer === 'waiting' ? 'kept waiting for a name, with what was typed' : answer === 'kept' ? 'kept until the database is free' : 'saved'}`);
    if (answer === 'waiting') return;
    // A save kept while the database is locked is safe on disk, but not in the log yet: say so.
    vscode.window.setStatusBarMessage(`$(check) ${savedMessage(answer, vscode.l10n.t('Progress Log: outcome saved'))}`, 3000);
  }
}
