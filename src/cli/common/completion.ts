/**
 * Shell completion for bash, zsh and fish, written from the table of commands (so that a command
 * added to the table completes with no more work): command and subcommand names, each command's
 * options, the values of options that take a fixed list, files for --db and --output, folders for
 * the repositories `scan` and `import` take. A word after an option that takes a value is that
 * value, not a command.
 */
import type { ArgumentSpec, CommandSpec, OptionSpec } from './args';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** A command as completion sees it: where it sits (`goals add`), its options and its arguments. */
interface Place {
  path: string[];
  options: readonly OptionSpec[];
  arguments: readonly ArgumentSpec[];
}

function places(program: CommandSpec<unknown>, globals: readonly OptionSpec[]): Place[] {
  const found: Place[] = [];
  const visit = (command: CommandSpec<unknown>, path: string[]) => {
    if (path.length) found.push({ path, options: [...(command.options ?? []), ...globals], arguments: command.arguments ?? [] });
    for (const sub of command.subcommands ?? []) visit(sub, [...path, sub.name]);
  };
  visit(program, []);
  return found;
}

/** Options whose value is a file. */
const FILE_VALUES = new Set(['FILE', 'PATH']);

function valueOptions(program: CommandSpec<unknown>, globals: readonly OptionSpec[]): string[] {
  const names = new Set<string>();
  for (const place of places(program, globals)) for (const option of place.options) if (option.value) names.add(`--${option.name}`).add(option.short ? `-${option.short}` : `--${option.name}`);
  return [...names].sort();
}

/**
 * The `case` lines for the word after an option that takes a value, matched against
 * "<command> <option>": a fixed list per command (the same option may take other values in
 * another command), files wherever a file is taken, nothing to offer for a free value.
 */
function valueCases(
  program: CommandSpec<unknown>,
  globals: readonly OptionSpec[],
  write: { choices(key: string, choices: readonly string[]): string; files(key: string): string; free(key: string): string },
): string[] {
  const names = (option: OptionSpec, prefix: string) => [`${prefix} --${option.name}`, ...(option.short ? [`${prefix} -${option.short}`] : [])].map((name) => `"${name}"`);
  const anywhere = (option: OptionSpec) => [`*" --${option.name}"`, ...(option.short ? [`*" -${option.short}"`] : [])];
  const lines: string[] = [];
  const files: string[] = [];
  const free: string[] = [];
  for (const place of places(program, globals)) {
    for (const option of place.options) {
      if (!option.value) continue;
      if (option.choices) lines.push(write.choices(names(option, place.path.join(' ')).join('|'), option.choices));
      else (FILE_VALUES.has(option.value) ? files : free).push(...anywhere(option));
    }
  }
  const unique = (keys: string[]) => [...new Set(keys)].join('|');
  if (files.length) lines.push(write.files(unique(files)));
  if (free.length) lines.push(write.free(unique(free)));
  return lines;
}

export function completionScript(shell: Shell, program: CommandSpec<unknown>, globals: readonly OptionSpec[]): string {
  switch (shell) {
    case 'bash':
      return bash(program, globals);
    case 'zsh':
      return zsh(program, globals);
    case 'fish':
      return fish(program, globals);
  }
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(program: CommandSpec<unknown>, globals: readonly OptionSpec[]): string {
  const name = program.name;
  const all = places(program, globals);
  const values = valueCases(program, globals, {
    choices: (key, choices) => `      ${key}) COMPREPLY=($(compgen -W ${quote(choices.join(' '))} -- "$cur")); return ;;`,
    files: (key) => `      ${key}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`,
    free: (key) => `      ${key}) return ;;`,
  });
  const optionLists = all.map((place) => `      "${place.path.join(' ')}") COMPREPLY=($(compgen -W ${quote(place.options.map((option) => `--${option.name}`).join(' '))} -- "$cur")); return ;;`);
  const words = (command: CommandSpec<unknown>, path: string[]): string[] => {
    const lines: string[] = [];
    if (command.subcommands) lines.push(`      "${path.join(' ')}") COMPREPLY=($(compgen -W ${quote(command.subcommands.map((sub) => sub.name).join(' '))} -- "$cur")); return ;;`);
    for (const sub of command.subcommands ?? []) lines.push(...words(sub, [...path, sub.name]));
    return lines;
  };
  const argumentLines = all.flatMap((place) => {
    const argument = place.arguments[0];
    if (!argument) return [];
    const pattern = `"${place.path.join(' ')}"*`;
    if (argument.choices) return [`      ${pattern}) COMPREPLY=($(compgen -W ${quote(argument.choices.join(' '))} -- "$cur")); return ;;`];
    if (argument.complete === 'directory') return [`      ${pattern}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`];
    if (argument.complete === 'file') return [`      ${pattern}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`];
    return [];
  });
  return `# bash completion for ${name}: generated by "${name} completion bash".
# Load it with: source <(${name} completion bash)   (or save it in ~/.local/share/bash-completion/completions/${name})
_progress_log() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local named="" i
  # The words before the cursor that name a command (an option's value is not one).
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${valueOptions(program, globals).join('|')}) ((i++)) ;;
      -*) ;;
      *) named="\${named:+$named }\${COMP_WORDS[i]}" ;;
    esac
  done
  local command="\${named%% *}" sub="\${named#* }"
  [[ "$sub" == "$named" ]] && sub=""
  local place="$command"
  case "$command" in
${all.filter((place) => place.path.length === 2).map((place) => place.path[0]).filter((value, index, list) => list.indexOf(value) === index).map((parent) => `    ${parent}) [[ -n "$sub" ]] && place="$command \${sub%% *}" ;;`).join('\n')}
  esac
  if [[ "$prev" == -* ]]; then
    case "$place $prev" in
${values.join('\n')}
    esac
  fi
  if [[ "$cur" == -* ]]; then
    case "$place" in
${optionLists.join('\n')}
      "") COMPREPLY=($(compgen -W ${quote([...globals.map((option) => `--${option.name}`), '--version'].join(' '))} -- "$cur")); return ;;
    esac
    return
  fi
  case "$named" in
    "") COMPREPLY=($(compgen -W ${quote((program.subcommands ?? []).map((command) => command.name).join(' '))} -- "$cur")); return ;;
${words(program, []).filter((line) => !line.startsWith('      "")')).join('\n')}
  esac
  case "$named" in
${argumentLines.join('\n')}
  esac
}
complete -o filenames -F _progress_log ${name}
`;
}

/** zsh's _describe entries: "name:description", colons in the name escaped. */
function described(entries: readonly [string, string][]): string {
  return entries.map(([word, help]) => quote(`${word.replace(/:/g, '\\:')}:${help}`)).join(' ');
}

function zsh(program: CommandSpec<unknown>, globals: readonly OptionSpec[]): string {
  const name = program.name;
  const all = places(program, globals);
  const values = valueCases(program, globals, {
    choices: (key, choices) => `    (${key}) compadd -- ${choices.map(quote).join(' ')}; return ;;`,
    files: (key) => `    (${key}) _files; return ;;`,
    free: (key) => `    (${key}) return ;;`,
  });
  const optionLists = all.map((place) => `    ("${place.path.join(' ')}") list=(${described(place.options.map((option) => [`--${option.name}`, option.help]))}) ;;`);
  const commandLists: string[] = [];
  const visit = (command: CommandSpec<unknown>, path: string[]) => {
    if (command.subcommands) commandLists.push(`    ("${path.join(' ')}") list=(${described(command.subcommands.map((sub) => [sub.name, sub.summary]))}) ;;`);
    for (const sub of command.subcommands ?? []) visit(sub, [...path, sub.name]);
  };
  visit(program, []);
  const argumentLines = all.flatMap((place) => {
    const argument = place.arguments[0];
    if (!argument) return [];
    const pattern = `"${place.path.join(' ')}"*`;
    if (argument.choices) return [`    (${pattern}) compadd -- ${argument.choices.map(quote).join(' ')} ;;`];
    if (argument.complete === 'directory') return [`    (${pattern}) _files -/ ;;`];
    if (argument.complete === 'file') return [`    (${pattern}) _files ;;`];
    return [];
  });
  return `#compdef ${name}
# zsh completion for ${name}: generated by "${name} completion zsh".
# Load it with: source <(${name} completion zsh)   (or save it as _${name} in a folder of $fpath)
_progress_log() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} named= i
  local -a list
  for (( i = 2; i < CURRENT; i++ )); do
    case \${words[i]} in
      (${valueOptions(program, globals).join('|')}) (( i++ )) ;;
      (-*) ;;
      (*) named=\${named:+$named }\${words[i]} ;;
    esac
  done
  local command=\${named%% *} place=\${named%% *}
  [[ $named == *' '* ]] && case $command in (${[...new Set(all.filter((place) => place.path.length === 2).map((place) => place.path[0]))].join('|') || '-'}) place="$command \${\${named#* }%% *}" ;; esac
  case "$place $prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case $place in
${optionLists.join('\n')}
    ("") list=(${described([...globals.map((option): [string, string] => [`--${option.name}`, option.help]), ['--version', 'the version']])}) ;;
    esac
    _describe -t options 'option' list
    return
  fi
  case $named in
${commandLists.join('\n')}
  esac
  if (( \${#list} )); then
    _describe -t commands 'command' list
    return
  fi
  case $named in
${argumentLines.join('\n')}
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _progress_log "$@"
else
  compdef _progress_log ${name}
fi
`;
}

function fish(program: CommandSpec<unknown>, globals: readonly OptionSpec[]): string {
  const name = program.name;
  const lines = [
    `# fish completion for ${name}: generated by "${name} completion fish".`,
    `# Load it with: ${name} completion fish | source   (or save it as ~/.config/fish/completions/${name}.fish)`,
    '',
    '# The words before the cursor that name a command (an option\'s value is not one).',
    'function __progress_log_path',
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l skip 0',
    '    for word in $words',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $word',
    `            case ${valueOptions(program, globals).join(' ')}`,
    '                set skip 1',
    "            case '-*'",
    "            case '*'",
    '                echo $word',
    '        end',
    '    end',
    'end',
    '',
    '# Whether the command line names exactly these words (with "--rest": at least these).',
    'function __progress_log_at',
    '    set -l named (__progress_log_path)',
    '    set -l wanted $argv',
    '    set -l rest 0',
    '    if contains -- --rest $wanted',
    '        set rest 1',
    '        set -e wanted[(contains -i -- --rest $wanted)]',
    '    end',
    '    if test $rest = 0 -a (count $named) -ne (count $wanted)',
    '        return 1',
    '    end',
    '    test (count $named) -ge (count $wanted); or return 1',
    '    for i in (seq (count $wanted))',
    '        test "$named[$i]" = "$wanted[$i]"; or return 1',
    '    end',
    'end',
    '',
    `complete -c ${name} -f`,
    `complete -c ${name} -n '__progress_log_at' -l version -d 'the version'`,
  ];
  const option = (condition: string, spec: OptionSpec) => {
    const parts = [`complete -c ${name}`, `-n ${quote(condition)}`, `-l ${spec.name}`];
    if (spec.short) parts.push(`-s ${spec.short}`);
    if (spec.value) parts.push(spec.choices ? `-x -a ${quote(spec.choices.join(' '))}` : FILE_VALUES.has(spec.value) ? '-r -F' : '-x');
    parts.push(`-d ${quote(spec.help)}`);
    return parts.join(' ');
  };
  for (const spec of globals) lines.push(option('true', spec));
  const visit = (command: CommandSpec<unknown>, path: string[]) => {
    const at = ['__progress_log_at', ...path].join(' ');
    for (const sub of command.subcommands ?? []) lines.push(`complete -c ${name} -n ${quote(at)} -a ${sub.name} -d ${quote(sub.summary)}`);
    if (path.length) {
      const within = ['__progress_log_at', ...path, '--rest'].join(' ');
      for (const spec of command.options ?? []) lines.push(option(within, spec));
      const argument = command.arguments?.[0];
      if (argument?.choices) lines.push(`complete -c ${name} -n ${quote(at)} -a ${quote(argument.choices.join(' '))}`);
      if (argument?.complete === 'directory') lines.push(`complete -c ${name} -n ${quote(within)} -a '(__fish_complete_directories)'`);
      if (argument?.complete === 'file') lines.push(`complete -c ${name} -n ${quote(within)} -F`);
    }
    for (const sub of command.subcommands ?? []) visit(sub, [...path, sub.name]);
  };
  visit(program, []);
  return `${lines.join('\n')}\n`;
}
