/**
 * `progress-log`: Progress Log from a terminal, a second composition root beside the extension's
 * (src/extension.ts), on the same core and the same database. It reads the arguments against the
 * table of commands (commands.ts), runs one, writes what it kept before it ends, and exits 0, 1
 * (a failure) or 2 (bad usage or input).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tty from 'node:tty';
import { helpText, parse, UsageError } from './common/args';
import { Cli, type CliIO } from './common/context';
import { EXIT, failure } from './common/errors';
import { GLOBAL_OPTIONS, PROGRAM } from './commands';

/** Runs one command line; resolves to the exit code. Nothing here exits the process. */
export async function run(argv: readonly string[], io: CliIO, version = commandVersion()): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  let cli: Cli | undefined;
  try {
    const parsed = parse(argv, PROGRAM, GLOBAL_OPTIONS);
    cli = new Cli(io, { db: stringOption(parsed.options.db), json: parsed.options.json === true, noColor: parsed.options['no-color'] === true, verbose: parsed.options.verbose === true }, version);
    if (parsed.help) {
      io.stdout.write(helpText(PROGRAM.name, parsed.command, parsed.path, GLOBAL_OPTIONS));
      return EXIT.ok;
    }
    if (!parsed.command.run) throw new UsageError(`Name a command.\n\n${helpText(PROGRAM.name, parsed.command, parsed.path, GLOBAL_OPTIONS)}`.trimEnd(), parsed.path);
    const code = (await parsed.command.run(cli, parsed)) ?? EXIT.ok;
    // What was kept and is still locked out after the wait stays kept beside the database: not lost, so not a failure.
    await cli.finish();
    return code;
  } catch (error) {
    const { message, exitCode } = failure(error, { command: version, extension: cli?.extension()?.version });
    io.stderr.write(`${message}\n`);
    if (cli?.globals.verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    await cli?.finish().catch(() => undefined);
    return exitCode;
  }
}

function stringOption(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** This command's version: its package's, found beside the bundle (or the project's, run from out/). */
export function commandVersion(): string {
  for (let folder = __dirname; ; folder = path.dirname(folder)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'progress-log' && manifest.version) return manifest.version;
    } catch {
      // not here: look further up
    }
    if (path.dirname(folder) === folder) return 'unknown';
  }
}

/** The process itself: real streams, the real clock. */
export function processIO(): CliIO {
  return {
    // Made when a command reads it (only \`name\` does): Node's stdin costs a command's start milliseconds.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    tty: { stdin: tty.isatty(0), stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
    now: Date.now,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
