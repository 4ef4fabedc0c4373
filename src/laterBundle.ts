import * as path from 'node:path';
import { loadWithCodeCache, type Loaded } from './core/codeCache';
import type * as Later from './later';
import { sharedModules } from './sharedModules';

/**
 * Loads what is built after the first paint (src/later.ts): `dist/later.js` beside this bundle,
 * or `later.js` beside this module where the sources run unbundled. It runs from V8's code cache
 * as `dist/extension.js` does (src/boot.ts), in the same folder; its `require` answers with this
 * bundle's own modules for those both use (src/sharedModules.ts).
 */
export function loadLater(cacheDir: string): Loaded<typeof Later> {
  return loadWithCodeCache<typeof Later>(path.join(__dirname, 'later.js'), cacheDir, sharedModules);
}
