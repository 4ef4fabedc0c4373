/**
 * The command line's arguments, read against a table of commands (commands.ts): long options
 * (`--since 2026-11-02`, `--since=2026-11-02`), short ones (`-h`), flags, values from a fixed list,
 * `--` before arguments that start with a dash, one level of subcommands (`goals add`). What cannot
 * be read is a UsageError whose sentence says what to type instead (exit code 2). Help is made
 * from the same table, so that it cannot drift from what is parsed; so is shell completion.
 */

/** An option: a flag (`--last`) when it has no `value`, otherwise it takes one (`--since YYYY-MM-DD`). */
export interface OptionSpec {
  /** The long name, without dashes. */
  name: string;
  /** One letter, for `-x`. */
  short?: string;
  /** What its value looks like in help (`YYYY-MM-DD`, `FILE`); absent for a flag. */
  value?: string;
  /** The values it accepts, when they are a fixed list. */
  choices?: readonly string[];
  help: string;
}

/** A positional argument. */
export interface ArgumentSpec {
  name: string;
  help: string;
  required?: boolean;
  /** Takes every remaining argument. */
  variadic?: boolean;
  choices?: readonly string[];
  /** What completion offers for it. */
  complete?: 'directory' | 'file';
}

/** A command, as the table describes it; `Run` is what it does (the table's business, not the parser's). */
export interface CommandSpec<Run = unknown> {
  name: string;
  /** One line, for the list of commands. */
  summary: string;
  /** More, for its own help. */
  description?: string;
  options?: readonly OptionSpec[];
  arguments?: readonly ArgumentSpec[];
  examples?: readonly string[];
  /** Its subcommands (`goals add`); one of them runs when none is named, if `defaultSubcommand` says which. */
  subcommands?: readonly CommandSpec<Run>[];
  defaultSubcommand?: string;
  run?: Run;
}

/** What was read: the command to run (with the names that led to it), its options and arguments. */
export interface Parsed<Run = unknown> {
  command: CommandSpec<Run>;
  /** ['goals', 'add'] */
  path: string[];
  /** By long name: a flag's `true`, or the value given. */
  options: Record<string, string | true>;
  arguments: string[];
  /** `--help` was asked for: show the command's help, whatever else the line holds. */
  help: boolean;
}

/** Arguments that cannot be read: the message says what to type instead. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help would help (['goals', 'add']). */
    readonly path: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Reads `argv` (without node and the script) against `program`'s commands; `globals` are options
 * every command takes, before or after its name.
 * @throws UsageError
 */
export function parse<Run>(argv: readonly string[], program: CommandSpec<Run>, globals: readonly OptionSpec[]): Parsed<Run> {
  let command = program;
  const path: string[] = [];
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  let help = false;
  let onlyArguments = false;
  const known = () => [...(command.options ?? []), ...globals];
  const take = (spec: OptionSpec, inline: string | undefined, index: number): number => {
    if (spec.name === 'help') help = true;
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`${label(spec)} takes no value (got "${inline}").`, path);
      options[spec.name] = true;
      return index;
    }
    let value = inline;
    if (value === undefined) {
      if (index + 1 >= argv.length) throw new UsageError(`${label(spec)} needs a value: ${label(spec)} ${spec.value}.`, path);
      value = argv[++index];
    }
    if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${label(spec)} takes ${listed(spec.choices)}, not "${value}".`, path);
    options[spec.name] = value;
    return index;
  };

  // With --help anywhere, what else the line holds is not judged: the help of the command so far is shown.
  const end = argv.indexOf('--');
  const wantsHelp = (end < 0 ? argv : argv.slice(0, end)).some((token) => token === '--help' || token === '-h');
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index];
    if (wantsHelp && !onlyArguments && token !== '--' && !token.startsWith('-') && !(command.subcommands && positional.length === 0 && command.subcommands.some((sub) => sub.name === token))) {
      positional.push(token);
      continue;
    }
    if (wantsHelp && token.startsWith('-') && token !== '--' && token !== '--help' && token !== '-h') continue;
    if (onlyArguments) {
      positional.push(token);
    } else if (token === '--') {
      onlyArguments = true;
    } else if (token.startsWith('--')) {
      const [name, inline] = splitOnce(token.slice(2), '=');
      const spec = known().find((candidate) => candidate.name === name);
      if (!spec) throw new UsageError(`${where(path)}has no option --${name}.${suggest(`--${name}`, known().map((option) => `--${option.name}`))}`, path);
      index = take(spec, inline, index);
    } else if (token.startsWith('-') && token.length > 1) {
      // -x, -xy (flags together), -ofile (a value attached)
      for (let at = 1; at < token.length; at++) {
        const spec = known().find((candidate) => candidate.short === token[at]);
        if (!spec) throw new UsageError(`${where(path)}has no option -${token[at]}.`, path);
        if (spec.value && at + 1 < token.length) {
          index = take(spec, token.slice(at + 1), index);
          break;
        }
        index = take(spec, undefined, index);
      }
    } else if (command.subcommands && positional.length === 0) {
      const sub = command.subcommands.find((candidate) => candidate.name === token);
      if (!sub) {
        if (command.defaultSubcommand === undefined || path.length === 0) {
          throw new UsageError(`${where(path)}has no command "${token}".${suggest(token, command.subcommands.map((candidate) => candidate.name))}`, path);
        }
        throw new UsageError(`${where(path)}has no "${token}": ${listed(command.subcommands.map((candidate) => candidate.name))}.${suggest(token, command.subcommands.map((candidate) => candidate.name))}`, path);
      }
      command = sub;
      path.push(sub.name);
    } else {
      positional.push(token);
    }
  }

  if (help || wantsHelp) return { command, path, options, arguments: positional, help: true };
  if (command.subcommands && command.defaultSubcommand !== undefined) {
    const sub = command.subcommands.find((candidate) => candidate.name === command.defaultSubcommand)!;
    command = sub;
    path.push(sub.name);
  }
  checkArguments(command, path, positional);
  return { command, path, options, arguments: positional, help };
}

function checkArguments(command: CommandSpec<unknown>, path: readonly string[], positional: readonly string[]): void {
  const specs = command.arguments ?? [];
  const variadic = specs.some((spec) => spec.variadic);
  if (!variadic && positional.length > specs.length) {
    const extra = positional[specs.length];
    throw new UsageError(
      specs.length === 0 ? `${where(path)}takes no arguments (got "${extra}").` : `${where(path)}takes ${specs.length === 1 ? 'one argument' : `${specs.length} arguments`}; "${extra}" is one too many (quote a line with spaces).`,
      path,
    );
  }
  specs.forEach((spec, index) => {
    const given = spec.variadic ? positional.slice(index) : positional.slice(index, index + 1);
    if (spec.required && given.length === 0) throw new UsageError(`${where(path)}needs ${spec.name}.`, path);
    for (const value of given) {
      if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${spec.name} is ${listed(spec.choices)}, not "${value}".`, path);
    }
  });
}

/** The help of a command: usage, what it does, its arguments, options and examples. */
export function helpText(program: string, command: CommandSpec<unknown>, path: readonly string[], globals: readonly OptionSpec[]): string {
  const name = [program, ...path].join(' ');
  const lines: string[] = [];
  if (command.subcommands) {
    lines.push(`Usage: ${name} <command> [options]`, '');
    if (command.description ?? command.summary) lines.push(command.description ?? command.summary, '');
    lines.push('Commands:');
    const width = Math.max(...command.subcommands.map((sub) => sub.name.length));
    for (const sub of command.subcommands) lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
    lines.push('', `Run "${name} <command> --help" for a command's options.`);
  } else {
    lines.push(`Usage: ${usage(name, command)}`, '');
    lines.push(command.description ?? command.summary);
    const rows: [string, string][] = [
      ...(command.arguments ?? []).map((spec): [string, string] => [spec.name, spec.choices ? `${spec.help} (${spec.choices.join(', ')})` : spec.help]),
    ];
    if (rows.length) lines.push('', 'Arguments:', ...table(rows));
    if (command.options?.length) lines.push('', 'Options:', ...table(command.options.map(optionRow)));
  }
  lines.push('', 'Global options:', ...table(globals.map(optionRow)));
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  return `${lines.join('\n')}\n`;
}

/** "progress-log week [--last] [--date YYYY-MM-DD]" */
export function usage(name: string, command: CommandSpec<unknown>): string {
  const parts = [name];
  for (const spec of command.arguments ?? []) {
    const text = `<${spec.name}>${spec.variadic ? '…' : ''}`;
    parts.push(spec.required ? text : `[${text}]`);
  }
  for (const option of command.options ?? []) parts.push(`[${label(option)}${option.value ? ` ${option.choices ? option.choices.join('|') : option.value}` : ''}]`);
  return parts.join(' ');
}

function optionRow(option: OptionSpec): [string, string] {
  const names = `${option.short ? `-${option.short}, ` : ''}--${option.name}${option.value ? ` ${option.value}` : ''}`;
  return [names, option.choices ? `${option.help} (${option.choices.join(', ')})` : option.help];
}

function table(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

function label(option: OptionSpec): string {
  return `--${option.name}`;
}

function where(path: readonly string[]): string {
  return path.length ? `"${path.join(' ')}" ` : 'progress-log ';
}

function listed(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** " Did you mean --since?" for a near miss (at most two edits, or a prefix of one candidate), else ''. */
function suggest(typed: string, candidates: readonly string[]): string {
  const prefixed = candidates.filter((candidate) => candidate.startsWith(typed));
  if (prefixed.length === 1) return ` Did you mean ${prefixed[0]}?`;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best ? ` Did you mean ${best.candidate}?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
