/**
 * Sentences a person reads, in their language. The core writes each one in English, whole, with
 * `{0}`, `{1}` … where values go: `l10n.t('Imported {0} as history.', what)`. At activation the
 * VS Code layer hands in `vscode.l10n.t`, which looks the English up in l10n/bundle.l10n.<lang>.json;
 * until then (unit tests, a worker) the English is used with its placeholders filled. Nothing here
 * knows VS Code.
 *
 * Call `t` and `plural` with literal English, never a variable or a joined string:
 * scripts/l10n-bundle.mjs reads those literals to build the bundle translators work from, and a
 * unit test fails when the bundle is out of date. Call them when the sentence is needed, not when a
 * module loads: a constant made at load would stay in English.
 */

/** What may fill a placeholder. */
export type L10nArg = string | number | boolean;

/** `vscode.l10n.t`'s shape: English in, the user's language out, placeholders filled. */
export type Translator = (message: string, ...args: L10nArg[]) => string;

/** `{0}` … replaced by the values at those positions; a placeholder without a value stays as it is. */
export function format(message: string, args: readonly L10nArg[]): string {
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));
}

const english: Translator = (message, ...args) => format(message, args);
let translator: Translator = english;

/** Uses `translate` for every sentence from now on; undefined goes back to English. */
export function setTranslator(translate: Translator | undefined): void {
  translator = translate ?? english;
}

/** One sentence in the user's language: `t('Deleted “{0}”.', text)`. */
export function t(message: string, ...args: L10nArg[]): string {
  return translator(message, ...args);
}

/**
 * A sentence that holds a count: `one` when the count is 1, `other` otherwise; `{0}` is the count,
 * `{1}` … the other values. Both forms are translated (a language with more forms picks the
 * nearest of the two).
 */
export function plural(count: number, one: string, other: string, ...args: L10nArg[]): string {
  return count === 1 ? translator(one, count, ...args) : translator(other, count, ...args);
}
