import * as vscode from 'vscode';
import { REACHES, type PlanState } from '../core/domain';

const PLAN_STATES: readonly PlanState[] = ['open', 'landed', 'moved', 'dropped'];
import { InvalidInputError } from '../core/errors';
import type { Logger } from '../core/logger';
import { startOfLocalDay, weekOf, weekRange, type Week, type WeekOptions } from '../core/weeks';
import { Commands, Webviews } from '../ids';
import { dateProblem } from '../core/ranges';
import type { FromPage, ReviewAction, ToPage } from '../review/messages';
import { cleanForm, type ReviewResult, type ReviewWorkflow } from '../review/reviewWorkflow';
import type { CommandTable } from './commands';
import { savedMessage } from './promptSurface';
import type { Suggester } from './suggester';
import { Disposable } from './lifecycle';
import { describeError, type Notices } from './notices';
import { pageFiles, webviewHtml } from './webviewHtml';

/** What "Review Week…" accepts: nothing (this week), a Weekly Log week row, a week, or a day in it. */
export type ReviewWeekArgs = undefined | { week: Week } | { weekStart: number } | { day: string };

/** The open panel, as the extension-host tests reach it: what it was told, and a way to speak as the webview. */
export interface ReviewPanelHandle {
  readonly week: Week;
  readonly posted: readonly ToPage[];
  /** The types of the messages the page itself sent, oldest first. */
  readonly heard: readonly string[];
  receive(message: FromPage): Promise<void>;
}

/**
 * The weekly review panel: one webview at a time, for one week. Everything it shows comes from
 * the ReviewWorkflow; everything it does goes through it. It follows the log (a change anywhere,
 * in any window, sends a fresh model) and survives a reload (VS Code revives it with its state).
 */
export class ReviewPanels extends Disposable {
  private current: { panel: vscode.WebviewPanel; week: Week; posted: ToPage[]; heard: string[]; stale: boolean } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly workflow: ReviewWorkflow,
    private readonly weekOptions: () => WeekOptions,
    private readonly notices: Notices,
    private readonly logger: Logger,
    onDidChangeLog: vscode.Event<void>,
    /** Where "Suggest" on a waiting card gets its line. */
    private readonly suggester?: Suggester,
  ) {
    super();
    this.register(onDidChangeLog(() => this.refresh()));
    this.register(
      vscode.window.registerWebviewPanelSerializer(Webviews.review, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const weekStart = (state as { week?: unknown } | undefined)?.week;
          this.adopt(panel, typeof weekStart === 'number' ? this.weekAround(weekStart) : weekOf(Date.now(), this.weekOptions()));
        },
      }),
    );
    this.register({ dispose: () => this.current?.panel.dispose() });
  }

  commands(): CommandTable {
    return { [Commands.reviewWeek]: (args?: ReviewWeekArgs) => this.open(this.weekOf(args)) };
  }

  /** The open panel, if any (for tests). */
  get handle(): ReviewPanelHandle | undefined {
    const current = this.current;
    return current && { week: current.week, posted: current.posted, heard: current.heard, receive: (message) => this.receive(message) };
  }

  /** Opens the review of `week`, or shows it if it is open. */
  async open(week: Week): Promise<void> {
    if (this.current) {
      this.current.week = week;
      this.current.panel.title = this.title(week);
      this.current.panel.reveal();
      this.post(this.model(week));
      return;
    }
    const panel = vscode.window.createWebviewPanel(Webviews.review, this.title(week), vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(panel, week);
  }

  private adopt(panel: vscode.WebviewPanel, week: Week): void {
    this.current?.panel.dispose();
    panel.title = this.title(week);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    const current = { panel, week, posted: [] as ToPage[], heard: [] as string[], stale: false };
    this.current = current;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        current.heard.push(String((message as { type?: unknown } | undefined)?.type));
        if (current.heard.length > 100) current.heard.shift();
        void this.receive(message);
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && current.stale) this.refresh();
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.current === current) this.current = undefined;
    });
    this.logger.info(`Review panel opened for the week starting ${new Date(week.start).toISOString()}`);
  }

  /** A fresh model after the log changed, or when the panel shows again. */
  private refresh(): void {
    const current = this.current;
    if (!current) return;
    if (!current.panel.visible) {
      current.stale = true;
      return;
    }
    current.stale = false;
    void this.notices.guard('review panel', () => this.post(this.model(current.week)));
  }

  private async receive(raw: unknown): Promise<void> {
    const current = this.current;
    if (!current) return;
    const message = raw as Partial<Record<string, unknown>> & { type?: unknown };
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const week = current.week;
    try {
      switch (message.type) {
        case 'ready':
          this.post(this.model(week));
          return;
        case 'check':
          this.post({ type: 'problem', id: text(message.id), problem: this.workflow.problem(message.field === 'answer' ? 'answer' : 'line', text(message.text)) ?? null });
          return;
        case 'name':
          this.result('name', text(message.key), this.workflow.name(text(message.key), text(message.text), message.kind === 'routine' ? 'routine' : 'impact', text(message.goalId) || null));
          return;
        case 'settle':
          this.result('settle', text(message.key), this.workflow.settle(text(message.key), message.status === 'skipped' ? 'skipped' : 'routine'));
          return;
        case 'goalFor':
          this.post({ type: 'goal', key: text(message.key), goalId: this.workflow.goalFor(text(message.key), text(message.text)) });
          return;
        case 'workDraft':
          this.notices.guardQuietly('review draft', () => this.workflow.keepWorkDraft(text(message.key), text(message.text)));
          return;
        case 'suggest':
          await this.suggest(text(message.key), text(message.goalId) || null);
          return;
        case 'sharpen':
          this.result('sharpen', text(message.id), this.workflow.sharpen(text(message.id), text(message.text)));
          return;
        case 'form':
          this.notices.guardQuietly('review draft', () => this.workflow.keepForm(week, cleanForm(message.form as never)));
          return;
        case 'save': {
          const result = this.workflow.save(week, cleanForm(message.form as never));
          this.result('save', String(week.start), result);
          if (result.ok) vscode.window.setStatusBarMessage(`$(check) ${savedMessage(result.state, vscode.l10n.t('Progress Log: review saved'))}`, 3000);
          return;
        }
        case 'planAdd':
          this.result('plan', 'new', this.workflow.planAdd(week, text(message.text), text(message.goalId) || null, text(message.dueDay) || null));
          return;
        case 'planSettle': {
          const state = PLAN_STATES.find((candidate) => candidate === message.state);
          this.result('plan', text(message.id), state ? this.workflow.planSettle(week, text(message.id), state) : { ok: false, problem: vscode.l10n.t('That is not a state a planned outcome can have.') });
          return;
        }
        case 'first':
          this.result('first', text(message.id), this.workflow.markFirst(text(message.id), message.first === true));
          return;
        case 'reach': {
          const ids = Array.isArray(message.ids) ? message.ids.filter((id): id is string => typeof id === 'string') : [];
          const reach = message.reach === null ? null : REACHES.find((candidate) => candidate === message.reach);
          this.result('reach', ids.join(','), reach === undefined ? { ok: false, problem: vscode.l10n.t('That is not a reach an outcome can have.') } : this.workflow.setReach(week, ids, reach));
          return;
        }
        default:
          this.logger.warn(`Review panel: unknown message ${JSON.stringify(message.type)}`);
      }
    } catch (error) {
      // Logged with its stack and shown once; the webview keeps what was typed and says so.
      this.notices.report(error, 'review panel');
      const action = message.type === 'name' || message.type === 'settle' || message.type === 'sharpen' || message.type === 'save' ? message.type : undefined;
      if (action) this.post({ type: 'result', action, target: text(message.key ?? message.id) || String(week.start), ok: false, problem: vscode.l10n.t('{0} What you typed is kept.', describeError(error)) });
    }
  }

  /**
   * A line for waiting work, prefilled in its card for the person to edit; the work is named only
   * when they save it. The goal the card shows (an active one) is what the line should move.
   */
  private async suggest(key: string, goalId: string | null): Promise<void> {
    const batch = this.workflow.waitingBy(key);
    if (!batch || !this.suggester) {
      this.post({ type: 'result', action: 'name', target: key, ok: false, problem: this.workflow.notWaitingReason(key) });
      return;
    }
    const suggestion = await this.suggester.forWork(batch, this.workflow.activeGoalTitle(goalId));
    this.post({ type: 'suggestion', key, line: suggestion.line, note: suggestion.note ?? null });
  }

  private result(action: ReviewAction, target: string, result: ReviewResult): void {
    this.post(result.ok ? { type: 'result', action, target, ok: true } : { type: 'result', action, target, ok: false, problem: result.problem });
  }

  private model(week: Week): ToPage {
    return { type: 'model', model: this.workflow.model(week) };
  }

  private post(message: ToPage): void {
    const current = this.current;
    if (!current) return;
    current.posted.push(message);
    if (current.posted.length > 100) current.posted.splice(0, current.posted.length - 100);
    void current.panel.webview.postMessage(message);
  }

  private title(week: Week): string {
    return vscode.l10n.t('Review: {0}', weekRange(week, Date.now(), this.weekOptions()));
  }

  /** Only the page's own files can be loaded: its stylesheet and its script (src/webview/review), not the extension. */
  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: pageFiles(this.extensionUri, 'review').roots };
  }

  /** The page: a strict Content-Security-Policy, local files only, one script with a fresh nonce. */
  private html(webview: vscode.Webview): string {
    return webviewHtml(webview, {
      files: pageFiles(this.extensionUri, 'review'),
      title: vscode.l10n.t('Weekly review'),
      mainId: 'review',
      loading: vscode.l10n.t('Reading the week…'),
    });
  }

  /** The week a caller means; this week when it means none. */
  private weekOf(args: ReviewWeekArgs): Week {
    const options = this.weekOptions();
    if (args === undefined || args === null) return weekOf(Date.now(), options);
    if (typeof args === 'object' && 'week' in args && args.week && typeof args.week.start === 'number') return this.weekAround(args.week.start + Math.floor((args.week.end - args.week.start) / 2));
    if (typeof args === 'object' && 'weekStart' in args && typeof args.weekStart === 'number') return this.weekAround(args.weekStart);
    if (typeof args === 'object' && 'day' in args && typeof args.day === 'string') {
      const problem = dateProblem(args.day);
      if (problem) throw new InvalidInputError(problem);
      const [year, month, day] = args.day.trim().split('-').map(Number);
      return weekOf(startOfLocalDay(year, month, day, options.timeZone), options);
    }
    throw new InvalidInputError(vscode.l10n.t('Review Week needs a week row of the Weekly Log, { day: "YYYY-MM-DD" }, or nothing for this week.'));
  }

  /** The week holding `time` (a week's start, or any instant in it) under today's week settings. */
  private weekAround(time: number): Week {
    return weekOf(time + 60 * 60 * 1000, this.weekOptions());
  }
}
