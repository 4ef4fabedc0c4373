import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteUnavailableError } from '../../src/core/errors';
import { ensureSqliteLoads, platformName } from '../../src/storage/sqliteLibrary';
import { Store } from '../../src/storage/store';
import { MemoryLogger } from '../support/memoryLogger';

const prebuilds = path.resolve(__dirname, '../../../node_modules/better-sqlite3/prebuilds');

/** A binary better-sqlite3 ships for another operating system than this one: it cannot load here. */
function foreignBinary(): string {
  const other = process.platform === 'win32' ? 'linux-x64' : 'win32-x64';
  return path.join(prebuilds, `${other}.node`);
}

suite('SQLite that cannot load on this platform', () => {
  let dir: string;

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-sqlite-'));
  });

  teardown(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the library this machine uses loads', () => {
    assert.doesNotThrow(() => ensureSqliteLoads());
  });

  test('a binary built for another operating system is refused, naming this platform, with Node\'s reason kept', () => {
    const error = captured(() => ensureSqliteLoads(foreignBinary()));
    assert.ok(error instanceof SqliteUnavailableError, String(error));
    assert.equal(error.platform, platformName());
    const reason = /invalid ELF header|not a valid Win32 application|not a mach-o file|slice is not valid mach-o|wrong ELF class/i;
    assert.match(String((error.cause as Error).message), reason);
    assert.match(error.message, reason, 'the logged message carries the reason');
  });

  test('a file that is no binary at all is refused the same way', () => {
    const bad = path.join(dir, 'better_sqlite3.node');
    fs.writeFileSync(bad, 'not a native module\n');
    assert.ok(captured(() => ensureSqliteLoads(bad)) instanceof SqliteUnavailableError);
  });

  test('no binary at all (a platform better-sqlite3 has none for) is refused the same way', () => {
    assert.ok(captured(() => ensureSqliteLoads(path.join(dir, 'missing.node'))) instanceof SqliteUnavailableError);
  });

  test('the platform is named as VS Code\'s packages name it', () => {
    assert.match(platformName(), /^(win32|darwin|linux|alpine)-(x64|arm64|ia32|arm|riscv64|ppc64|s390x|loong64)$/);
    if (process.platform === 'linux') assert.ok(['linux', 'alpine'].includes(platformName().split('-')[0]));
  });

  test('after a refused binary, the log still opens with the library that loads here', () => {
    assert.throws(() => ensureSqliteLoads(foreignBinary()), SqliteUnavailableError);
    const store = Store.open(path.join(dir, 'progress-log.sqlite'), { logger: new MemoryLogger() });
    store.close();
  });
});

function captured(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
