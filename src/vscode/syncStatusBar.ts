import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { SyncResult } from '../sync/syncEngine';
import type { SyncService, SyncStatus } from '../sync/syncService';
import { Disposable } from './lifecycle';

/**
 * Where sync stands, in one status-bar item (hidden until a repository is named): synced, and
 * when; syncing; offline; or what to do. A click syncs now (or, when there is no repository at
 * the URL or path named, sets it up again).
 */
export class SyncStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('progressLog.sync', vscode.StatusBarAlignment.Left, 9));
  /** The sync whose pushing again was said, so that it is said once. */
  private toldRepushed: SyncResult | undefined;

  constructor(sync: SyncService) {
    super();
    this.item.name = vscode.l10n.t('Progress Log Sync');
    this.register(sync.onDidChangeStatus((status) => this.update(status)));
    this.update(sync.status);
  }

  private update(status: SyncStatus): void {
    if (status.state === 'off' || status.repository === undefined) {
      this.item.hide();
      return;
    }
    const repository = status.repository;
    const last = status.lastSyncedAt ? vscode.l10n.t('Last synced {0}.', when(status.lastSyncedAt)) : vscode.l10n.t('Not synced yet on this machine.');
    const click = vscode.l10n.t('Click to sync now.');
    let lines: string[];
    switch (status.state) {
      case 'syncing':
        this.item.text = '$(sync~spin)';
        lines = [vscode.l10n.t('Progress Log is syncing with {0}…', repository), last];
        break;
      case 'offline':
        this.item.text = '$(debug-disconnect)';
        lines = [status.problem?.sentence ?? '', last, click];
        break;
      case 'error':
        this.item.text = '$(warning)';
        lines = [status.problem?.sentence ?? '', last, status.problem?.kind === 'notFound' ? vscode.l10n.t('Click to set up sync again.') : click];
        break;
      case 'synced':
        this.item.text = '$(sync)';
        lines = [vscode.l10n.t('Progress Log is synced with {0}.', repository), last, click];
        break;
      default:
        this.item.text = '$(sync)';
        lines = [vscode.l10n.t('Progress Log syncs with {0}.', repository), last, click];
    }
    this.item.tooltip = lines.filter(Boolean).join('\n');
    this.item.accessibilityInformation = { label: vscode.l10n.t('Progress Log sync: {0}', lines.filter(Boolean).join(' ')) };
    this.item.command = status.state === 'error' && status.problem?.kind === 'notFound' ? Commands.setUpSync : Commands.syncNow;
    this.item.backgroundColor = status.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    if (status.state === 'synced' && status.last?.repushed && status.last !== this.toldRepushed) {
      this.toldRepushed = status.last;
      void vscode.window.showWarningMessage(
        vscode.l10n.t("{0} did not hold this machine's changes as they were pushed (deleted or rewritten by hand): Progress Log pushed them again, and deleted nothing here.", repository),
      );
    }
  }
}

/** A time of today as its hour, another day's with its date. */
function when(time: number): string {
  const date = new Date(time);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
