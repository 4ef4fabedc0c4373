import { calendarIn } from '../../core/calendar';
import type { GoalStatus } from '../../core/domain';
import { InvalidInputError } from '../../core/errors';
import { targetDayProblem } from '../../core/goalFields';
import { focusAdvice, goalCountsText, goalDescription, goalTargetText, GoalsOverview, isStalled } from '../../goals/goalsOverview';
import type { GoalProgress } from '../../storage/store';
import type { Cli } from '../common/context';
import { goalOf, value, type Command, type Run } from '../common/command';
import { goalRecord } from '../common/present';
import type { Parsed } from '../common/args';

const GOAL_ARGUMENT = [{ name: 'goal', help: "the goal: its title, a part of it, or its id", required: true }] as const;

/** `goals`: the Goals view's list and its actions. */
export const goals: Command = {
  name: 'goals',
  summary: 'List goals, or add, complete, drop or restore one',
  description: 'Goals: three to five things you want to move forward. Without a subcommand, lists them with how each moved this week and this quarter.',
  defaultSubcommand: 'list',
  subcommands: [
    {
      name: 'list',
      summary: 'Active goals with how each moved, then completed and dropped ones',
      examples: ['progress-log goals', 'progress-log goals list --json'],
      run: (cli) => listGoals(cli),
    },
    {
      name: 'add',
      summary: 'Add a goal',
      arguments: [{ name: 'title', help: 'the goal, in one line (quote it)', required: true }],
      options: [
        { name: 'why', value: 'LINE', help: 'why it matters, in one line' },
        { name: 'target', value: 'YYYY-MM-DD', help: 'the day it should be done by' },
      ],
      examples: ['progress-log goals add "Checkout converts 5% better by March" --why "Revenue" --target 2027-03-31'],
      run: addGoal,
    },
    { name: 'complete', summary: 'Complete an active goal', arguments: GOAL_ARGUMENT, run: (cli, parsed) => setStatus(cli, parsed, ['active'], 'completed') },
    { name: 'drop', summary: 'Drop an active goal', arguments: GOAL_ARGUMENT, run: (cli, parsed) => setStatus(cli, parsed, ['active'], 'dropped') },
    { name: 'restore', summary: 'Make a completed or dropped goal active again', arguments: GOAL_ARGUMENT, run: (cli, parsed) => setStatus(cli, parsed, ['completed', 'dropped'], 'active') },
  ],
};

async function listGoals(cli: Cli): Promise<void> {
  const store = await cli.store('read');
  const now = cli.now();
  const overview = new GoalsOverview(store, () => cli.weekOptions(), () => now);
  const active = overview.active();
  const closed = overview.closed();
  const calendar = calendarIn(cli.timeZone);
  if (cli.globals.json) {
    for (const progress of [...active, ...closed]) {
      cli.record(
        goalRecord(progress.goal, {
          thisWeek: progress.inWeek,
          thisQuarter: progress.inQuarter,
          lastProgressDay: progress.lastProgressAt === null ? null : calendar.isoDate(progress.lastProgressAt),
          stalled: isStalled(progress, now),
        }),
      );
    }
    return;
  }
  if (active.length + closed.length === 0) {
    cli.say('There is no goal yet: add one with progress-log goals add "<title>" (three to five is the advice).');
    return;
  }
  const style = cli.out;
  const line = (progress: GoalProgress) => {
    const details = [goalCountsText(progress), goalDescription(progress, now, cli.timeZone), goalTargetText(progress.goal, now, cli.timeZone)].filter(Boolean).join(' · ');
    const stalled = isStalled(progress, now);
    return [`  - ${progress.goal.title}  ${stalled ? style.yellow(`(${details})`) : style.dim(`(${details})`)}`, ...(progress.goal.why ? [`      ${style.dim(`why: ${progress.goal.why}`)}`] : [])];
  };
  const lines = [style.bold(`Active goals (${active.length})`), ...active.flatMap(line)];
  if (closed.length) lines.push('', style.bold(`Completed and dropped (${closed.length})`), ...closed.flatMap(line));
  cli.print(lines.join('\n'));
}

async function addGoal(cli: Cli, parsed: Parsed<Run>): Promise<void> {
  const [title] = parsed.arguments;
  const why = value(parsed, 'why') ?? null;
  const targetDay = value(parsed, 'target') ?? null;
  // As the goal form checks a target day set now: not already past.
  const problem = targetDayProblem(targetDay ?? '', { today: calendarIn(cli.timeZone).isoDate(cli.now()), current: null });
  if (problem) throw new InvalidInputError(`--target: ${problem}`);
  const store = await cli.store('write');
  const added = store.changes.createGoal({ title, why, targetDay });
  if (added.state === 'kept') {
    cli.kept();
    if (cli.globals.json) cli.record({ type: 'kept', title });
    cli.say(`Kept: goal ${title}.`);
  } else {
    if (cli.globals.json) cli.record(goalRecord(added.value));
    cli.say(`${cli.err.green('Goal added')}: ${added.value.title}`);
  }
  const advice = focusAdvice(store.goals.activeCount());
  if (advice) cli.say(advice);
}

async function setStatus(cli: Cli, parsed: Parsed<Run>, from: readonly GoalStatus[], to: GoalStatus): Promise<void> {
  const store = await cli.store('write');
  const goal = goalOf(store, parsed.arguments[0], from);
  const { state } = store.changes.setGoalStatus(goal.id, to);
  const done = to === 'active' ? 'Goal restored' : to === 'completed' ? 'Goal completed' : 'Goal dropped';
  if (state === 'kept') {
    cli.kept();
    cli.say(`Kept: ${done.toLowerCase()}: ${goal.title}.`);
  } else {
    cli.say(`${cli.err.green(done)}: ${goal.title}`);
  }
  if (cli.globals.json) cli.record(goalRecord({ ...goal, status: to }, { state }));
}
