/**
 * `progress-log` run in this process, as its bin runs it, with what it prints kept, for the command
 * line's unit tests.
 */
import { PassThrough, Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/common/context';
import { run } from '../../src/cli/main';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Surroundings {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The clock (the real one unless given). */
  now?: number;
  timeZone?: string;
  /** Whether stdin, stdout and stderr are terminals. */
  tty?: boolean;
  stdin?: string;
  version?: string;
}

/** A stream that keeps what is written to it. */
export function collector(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs one command line to its end. */
export async function runCommandLine(argv: readonly string[], surroundings: Surroundings): Promise<Ran> {
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end(surroundings.stdin ?? '');
  const tty = surroundings.tty ?? false;
  const io: CliIO = {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    tty: { stdin: tty, stdout: tty, stderr: tty },
    env: surroundings.env,
    cwd: surroundings.cwd,
    now: () => surroundings.now ?? Date.now(),
    timeZone: surroundings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const code = await run(argv, io, surroundings.version ?? '9.9.9');
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
