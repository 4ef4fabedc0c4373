import * as vscode from 'vscode';
import { DEFAULT_BRANCH_NAMES, type AskWhen } from '../core/domain';
import type { WeekStart } from '../core/weeks';
import { ASK_WHEN_VALUES, EXPORT_DESTINATIONS, PROMPT_MODES, SETTINGS_SECTION, Settings, type ExportDestination, type PromptMode } from '../ids';
import type { ReportFormat } from '../report/model';
import type { RawNudgeSettings } from '../review/nudgeTiming';

const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'text', 'json', 'csv'];

/** Typed access to Progress Log's settings. */
export const config = {
  promptMode(): PromptMode {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.prompt);
    return PROMPT_MODES.includes(value as PromptMode) ? (value as PromptMode) : 'afterEachCommit';
  },

  /** When to ask: once as work lands on the default branch (a branch when it merges), or after every commit. */
  askWhen(): AskWhen {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.askWhen);
    return (ASK_WHEN_VALUES as readonly string[]).includes(value ?? '') ? (value as AskWhen) : 'workLands';
  },

  /** Other e-mail addresses the user commits under (a work and a personal one), besides each repository's user.email. */
  authorEmails(): readonly string[] {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(Settings.authorEmails);
    return Array.isArray(value) ? value.filter((email): email is string => typeof email === 'string' && email.includes('@')).map((email) => email.trim()) : [];
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

  /** The review nudge's moment, working days and working hours as set; checked by `nudgeSettings`. */
  reviewNudge(): RawNudgeSettings {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return {
      day: section.get(Settings.reviewNudgeDay),
      time: section.get(Settings.reviewNudgeTime),
      workingDays: section.get(Settings.reviewWorkingDays),
      workingHours: section.get(Settings.reviewWorkingHours),
    };
  },

  /** The sync repository the user named: a git URL or a folder path; '' when sync is off. */
  syncRepository(): string {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(Settings.syncRepository);
    return typeof value === 'string' ? value.trim() : '';
  },

  /** Names the sync repository for every window and workspace of this user. */
  async setSyncRepository(repository: string): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(Settings.syncRepository, repository, vscode.ConfigurationTarget.Global);
  },

  /** Whether Suggest may ask a language model (the person said so, in the setting or when first asked). */
  suggestEnabled(): boolean {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(Settings.suggestEnabled) === true;
  },

  async setSuggestEnabled(enabled: boolean): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(Settings.suggestEnabled, enabled, vscode.ConfigurationTarget.Global);
  },

  /** Globs of files Suggest never names, besides those it always leaves out. */
  suggestExclude(): readonly string[] {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(Settings.suggestExclude);
    return Array.isArray(value) ? value.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [];
  },

  /** VS Code's own switch for every AI feature (`chat.disableAIFeatures`): when on, no extension should ask a model. */
  aiFeaturesDisabled(): boolean {
    return vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true;
  },

  /** Fires when any Progress Log setting changes. */
  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
    });
  },
};
