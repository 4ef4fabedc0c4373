/**
 * The modules of `dist/extension.js` that `dist/later.js` uses, by the name its `require` asks for
 * ("progress-log:src/core/errors.ts"). esbuild.mjs writes this module's bundled content: it is the
 * list of what the second bundle took from the first. Where the sources run as compiled, unbundled
 * (tests), Node's own module cache already makes every module one instance: nothing is listed.
 */
export const sharedModules: Readonly<Record<string, unknown>> = {};
