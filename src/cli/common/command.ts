/**
 * What a command of the table is, and how commands read what was typed into what the core takes:
 * days, spans, goals and repositories named by a person.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Goal, GoalStatus, RepositoryRecord } from '../../core/domain';
import { InvalidInputError } from '../../core/errors';
import { customRange, dateProblem, lastDayProblem } from '../../core/ranges';
import { goalNamed } from '../../goals/goalLookup';
import type { NamingState } from '../../naming/naming';
import type { Store } from '../../storage/store';
import type { CommandSpec, Parsed } from './args';
import type { Cli } from './context';
import type { OutcomeContext } from './present';

/** What a command does: its exit code, or nothing for 0. */
export type Run = (cli: Cli, parsed: Parsed<Run>) => Promise<number | void> | number | void;
export type Command = CommandSpec<Run>;

/** An option's value as typed, when it has one. */
export function value(parsed: Parsed<Run>, name: string): string | undefined {
  const given = parsed.options[name];
  return typeof given === 'string' ? given : undefined;
}

export function flag(parsed: Parsed<Run>, name: string): boolean {
  return parsed.options[name] === true;
}

/** A day typed as YYYY-MM-DD. @throws InvalidInputError naming the option */
export function day(text: string, option: string): string {
  const problem = dateProblem(text);
  if (problem) throw new InvalidInputError(`--${option}: ${problem}`);
  return text.trim();
}

/** [from, to) from `--since` and `--until` (both days included); open ends reach as far as the log does. */
export function span(parsed: Parsed<Run>, timeZone: string, until: number): { from: number; to: number } {
  const since = value(parsed, 'since');
  const last = value(parsed, 'until');
  if (since !== undefined) day(since, 'since');
  if (last !== undefined) day(last, 'until');
  if (since !== undefined && last !== undefined) {
    const problem = lastDayProblem(since, last);
    if (problem) throw new InvalidInputError(`--until: ${problem}`);
  }
  return {
    from: since === undefined ? Number.MIN_SAFE_INTEGER : customRange(since, since, timeZone).from,
    to: last === undefined ? until : customRange(last, last, timeZone).to,
  };
}

/** The goal a person names (its title, part of it, or its id) among goals of `statuses`. @throws InvalidInputError */
export function goalOf(store: Store, name: string, statuses: readonly GoalStatus[] = ['active', 'completed', 'dropped']): Goal {
  const goals = store.goals.list(statuses);
  const found = goalNamed(goals, name);
  if ('found' in found) return found.found;
  if ('ambiguous' in found) throw new InvalidInputError(`"${name}" could be ${found.ambiguous.map((goal) => `"${goal.title}"`).join(' or ')}: type more of the title, or the goal's id.`);
  const which = statuses.length === 1 && statuses[0] === 'active' ? 'active goal' : 'goal';
  throw new InvalidInputError(
    goals.length ? `No ${which} is called "${name}": ${goals.map((goal) => `"${goal.title}"`).join(', ')}.` : `There is no ${which} yet: add one with progress-log goals add "<title>".`,
  );
}

/**
 * The repositories a person names: a folder (a clone, or a folder inside one) or a repository's
 * name as the log shows it. @throws InvalidInputError
 */
export function repositoriesOf(store: Store, name: string, cwd: string): RepositoryRecord[] {
  const known = [...store.log.repositories().values()];
  const folder = path.resolve(cwd, name);
  if (fs.existsSync(folder)) {
    const real = fs.realpathSync(folder);
    const clones = store.clones.paths();
    const clone = clones.filter((clonePath) => real === clonePath || real.startsWith(`${clonePath}${path.sep}`)).sort((a, b) => b.length - a.length)[0];
    const repo = clone === undefined ? undefined : store.clones.ensure(clone).repo;
    if (repo) return [repo];
  }
  const named = known.filter((repo) => repo.name === name);
  if (named.length) return named;
  throw new InvalidInputError(
    known.length ? `No repository in the log is called or found at "${name}": ${known.map((repo) => repo.name).sort().join(', ')}.` : 'The log knows no repository yet: run progress-log scan in one.',
  );
}

/** How outcomes are shown from this store: days in the user's time zone, goals by their titles (read once). */
export function outcomeContext(store: Store, timeZone: string): OutcomeContext {
  const titles = new Map(store.goals.list().map((goal) => [goal.id, goal.title]));
  return { timeZone, goalTitle: (goalId) => titles.get(goalId) };
}

/** What naming remembers between calls ("Not now"), for this command only: the command never quiets the editor's prompts. */
export function sessionState(): NamingState {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) };
}
