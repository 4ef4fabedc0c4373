import * as readline from 'node:readline';
import type { OutcomeKind, PendingBatch } from '../../core/domain';
import { InvalidInputError } from '../../core/errors';
import { outcomeTextProblem } from '../../core/rules';
import { shortSha } from '../../core/text';
import { NamingWorkflow, nextGoal, notificationText, suggestedGoal, workOf, type GoalChoices } from '../../naming/naming';
import type { Cli } from '../common/context';
import { CliError, EXIT } from '../common/errors';
import { sessionState, type Command } from '../common/command';

/** How many of a piece of work's commits are listed before "… and N more". */
const COMMITS_SHOWN = 8;

/** What a person can type instead of a line. */
const CHOICES = 'r routine · s skip · l later · k kind · g goal · q quit';

/** `name`: the prompt's questions in a terminal, one piece of work at a time. */
export const name: Command = {
  name: 'name',
  summary: 'Name what waits, one piece of work at a time (in a terminal)',
  description:
    'Asks about each piece of work waiting for a name, as the prompt in the editor does: type what moved forward in one line (Enter alone takes the suggestion), or r to mark it routine, s to skip it, l to leave it for later, k to switch between shipped impact and routine, g to change the goal, q to stop.',
  examples: ['progress-log name'],
  async run(cli) {
    if (!cli.io.tty.stdin || !cli.io.tty.stderr) {
      throw new CliError('progress-log name asks one question at a time, so it needs a terminal: run it in one. (progress-log week --json lists what waits, for a script.)', EXIT.usage);
    }
    const store = await cli.store('write');
    const naming = new NamingWorkflow(store, cli.logger, sessionState());
    const waiting = naming.waiting();
    if (waiting.length === 0) {
      cli.say('Nothing waits for a name.');
      return;
    }
    const input = lineReader(cli);
    const tally = { named: 0, routine: 0, skipped: 0, later: 0 };
    try {
      for (const [index, batch] of waiting.entries()) {
        const current = naming.stillWaiting(batch);
        if (!current) {
          cli.say(cli.err.dim(naming.notWaitingReason(batch)));
          continue;
        }
        cli.say(`\n${cli.err.bold(`[${index + 1}/${waiting.length}]`)} ${notificationText(current)}`);
        // The question names a single commit already; listing it under it would say it twice.
        const listed = current.type === 'branch' || current.commits.length > 1 ? current.commits : [];
        for (const commit of listed.slice(0, COMMITS_SHOWN)) cli.say(`      ${cli.err.dim(shortSha(commit.sha))} ${commit.subject}`);
        if (listed.length > COMMITS_SHOWN) cli.say(`      … and ${listed.length - COMMITS_SHOWN} more`);
        const answer = await ask(cli, naming, current, input);
        if (answer === 'quit') {
          tally.later += waiting.length - index;
          break;
        }
        tally[answer]++;
      }
    } finally {
      input.close();
    }
    const parts = [tally.named && `${tally.named} named`, tally.routine && `${tally.routine} routine`, tally.skipped && `${tally.skipped} skipped`, tally.later && `${tally.later} left for later`].filter(Boolean);
    cli.say(`\n${parts.join(', ') || 'Nothing changed'}.`);
  },
};

/** One piece of work asked about until it is answered. */
async function ask(cli: Cli, naming: NamingWorkflow, batch: PendingBatch, input: LineReader): Promise<'named' | 'routine' | 'skipped' | 'later' | 'quit'> {
  const suggestion = naming.suggestion(batch);
  const proposed = batch.draft ?? suggestion.text;
  const goals: GoalChoices | undefined = naming.goalChoices(workOf(batch));
  let kind: OutcomeKind = suggestion.kind;
  // undefined: the goal follows the line as the editor's input does, until the person changes it.
  let chosenGoal: string | null | undefined;
  const goalTitle = (goalId: string | null) => (goalId === null ? 'none' : (goals?.options.find((option) => option.id === goalId)?.title ?? 'none'));
  cli.say(cli.err.dim(`  Enter: “${proposed}” · or type a line · ${CHOICES}`));
  for (;;) {
    const goalNow = chosenGoal === undefined ? (goals ? suggestedGoal(goals, kind) : null) : chosenGoal;
    const line = await input.read(`  ${kind === 'impact' ? 'impact' : 'routine'}${goals ? ` · goal: ${goalTitle(goalNow)}` : ''} › `);
    if (line === null) return 'quit';
    const typed = line.trim();
    if (typed === 'q') return 'quit';
    if (typed === 'l') return 'later';
    if (typed === 'k') {
      kind = kind === 'impact' ? 'routine' : 'impact';
      continue;
    }
    if (typed === 'g') {
      if (goals) chosenGoal = nextGoal(goals, goalNow);
      else cli.say('  There is no active goal to link it to (progress-log goals add "<title>").');
      continue;
    }
    if (typed === 'r' || typed === 's') {
      const status = typed === 'r' ? 'routine' : 'skipped';
      const state = naming.settle(batch, status);
      if (state === 'kept') cli.kept();
      cli.say(`  ${cli.err.green(status === 'routine' ? 'Routine' : 'Skipped')}${state === 'kept' ? ' (kept: the database is locked; written as soon as it is free)' : ''}.`);
      return status;
    }
    const text = typed === '' ? proposed : line;
    const problem = outcomeTextProblem(text);
    if (problem) {
      cli.say(`  ${cli.err.yellow(problem)}`);
      continue;
    }
    const goalId = chosenGoal === undefined ? (goals ? suggestedGoal(goals, kind, text) : null) : chosenGoal;
    try {
      const state = naming.save(batch, text, kind, goalId);
      if (state === 'kept') cli.kept();
      const where = [kind === 'impact' ? 'shipped impact' : 'routine', goalId === null ? undefined : `goal: ${goalTitle(goalId)}`].filter(Boolean).join(' · ');
      cli.say(`  ${cli.err.green('Saved')}: ${text.trim()} ${cli.err.dim(`(${where})`)}${state === 'kept' ? ' (kept: the database is locked; written as soon as it is free)' : ''}`);
      return 'named';
    } catch (error) {
      // Named in another window meanwhile: said, and the next piece of work is asked about.
      if (!(error instanceof InvalidInputError)) throw error;
      cli.say(`  ${cli.err.yellow(error.message)}`);
      return 'later';
    }
  }
}

interface LineReader {
  /** The next line typed after `prompt`; null once input ends (Ctrl+D, Ctrl+C). */
  read(prompt: string): Promise<string | null>;
  close(): void;
}

function lineReader(cli: Cli): LineReader {
  const input = cli.io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
  const rl = readline.createInterface({ input, output: cli.io.stderr, terminal: input.isTTY === true });
  const lines: string[] = [];
  let waiter: ((line: string | null) => void) | undefined;
  let closed = false;
  rl.on('line', (line) => {
    if (waiter) {
      const resolve = waiter;
      waiter = undefined;
      resolve(line);
    } else lines.push(line);
  });
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => {
    closed = true;
    waiter?.(null);
    waiter = undefined;
  });
  return {
    read(prompt) {
      if (closed) return Promise.resolve(lines.shift() ?? null);
      rl.setPrompt(prompt);
      rl.prompt();
      if (lines.length) return Promise.resolve(lines.shift()!);
      return new Promise((resolve) => (waiter = resolve));
    },
    close: () => rl.close(),
  };
}
