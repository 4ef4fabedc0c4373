import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import * as l10n from '../core/l10n';
import { errorMessage } from '../core/text';
import { Commands, type PromptMode } from '../ids';
import type { WeeklyLog } from '../log/weeklyLog';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';

/**
 * Outcomes shipped this week and pieces of work waiting for a name (the same units the Weekly Log
 * counts); a click reveals the log.
 */
export class LogStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('progressLog.status', vscode.StatusBarAlignment.Left, 10));

  constructor(
    private readonly store: Store,
    private readonly log: WeeklyLog,
    private readonly logger: Logger,
    private readonly promptMode: () => PromptMode,
    private readonly snoozedUntil: () => number | undefined,
  ) {
    super();
    this.item.name = vscode.l10n.t('Progress Log');
    this.item.command = Commands.showView;
    this.update();
  }

  update(): void {
    let waiting: number;
    let waitingCommits: number;
    let shipped: number;
    try {
      waiting = this.store.log.countWaiting();
      waitingCommits = this.store.log.countWaitingCommits();
      shipped = this.log.shippedThisWeek();
    } catch (error) {
      this.logger.warn(`Status bar not updated: ${errorMessage(error)}`);
      return;
    }
    const snoozed = this.snoozedUntil();
    const parts = [`$(rocket) ${shipped}`];
    if (waiting > 0 || this.promptMode() === 'statusBarOnly') parts.push(`${snoozed ? '$(bell-slash)' : '$(edit)'} ${waiting}`);
    else if (snoozed) parts.push('$(bell-slash)');
    this.item.text = parts.join('  ');
    const lines = [
      l10n.plural(shipped, '{0} outcome shipped this week.', '{0} outcomes shipped this week.'),
      waiting === 0
        ? vscode.l10n.t('Nothing is waiting for a name.')
        : l10n.plural(waiting, '{0} piece of work waiting for a name ({1}).', '{0} pieces of work waiting for a name ({1}).', l10n.plural(waitingCommits, '{0} commit', '{0} commits')),
    ];
    if (snoozed) lines.push(vscode.l10n.t('Prompts are snoozed until {0}.', new Date(snoozed).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    lines.push(vscode.l10n.t('Click to open the Progress Log.'));
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: vscode.l10n.t('Progress Log: {0}', lines.join(' ')) };
    this.item.backgroundColor = waiting > 0 && this.promptMode() === 'statusBarOnly' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
