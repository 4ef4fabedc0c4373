/**
 * What every command works with: where it prints (data to stdout, messages to stderr, colour only
 * on a terminal and never with NO_COLOR), the database (found as location.ts says, opened as a
 * window opens it, so that a write meeting a lock is kept rather than lost), the extension's
 * settings that shape the log, and the clock. Before the process ends, what this command kept is
 * written: it waits for the lock to clear, saying so once.
 */
import * as fs from 'node:fs';
import type { Logger } from '../../core/logger';
import type { WeekOptions } from '../../core/weeks';
import { Store } from '../../storage/store';
import { configFolder, DEFAULT_SHARED_SETTINGS, readExtensionRecord, type ExtensionRecord, type SharedSettings } from '../../storage/userConfig';
import { CliError } from './errors';
import { locateDatabase, type DatabaseLocation } from './location';
import { styles, type Styles } from './style';

/** The process as the command sees it; tests hand in their own. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Which of the three are terminals. */
  tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
  /** The user's time zone: `TZ`, else the system's. */
  timeZone: string;
}

/** The options every command takes. */
export interface GlobalOptions {
  db?: string;
  json: boolean;
  noColor: boolean;
  verbose: boolean;
}

/** How long a wait for the lock goes on before the command says what it is waiting for. */
const SAY_KEPT_AFTER_MS = 500;
/** How long the command waits for a lock to clear before it leaves what it kept to the next Progress Log that opens. */
const KEPT_WAIT_LIMIT_MS = 5 * 60_000;

export class Cli {
  /** Styles for stdout and stderr: plain unless each is a terminal and colour is wanted. */
  readonly out: Styles;
  readonly err: Styles;
  readonly logger: Logger;
  private located: DatabaseLocation | undefined;
  private extensionRecord: ExtensionRecord | undefined | null = null;
  private opened: Store | undefined;
  private keptHere = false;

  constructor(
    readonly io: CliIO,
    readonly globals: GlobalOptions,
    /** This command's version, for what it says about schemas. */
    readonly version: string,
  ) {
    const colour = !globals.noColor && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
    this.out = styles(colour && !globals.json && io.tty.stdout);
    this.err = styles(colour && io.tty.stderr);
    const log = (level: string) => (message: string | Error) => {
      if (globals.verbose) this.say(this.err.dim(`[${level}] ${message instanceof Error ? (message.stack ?? message.message) : message}`));
    };
    this.logger = { trace: log('trace'), info: log('info'), warn: log('warn'), error: log('error') };
  }

  /** Writes data (stdout). */
  print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Writes one JSON object on a line of its own (stdout). */
  record(value: object): void {
    this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Writes a message for the person (stderr). */
  say(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  now(): number {
    return this.io.now();
  }

  get timeZone(): string {
    return this.io.timeZone;
  }

  /** What the extension said about itself, if it did. */
  extension(): ExtensionRecord | undefined {
    if (this.extensionRecord === null) this.extensionRecord = readExtensionRecord(configFolder(this.io.env));
    return this.extensionRecord;
  }

  /** The extension's settings that shape the log, its defaults without one. */
  settings(): SharedSettings {
    return this.extension()?.settings ?? DEFAULT_SHARED_SETTINGS;
  }

  weekOptions(): WeekOptions {
    return { weekStart: this.settings().weekStart, timeZone: this.timeZone };
  }

  /** Which database, and how it was chosen. @throws DatabaseNotFoundError */
  location(): DatabaseLocation {
    this.located ??= locateDatabase(this.globals.db, { env: this.io.env, cwd: this.io.cwd });
    return this.located;
  }

  /**
   * The store, opened once as a window opens it, without the file check a window runs (the
   * extension runs it; damage met is still caught) and without migrating an older schema. A
   * command that only reads refuses a database that does not exist; one that writes makes it.
   */
  async store(purpose: 'read' | 'write'): Promise<Store> {
    if (this.opened) return this.opened;
    const { file } = this.location();
    if (purpose === 'read' && !fs.existsSync(file)) throw new CliError(`There is no Progress Log database at ${file}: check the path, or add something to start one there.`);
    const created = !fs.existsSync(file);
    const opened = await Store.openForWindow(file, { logger: this.logger, check: false, migrate: false });
    this.opened = opened.store;
    if (created) this.say(`Started a new Progress Log database at ${file}.`);
    if (opened.movedAside) this.say(`The database was damaged, so it was set aside as ${opened.movedAside} (nothing was deleted) and a new one was started.`);
    return this.opened;
  }

  /** Notes a change kept while the database was locked: the command writes it before it ends. */
  kept(): void {
    this.keptHere = true;
  }

  /**
   * Ends the command's use of the database: what it kept is written first, waiting for the lock to
   * clear (at most KEPT_WAIT_LIMIT_MS; it stays kept beside the database after that, and the next
   * Progress Log to open writes it). Returns false when something is still kept.
   */
  async finish(): Promise<boolean> {
    const store = this.opened;
    if (!store) return true;
    let written = true;
    try {
      if (this.keptHere) written = await this.writeKept(store);
    } finally {
      this.opened = undefined;
      store.close();
    }
    return written;
  }

  private async writeKept(store: Store): Promise<boolean> {
    const started = Date.now();
    let told = false;
    let pause = 20;
    for (;;) {
      const state = store.pending.writeKept();
      if (state === 'done') {
        if (told) this.say('The database is free again: written.');
        return true;
      }
      // A window of Progress Log holding the lock for a moment is waited out without a word.
      if (!told && Date.now() - started >= SAY_KEPT_AFTER_MS) {
        this.say(
          `The database ${store.file} is locked, so what you asked for is kept beside it and written as soon as it is free. Waiting for it… (Ctrl+C stops waiting; it stays kept, and Progress Log writes it when it next opens.)`,
        );
        told = true;
      }
      if (Date.now() - started > KEPT_WAIT_LIMIT_MS) {
        this.say('Still locked: it stays kept beside the database, and Progress Log writes it when it next opens.');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 1000);
    }
  }
}
