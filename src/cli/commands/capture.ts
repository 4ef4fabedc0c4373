import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitScanner, type ScanResult } from '../../capture/commitScanner';
import { HistoryCatchUp } from '../../capture/historyCatchUp';
import { HistoryImporter, rangeStart, type ImportRange } from '../../capture/historyImport';
import { InvalidInputError, StoreBusyError } from '../../core/errors';
import { customRange } from '../../core/ranges';
import { plural } from '../../core/text';
import { GitReader } from '../../git/gitReader';
import { GitRunner } from '../../git/gitRunner';
import { NamingWorkflow } from '../../naming/naming';
import type { Store } from '../../storage/store';
import type { Cli } from '../common/context';
import { failure } from '../common/errors';
import { day, sessionState, value, type Command } from '../common/command';
import { waitingLine, waitingRecord } from '../common/present';

const REPOSITORY_ARGUMENT = { name: 'repository', help: 'a folder in a git repository (the default: every clone the log knows on this machine)', variadic: true, complete: 'directory' } as const;

/** How long a scan that meets windows of Progress Log taking turns on the database waits its own turn. */
const TURN_WAIT_MS = 15_000;

/** git and the scanner as a window of the extension has them, with the extension's settings. */
function capture(cli: Cli, store: Store): { git: GitReader; scanner: CommitScanner } {
  const git = new GitReader(new GitRunner({ logger: cli.logger }));
  const settings = cli.settings();
  const scanner = new CommitScanner(git, store, cli.logger, { defaultBranches: () => settings.defaultBranches, askWhen: () => settings.askWhen, authorEmails: () => settings.authorEmails });
  return { git, scanner };
}

/** The folders named, or every clone the log knows here that is still where it was. */
function roots(cli: Cli, store: Store, named: readonly string[]): string[] {
  if (named.length) {
    return named.map((name) => {
      const folder = path.resolve(cli.io.cwd, name);
      if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidInputError(`${name} is not a folder.`);
      return fs.realpathSync(folder);
    });
  }
  const known = store.clones.paths();
  const gone = known.filter((clonePath) => !fs.existsSync(clonePath));
  for (const clonePath of gone) cli.say(cli.err.dim(`${clonePath} is gone; left out (its history stays in the log).`));
  if (known.length === gone.length) throw new InvalidInputError('The log knows no repository on this machine yet: name one, as in progress-log scan ~/src/shop.');
  return known.filter((clonePath) => !gone.includes(clonePath));
}

/** Runs work for each repository; one that fails is said and the others go on. Returns the exit code. */
async function eachRepository(cli: Cli, folders: readonly string[], work: (root: string) => Promise<void>): Promise<number> {
  let failed = 0;
  for (const root of folders) {
    try {
      await work(root);
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      failed++;
      cli.say(`${path.basename(root)}: ${failure(error, { command: cli.version }).message}`);
    }
  }
  return failed ? 1 : 0;
}

/** A scan that meets another window's turn on the database waits for its own, as the extension's does. */
async function scanInTurn(scanner: CommitScanner, root: string): Promise<ScanResult> {
  const started = Date.now();
  for (let pause = 20; ; pause = Math.min(pause * 2, 1000)) {
    try {
      return await scanner.scan(root);
    } catch (error) {
      if (!(error instanceof StoreBusyError) || error.lasting || Date.now() - started > TURN_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }
}

/** `scan`: what the extension's watcher does when a repository changes, once, here and now. */
export const scan: Command = {
  name: 'scan',
  summary: 'Record commits and closed branches since the last look, as the extension does',
  description:
    'Looks at repositories as the extension does when they change: the commits you made since the last look (the reflogs say which were made here and on which branch) and the branches merged or closed, one record per piece of work. What waits for a name is then named with progress-log name, or in the Weekly Log.',
  arguments: [REPOSITORY_ARGUMENT],
  examples: ['progress-log scan', 'progress-log scan ~/src/shop ~/src/api'],
  async run(cli, parsed) {
    const store = await cli.store('write');
    const { git, scanner } = capture(cli, store);
    const naming = new NamingWorkflow(store, cli.logger, sessionState());
    // History another machine imported is read from the clone here, as the extension does.
    const catchUp = new HistoryCatchUp(new HistoryImporter(scanner, git, store, cli.logger), git, store, cli.logger);
    return eachRepository(cli, roots(cli, store, parsed.arguments), async (root) => {
      const result = await scanInTurn(scanner, root);
      const batches = naming.batchesFor(result.claimed);
      const name = result.repo.name;
      const caughtUp = result.waitingFor ? [] : await catchUp.consider([root]);
      if (cli.globals.json) {
        cli.record({ type: 'scan', repository: name, path: root, firstLook: result.firstScan, waitingFor: result.waitingFor ?? null, newlyWaiting: batches.length });
        for (const batch of batches) cli.record(waitingRecord(batch, cli.timeZone));
        for (const done of caughtUp) {
          cli.record({ type: 'import', repository: name, path: root, commits: done.imported, branches: done.branches, read: done.read, stopped: done.cancelled, asOnAnotherMachine: true });
        }
        return;
      }
      if (result.waitingFor) cli.print(`${name}: a ${result.waitingFor} is in progress; scan again once it ends.`);
      else if (result.firstScan && caughtUp.length === 0) cli.print(`${name}: first look; its history is not asked about (progress-log import brings it in as history).`);
      else if (result.firstScan) cli.print(`${name}: first look; its history is not asked about.`);
      else if (batches.length === 0) cli.print(`${name}: nothing new waits for a name.`);
      else cli.print([`${name}: ${plural(batches.length, 'piece of work waits', 'pieces of work wait')} for a name:`, ...batches.map((batch) => `  - ${waitingLine(batch, cli.out)}`)].join('\n'));
      for (const done of caughtUp) cli.print(`${name}: imported ${plural(done.imported, 'commit')} as history, as on your other machine.`);
    });
  },
};

/** The ranges an import reaches back, as typed here. */
const IMPORT_NAMES: Record<string, ImportRange> = { '4-weeks': 'fourWeeks', '3-months': 'threeMonths', year: 'year', all: 'all' };

/** `import`: "Import History…" for the repositories named, with progress on a terminal and Ctrl+C to stop. */
export const importCommand: Command = {
  name: 'import',
  summary: 'Bring in your earlier commits and merged branches as history',
  description:
    'Brings in your commits (under every address you commit with) and the branches merged among them, as history: shown in their weeks, never asked about. Ctrl+C stops it; what was imported stays, and importing again adds only what is missing.',
  arguments: [REPOSITORY_ARGUMENT],
  options: [{ name: 'since', value: 'WHEN', help: `how far back: ${Object.keys(IMPORT_NAMES).join(', ')} (the default: 4-weeks), or a day (YYYY-MM-DD)` }],
  examples: ['progress-log import ~/src/shop', 'progress-log import --since 2026-01-01'],
  async run(cli, parsed) {
    const since = sinceOf(value(parsed, 'since') ?? '4-weeks', cli);
    const store = await cli.store('write');
    const { git, scanner } = capture(cli, store);
    const importer = new HistoryImporter(scanner, git, store, cli.logger);
    const stop = new AbortController();
    const interrupted = () => stop.abort();
    process.once('SIGINT', interrupted);
    try {
      return await eachRepository(cli, roots(cli, store, parsed.arguments), async (root) => {
        if (stop.signal.aborted) return;
        const name = path.basename(root);
        const progress = (imported: number, read: number) => cli.io.stderr.write(`\r${name}: ${plural(imported, 'commit')} imported (${read.toLocaleString('en-US')} read)`);
        const result = await importer.import(root, { since, signal: stop.signal, onProgress: cli.io.tty.stderr && !cli.globals.json ? (so) => progress(so.imported, so.read) : undefined });
        if (cli.io.tty.stderr && !cli.globals.json) cli.io.stderr.write('\n');
        if (cli.globals.json) {
          cli.record({ type: 'import', repository: result.repo.name, path: root, commits: result.imported, branches: result.branches, read: result.read, stopped: result.cancelled });
          return;
        }
        const what = result.branches ? `${plural(result.imported, 'commit')} and ${plural(result.branches, 'merged branch', 'merged branches')}` : plural(result.imported, 'commit');
        if (result.cancelled) cli.print(`${result.repo.name}: stopped; ${what} imported so far (import again to bring in the rest).`);
        else if (result.imported + result.branches === 0) cli.print(`${result.repo.name}: nothing new to import; it is all in the log already.`);
        else cli.print(`${result.repo.name}: imported ${what} as history.`);
      });
    } finally {
      process.off('SIGINT', interrupted);
    }
  },
};

/** Where an import starts: a named reach back from now, or a day's start; undefined for all history. */
function sinceOf(text: string, cli: Cli): number | undefined {
  if (text in IMPORT_NAMES) return rangeStart(IMPORT_NAMES[text], cli.now());
  if (/^\d{4}-/.test(text)) return customRange(day(text, 'since'), text, cli.timeZone).from;
  throw new InvalidInputError(`--since takes ${Object.keys(IMPORT_NAMES).join(', ')} or a day (YYYY-MM-DD), not "${text}".`);
}
