import { calendarIn } from '../../core/calendar';
import { startOfLocalDay, previousWeek, weekLabel, weekOf, weekRange, type Week } from '../../core/weeks';
import { InvalidInputError } from '../../core/errors';
import { routineSummary, WeeklyLog } from '../../log/weeklyLog';
import type { Cli } from '../common/context';
import { day, flag, outcomeContext, value, type Command } from '../common/command';
import { abandonedRecord, openLine, openRecord, outcomeLines, outcomeRecord, waitingLine, waitingRecord } from '../common/present';
import type { Store } from '../../storage/store';
import type { OutcomeView } from '../../core/domain';

/** `week`: one week as the Weekly Log shows it. */
export const week: Command = {
  name: 'week',
  summary: 'Show a week as the Weekly Log does: shipped impact, routine activity, what waits',
  description: 'Shows this week (or another) as the Weekly Log does: shipped impact apart from routine activity, work waiting for a name, and work in progress.',
  options: [
    { name: 'last', help: 'last week' },
    { name: 'date', value: 'YYYY-MM-DD', help: 'the week that holds this day' },
  ],
  examples: ['progress-log week', 'progress-log week --last', 'progress-log week --json | jq -r \'select(.type == "outcome") | .text\''],
  async run(cli, parsed) {
    const date = value(parsed, 'date');
    if (date !== undefined && flag(parsed, 'last')) throw new InvalidInputError('Pass --last or --date, not both.');
    const options = cli.weekOptions();
    const now = cli.now();
    let shown = weekOf(now, options);
    if (flag(parsed, 'last')) shown = previousWeek(shown, options);
    if (date !== undefined) {
      const [year, month, dayOfMonth] = day(date, 'date').split('-').map(Number);
      shown = weekOf(startOfLocalDay(year, month, dayOfMonth, options.timeZone), options);
    }
    const store = await cli.store('read');
    showWeek(cli, store, shown);
  },
};

function showWeek(cli: Cli, store: Store, shown: Week): void {
  const options = cli.weekOptions();
  const now = cli.now();
  // The week at a glance counts routine commits nobody named; listing them would be most of the read.
  const groups = new WeeklyLog(store, () => options, () => now).week(shown, {}, 'counted');
  const reviewed = store.reviews.forWeek(shown) !== undefined;
  const context = outcomeContext(store, options.timeZone);
  const withAbandoned = cli.settings().showAbandonedBranches;
  const calendar = calendarIn(options.timeZone);
  if (cli.globals.json) {
    const weekDay = calendar.isoDate(shown.start);
    const tag = { week: weekDay };
    cli.record({
      type: 'week',
      week: weekDay,
      lastDay: calendar.isoDate(shown.end - 1),
      label: weekLabel(shown, now, options),
      reviewed,
      shipped: groups.impact.length,
      routine: groups.routineCount,
      waiting: groups.waiting.length,
      inProgress: groups.open.length,
    });
    const outcomes = (views: readonly OutcomeView[]) => {
      for (const view of views) {
        cli.record(outcomeRecord(view, context, tag));
        outcomes(view.children);
      }
    };
    outcomes(groups.impact);
    outcomes(groups.routine);
    for (const group of groups.unnamedRoutine) cli.record({ type: 'routineCommits', ...tag, repository: group.repo.name, commits: group.count });
    for (const batch of groups.waiting) cli.record(waitingRecord(batch, options.timeZone, tag));
    for (const work of groups.open) cli.record(openRecord(work, options.timeZone, tag));
    if (withAbandoned) for (const branch of groups.abandoned) cli.record(abandonedRecord(branch, options.timeZone, tag));
    return;
  }
  const style = cli.out;
  const label = weekLabel(shown, now, options);
  const range = weekRange(shown, now, options);
  const lines = [style.bold(`${label}${label === range ? '' : ` (${range})`}${reviewed ? ' · reviewed' : ''}`)];
  const group = (title: string, count: number, items: string[]) => {
    lines.push('', style.bold(`${title} (${count})`), ...items);
  };
  group('Shipped impact', groups.impact.length, groups.impact.flatMap((view) => outcomeLines(view, context, style)));
  group('Routine activity', groups.routineCount, [
    ...groups.routine.flatMap((view) => outcomeLines(view, context, style)),
    ...(groups.unnamedRoutine.length ? [`  - ${style.dim(routineSummary(groups.unnamedRoutine))}`] : []),
  ]);
  if (groups.waiting.length) group('Waiting for a name', groups.waiting.length, groups.waiting.map((batch) => `  - ${waitingLine(batch, style)}`));
  if (groups.open.length) group('In progress', groups.open.length, groups.open.map((work) => `  - ${openLine(work, style)}`));
  if (withAbandoned && groups.abandoned.length) {
    group('Abandoned branches', groups.abandoned.length, groups.abandoned.map((branch) => `  - ${branch.name}  ${style.dim(`(closed without landing · ${branch.commitIds.length} commit${branch.commitIds.length === 1 ? '' : 's'})`)}`));
  }
  cli.print(lines.join('\n'));
  if (groups.waiting.length && cli.io.tty.stdout) cli.say(cli.err.dim('Name what waits with: progress-log name'));
}
