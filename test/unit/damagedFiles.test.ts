/**
 * Damaged and unusable database files, one row each: what the open does, and the sentence the
 * user reads. Each row runs the probe (test/stress/probe.ts) in a process of its own, as the
 * file's owner; as root (which ignores permissions) the probe runs as the user "nobody".
 * Add a row for every bug found.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { identityOf, markDamaged } from '../../src/storage/databaseFiles';
import { SCHEMA_VERSION } from '../../src/storage/migrations';
import { DATABASE_FILE_NAME, Store } from '../../src/storage/store';
import type { ProbeResult } from '../stress/probe';
import { databaseDamagedMidFile } from '../stress/scenarios';
import { written } from '../support/written';

const PROBE = path.join(__dirname, '../stress/probe.js');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

interface Row {
  name: string;
  /** Makes the file (and whatever stands around it); returns what to undo after. */
  make(file: string): { release?(): void } | void;
  /**
   * Another program's lock, taken once the file is made and looked at (reading a file in this
   * process would drop the locks this process holds on it).
   */
  lock?: 'write' | 'exclusive';
  /** What the open does. */
  opens: 'as a new database' | 'normally' | 'after setting it aside' | 'refused';
  /** What the first write does, when the open succeeds. */
  write?: 'saved' | 'kept';
  error?: string;
  /** The sentence the user reads (none when nothing needs saying). */
  sentence?: RegExp;
  /** The original bytes stay on disk: set aside whole, or left untouched. */
  keepsOriginal?: 'set aside' | 'untouched' | 'journal copied';
  openTimeoutMs?: number;
}

function healthyDatabase(file: string): void {
  const store = Store.open(file, { logger: silentLogger });
  written(store.changes.createOutcome({ text: 'Shipped before the trouble', kind: 'impact', source: 'manual' }));
  store.close();
}

const ROWS: Row[] = [
  { name: 'a zero-byte file', make: (file) => fs.writeFileSync(file, ''), opens: 'as a new database', write: 'saved' },
  {
    name: 'a truncated file',
    make: (file) => {
      databaseDamagedMidFile(file);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
    },
    opens: 'after setting it aside',
    write: 'saved',
    sentence: /was damaged, so it was set aside as .*progress-log\.sqlite\.damaged-[^ ]+ \(nothing was deleted\) and a new one was started\.$/,
    keepsOriginal: 'set aside',
  },
  {
    name: 'garbage',
    make: (file) => fs.writeFileSync(file, Buffer.alloc(65536, 0x5a)),
    opens: 'after setting it aside',
    write: 'saved',
    sentence: /was damaged, so it was set aside as .*\.damaged-/,
    keepsOriginal: 'set aside',
  },
  {
    name: 'a damaged page mid-file (found only by reading it)',
    make: (file) => databaseDamagedMidFile(file),
    opens: 'after setting it aside',
    write: 'saved',
    sentence: /was damaged, so it was set aside as .*\.damaged-/,
    keepsOriginal: 'set aside',
  },
  {
    name: 'damage met while the file was in use (remembered beside it)',
    make: (file) => {
      healthyDatabase(file);
      markDamaged(file, identityOf(file)!, 'database disk image is malformed');
    },
    opens: 'after setting it aside',
    write: 'saved',
    sentence: /was damaged, so it was set aside as .*\.damaged-/,
    keepsOriginal: 'set aside',
  },
  {
    name: 'a garbage write-ahead log',
    make: (file) => {
      healthyDatabase(file);
      fs.writeFileSync(`${file}-wal`, Buffer.alloc(8192, 0x5a));
    },
    opens: 'normally',
    write: 'saved',
    sentence: /journal could not be read, so a copy was kept as .*progress-log\.sqlite\.unreadable-wal-[0-9a-f]+; the database opened/,
    keepsOriginal: 'journal copied',
  },
  {
    name: 'a newer schema',
    make: (file) => {
      const raw = new Database(file);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
    },
    opens: 'refused',
    error: 'StoreTooNewError',
    sentence: /\(.*progress-log\.sqlite\) was written by a newer version of Progress Log: update the extension/,
    keepsOriginal: 'untouched',
  },
  {
    name: 'write-locked by another program',
    make: (file) => healthyDatabase(file),
    lock: 'write',
    opens: 'normally',
    write: 'kept',
    sentence: /\(.*progress-log\.sqlite\) is locked by another program, so what you typed is kept beside it and will be written as soon as it is free\.$/,
  },
  {
    name: 'locked exclusively by another program (reads too)',
    make: (file) => healthyDatabase(file),
    lock: 'exclusive',
    opens: 'refused',
    openTimeoutMs: 600,
    error: 'StoreBusyError',
    sentence: /\(.*progress-log\.sqlite\) is locked by another program: close whatever holds it .* and try again/,
    keepsOriginal: 'untouched',
  },
  {
    name: 'a read-only file',
    make: (file) => {
      healthyDatabase(file);
      fs.chmodSync(file, 0o400);
    },
    opens: 'refused',
    error: 'StoreReadOnlyError',
    sentence: /because the file .*progress-log\.sqlite is read-only: make it writable for your user, then reload the window\.$/,
    keepsOriginal: 'untouched',
  },
  {
    name: 'a read-only folder',
    make: (file) => {
      healthyDatabase(file);
      for (const name of fs.readdirSync(path.dirname(file))) if (name !== DATABASE_FILE_NAME) fs.rmSync(path.join(path.dirname(file), name));
      fs.chmodSync(path.dirname(file), 0o500);
      return { release: () => fs.chmodSync(path.dirname(file), 0o700) };
    },
    opens: 'refused',
    error: 'StoreReadOnlyError',
    sentence: /because the folder .*progress-log-damaged-\w+ is read-only \(or on a read-only disk\): make it writable for your user, then reload the window\.$/,
    keepsOriginal: 'untouched',
  },
  {
    name: 'a read-only folder with no database yet',
    make: (file) => {
      fs.chmodSync(path.dirname(file), 0o500);
      return { release: () => fs.chmodSync(path.dirname(file), 0o700) };
    },
    opens: 'refused',
    error: 'StoreReadOnlyError',
    sentence: /because the folder .* is read-only/,
  },
  {
    name: 'a folder where the file should be',
    make: (file) => fs.mkdirSync(file),
    opens: 'refused',
    error: 'StoreIsFolderError',
    sentence: /because .*progress-log\.sqlite is a folder, not a file: move or rename that folder, then reload the window\.$/,
  },
  {
    name: 'a file where its folder should be',
    make: (file) => {
      fs.rmSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(path.dirname(file), 'not a folder');
      return { release: () => fs.rmSync(path.dirname(file)) };
    },
    opens: 'refused',
    error: 'StoreNotFolderError',
    sentence: /because .*progress-log-damaged-\w+ is a file, not a folder: move or rename that file, then reload the window\.$/,
  },
];

const WHAT_THE_OPEN_DOES: Record<Row['opens'], string> = {
  'as a new database': 'is opened as a new database',
  normally: 'is opened',
  'after setting it aside': 'is set aside whole and a new database started',
  refused: 'is refused',
};

function probe(file: string, openTimeoutMs?: number): ProbeResult {
  const ids = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
  const run = spawnSync(process.execPath, [PROBE, JSON.stringify({ file, openTimeoutMs })], { encoding: 'utf8', timeout: 30_000, ...ids });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  assert.ok(line.startsWith('{') && !line.includes('"crash"'), `the probe failed: ${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as ProbeResult;
}

function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) return files;
  for (const name of fs.readdirSync(folder)) {
    const full = path.join(folder, name);
    if (fs.statSync(full).isFile()) files.set(name, fs.readFileSync(full));
  }
  return files;
}

suite('damaged and unusable database files', () => {
  let parent: string;

  setup(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-table-'));
    fs.chmodSync(parent, 0o755);
  });

  teardown(() => {
    fs.rmSync(parent, { recursive: true, force: true });
  });

  for (const row of ROWS) {
    test(`${row.name} ${WHAT_THE_OPEN_DOES[row.opens]}${row.sentence ? ', and the user reads one sentence saying what to do' : ', and nothing needs saying'}`, function () {
      this.timeout(30_000);
      const folder = fs.mkdtempSync(path.join(parent, 'progress-log-damaged-'));
      const file = path.join(folder, DATABASE_FILE_NAME);
      const made = row.make(file) ?? {};
      if (asRoot) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, parent]);
      const before = snapshot(folder);
      const other = row.lock ? new Database(file) : undefined;
      if (row.lock === 'exclusive') other!.pragma('locking_mode = EXCLUSIVE');
      other?.exec('BEGIN EXCLUSIVE');
      let result: ProbeResult;
      try {
        result = probe(file, row.openTimeoutMs);
      } finally {
        other?.exec('ROLLBACK');
        other?.close();
        made.release?.();
      }

      const opened = row.opens !== 'refused';
      assert.equal(result.open, opened ? 'opened' : 'refused', JSON.stringify(result));
      if (row.error) assert.equal(result.error, row.error);
      if (row.write) assert.equal(result.write, row.write, JSON.stringify(result));
      assert.equal(result.movedAside !== undefined, row.opens === 'after setting it aside', `set aside: ${result.movedAside}`);
      if (row.sentence) {
        assert.equal(result.sentences.length, 1, `one sentence, not ${JSON.stringify(result.sentences)}`);
        assert.match(result.sentences[0], row.sentence);
      } else {
        assert.deepEqual(result.sentences, []);
      }
      if (row.keepsOriginal === 'set aside') assert.deepEqual(fs.readFileSync(result.movedAside!), before.get(DATABASE_FILE_NAME), 'the damaged file is set aside byte for byte');
      if (row.keepsOriginal === 'untouched') assert.deepEqual(fs.readFileSync(file), before.get(DATABASE_FILE_NAME), 'the file is left as it was');
      if (row.keepsOriginal === 'journal copied') assert.deepEqual(fs.readFileSync(result.walKept!), before.get(`${DATABASE_FILE_NAME}-wal`), 'the unreadable journal is kept byte for byte');
      if (opened) {
        const check = new Database(file, { readonly: true });
        assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
        check.close();
      }
    });
  }
});
