import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from '../../core/errors';
import { GitReader } from '../../git/gitReader';
import { GitRunner } from '../../git/gitRunner';
import { formatOf, ONE_ON_ONE, rangeOfRequest, rangeRequestOf, REVIEW, type ExportContext, type ExportKind } from '../../report/exportKinds';
import { gatherReport, markPublished } from '../../report/gather';
import { REPORT_FORMATS } from '../../report/model';
import { render } from '../../report/render';
import { configFolder, readLastOneOnOne, recordLastOneOnOne } from '../../storage/userConfig';
import { value, type Command } from '../common/command';

/** The ranges each export takes, as typed here, and the extension's name for each. */
const RANGES: Record<'1on1' | 'review', Record<string, string>> = {
  '1on1': {
    'since-last-1on1': 'sinceLastExport',
    'this-week': 'thisWeek',
    'last-week': 'lastWeek',
    'last-two-weeks': 'lastTwoWeeks',
    month: 'thisMonth',
    'this-month': 'thisMonth',
    quarter: 'lastQuarter',
    'last-quarter': 'lastQuarter',
  },
  review: { quarter: 'thisQuarter', 'this-quarter': 'thisQuarter', 'last-quarter': 'lastQuarter', 'this-half': 'thisHalf', 'last-half': 'lastHalf' },
};

/**
 * `export`: the extension's "Export for 1:1…" and "Export for review…", through the very functions
 * its command calls (range, gather, which commits others can open, render), so that the same range
 * and format give the same bytes.
 */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a range for a 1:1 or a review, as the extension does (Markdown, text, JSON or CSV)',
  description:
    'Writes the export the extension makes for the same range and format, byte for byte, to stdout or a file. Ranges for --for 1on1: ' +
    `${Object.keys(RANGES['1on1']).join(', ')} (quarter is the last one; the default is since-last-1on1 once a 1:1 export was made, else this-week). ` +
    `For --for review: ${Object.keys(RANGES.review).join(', ')} (the default: this-quarter). Or any days with --since and --until. ` +
    'A 1:1 export made here starts the next "since last 1:1" here and in the extension.',
  options: [
    { name: 'for', value: 'WHO', choices: ['1on1', 'review'], help: 'a 1:1 report, or the review of a quarter or half year' },
    { name: 'range', value: 'RANGE', choices: [...new Set([...Object.keys(RANGES['1on1']), ...Object.keys(RANGES.review)])], help: 'a named range (see above)' },
    { name: 'since', value: 'YYYY-MM-DD', help: 'the first day (with --until, instead of --range)' },
    { name: 'until', value: 'YYYY-MM-DD', help: 'the last day, included' },
    { name: 'format', value: 'FORMAT', choices: REPORT_FORMATS, help: 'markdown (the default), text, json or csv' },
    { name: 'output', short: 'o', value: 'FILE', help: 'write it to FILE instead of stdout' },
  ],
  examples: ['progress-log export --for 1on1 --range last-week', 'progress-log export --for review --range last-half --format csv -o review.csv', 'progress-log export --for 1on1 --since 2026-11-01 --until 2026-11-30'],
  async run(cli, parsed) {
    const audience = value(parsed, 'for');
    if (audience === undefined) throw new InvalidInputError('Say who the export is for: --for 1on1 or --for review.');
    const kind: ExportKind<string> = audience === '1on1' ? ONE_ON_ONE : REVIEW;
    const named = value(parsed, 'range');
    const since = value(parsed, 'since');
    const until = value(parsed, 'until');
    if (named !== undefined && (since !== undefined || until !== undefined)) throw new InvalidInputError('Pass --range or --since and --until, not both.');
    if ((since === undefined) !== (until === undefined)) throw new InvalidInputError('Pass both --since and --until: the first and the last day of the export.');
    if (named !== undefined && !(named in RANGES[audience as '1on1' | 'review'])) {
      throw new InvalidInputError(`An export for ${audience} has no range "${named}": pass one of ${Object.keys(RANGES[audience as '1on1' | 'review']).join(', ')}.`);
    }
    const folder = configFolder(cli.io.env);
    const context: ExportContext = { now: cli.now(), weekOptions: cli.weekOptions(), lastOneOnOne: readLastOneOnOne(folder) };
    const fallback = kind === ONE_ON_ONE ? (context.lastOneOnOne === undefined ? 'thisWeek' : 'sinceLastExport') : 'thisQuarter';
    // Checked as the extension checks what a caller passes: a day off the calendar is refused.
    const request = rangeRequestOf(kind, since !== undefined ? { from: since, to: until } : named !== undefined ? RANGES[audience as '1on1' | 'review'][named] : fallback)!;
    const format = formatOf(value(parsed, 'format'), 'markdown');
    const range = rangeOfRequest(kind, request, context);
    const store = await cli.store('read');
    const git = new GitReader(new GitRunner({ logger: cli.logger }));
    const text = render(kind.document, await markPublished(gatherReport(store, range, context.weekOptions.timeZone), git), format);
    const output = value(parsed, 'output');
    if (output === undefined) {
      cli.io.stdout.write(text);
    } else {
      const file = path.resolve(cli.io.cwd, output);
      fs.writeFileSync(file, text, { mode: 0o600 });
      cli.say(`Saved the export to ${file}.`);
    }
    if (!kind.recordsOneOnOne) return;
    try {
      recordLastOneOnOne(context.now, folder);
    } catch (error) {
      cli.say(`The export is done, but when it was made could not be recorded in ${folder} (${(error as Error).message}): the next "since-last-1on1" starts from the one before.`);
    }
  },
};
