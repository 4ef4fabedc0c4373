import * as os from 'node:os';
import * as vscode from 'vscode';
import { InvalidInputError } from '../core/errors';
import type { WeekOptions } from '../core/weeks';
import { Commands, StateKeys, type ExportDestination } from '../ids';
import { gatherReport } from '../report/gather';
import type { ReportFormat } from '../report/model';
import { customRange, dateProblem, oneOnOneRange, reviewRange, type DateRange, type OneOnOneRange, type ReviewRange } from '../report/ranges';
import { renderReport, renderReview } from '../report/render';
import type { Store } from '../storage/store';
import { Disposable } from './lifecycle';
import type { Notices } from './notices';

/** What a caller (a test, a keybinding) can pass to skip the pickers. */
export interface ExportArgs {
  range?: OneOnOneRange | ReviewRange | { from: string; to: string };
  format?: ReportFormat;
  destination?: ExportDestination | 'file';
}

const LANGUAGE: Record<ReportFormat, string> = { markdown: 'markdown', text: 'plaintext', json: 'json', csv: 'csv' };
const EXTENSION: Record<ReportFormat, string> = { markdown: 'md', text: 'txt', json: 'json', csv: 'csv' };
const SAVE_AS: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: 'Save as a file…' };

interface RangeChoice extends vscode.QuickPickItem {
  range: OneOnOneRange | ReviewRange | 'custom';
}

/** "Export for 1:1…" and "Export for review…": pick a range, render, open or copy or save. */
export class ExportCommands extends Disposable {
  constructor(
    private readonly store: Store,
    private readonly globalState: vscode.Memento,
    private readonly notices: Notices,
    private readonly weekOptions: () => WeekOptions,
    private readonly format: () => ReportFormat,
    private readonly destination: () => ExportDestination,
  ) {
    super();
    this.register(vscode.commands.registerCommand(Commands.exportOneOnOne, (args?: ExportArgs) => this.notices.guard('export', () => this.exportOneOnOne(args))));
    this.register(vscode.commands.registerCommand(Commands.exportReview, (args?: ExportArgs) => this.notices.guard('export', () => this.exportReview(args))));
  }

  private async exportOneOnOne(args: ExportArgs = {}): Promise<vscode.TextDocument | undefined> {
    const lastExport = this.globalState.get<number>(StateKeys.lastOneOnOneExport);
    const now = Date.now();
    const choices: RangeChoice[] = [
      ...(lastExport ? [{ label: 'Since last 1:1 export', description: new Date(lastExport).toLocaleString(), range: 'sinceLastExport' as const }] : []),
      { label: 'This week', range: 'thisWeek' },
      { label: 'Last week', range: 'lastWeek' },
      { label: 'Last 2 weeks', range: 'lastTwoWeeks' },
      { label: 'This month', range: 'thisMonth' },
      { label: 'Last quarter', range: 'lastQuarter' },
      { label: 'Custom range…', range: 'custom' },
    ];
    const picked = await this.pickRange('Export for 1:1', choices, args);
    if (!picked) return undefined;
    const range =
      picked.range === 'custom'
        ? await this.askCustomRange(args)
        : oneOnOneRange(picked.range as OneOnOneRange, now, this.weekOptions(), lastExport);
    if (!range) return undefined;
    const format = args.format ?? this.format();
    const text = renderReport(gatherReport(this.store, range, this.weekOptions().timeZone), format);
    const delivered = await this.deliver(text, format, picked.saveAs ? 'file' : (args.destination ?? this.destination()), 'progress', range);
    // A cancelled save is no 1:1: the next "since last 1:1" still starts from the previous one.
    if (delivered) await this.globalState.update(StateKeys.lastOneOnOneExport, now);
    return delivered === true ? undefined : delivered;
  }

  private async exportReview(args: ExportArgs = {}): Promise<vscode.TextDocument | undefined> {
    const choices: RangeChoice[] = [
      { label: 'This quarter', range: 'thisQuarter' },
      { label: 'Last quarter', range: 'lastQuarter' },
      { label: 'This half-year', range: 'thisHalf' },
      { label: 'Last half-year', range: 'lastHalf' },
      { label: 'Custom range…', range: 'custom' },
    ];
    const picked = await this.pickRange('Export for review', choices, args);
    if (!picked) return undefined;
    const timeZone = this.weekOptions().timeZone;
    const range = picked.range === 'custom' ? await this.askCustomRange(args) : reviewRange(picked.range as ReviewRange, Date.now(), timeZone);
    if (!range) return undefined;
    const format = args.format ?? this.format();
    const text = renderReview(gatherReport(this.store, range, timeZone), format);
    const delivered = await this.deliver(text, format, picked.saveAs ? 'file' : (args.destination ?? this.destination()), 'review', range);
    return delivered === true ? undefined : delivered;
  }

  /** The range picker; each row's save button saves to a file instead. Args skip it. */
  private async pickRange(title: string, choices: RangeChoice[], args: ExportArgs): Promise<{ range: RangeChoice['range']; saveAs: boolean } | undefined> {
    if (args.range !== undefined) return { range: typeof args.range === 'string' ? args.range : 'custom', saveAs: false };
    return new Promise((resolve) => {
      const quickPick = vscode.window.createQuickPick<RangeChoice>();
      quickPick.title = title;
      quickPick.placeholder = 'Which period? (the save button on a row saves it to a file)';
      quickPick.items = choices.map((choice) => ({ ...choice, buttons: [SAVE_AS] }));
      let result: { range: RangeChoice['range']; saveAs: boolean } | undefined;
      quickPick.onDidAccept(() => {
        const [choice] = quickPick.selectedItems;
        if (choice) result = { range: choice.range, saveAs: false };
        quickPick.hide();
      });
      quickPick.onDidTriggerItemButton((event) => {
        result = { range: event.item.range, saveAs: true };
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(result);
      });
      quickPick.show();
    });
  }

  private async askCustomRange(args: ExportArgs): Promise<DateRange | undefined> {
    const timeZone = this.weekOptions().timeZone;
    if (args.range !== undefined && typeof args.range !== 'string') {
      const problem = dateProblem(args.range.from) ?? dateProblem(args.range.to);
      if (problem) throw new InvalidInputError(problem);
      return customRange(args.range.from, args.range.to, timeZone);
    }
    const from = await vscode.window.showInputBox({ title: 'Custom range: first day', placeHolder: 'YYYY-MM-DD', validateInput: dateProblem, ignoreFocusOut: true });
    if (from === undefined) return undefined;
    const to = await vscode.window.showInputBox({
      title: 'Custom range: last day (included)',
      placeHolder: 'YYYY-MM-DD',
      value: from,
      ignoreFocusOut: true,
      validateInput: (value) => dateProblem(value) ?? (value.trim() < from.trim() ? `The last day comes before ${from.trim()}.` : undefined),
    });
    if (to === undefined) return undefined;
    return customRange(from, to, timeZone);
  }

  /** Puts the export where it goes: the opened document, true when it went elsewhere, undefined when cancelled. */
  private async deliver(text: string, format: ReportFormat, destination: ExportDestination | 'file', kind: string, range: DateRange): Promise<vscode.TextDocument | true | undefined> {
    if (destination === 'file') {
      const day = (time: number) => new Date(time).toISOString().slice(0, 10);
      const target = await vscode.window.showSaveDialog({
        title: 'Save the export',
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), `${kind}-${day(range.from)}-to-${day(range.to - 1)}.${EXTENSION[format]}`),
        filters: { [format.toUpperCase()]: [EXTENSION[format]] },
      });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
      void vscode.window.showInformationMessage(`Saved the export to ${target.fsPath}.`);
      return true;
    }
    if (destination === 'clipboard' || destination === 'editorAndClipboard') {
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage('$(copy) Progress Log: export copied to the clipboard', 3000);
    }
    if (destination === 'clipboard') return true;
    const document = await vscode.workspace.openTextDocument({ content: text, language: LANGUAGE[format] });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }
}
