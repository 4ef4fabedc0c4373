/**
 * Small text helpers every layer shares, so that a count reads the same in the log, a prompt and
 * an export, and characters are counted the way a person counts them. Nothing here knows VS Code.
 */
import * as l10n from './l10n';

/** "1 routine commit", "14 routine commits". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The seven hex digits people recognise a commit by. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** A subject in curly quotes, cut to `max` characters (as a person counts them) with an ellipsis. */
export function quoted(text: string, max = 60): string {
  if (text.length <= max) return l10n.t('“{0}”', text); // no more characters than code units: nothing to cut
  const chars = graphemes(text);
  return l10n.t('“{0}”', chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text);
}

/** The code of anything thrown that carries one (`ENOENT`, `SQLITE_BUSY`), else undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The message of anything thrown, for logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// The locale does not change where extended grapheme clusters break; a fixed one keeps results
// the same on every machine. Made at first use: making one costs a short-lived command's start.
let graphemeSegmenter: Intl.Segmenter | undefined;

/** What a reader sees as one character: "é" written as e + accent, 👍🏽, a ZWJ family, a flag. */
export function graphemes(text: string): string[] {
  graphemeSegmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(graphemeSegmenter.segment(text), (segment) => segment.segment);
}

/** "U+202E": how a message names a character that cannot be shown. */
export function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI): they reorder
 * the text that follows until they are closed, so text can read differently from what is stored
 * ("Trojan Source"). The marks LRM, RLM and ALM are not here: they reorder nothing, they only give
 * a direction to the punctuation or digits beside them.
 */
export const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** Line breaks of every kind: CR, LF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
export const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;

/** C0 and C1 controls and DEL, except tab and the line breaks above. */
export const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/u; // eslint-disable-line no-control-regex

const HIDDEN_IN_EXPORTS = new RegExp(`${CONTROL.source}|${DIRECTION_CONTROL.source}`, 'gu');

/**
 * User text made safe to show in an export: controls and direction controls removed (older
 * databases may hold them; today's lines cannot), tabs and line breaks kept for the format to
 * handle.
 */
export function withoutHiddenControls(text: string): string {
  return text.replace(HIDDEN_IN_EXPORTS, '');
}
