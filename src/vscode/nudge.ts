import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import type { Week } from '../core/weeks';
import type { NudgeOffer, ReviewNudger } from '../review/nudger';
import { Disposable } from './lifecycle';

/** Where the nudge appears: VS Code's notification here; a script in tests. */
export interface NudgeSurface {
  ask(message: string): Thenable<'review' | 'later' | undefined>;
}

export const vscodeNudgeSurface: NudgeSurface = {
  ask: (message) => {
    const review = vscode.l10n.t('Review');
    const later = vscode.l10n.t('Later');
    return vscode.window.showInformationMessage(message, review, later).then((choice) => (choice === review ? 'review' : choice === later ? 'later' : undefined));
  },
};

/** After activation, a moment before the first look: startup has other work to do. */
const FIRST_LOOK_MS = 4000;
/** Activity looks again at most this often (focus and typing are frequent). */
const ACTIVITY_LOOK_MS = 60 * 1000;
/** Activity is passed on at most this often: a keystroke costs a subtraction. */
const ACTIVITY_NOTE_MS = 30 * 1000;
/** A timer never sleeps longer than this: a machine that slept, or a clock that moved, is caught up. */
const LONGEST_TIMER_MS = 60 * 60 * 1000;

/**
 * The weekly review nudge in VS Code: notes activity (window focus, typing, moving the cursor),
 * looks when the timing may have changed (a timer for the next moment, activity, settings), and
 * shows the one notification when the ReviewNudger says this window has it. Only a focused window
 * looks: the nudge comes where the user is. The timing itself lives in src/review.
 */
export class ReviewNudge extends Disposable {
  surface: NudgeSurface = vscodeNudgeSurface;
  private timer: NodeJS.Timeout | undefined;
  private firstLook: NodeJS.Timeout | undefined;
  private asking = false;
  private lastLook = 0;
  private lastNote = 0;

  constructor(
    private readonly nudger: ReviewNudger,
    private readonly openReview: (week: Week) => Promise<void>,
    private readonly logger: Logger,
  ) {
    super();
    this.register({ dispose: () => (clearTimeout(this.timer), clearTimeout(this.firstLook)) });
    this.register(vscode.window.onDidChangeWindowState((state) => state.focused && this.activity()));
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && ['file', 'untitled', 'vscode-notebook-cell'].includes(event.document.uri.scheme)) this.activity();
      }),
    );
    this.register(vscode.window.onDidChangeTextEditorSelection(() => this.activity()));
  }

  /** Starts looking, a few seconds after activation. */
  start(): void {
    this.firstLook = setTimeout(() => {
      if (vscode.window.state.focused) this.record();
      this.look(true);
    }, FIRST_LOOK_MS);
  }

  /** The settings changed: look again now. */
  reconsider(): void {
    this.look(true);
  }

  private activity(): void {
    if (this.isDisposed || Date.now() - this.lastNote < ACTIVITY_NOTE_MS) return;
    this.record();
    if (Date.now() - this.lastLook >= ACTIVITY_LOOK_MS) this.look();
  }

  private record(): void {
    this.lastNote = Date.now();
    try {
      this.nudger.recordActivity();
    } catch (error) {
      this.logger.warn(`Review nudge: activity not recorded (${errorMessage(error)})`);
    }
  }

  /** Looks whether the nudge is due here and now; `explain` logs why not (after a start or a settings change). */
  private look(explain = false): void {
    if (this.isDisposed) return;
    this.lastLook = Date.now();
    try {
      if (this.asking) return;
      if (!vscode.window.state.focused) {
        if (explain) this.logger.info('Review nudge: not now (this window is not focused; the next focus looks again)');
        return;
      }
      const offer = this.nudger.claimDue(explain);
      if (offer) void this.ask(offer);
    } catch (error) {
      this.logger.warn(`Review nudge: could not look (${errorMessage(error)}); trying again later`);
    } finally {
      this.schedule();
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    let at: number | undefined;
    try {
      at = this.nudger.nextCheckAt();
    } catch (error) {
      this.logger.warn(`Review nudge: no timer (${errorMessage(error)})`);
    }
    if (at === undefined) return;
    this.timer = setTimeout(() => this.look(), Math.min(Math.max(at - Date.now(), 1000), LONGEST_TIMER_MS));
    this.timer.unref?.();
  }

  private async ask(offer: NudgeOffer): Promise<void> {
    this.asking = true;
    try {
      const answer = await this.surface.ask(offer.message);
      this.nudger.answer(offer, answer ?? 'dismissed');
      if (answer === 'review') await this.openReview(offer.week);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.asking = false;
    }
  }
}
