import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

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
 */
export function loadWithCodeCache<T>(file: string, cacheDir: string): Loaded<T> {
  const { size, mtimeMs } = fs.statSync(file);
  const cacheFile = path.join(cacheDir, `${path.basename(file, '.js')}-${size}-${Math.trunc(mtimeMs)}.v8`);
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
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: module.exports, cached, writeCache: cached ? undefined : () => writeCache(script, cacheDir, cacheFile) };
}

/**
 * Writes what V8 compiled, whole or not at all (another window may read it meanwhile), and drops
 * the caches of other versions. A cache that cannot be written is no loss: the next start compiles.
 */
async function writeCache(script: vm.Script, cacheDir: string, cacheFile: string): Promise<void> {
  const written = `${cacheFile}.${process.pid}`;
  try {
    await fs.promises.mkdir(cacheDir, { recursive: true });
    await fs.promises.writeFile(written, script.createCachedData());
    await fs.promises.rename(written, cacheFile);
    const others = (await fs.promises.readdir(cacheDir)).map((name) => path.join(cacheDir, name)).filter((other) => other !== cacheFile && !other.startsWith(`${cacheFile}.`));
    await Promise.all(others.map((other) => fs.promises.rm(other, { force: true })));
  } catch {
    await fs.promises.rm(written, { force: true }).catch(() => undefined);
  }
}
