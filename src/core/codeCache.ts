import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The folder of the extension's global storage that holds the code caches. */
export const CODE_CACHE_FOLDER = 'code-cache';

/** A module run by `loadWithCodeCache`, and how. */
export interface Loaded<T> {
  exports: T;
  /** Whether V8 compiled it from the cache (none yet, or one V8 refused: compiled afresh). */
  cached: boolean;
  /** Writes the cache of what V8 has compiled of it so far; only when it was not read from one. */
  writeCache?: () => Promise<void>;
}

/**
 * Runs `file` as a CommonJS module, as `require` would (its own `require`, `module`, `__filename`,
 * `__dirname`), compiled with the code cache kept in `cacheDir` for this very file: its size and
 * modification time name the cache, so that a new version of the file never reads an old one.
 * What `provided` names, the file's `require` answers with, not with a module of its own: how
 * `dist/later.js` uses the very modules `dist/extension.js` runs (src/laterBundle.ts).
 */
export function loadWithCodeCache<T>(file: string, cacheDir: string, provided: Readonly<Record<string, unknown>> = {}): Loaded<T> {
  const { size, mtimeMs } = fs.statSync(file);
  const name = path.basename(file, '.js');
  const cacheFile = path.join(cacheDir, `${name}-${size}-${Math.trunc(mtimeMs)}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet: compiled afresh, and cached when asked
  }
  // The wrapper Node puts around a module, on a line of its own so that lines and columns in stack traces are the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {\n${fs.readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFor(file, provided), module, file, path.dirname(file));
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: module.exports, cached, writeCache: cached ? undefined : () => writeCache(script, cacheDir, cacheFile, name) };
}

/** `require` as `file` would have it, but answering with `provided`'s modules first. */
function requireFor(file: string, provided: Readonly<Record<string, unknown>>): NodeJS.Require {
  const own = Module.createRequire(file);
  const ids = Object.keys(provided);
  if (ids.length === 0) return own;
  return Object.assign((id: string) => (Object.hasOwn(provided, id) ? provided[id] : own(id)), { resolve: own.resolve, cache: own.cache, main: own.main, extensions: own.extensions });
}

/**
 * Writes what V8 compiled, whole or not at all (another window may read it meanwhile), and drops
 * the caches of the other versions of the file `name` (the folder holds those of other files too).
 * A cache that cannot be written is no loss: the next start compiles.
 */
async function writeCache(script: vm.Script, cacheDir: string, cacheFile: string, name: string): Promise<void> {
  const written = `${cacheFile}.${process.pid}`;
  try {
    await fs.promises.mkdir(cacheDir, { recursive: true });
    await fs.promises.writeFile(written, script.createCachedData());
    await fs.promises.rename(written, cacheFile);
    const version = new RegExp(`^${name}-\\d+-\\d+\\.v8(\\.\\d+)?$`);
    const others = (await fs.promises.readdir(cacheDir))
      .filter((other) => version.test(other))
      .map((other) => path.join(cacheDir, other))
      .filter((other) => other !== cacheFile && !other.startsWith(`${cacheFile}.`));
    await Promise.all(others.map((other) => fs.promises.rm(other, { force: true })));
  } catch {
    await fs.promises.rm(written, { force: true }).catch(() => undefined);
  }
}
