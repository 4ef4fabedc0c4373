import { calendarIn } from '../../core/calendar';
import type { OutcomeKind } from '../../core/domain';
import { InvalidOutcomeError } from '../../core/errors';
import { outcomeTextProblem } from '../../core/rules';
import { goalChoicesForLine, suggestedGoal } from '../../naming/naming';
import { happenedAtOf, namedDay } from '../../naming/outcomeDay';
import { goalOf, value, type Command } from '../common/command';
import { outcomeRecord } from '../common/present';

/** `add "<line>"`: work that is not in a commit, on the day it happened, as the Weekly Log's "Add an outcome" saves it. */
export const add: Command = {
  name: 'add',
  summary: 'Add an outcome that is not in a commit (a review, mentoring, an incident, a design doc)',
  description:
    'Adds an outcome by hand: one line about what moved forward, on the day it happened. Without --goal it is linked to the goal its words point to, as the editor suggests (--goal none links none).',
  arguments: [{ name: 'line', help: 'what moved forward, in one line (quote it)', required: true }],
  options: [
    { name: 'kind', value: 'KIND', choices: ['impact', 'routine'], help: 'shipped impact (the default) or routine activity' },
    { name: 'date', value: 'YYYY-MM-DD', help: 'the day it happened: today (the default), yesterday, or a day before' },
    { name: 'goal', value: 'GOAL', help: "the goal it moves: its title, a part of it, its id, or none" },
  ],
  examples: ['progress-log add "Led the incident review for the checkout outage"', 'progress-log add "Mentored Sam through a first on-call week" --date yesterday --goal none'],
  async run(cli, parsed) {
    const [line] = parsed.arguments;
    // Checked before the database is opened: a line that cannot be saved writes nothing.
    // The prompt's own words for an empty line speak of its Escape key; here it is the quotes.
    if (line.trim() === '') throw new InvalidOutcomeError('Write what moved forward in one line, in quotes: progress-log add "Led the incident review".');
    const problem = outcomeTextProblem(line);
    if (problem) throw new InvalidOutcomeError(problem);
    const now = cli.now();
    const day = namedDay(value(parsed, 'date') ?? 'today', now, cli.timeZone);
    const kind = (value(parsed, 'kind') ?? 'impact') as OutcomeKind;
    const goalName = value(parsed, 'goal');
    const store = await cli.store('write');
    const goals = goalChoicesForLine(store, line);
    const goalId = goalName === undefined ? (goals ? suggestedGoal(goals, kind, line) : null) : goalName === 'none' ? null : goalOf(store, goalName, ['active']).id;
    const result = store.changes.createOutcome({ text: line, kind, source: 'manual', goalId, happenedAt: happenedAtOf(day, now, cli.timeZone) });
    const goal = goalId === null ? undefined : store.goals.goal(goalId);
    const where = [kind === 'impact' ? 'shipped impact' : 'routine activity', calendarIn(cli.timeZone).dayWithYear(happenedAtOf(day, now, cli.timeZone)), goal && `goal: ${goal.title}`].filter(Boolean).join(' · ');
    if (result.state === 'kept') {
      cli.kept();
      if (cli.globals.json) cli.record({ type: 'kept', text: line });
      cli.say(`Kept: ${line} (${where}).`);
      return;
    }
    if (cli.globals.json) cli.record(outcomeRecord({ ...result.value, repo: null, commits: [], children: [] }, { timeZone: cli.timeZone, goalTitle: () => goal?.title }));
    cli.say(`${cli.err.green('Added')}: ${line} ${cli.err.dim(`(${where})`)}`);
  },
};
