/**
 * Every command of `progress-log`, one entry each: adding a command is adding its entry here (the
 * parser, the help and shell completion all read this table).
 */
import type { OptionSpec } from './common/args';
import type { Command } from './common/command';
import { add } from './commands/add';
import { importCommand, scan } from './commands/capture';
import { exportCommand } from './commands/export';
import { goals } from './commands/goals';
import { list } from './commands/list';
import { name } from './commands/name';
import { insights, status } from './commands/overview';
import { sync } from './commands/sync';
import { week } from './commands/week';
import { completionScript, SHELLS, type Shell } from './common/completion';

/** Options every command takes, before or after its name. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'db', value: 'PATH', help: 'the database to use (also PROGRESS_LOG_DB; by default the one the extension uses)' },
  { name: 'json', help: 'print one JSON object per line (fields are documented, and only ever added)' },
  { name: 'no-color', help: 'no colour (also NO_COLOR; there is none unless the output is a terminal)' },
  { name: 'verbose', help: 'say what it does on stderr: every git command, every decision' },
  { name: 'help', short: 'h', help: 'show help' },
];

const completion: Command = {
  name: 'completion',
  summary: 'Print a shell completion script (bash, zsh or fish)',
  arguments: [{ name: 'shell', help: 'the shell', required: true, choices: SHELLS }],
  examples: ['source <(progress-log completion bash)   # in ~/.bashrc', 'source <(progress-log completion zsh)    # in ~/.zshrc', 'progress-log completion fish > ~/.config/fish/completions/progress-log.fish'],
  run: (cli, parsed) => cli.print(completionScript(parsed.arguments[0] as Shell, PROGRAM, GLOBAL_OPTIONS)),
};

export const COMMANDS: readonly Command[] = [add, scan, name, week, list, exportCommand, goals, importCommand, insights, sync, status, completion];

export const PROGRAM: Command = {
  name: 'progress-log',
  summary: 'Progress Log from a terminal: the same log, the same database as the VS Code extension.',
  subcommands: COMMANDS,
};
