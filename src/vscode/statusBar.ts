import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { Commands, type PromptMode } from '../ids';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';

/** The status bar count of commits waiting for a name; a click names them. */
export class WaitingStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('progressLog.waiting', vscode.StatusBarAlignment.Left, 10));

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly promptMode: () => PromptMode,
    private readonly snoozedUntil: () => number | undefined,
  ) {
    super();
    this.item.name = 'Progress Log';
    this.item.command = Commands.nameWaitingCommits;
    this.update();
  }

  update(): void {
    let waiting: number;
    try {
      waiting = this.store.countPending();
    } catch (error) {
      this.logger.warn(`Status bar not updated: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const snoozed = this.snoozedUntil();
    const mode = this.promptMode();
    if (waiting === 0 && mode !== 'statusBarOnly' && !snoozed) {
      this.item.hide();
      return;
    }
    const icon = snoozed ? '$(bell-slash)' : '$(edit)';
    this.item.text = `${icon} ${waiting}`;
    const lines = [
      waiting === 0 ? 'No commits are waiting for a name.' : `${waiting} commit${waiting === 1 ? '' : 's'} waiting for a name — click to name ${waiting === 1 ? 'it' : 'them'}.`,
    ];
    if (snoozed) lines.push(`Prompts are snoozed until ${new Date(snoozed).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`);
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: `Progress Log: ${lines.join(' ')}` };
    this.item.show();
  }
}
