import * as vscode from 'vscode';
import { DEFAULT_BRANCH_NAMES } from '../capture/commitScanner';
import type { WeekStart } from '../core/weeks';
import { EXPORT_DESTINATIONS, PROMPT_MODES, SETTINGS_SECTION, Settings, type ExportDestination, type PromptMode } from '../ids';
import type { ReportFormat } from '../report/model';

const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'text', 'json', 'csv'];

/** Typed access to Progress Log's settings. */
export const config = {
  promptMode(): PromptMode {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.prompt);
    return PROMPT_MODES.includes(value as PromptMode) ? (value as PromptMode) : 'afterEachCommit';
  },

  /** Where to look for the default branch when the remote does not say (`origin/HEAD`). */
  defaultBranches(): readonly string[] {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(Settings.defaultBranches);
    const names = Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string' && name.trim() !== '') : [];
    return names.length ? names.map((name) => name.trim()) : DEFAULT_BRANCH_NAMES;
  },

  weekStart(): WeekStart {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.weekStart) === 'sunday' ? 'sunday' : 'monday';
  },

  showAbandonedBranches(): boolean {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(Settings.showAbandonedBranches) === true;
  },

  exportFormat(): ReportFormat {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.exportFormat);
    return REPORT_FORMATS.includes(value as ReportFormat) ? (value as ReportFormat) : 'markdown';
  },

  exportDestination(): ExportDestination {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.exportDestination);
    return EXPORT_DESTINATIONS.includes(value as ExportDestination) ? (value as ExportDestination) : 'editor';
  },

  /** Fires when any Progress Log setting changes. */
  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
    });
  },
};
