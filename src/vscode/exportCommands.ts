import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InvalidInputError } from '../core/errors';
import type { WeekOptions } from '../core/weeks';
import { Commands, EXPORT_DESTINATIONS, StateKeys, type ExportDestination } from '../ids';
import {
  FILE_EXTENSIONS,
  ONE_ON_ONE,
  REVIEW,
  exportFileName,
  formatOf,
  layoutOf,
  rangeOfRequest,
  rangeRequestOf,
  type ExportContext,
  type ExportKind,
  type ExportLayout,
  type RangeRequest,
} from '../report/exportKinds';
import type { GitReader } from '../git/gitReader';
import { gatherReport, markPublished } from '../report/gather';
import type { ReportFormat } from '../report/model';
import { dateProblem, lastDayProblem, type OneOnOneRange, type ReviewRange } from '../core/ranges';
import { render } from '../report/render';
import { gatherShareNote, renderShareNote } from '../report/shareNote';
import { calendarIn } from '../core/calendar';
import { exportFolder } from '../report/saveFolder';
import type { Store } from '../storage/store';
import { readLastOneOnOne, recordLastOneOnOne } from '../storage/userConfig';
import type { CommandTable } from './commands';

/** What a caller (a test, a keybinding) can pass to skip the pickers. */
export interface ExportArgs {
  range?: OneOnOneRange | ReviewRange | { from: string; to: string };
  format?: ReportFormat;
  destination?: ExportDestination | 'file';
  /** For "Export for Review…": `months` (the default when a range is passed) or `growth`. */
  layout?: string;
}

type Destination = ExportDestination | 'file';

/** The language an export opens in, where VS Code has it (an extension may add `csv`). */
const LANGUAGE: Record<ReportFormat, string> = { markdown: 'markdown', text: 'plaintext', json: 'json', csv: 'csv' };
const CUSTOM = 'custom';

interface RangeItem<Name extends string> extends vscode.QuickPickItem {
  choice: Name | typeof CUSTOM;
}

interface Picked<Name extends string> {
  choice: Name | typeof CUSTOM;
  saveAs: boolean;
}

/** "Export for 1:1…" and "Export for review…": one pipeline, pick a range → gather → render → deliver. */
export class ExportCommands {
  constructor(
    private readonly store: Store,
    private readonly git: GitReader,
    private readonly globalState: vscode.Memento,
    private readonly weekOptions: () => WeekOptions,
    private readonly format: () => ReportFormat,
    private readonly destination: () => ExportDestination,
  ) {}

  commands(): CommandTable {
    return {
      [Commands.exportOneOnOne]: (args?: ExportArgs) => this.export(ONE_ON_ONE, args ?? {}),
      [Commands.exportReview]: (args?: ExportArgs) => this.export(REVIEW, args ?? {}),
      [Commands.shareGoalsAndPlan]: (args?: Pick<ExportArgs, 'destination'>) => this.shareGoalsAndPlan(args ?? {}),
    };
  }

  private async export<Name extends string>(kind: ExportKind<Name>, args: ExportArgs): Promise<vscode.TextDocument | undefined> {
    // Arguments are checked before anything is shown, so that a wrong one is refused, not ignored.
    const passed = rangeRequestOf(kind, args.range);
    const format = formatOf(args.format, this.format());
    const passedDestination = destinationOf(args.destination);
    let layout = layoutOf(kind, args.layout);
    const context: ExportContext = { now: Date.now(), weekOptions: this.weekOptions(), lastOneOnOne: this.lastOneOnOne() };

    let request: RangeRequest<Name> | undefined = passed;
    let saveAs = false;
    if (!request) {
      const picked = await this.pickRange(kind, context);
      if (!picked) return undefined;
      saveAs = picked.saveAs;
      request = picked.choice === CUSTOM ? await this.askDays() : { type: 'named', name: picked.choice };
      if (!request) return undefined;
    }
    if (!layout && kind.layouts) layout = passed ? kind.layouts[0] : await this.pickLayout(kind.title, kind.layouts);
    if (kind.layouts && !layout) return undefined;
    const range = rangeOfRequest(kind, request, context);
    const timeZone = context.weekOptions.timeZone;
    // Only commits a remote-tracking branch reaches, and branches the remote has, become links: others could not open.
    const data = await markPublished(gatherReport(this.store, range, timeZone), this.git);
    const text = render(layout?.document ?? kind.document, data, format);
    const destination = saveAs ? 'file' : (passedDestination ?? this.destination());
    const delivered = await this.deliver(text, format, destination, exportFileName(layout ?? kind, range, format, timeZone));
    // A cancelled save is no 1:1: the next "since last 1:1" still starts from the previous one.
    if (delivered && kind.recordsOneOnOne) await this.recordOneOnOne(context.now);
    return delivered === true ? undefined : delivered;
  }

  /** The last 1:1 export, made here or with the `progress-log` command (which records it beside the database pointer). */
  private lastOneOnOne(): number | undefined {
    const times = [this.globalState.get<number>(StateKeys.lastOneOnOneExport), readLastOneOnOne()].filter((time): time is number => time !== undefined);
    return times.length ? Math.max(...times) : undefined;
  }

  private async recordOneOnOne(time: number): Promise<void> {
    await this.globalState.update(StateKeys.lastOneOnOneExport, time);
    try {
      recordLastOneOnOne(time);
    } catch {
      // The command line then counts from its own last export; this window's is kept above.
    }
  }

  /** The active goals and this week's plan as a short Markdown note: copied, opened or saved. */
  private async shareGoalsAndPlan(args: Pick<ExportArgs, 'destination'>): Promise<vscode.TextDocument | undefined> {
    const passed = destinationOf(args.destination);
    const options = this.weekOptions();
    const data = gatherShareNote(this.store, Date.now(), options);
    const destination =
      passed ??
      (
        await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('Copy to the clipboard'), destination: 'clipboard' as const },
            { label: vscode.l10n.t('Open in an editor'), destination: 'editor' as const },
            { label: vscode.l10n.t('Save as a file…'), destination: 'file' as const },
          ],
          { title: vscode.l10n.t('Share Goals and Plan'), placeHolder: vscode.l10n.t('Where should the note go?') },
        )
      )?.destination;
    if (!destination) return undefined;
    const fileName = `goals-and-plan-${calendarIn(options.timeZone).isoDate(data.week.from)}.md`;
    const delivered = await this.deliver(renderShareNote(data), 'markdown', destination, fileName);
    return delivered === true ? undefined : delivered;
  }

  /** How the export lays its range out, when it can more than one way. */
  private async pickLayout(title: string, layouts: readonly ExportLayout[]): Promise<ExportLayout | undefined> {
    const picked = await vscode.window.showQuickPick(
      layouts.map((layout) => ({ label: layout.label, detail: layout.detail, layout })),
      { title, placeHolder: vscode.l10n.t('How should the review be laid out?'), ignoreFocusOut: true },
    );
    return picked?.layout;
  }

  /** The range picker; each row's save button saves to a file instead. */
  private pickRange<Name extends string>(kind: ExportKind<Name>, context: ExportContext): Promise<Picked<Name> | undefined> {
    return new Promise((resolve) => {
      const quickPick = vscode.window.createQuickPick<RangeItem<Name>>();
      quickPick.title = kind.title;
      quickPick.placeholder = vscode.l10n.t('Which period? (the save button on a row saves it to a file)');
      const items: RangeItem<Name>[] = [
        ...kind.options(context).map((option) => ({ label: option.label, description: option.description, choice: option.name })),
        { label: vscode.l10n.t('Custom range…'), choice: CUSTOM },
      ];
      const saveAs: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: vscode.l10n.t('Save as a file…') };
      quickPick.items = items.map((item) => ({ ...item, buttons: [saveAs] }));
      let result: Picked<Name> | undefined;
      quickPick.onDidAccept(() => {
        const [item] = quickPick.selectedItems;
        if (item) result = { choice: item.choice, saveAs: false };
        quickPick.hide();
      });
      quickPick.onDidTriggerItemButton((event) => {
        result = { choice: event.item.choice, saveAs: true };
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(result);
      });
      quickPick.show();
    });
  }

  /** First and last day, both included, typed as YYYY-MM-DD. */
  private async askDays<Name extends string>(): Promise<RangeRequest<Name> | undefined> {
    const from = await vscode.window.showInputBox({ title: vscode.l10n.t('Custom range: first day'), placeHolder: vscode.l10n.t('YYYY-MM-DD'), validateInput: dateProblem, ignoreFocusOut: true });
    if (from === undefined) return undefined;
    const to = await vscode.window.showInputBox({
      title: vscode.l10n.t('Custom range: last day (included)'),
      placeHolder: vscode.l10n.t('YYYY-MM-DD'),
      value: from,
      ignoreFocusOut: true,
      validateInput: (value) => dateProblem(value) ?? lastDayProblem(from, value),
    });
    if (to === undefined) return undefined;
    return { type: 'days', from, to };
  }

  /** Puts the export where it goes: the opened document, true when it went elsewhere, undefined when cancelled. */
  private async deliver(text: string, format: ReportFormat, destination: Destination, fileName: string): Promise<vscode.TextDocument | true | undefined> {
    if (destination === 'file') {
      // Never a repository's folder, where a later `git add -A` would commit the 1:1 notes.
      const folder = exportFolder(this.globalState.get<string>(StateKeys.lastExportFolder), os.homedir());
      const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the export'),
        defaultUri: vscode.Uri.joinPath(vscode.Uri.file(folder), fileName),
        filters: { [format.toUpperCase()]: [FILE_EXTENSIONS[format]] },
      });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
      if (target.scheme === 'file') await this.globalState.update(StateKeys.lastExportFolder, path.dirname(target.fsPath));
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved the export to {0}.', target.fsPath));
      return true;
    }
    if (destination === 'clipboard' || destination === 'editorAndClipboard') {
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Progress Log: export copied to the clipboard')}`, 3000);
    }
    if (destination === 'clipboard') return true;
    return openUntitled(fileName, text, await languageOf(format));
  }
}

/** The format's language where VS Code has it (stock VS Code has no `csv`), plain text otherwise. */
async function languageOf(format: ReportFormat): Promise<string> {
  return (await vscode.languages.getLanguages()).includes(LANGUAGE[format]) ? LANGUAGE[format] : 'plaintext';
}

const DESTINATIONS: readonly Destination[] = [...EXPORT_DESTINATIONS, 'file'];

function destinationOf(value: unknown): Destination | undefined {
  if (value === undefined) return undefined;
  const destination = DESTINATIONS.find((candidate) => candidate === value);
  if (destination) return destination;
  throw new InvalidInputError(vscode.l10n.t('There is no export destination "{0}": pass one of {1}.', String(value), DESTINATIONS.join(', ')));
}

/**
 * A new untitled editor named after the export ("progress-2026-11-16-to-2026-11-22.md"), so that
 * its tab says what it is and Save proposes that name. A name never reuses one still open: an
 * untitled document just closed may linger, and would come back with its old text.
 */
async function openUntitled(fileName: string, text: string, language: string): Promise<vscode.TextDocument> {
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  const dot = fileName.lastIndexOf('.');
  let uri = vscode.Uri.from({ scheme: 'untitled', path: fileName });
  for (let copy = 2; taken.has(uri.toString()); copy++) uri = vscode.Uri.from({ scheme: 'untitled', path: `${fileName.slice(0, dot)} (${copy})${fileName.slice(dot)}` });
  let document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
