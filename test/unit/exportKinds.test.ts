import * as assert from 'node:assert/strict';
import { localDays } from '../../src/core/calendar';
import { InvalidInputError } from '../../src/core/errors';
import { ONE_ON_ONE, REVIEW, exportFileName, formatOf, layoutOf, rangeOfRequest, rangeRequestOf, type ExportContext } from '../../src/report/exportKinds';
import { oneOnOneRange } from '../../src/core/ranges';

const at = (iso: string): number => Date.parse(iso);
const iso = (range: { from: number; to: number }) => [new Date(range.from).toISOString(), new Date(range.to).toISOString()];

function context(timeZone: string, lastOneOnOne?: number): ExportContext {
  // Wednesday 2026-11-04, midday in Europe.
  return { now: at('2026-11-04T12:00:00Z'), weekOptions: { weekStart: 'monday', timeZone }, lastOneOnOne };
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, String(error));
    return error.message;
  }
  assert.fail('nothing was refused');
}

suite('saving an export names the file with the local days of its range', () => {
  test('in Tokyo this week is Nov 2 to Nov 8, not from Nov 1 as UTC dates said', () => {
    const week = oneOnOneRange('thisWeek', at('2026-11-04T03:00:00Z'), { weekStart: 'monday', timeZone: 'Asia/Tokyo' });
    assert.deepEqual(iso(week), ['2026-11-01T15:00:00.000Z', '2026-11-08T15:00:00.000Z']);
    assert.equal(exportFileName(ONE_ON_ONE, week, 'markdown', 'Asia/Tokyo'), 'progress-2026-11-02-to-2026-11-08.md');
  });

  test('in Los Angeles this week is Nov 2 to Nov 8, not to Nov 9 as UTC dates said', () => {
    const week = oneOnOneRange('thisWeek', at('2026-11-04T20:00:00Z'), { weekStart: 'monday', timeZone: 'America/Los_Angeles' });
    assert.deepEqual(iso(week), ['2026-11-02T08:00:00.000Z', '2026-11-09T08:00:00.000Z']);
    assert.equal(exportFileName(ONE_ON_ONE, week, 'csv', 'America/Los_Angeles'), 'progress-2026-11-02-to-2026-11-08.csv');
  });

  test('a review of a quarter and a one-day range are named by their days too', () => {
    const quarter = { from: at('2026-06-30T15:00:00Z'), to: at('2026-09-30T15:00:00Z') };
    assert.equal(exportFileName(REVIEW, quarter, 'json', 'Asia/Tokyo'), 'review-2026-07-01-to-2026-09-30.json');
    const day = { from: at('2026-11-02T08:00:00Z'), to: at('2026-11-03T08:00:00Z') };
    assert.equal(exportFileName(REVIEW, day, 'text', 'America/Los_Angeles'), 'review-2026-11-02-to-2026-11-02.txt');
  });

  test('the calendar gives the first and last local day of a range', () => {
    const range = { from: at('2026-11-01T15:00:00Z'), to: at('2026-11-08T15:00:00Z') };
    assert.deepEqual(localDays(range, 'Asia/Tokyo'), { first: '2026-11-02', last: '2026-11-08' });
    assert.deepEqual(localDays(range, 'UTC'), { first: '2026-11-01', last: '2026-11-08' });
  });
});

suite('each export kind takes only its own ranges', () => {
  test('a review range passed to Export for 1:1 is refused with a sentence, not exported as nothing', () => {
    const message = refusal(() => rangeRequestOf(ONE_ON_ONE, 'thisQuarter'));
    assert.equal(message, 'Export for 1:1 has no range "thisQuarter": pass one of sinceLastExport, thisWeek, lastWeek, lastTwoWeeks, thisMonth, lastQuarter, or first and last days as { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }.');
  });

  test('a 1:1 range passed to Export for review is refused', () => {
    assert.match(refusal(() => rangeRequestOf(REVIEW, 'thisWeek')), /^Export for review has no range "thisWeek": pass one of thisQuarter, lastQuarter, thisHalf, lastHalf, or/);
  });

  test('a name both kinds share means each kind\'s own range', () => {
    assert.deepEqual(rangeRequestOf(ONE_ON_ONE, 'lastQuarter'), { type: 'named', name: 'lastQuarter' });
    assert.deepEqual(rangeRequestOf(REVIEW, 'lastQuarter'), { type: 'named', name: 'lastQuarter' });
    const berlin = context('Europe/Berlin');
    assert.deepEqual(iso(rangeOfRequest(REVIEW, { type: 'named', name: 'lastQuarter' }, berlin)), ['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
  });

  test('every range the kinds name computes a range, in the user\'s time zone', () => {
    for (const kind of [ONE_ON_ONE, REVIEW] as const) {
      for (const name of kind.rangeNames) {
        const range = (kind.rangeOf as (name: string, context: ExportContext) => { from: number; to: number })(name, context('Asia/Tokyo', at('2026-10-30T09:00:00Z')));
        assert.ok(Number.isFinite(range.from) && range.to > range.from, `${kind.title}: ${name}`);
      }
    }
  });

  test('days passed by a caller are checked: real days, the last not before the first', () => {
    assert.deepEqual(rangeRequestOf(REVIEW, { from: '2026-11-02', to: '2026-11-08' }), { type: 'days', from: '2026-11-02', to: '2026-11-08' });
    assert.equal(refusal(() => rangeRequestOf(ONE_ON_ONE, { from: '2026-02-30', to: '2026-03-04' })), '2026-02-30 is not a day on the calendar.');
    assert.equal(refusal(() => rangeRequestOf(ONE_ON_ONE, { from: '2026-03-04', to: '2026-03-01' })), 'The last day comes before 2026-03-04.');
    assert.match(refusal(() => rangeRequestOf(ONE_ON_ONE, 42)), /^Export for 1:1 needs a range name/);
    assert.equal(rangeRequestOf(ONE_ON_ONE, undefined), undefined);
    assert.deepEqual(iso(rangeOfRequest(ONE_ON_ONE, { type: 'days', from: '2026-11-02', to: '2026-11-08' }, context('Asia/Tokyo'))), ['2026-11-01T15:00:00.000Z', '2026-11-08T15:00:00.000Z']);
  });

  test('"since last 1:1 export" is offered only once there was one', () => {
    assert.deepEqual(ONE_ON_ONE.options(context('UTC')).map((option) => option.name), ['thisWeek', 'lastWeek', 'lastTwoWeeks', 'thisMonth', 'lastQuarter']);
    const options = ONE_ON_ONE.options(context('UTC', at('2026-10-28T10:00:00Z')));
    assert.equal(options[0].name, 'sinceLastExport');
    assert.ok(options[0].description);
    assert.deepEqual(REVIEW.options(context('UTC')).map((option) => option.label), ['This quarter', 'Last quarter', 'This half-year', 'Last half-year']);
  });

  test('only the 1:1 export marks a 1:1, and each kind renders its own document', () => {
    assert.deepEqual([ONE_ON_ONE.recordsOneOnOne, REVIEW.recordsOneOnOne], [true, false]);
    assert.deepEqual([ONE_ON_ONE.document, REVIEW.document], ['report', 'review']);
  });

  test('a format passed by a caller is checked; none means the setting', () => {
    assert.equal(formatOf(undefined, 'csv'), 'csv');
    assert.equal(formatOf('json', 'markdown'), 'json');
    assert.equal(refusal(() => formatOf('pdf', 'markdown')), 'There is no export format "pdf": pass one of markdown, text, json, csv.');
  });
});

suite('the review export lays its range out month by month, or by reach with the firsts', () => {
  test('a layout passed by name is taken; an unknown one, or one for the 1:1 export, is refused with what to pass', () => {
    assert.equal(layoutOf(REVIEW, 'growth')?.document, 'growth');
    assert.equal(layoutOf(REVIEW, 'months')?.document, 'review');
    assert.equal(layoutOf(REVIEW, undefined), undefined, 'none passed: the picker asks');
    assert.throws(() => layoutOf(REVIEW, 'reach'), (error: Error) => error instanceof InvalidInputError && error.message === 'Export for review has no layout "reach": pass one of months, growth.');
    assert.throws(() => layoutOf(ONE_ON_ONE, 'growth'), /Export for 1:1 has one layout: pass no layout\./);
  });

  test('the growth layout saves as growth-<first day>-to-<last day>', () => {
    const range = { from: Date.UTC(2026, 6, 1), to: Date.UTC(2026, 9, 1) };
    assert.equal(exportFileName(layoutOf(REVIEW, 'growth')!, range, 'markdown', 'UTC'), 'growth-2026-07-01-to-2026-09-30.md');
  });
});
