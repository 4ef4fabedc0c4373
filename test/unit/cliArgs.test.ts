/**
 * Reading the command line against the table of commands: what a person types is read the way
 * common tools read it, and what cannot be read says what to type instead.
 */
import * as assert from 'node:assert/strict';
import { helpText, parse, UsageError, usage, type CommandSpec } from '../../src/cli/common/args';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM } from '../../src/cli/commands';

const read = (...argv: string[]) => {
  const parsed = parse(argv, PROGRAM, GLOBAL_OPTIONS);
  return { command: parsed.path.join(' '), options: parsed.options, arguments: parsed.arguments, help: parsed.help };
};

const refused = (argv: string[], message: RegExp, path?: string[]) =>
  assert.throws(
    () => parse(argv, PROGRAM, GLOBAL_OPTIONS),
    (error: unknown) => error instanceof UsageError && message.test(error.message) && (path === undefined || error.path.join(' ') === path.join(' ')),
  );

suite('reading the command line', () => {
  test('a command, its argument and its options, in any order, a value apart or after =', () => {
    assert.deepEqual(read('add', 'Led the incident review', '--kind', 'routine', '--date=2026-11-02'), {
      command: 'add',
      options: { kind: 'routine', date: '2026-11-02' },
      arguments: ['Led the incident review'],
      help: false,
    });
    // Before the command, only the options every command takes are known.
    refused(['--kind=impact', 'add', 'x'], /^progress-log has no option --kind\.$/);
  });

  test('global options go before or after the command', () => {
    assert.deepEqual(read('--db', '/tmp/a.sqlite', 'week', '--json').options, { db: '/tmp/a.sqlite', json: true });
    assert.deepEqual(read('week', '--no-color', '--db=/tmp/b.sqlite').options, { 'no-color': true, db: '/tmp/b.sqlite' });
  });

  test('short options stand alone, together, or with their value attached', () => {
    assert.deepEqual(read('export', '--for', '1on1', '-o', 'notes.md').options, { for: '1on1', output: 'notes.md' });
    assert.deepEqual(read('export', '--for', '1on1', '-onotes.md').options, { for: '1on1', output: 'notes.md' });
    assert.equal(read('week', '-h').help, true);
  });

  test('after --, a line that starts with a dash is a line, not an option', () => {
    assert.deepEqual(read('add', '--', '-5% p95 latency on search').arguments, ['-5% p95 latency on search']);
  });

  test('a value may itself start with a dash', () => {
    assert.deepEqual(read('goals', 'add', 'Faster checkout', '--why', '-30% abandonment').options, { why: '-30% abandonment' });
  });

  test('goals without a subcommand lists them; a subcommand takes its own options', () => {
    assert.equal(read('goals').command, 'goals list');
    assert.deepEqual(read('goals', 'add', 'Faster checkout', '--target', '2027-03-31'), {
      command: 'goals add',
      options: { target: '2027-03-31' },
      arguments: ['Faster checkout'],
      help: false,
    });
    assert.deepEqual(read('goals', 'complete', 'checkout').arguments, ['checkout']);
  });

  test('--help anywhere asks for the help of the command typed so far, whatever else the line holds', () => {
    assert.deepEqual([read('export', '--help', '--range', 'nonsense').command, read('export', '--help').help], ['export', true]);
    assert.equal(read('goals', '--help').command, 'goals');
    assert.equal(read('--help').command, '');
  });

  test('a misspelt command or option is refused with the nearest one', () => {
    refused(['wek'], /^progress-log has no command "wek"\. Did you mean week\?$/);
    refused(['week', '--lst'], /^"week" has no option --lst\. Did you mean --last\?$/, ['week']);
    refused(['list', '--sinse', '2026-01-01'], /Did you mean --since\?/);
    refused(['list', '--kin', 'impact'], /Did you mean --kind\?/);
    refused(['week', '-x'], /^"week" has no option -x\.$/);
    refused(['goals', 'finish', 'x'], /^"goals" has no "finish": list, add, complete, drop or restore\./);
  });

  test('a value from a fixed list is checked, and the list is said', () => {
    refused(['add', 'x', '--kind', 'big'], /^--kind takes impact or routine, not "big"\.$/, ['add']);
    refused(['export', '--for', 'boss'], /^--for takes 1on1 or review, not "boss"\.$/);
    refused(['completion', 'powershell'], /^shell is bash, zsh or fish, not "powershell"\.$/);
  });

  test('an option that needs a value, without one, says what it looks like; a flag takes none', () => {
    refused(['list', '--since'], /^--since needs a value: --since YYYY-MM-DD\.$/);
    refused(['week', '--last=yes'], /^--last takes no value \(got "yes"\)\.$/);
  });

  test('a line in pieces (not quoted) is one argument too many, and says so', () => {
    refused(['add', 'Led', 'the', 'review'], /^"add" takes one argument; "the" is one too many \(quote a line with spaces\)\.$/);
    refused(['week', 'last'], /^"week" takes no arguments \(got "last"\)\.$/);
  });

  test('a missing argument is named', () => {
    refused(['add'], /^"add" needs line\.$/);
    refused(['goals', 'drop'], /^"goals drop" needs goal\.$/);
  });

  test('scan and import take any number of repositories', () => {
    assert.deepEqual(read('scan', 'a', 'b', 'c').arguments, ['a', 'b', 'c']);
    assert.deepEqual(read('import').arguments, []);
  });
});

suite('help, made from the table of commands', () => {
  const everyCommand = (visit: (command: CommandSpec<unknown>, path: string[]) => void) => {
    const walk = (command: CommandSpec<unknown>, path: string[]) => {
      visit(command, path);
      for (const sub of command.subcommands ?? []) walk(sub, [...path, sub.name]);
    };
    for (const command of COMMANDS) walk(command, [command.name]);
  };

  test("every command's help names its usage, each of its options and arguments, and the global options", () => {
    everyCommand((command, path) => {
      const text = helpText('progress-log', command, path, GLOBAL_OPTIONS);
      for (const option of [...(command.options ?? []), ...GLOBAL_OPTIONS]) assert.ok(text.includes(`--${option.name}`), `${path.join(' ')} --help lacks --${option.name}`);
      for (const argument of command.arguments ?? []) assert.ok(text.includes(argument.name), `${path.join(' ')} --help lacks ${argument.name}`);
      for (const sub of command.subcommands ?? []) assert.ok(text.includes(sub.name), `${path.join(' ')} --help lacks ${sub.name}`);
      assert.ok(text.includes(command.subcommands ? `Usage: progress-log ${path.join(' ')} <command>` : `Usage: ${usage(`progress-log ${path.join(' ')}`, command)}`));
    });
  });

  test('the help of the program lists every command with its summary', () => {
    const text = helpText('progress-log', PROGRAM, [], GLOBAL_OPTIONS);
    for (const command of COMMANDS) assert.match(text, new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
  });

  test('usage lines show optional arguments in brackets and choices with bars', () => {
    const week = COMMANDS.find((command) => command.name === 'week')!;
    assert.equal(usage('progress-log week', week), 'progress-log week [--last] [--date YYYY-MM-DD]');
    const add = COMMANDS.find((command) => command.name === 'add')!;
    assert.equal(usage('progress-log add', add), 'progress-log add <line> [--kind impact|routine] [--date YYYY-MM-DD] [--goal GOAL]');
  });
});
