import type { OutcomeKind } from '../../core/domain';
import { listOutcomes } from '../../log/outcomeList';
import { goalOf, outcomeContext, repositoriesOf, span, value, type Command } from '../common/command';
import { outcomeLine, outcomeRecord } from '../common/present';

/** `list`: outcomes one per line, newest first, narrowed as asked. */
export const list: Command = {
  name: 'list',
  summary: 'List outcomes, newest first, by date, kind, goal, repository or words',
  description: 'Lists outcomes one per line, newest first (an outcome named under a branch included, at its own date).',
  options: [
    { name: 'since', value: 'YYYY-MM-DD', help: 'from this day on (the default: from the first)' },
    { name: 'until', value: 'YYYY-MM-DD', help: 'up to this day, included (the default: today)' },
    { name: 'kind', value: 'KIND', choices: ['impact', 'routine'], help: 'only shipped impact, or only routine activity' },
    { name: 'goal', value: 'GOAL', help: "only outcomes that move this goal (its title, a part of it, or its id), or none: those tied to no goal" },
    { name: 'repo', value: 'REPO', help: "only this repository's: its name, or a folder in it" },
    { name: 'search', value: 'WORDS', help: "only outcomes whose line, branch or commit subjects hold these words" },
  ],
  examples: ['progress-log list --since 2026-10-01 --kind impact', 'progress-log list --goal "Faster checkout" --json'],
  async run(cli, parsed) {
    const range = span(parsed, cli.timeZone, cli.now() + 1);
    const store = await cli.store('read');
    const goal = value(parsed, 'goal');
    const repo = value(parsed, 'repo');
    const outcomes = listOutcomes(store, {
      ...range,
      kind: value(parsed, 'kind') as OutcomeKind | undefined,
      goalId: goal === undefined ? undefined : goal === 'none' ? null : goalOf(store, goal).id,
      repoIds: repo === undefined ? undefined : new Set(repositoriesOf(store, repo, cli.io.cwd).map((record) => record.id)),
      text: value(parsed, 'search'),
    });
    const context = outcomeContext(store, cli.timeZone);
    if (cli.globals.json) {
      for (const view of outcomes) cli.record(outcomeRecord(view, context));
      return;
    }
    if (outcomes.length === 0) {
      cli.say('No outcome matches.');
      return;
    }
    cli.print(outcomes.map((view) => outcomeLine(view, context, cli.out, true)).join('\n'));
  },
};
