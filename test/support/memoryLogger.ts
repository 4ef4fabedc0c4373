import type { Logger } from '../../src/core/logger';

/** A logger that remembers every line, so that tests can read what was logged. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  trace(message: string): void {
    this.lines.push(`trace ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string | Error): void {
    this.lines.push(`error ${message instanceof Error ? message.message : message}`);
  }
}
