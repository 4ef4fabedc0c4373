/**
 * The extension proper is loaded as `require` would load it, compiled from V8's code cache when one
 * of this very bundle is there (src/core/codeCache.ts, used by src/boot.ts). Real files in a temp
 * folder, real V8; each start is a process of its own, as each window's extension host is (within
 * one process V8 keeps what it compiled, and would never look at the cache).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What one start saw: whether V8 compiled from the cache, and what the bundle did. */
interface Start {
  cached: boolean;
  answer: number;
  helper: string;
  filename: string;
  dirname: string;
  failedAtLine: string | undefined;
}

const LOADER = path.resolve(__dirname, '../../src/core/codeCache.js');

/** Starts a process that loads the bundle with its cache, writes the cache when it compiled afresh, and says what it saw. */
function start(): Start {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
    (async () => {
      const loaded = loadWithCodeCache(process.argv[1], process.argv[2]);
      let failedAtLine;
      try { loaded.exports.fail(); } catch (error) { failedAtLine = /extension\\.js:(\\d+)/.exec(error.stack)?.[1]; }
      await loaded.writeCache?.();
      const { answer, helper, filename, dirname } = loaded.exports;
      process.stdout.write(JSON.stringify({ cached: loaded.cached, answer, helper, filename, dirname, failedAtLine }));
    })();
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, bundle, cacheDir], { encoding: 'utf8' })) as Start;
}

let folder: string;
let bundle: string;
let cacheDir: string;

const BUNDLE_SOURCE = [
  "const helper = require('./helper.js');",
  "module.exports = { answer: 42, helper: helper.name, filename: __filename, dirname: __dirname, fail };",
  "function fail() { throw new Error('from the bundle'); }",
  '',
].join('\n');

suite('loading the extension proper with its code cache', () => {
  setup(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-code-cache-'));
    bundle = path.join(folder, 'extension.js');
    cacheDir = path.join(folder, 'storage', 'code-cache');
    fs.writeFileSync(path.join(folder, 'helper.js'), "exports.name = 'the helper beside it';\n");
    fs.writeFileSync(bundle, BUNDLE_SOURCE);
  });

  teardown(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('runs the file as require would: its exports, a require relative to it, __filename and __dirname', () => {
    const first = start();
    assert.equal(first.answer, 42);
    assert.equal(first.helper, 'the helper beside it');
    assert.equal(first.filename, bundle);
    assert.equal(first.dirname, folder);
  });

  test('the first start compiles and writes the cache; the next start compiles from it', () => {
    assert.equal(start().cached, false);
    assert.equal(fs.readdirSync(cacheDir).length, 1);
    const next = start();
    assert.equal(next.cached, true);
    assert.equal(next.answer, 42);
    assert.equal(next.helper, 'the helper beside it');
  });

  test('a cache V8 refuses (another V8 wrote it, or it is damaged) is ignored: compiled afresh, and the cache written again', () => {
    start();
    const [cacheName] = fs.readdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, cacheName), Buffer.alloc(4096, 7));
    const refused = start();
    assert.equal(refused.cached, false);
    assert.equal(refused.answer, 42);
    assert.equal(start().cached, true);
  });

  test('a new version of the bundle never reads the old cache, and writing its own drops the old one', () => {
    start();
    const [oldCache] = fs.readdirSync(cacheDir);
    fs.writeFileSync(bundle, BUNDLE_SOURCE.replace('answer: 42', 'answer: 43'));
    const updated = start();
    assert.equal(updated.cached, false);
    assert.equal(updated.answer, 43);
    const caches = fs.readdirSync(cacheDir);
    assert.equal(caches.length, 1);
    assert.notEqual(caches[0], oldCache);
    assert.equal(start().cached, true);
  });

  test("a stack trace names the bundle's own line, with the cache and without", () => {
    assert.equal(start().failedAtLine, '3');
    const cached = start();
    assert.equal(cached.cached, true);
    assert.equal(cached.failedAtLine, '3');
  });

  test('a cache folder that cannot be made costs nothing but the cache', () => {
    fs.mkdirSync(path.join(folder, 'storage'));
    fs.writeFileSync(cacheDir, 'a file where the folder would be');
    assert.equal(start().answer, 42);
    assert.equal(start().cached, false);
  });

  test("a second bundle's require answers with the first bundle's own modules for those it names, and with its own for the rest", () => {
    // The first bundle's module, as its bundle runs it; the second one requires it by name, and a file beside it by path.
    const later = path.join(folder, 'later.js');
    fs.writeFileSync(
      later,
      [
        "const shared = require('progress-log:src/core/errors.ts');",
        "const helper = require('./helper.js');",
        'module.exports = { fail: () => { throw new shared.Refused(); }, helper: helper.name };',
        '',
      ].join('\n'),
    );
    const script = `
      const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
      class Refused extends Error {}
      const loaded = loadWithCodeCache(process.argv[1], process.argv[2], { 'progress-log:src/core/errors.ts': { Refused } });
      let caught;
      try { loaded.exports.fail(); } catch (error) { caught = error instanceof Refused; }
      process.stdout.write(JSON.stringify({ caught, helper: loaded.exports.helper }));
    `;
    const seen = JSON.parse(execFileSync(process.execPath, ['-e', script, later, cacheDir], { encoding: 'utf8' })) as { caught: boolean; helper: string };
    assert.deepEqual(seen, { caught: true, helper: 'the helper beside it' });
  });

  test("two bundles' caches live side by side: writing one's new version drops only that bundle's old one", () => {
    start();
    const [bundleCache] = fs.readdirSync(cacheDir);
    const laterCache = path.join(cacheDir, 'later-100-200.v8');
    const oldLaterCache = path.join(cacheDir, 'later-99-199.v8');
    fs.writeFileSync(laterCache, 'the second bundle\'s cache');
    fs.writeFileSync(oldLaterCache, 'an old version of it');
    fs.writeFileSync(bundle, BUNDLE_SOURCE.replace('answer: 42', 'answer: 43'));
    start();
    const caches = fs.readdirSync(cacheDir).sort();
    assert.equal(caches.length, 3);
    assert.ok(!caches.includes(bundleCache));
    assert.ok(caches.includes('later-100-200.v8') && caches.includes('later-99-199.v8'));
  });
});
