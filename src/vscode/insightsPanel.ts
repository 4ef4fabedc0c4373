import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import { weekOf, weekRange, type WeekOptions } from '../core/weeks';
import type { Insights } from '../insights/insights';
import type { FromPage, ToPage } from '../insights/messages';
import type { InsightNumbers } from '../insights/model';
import { isInsightRange, type InsightRangeKey } from '../core/ranges';
import { Commands, StateKeys, Webviews } from '../ids';
import type { CommandTable } from './commands';
import { Disposable } from './lifecycle';
import { pageFiles, webviewHtml, type PageFiles } from './webviewHtml';

/** How long to gather a burst of log changes into one update. */
const UPDATE_DELAY_MS = 150;

/**
 * The Insights panel: a webview that draws the numbers of a range (src/insights) and keeps them
 * current while the log changes in any window. The page (src/webview/insights) draws plain SVG
 * and tables; this side computes, sends, and reveals a clicked week in the Weekly Log. It survives
 * a reload: VS Code revives it with the page's state, and it shows the range it showed.
 */
export class InsightsPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private range: InsightRangeKey;
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  /** Last numbers sent and the page's first paint, for the extension-host tests. */
  lastSent: InsightNumbers | undefined;
  firstPaintMs: number | undefined;
  private readonly sentEmitter = this.register(new vscode.EventEmitter<InsightNumbers>());
  readonly onDidSend = this.sentEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly insights: Insights,
    private readonly weekOptions: () => WeekOptions,
    private readonly state: vscode.Memento,
    private readonly logger: Logger,
    onDidChangeLog: vscode.Event<void>,
    private readonly revealWeek: (start: number) => Promise<boolean>,
  ) {
    super();
    const saved = state.get<string>(StateKeys.insightsRange);
    this.range = isInsightRange(saved) ? saved : 'last12Weeks';
    this.register(onDidChangeLog(() => this.scheduleUpdate()));
    this.register(vscode.window.registerWebviewPanelSerializer(Webviews.insights, this.serializer));
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register({ dispose: () => this.panel?.dispose() });
  }

  commands(): CommandTable {
    return {
      [Commands.showInsights]: (range?: string) => {
        this.show(isInsightRange(range) ? range : undefined);
      },
      [Commands.revealWeek]: (start: number) => this.reveal(start),
    };
  }

  /**
   * Revives a panel VS Code restored after a reload, on the range its page kept (the page's state
   * is `{ range, tables, numbers }`; the page draws what it kept at once, then asks).
   */
  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) => {
      const range = (state as { range?: unknown } | undefined)?.range;
      if (isInsightRange(range)) this.setRange(range);
      this.adopt(panel);
      this.logger.info(`Insights panel restored (${this.range})`);
    },
  };

  /** Opens the panel (or brings it forward), optionally on a range. */
  show(range?: InsightRangeKey): vscode.WebviewPanel {
    if (range) this.setRange(range);
    if (this.panel) {
      this.panel.reveal();
      if (range) this.update();
      return this.panel;
    }
    return this.adopt(vscode.window.createWebviewPanel(Webviews.insights, vscode.l10n.t('Progress Log: Insights'), vscode.ViewColumn.Active, this.webviewOptions()));
  }

  /** Only the page's own files can be loaded: its stylesheet and its script, not the extension. */
  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: this.files().roots };
  }

  private files(): PageFiles {
    return pageFiles(this.extensionUri, 'insights');
  }

  /** Makes `panel` (new, or revived by VS Code) the Insights panel, drawing the current range. */
  private adopt(panel: vscode.WebviewPanel): vscode.WebviewPanel {
    if (this.panel !== panel) this.panel?.dispose();
    panel.title = vscode.l10n.t('Progress Log: Insights');
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview, this.compute());
    this.firstPaintMs = undefined;
    this.panel = panel;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: FromPage) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.update();
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  /** Sends the current range's numbers now (the page may also ask). */
  update(): void {
    clearTimeout(this.timer);
    const panel = this.panel;
    if (!panel) return;
    if (!panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const message = this.compute();
    void panel.webview.postMessage(message).then(() => {
      if (message.type === 'numbers') this.sentEmitter.fire(message.numbers);
    });
  }

  /** The numbers of the current range, or the sentence to show instead. */
  private compute(): ToPage {
    try {
      const started = performance.now();
      // Growth reads every quarter it shows, whatever the range.
      const numbers = { ...this.insights.numbers(this.range), growth: this.insights.growth() };
      this.logger.trace(`Insights: ${numbers.range.label}, ${numbers.weeks.length} weeks, ${numbers.signals.length} signal(s) in ${(performance.now() - started).toFixed(1)} ms`);
      this.lastSent = numbers;
      return { type: 'numbers', numbers };
    } catch (error) {
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
      return { type: 'error', message: vscode.l10n.t('Progress Log could not read the log for Insights ({0}); see the Progress Log output.', errorMessage(error)) };
    }
  }

  private scheduleUpdate(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), UPDATE_DELAY_MS);
  }

  private setRange(range: InsightRangeKey): void {
    this.range = range;
    void this.state.update(StateKeys.insightsRange, range);
  }

  private receive(message: FromPage): void {
    switch (message?.type) {
      case 'ready':
        if (isInsightRange(message.range)) this.setRange(message.range);
        this.update();
        return;
      case 'range':
        if (!isInsightRange(message.range)) return;
        this.setRange(message.range);
        this.update();
        return;
      case 'revealWeek':
        if (typeof message.start === 'number') void this.reveal(message.start);
        return;
      case 'painted':
        if (typeof message.ms === 'number' && this.firstPaintMs === undefined) {
          this.firstPaintMs = message.ms;
          this.logger.info(`Insights: first paint ${message.ms.toFixed(0)} ms after the page started loading (${Number(message.drawingMs).toFixed(0)} ms after its script started)`);
        }
        return;
    }
  }

  /** Reveals a week in the Weekly Log; when nothing was logged in it, the page says so. */
  private async reveal(start: number): Promise<boolean> {
    try {
      const shown = await this.revealWeek(start);
      if (!shown) {
        this.status(vscode.l10n.t('Nothing was logged in the week of {0}, so the Weekly Log does not list it.', weekRange(weekOf(start, this.weekOptions()), Date.now(), this.weekOptions())));
      }
      return shown;
    } catch (error) {
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
      this.status(vscode.l10n.t('Progress Log could not show that week in the Weekly Log ({0}).', errorMessage(error)));
      return false;
    }
  }

  private status(message: string): void {
    void this.panel?.webview.postMessage({ type: 'status', message } satisfies ToPage);
  }

  /**
   * The page, with the first numbers in it as data (not script), so that it paints without
   * waiting for a message; it asks for fresh ones once it runs.
   */
  private html(webview: vscode.Webview, first: ToPage): string {
    return webviewHtml(webview, {
      files: this.files(),
      title: vscode.l10n.t('Insights'),
      mainId: 'insights',
      loading: vscode.l10n.t('Reading the log…'),
      data: { 'first-message': first },
    });
  }
}

