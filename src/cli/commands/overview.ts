import { calendarIn } from '../../core/calendar';
import { INSIGHT_RANGES, rangeLabel, type InsightRangeKey } from '../../core/ranges';
import { weekOf } from '../../core/weeks';
import { Insights } from '../../insights/insights';
import { WeeklyLog } from '../../log/weeklyLog';
import { SCHEMA_VERSION } from '../../storage/migrations';
import { plural } from '../../core/text';
import { lastSyncedAt } from '../../sync/syncService';
import { value, type Command } from '../common/command';
import { dateTime } from '../common/present';
import { syncSetUp } from './sync';

/** The insight ranges as typed here ("last-12-weeks"), and the panel's name for each. */
const RANGE_NAMES = Object.fromEntries(INSIGHT_RANGES.map((key) => [key.replace(/\d+|[A-Z]/g, (part) => `-${part.toLowerCase()}`), key])) as Record<string, InsightRangeKey>;

/** `insights`: the panel's signals, in plain sentences with their evidence, and its counts per week. */
export const insights: Command = {
  name: 'insights',
  summary: 'The signals a single week hides, in plain sentences with their evidence',
  description: 'Shows what the Insights panel says: the signals as of the last complete week, each with the numbers behind it, and the range counted.',
  options: [{ name: 'range', value: 'RANGE', choices: Object.keys(RANGE_NAMES), help: 'the weeks counted (the default: last-12-weeks)' }],
  examples: ['progress-log insights', 'progress-log insights --range last-12-months --json'],
  async run(cli, parsed) {
    const range = RANGE_NAMES[value(parsed, 'range') ?? 'last-12-weeks'];
    const store = await cli.store('read');
    const numbers = new Insights(store, () => cli.weekOptions(), () => cli.now()).numbers(range);
    const calendar = calendarIn(cli.timeZone);
    if (cli.globals.json) {
      for (const week of numbers.weeks) {
        cli.record({ type: 'week', week: calendar.isoDate(week.start), label: week.label, current: week.current, shipped: week.impact, routine: week.routine, unnamedCommits: week.unnamed, commits: week.commits });
      }
      for (const signal of numbers.signals) {
        cli.record({ type: 'signal', rule: signal.rule, key: signal.key, sentence: signal.sentence, evidence: signal.evidence, weeks: signal.weeks.map((start) => calendar.isoDate(start)) });
      }
      return;
    }
    const style = cli.out;
    const total = (pick: (week: (typeof numbers.weeks)[number]) => number) => numbers.weeks.reduce((sum, week) => sum + pick(week), 0);
    const lines = [
      style.bold(`${rangeLabel(range)} (${numbers.range.days})`),
      `  ${total((week) => week.impact)} shipped · ${total((week) => week.routine)} routine · ${plural(total((week) => week.commits), 'commit')} (${total((week) => week.unnamed)} unnamed)`,
      '',
    ];
    if (numbers.signals.length === 0) lines.push(`No signal as of the week of ${numbers.signalsAsOf.label}.`);
    else lines.push(style.bold(`Signals as of the week of ${numbers.signalsAsOf.label}`), ...numbers.signals.flatMap((signal) => [`  - ${signal.sentence}`, ...signal.evidence.map((line) => `      ${style.dim(line)}`)]));
    cli.print(lines.join('\n'));
  },
};

/** `status`: which database, what it holds this week, what waits, when it last synced. */
export const status: Command = {
  name: 'status',
  summary: 'Which database, this week in numbers, what waits for a name, the last sync',
  examples: ['progress-log status', 'progress-log status --json'],
  async run(cli) {
    const location = cli.location();
    const store = await cli.store('read');
    const options = cli.weekOptions();
    const now = cli.now();
    const thisWeek = new WeeklyLog(store, () => options, () => now).week(weekOf(now, options), {}, 'counted');
    const waiting = store.log.countWaiting();
    const waitingCommits = store.log.countWaitingCommits();
    const repositories = store.clones.withClones().map((repo) => repo.name);
    const activeGoals = store.goals.activeCount();
    const kept = store.pending.waiting();
    const extension = location.extension;
    const syncing = syncSetUp(cli);
    const repository = 'repository' in syncing ? syncing.repository : null;
    const synced = repository === null ? undefined : lastSyncedAt(store.operations);
    if (cli.globals.json) {
      cli.record({
        type: 'status',
        database: location.file,
        chosenBy: location.source,
        schema: SCHEMA_VERSION,
        version: cli.version,
        extensionVersion: extension?.version ?? null,
        thisWeek: { shipped: thisWeek.impact.length, routine: thisWeek.routineCount, waiting: thisWeek.waiting.length },
        waiting: { pieces: waiting, commits: waitingCommits },
        repositories,
        activeGoals,
        kept,
        sync: { repository, lastSyncedAt: synced === undefined ? null : new Date(synced).toISOString() },
      });
      return;
    }
    const chosenBy = { option: 'given with --db', environment: 'given by PROGRESS_LOG_DB', extension: `named by the extension ${extension?.version ?? ''}`.trim(), found: "found in VS Code's storage" }[location.source];
    const rows: [string, string][] = [
      ['Database', `${location.file} (${chosenBy})`],
      ['Schema', `${SCHEMA_VERSION} (progress-log ${cli.version})`],
      ['This week', `${thisWeek.impact.length} shipped · ${thisWeek.routineCount} routine · ${thisWeek.waiting.length} waiting`],
      ['Waiting', waiting ? `${plural(waiting, 'piece')} of work (${plural(waitingCommits, 'commit')}): progress-log name` : 'nothing'],
      ['Repositories', repositories.length ? `${repositories.length} on this machine (${repositories.join(', ')})` : 'none yet: progress-log scan <folder>'],
      ['Goals', `${activeGoals} active`],
      ['Sync', repository === null ? 'not set up (Progress Log: Set Up Sync… in VS Code)' : `with ${repository}, ${synced === undefined ? 'not synced yet on this machine' : `last synced ${dateTime(synced, cli.timeZone)}`}`],
    ];
    if (kept) rows.push(['Kept', `${plural(kept, 'change')} waiting for the database to be free`]);
    const width = Math.max(...rows.map(([label]) => label.length));
    cli.print(rows.map(([label, text]) => `${cli.out.bold(label.padEnd(width))}  ${text}`).join('\n'));
  },
};
