/**
 * What counts as an outcome line: one line of visible text, of a length a person reads at a
 * glance, holding nothing that hides or reorders what it says. Every refusal is one sentence that
 * says what to do; nothing the user typed is changed silently (normalising only trims and turns
 * tabs into spaces). Nothing here knows VS Code.
 */
import * as l10n from './l10n';
import { CONTROL, DIRECTION_CONTROL, LINE_BREAK, codePointLabel, graphemes } from './text';

/** The longest outcome we accept, in characters as a person counts them (grapheme clusters). */
export const MAX_OUTCOME_LENGTH = 200;

/**
 * The longest outcome we accept in UTF-16 code units, what storage and every renderer pay for.
 * 200 characters of any script fit with room to spare (an accented letter written as letter +
 * accent is 2 units, an Indic conjunct up to 5, an emoji with a skin tone 4, a ZWJ family 11), while
 * one "character" made of thousands of stacked combining marks does not.
 */
export const MAX_OUTCOME_CODE_UNITS = 1000;

/** Beyond this many code units we do not count characters: the line is refused as too long anyway. */
const COUNTING_LIMIT = 20 * MAX_OUTCOME_CODE_UNITS;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Tag characters spell a region inside an emoji flag (🏴 + tags + CANCEL TAG, e.g. England);
 * anywhere else they are text nobody can see ("ASCII smuggling").
 */
const TAG_CHARACTER = /[\u{E0000}-\u{E007F}]/u;
const STRAY_TAG = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;

function withoutStrayTags(text: string): string {
  return text.replace(STRAY_TAG, (_tag, emojiTagSequence: string | undefined) => emojiTagSequence ?? '');
}

/**
 * What shows nothing on its own: whitespace, default-ignorable characters (zero-width space and
 * joiners, soft hyphen, word joiner, BOM, variation selectors, the Hangul fillers U+115F, U+1160,
 * U+3164 and U+FFA0, direction marks, …) and the Braille blank.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** Something a combining mark can sit on, so that the line shows more than floating accents. */
const NOT_A_MARK = /\P{M}/u;

/** The sentences that name what a one-line field is for, in the refusals that depend on it. */
export interface LineWording {
  /** When the text holds a line break. */
  oneLine: string;
  /** When nothing was written. */
  empty: string;
  /** When only invisible characters or lone accents were written. */
  nothingVisible: string;
}

const outcomeWording = (): LineWording => ({
  oneLine: l10n.t('Keep it to one line: what moved forward, and why it matters.'),
  empty: l10n.t('Write one line about what moved forward (Escape keeps the commit waiting for a name).'),
  nothingVisible: l10n.t('That line shows nothing but invisible characters or lone accents: write what moved forward in words.'),
});

/** Why a line cannot be saved as an outcome, or undefined when it can. Written for the user. */
export function outcomeTextProblem(text: string): string | undefined {
  return lineProblem(text, outcomeWording());
}

/**
 * Why `text` cannot be one line of the log (an outcome, a goal's title, an answer's line), or
 * undefined when it can: the same rules everywhere, with the wording of the field it is for.
 */
export function lineProblem(text: string, wording: LineWording): string | undefined {
  const loneSurrogate = LONE_SURROGATE.exec(text);
  if (loneSurrogate) {
    return l10n.t('The line holds half of a character ({0}, a broken emoji or symbol): delete it and type or paste that character again.', codePointLabel(loneSurrogate[0]));
  }
  const normalized = normalizeOutcomeText(text);
  if (LINE_BREAK.test(normalized)) {
    return wording.oneLine;
  }
  const control = CONTROL.exec(normalized);
  if (control) {
    return l10n.t('Remove the invisible control characters from the line (the first is {0}).', codePointLabel(control[0]));
  }
  const direction = DIRECTION_CONTROL.exec(normalized);
  if (direction) {
    return l10n.t('Remove the text-direction control {0} from the line: it makes the text read differently from what is stored.', codePointLabel(direction[0]));
  }
  if (TAG_CHARACTER.test(normalized) && withoutStrayTags(normalized) !== normalized) {
    return l10n.t('Remove the hidden tag characters from the line: they carry text nobody can see.');
  }
  if (normalized.length === 0) {
    return wording.empty;
  }
  if (!NOT_A_MARK.test(normalized.replace(INVISIBLE, ''))) {
    return wording.nothingVisible;
  }
  if (normalized.length <= COUNTING_LIMIT) {
    const length = graphemes(normalized).length;
    if (length > MAX_OUTCOME_LENGTH) return l10n.t('That is {0} characters; keep it to {1} or fewer.', length, MAX_OUTCOME_LENGTH);
  }
  if (normalized.length > MAX_OUTCOME_CODE_UNITS) {
    return l10n.t('Shorten the line: its emoji sequences or stacked accents make it too long to store ({0} of {1} units).', normalized.length, MAX_OUTCOME_CODE_UNITS);
  }
  return undefined;
}

/** The line as it is stored: trimmed, tabs as spaces. Check `outcomeTextProblem` first. */
export function normalizeOutcomeText(text: string): string {
  return text.replace(/\t/g, ' ').trim();
}

const UNFIT = new RegExp(`${CONTROL.source}|${DIRECTION_CONTROL.source}|${LONE_SURROGATE.source}`, 'gu');

/**
 * A line Progress Log proposes (from a commit subject or a branch name) made to pass
 * `outcomeTextProblem` where it can: what cannot be shown dropped, one line, cut at a character
 * boundary within both limits. The person sees and edits it before anything is saved.
 */
export function fitOutcomeLine(text: string): string {
  const shown = withoutStrayTags(text.replace(new RegExp(LINE_BREAK.source, 'gu'), ' ').replace(UNFIT, ''));
  const normalized = normalizeOutcomeText(shown);
  // Every character is at least one code unit: a line no longer than the limits in code units fits
  // as it is, without segmenting it (which, for every line an insight reads, is most of its cost).
  if (normalized.length <= Math.min(MAX_OUTCOME_LENGTH, MAX_OUTCOME_CODE_UNITS)) return normalized.trim();
  let fitted = '';
  let count = 0;
  for (const character of graphemes(normalized)) {
    if (count === MAX_OUTCOME_LENGTH || fitted.length + character.length > MAX_OUTCOME_CODE_UNITS) break;
    fitted += character;
    count += 1;
  }
  return fitted.trim();
}
