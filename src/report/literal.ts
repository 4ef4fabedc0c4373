/**
 * The user's words, and names of repositories and branches, written so that each format shows them
 * as text: never as structure, markup, a link, a mention or a formula, and never reordered by an
 * invisible direction control (older databases may hold controls that today's lines cannot).
 */
import { LINE_BREAK, withoutHiddenControls } from '../core/text';

const LINE_BREAKS = new RegExp(`\\s*(?:${LINE_BREAK.source})+\\s*`, 'gu');

/** One line with nothing hidden in it: line breaks become spaces, controls go. */
export function plainLiteral(raw: string): string {
  return withoutHiddenControls(raw.replace(LINE_BREAKS, ' ')).trim();
}

// ---------------------------------------------------------------------------------------------
// Markdown

const MARKDOWN_INLINE = /[\\`*_[\]|~$]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Where, in a run of characters without spaces, a renderer could start a link or a notification:
 * any `scheme://`, `mailto:` and the like, a `www.` name, an e-mail address or an @mention (from
 * its first character before the `@`), or a bare domain such as `example.com` or `Node.js` (which
 * markdown-it's fuzzy linkify turns into a link). Generous on purpose: a word taken for a link
 * only looks like code, a link taken for a word would be live.
 */
const LINK_START = new RegExp(
  [
    String.raw`[a-z][a-z0-9+.-]*:\/\/`,
    String.raw`(?:mailto|xmpp|tel|sms|callto|data|javascript|vbscript|file|irc|magnet|news):`,
    String.raw`www\.`,
    String.raw`[\p{L}\p{N}._%+-]*@[\p{L}\p{N}_]`,
    String.raw`[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.\p{L}{2,}(?![\p{L}\p{N}_-])`,
  ].join('|'),
  'iu',
);

/** Renderers end a link at white space and at `<` or `>`; so do we. */
const RUN = /[^\s<>]+/gu;
/** Punctuation after a link that reads as the sentence's, not the link's, as GFM decides it. */
const TRAILING_PUNCTUATION = /[?!.,:;*_~'"\u2019\u201D)\]}]$/u;

/**
 * Escapes what Markdown or HTML would read as markup, and what would turn the start of a line
 * into structure (`#` heading, `-`/`+` list, `1.` numbered list; `>` is already an entity).
 *
 * What a renderer would turn into a link or a mention is written as inline code: GFM's autolink
 * extension, markdown-it's linkify (VS Code's preview) and GitHub's mention and reference filters
 * all leave code alone, and it shows exactly the characters typed. Backslash escapes cannot do
 * this: GFM still links `dev\@example.com`, and GitHub finds mentions after rendering.
 */
export function markdownLiteral(raw: string): string {
  const text = plainLiteral(raw);
  let written = '';
  let end = 0;
  for (const span of linkLikeSpans(text)) {
    written += escapeMarkdownText(text.slice(end, span.start), end === 0);
    written += codeSpan(text.slice(span.start, span.end));
    end = span.end;
  }
  return written + escapeMarkdownText(text.slice(end), end === 0);
}

function escapeMarkdownText(text: string, atLineStart: boolean): string {
  const escaped = text.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]).replace(MARKDOWN_INLINE, (c) => `\\${c}`);
  return atLineStart ? escaped.replace(/^[#+-]/, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2') : escaped;
}

function* linkLikeSpans(text: string): Generator<{ start: number; end: number }> {
  for (const run of text.matchAll(RUN)) {
    const found = LINK_START.exec(run[0]);
    if (!found) continue;
    let link = run[0].slice(found.index);
    while (TRAILING_PUNCTUATION.test(link) && !(link.endsWith(')') && count(link, '(') >= count(link, ')'))) link = link.slice(0, -1);
    const start = run.index + found.index;
    yield { start, end: start + link.length };
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Inline code holding `content` exactly: a fence longer than any run of backticks inside it. */
function codeSpan(content: string): string {
  const longestRun = Math.max(0, ...Array.from(content.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

// ---------------------------------------------------------------------------------------------
// CSV and JSON

/** Line breaks a spreadsheet shows as a box, as the line feed it understands. */
const OTHER_LINE_BREAKS = /[\v\f\u0085\u2028\u2029]/gu;

/** A CSV cell's text: line breaks kept for the quoting to carry, controls gone. */
export function csvLiteral(raw: string): string {
  return withoutHiddenControls(raw.replace(OTHER_LINE_BREAKS, '\n'));
}

/**
 * In JSON the text stays exactly what was stored (a script reads the same string), but the file
 * itself shows no tricks: controls JSON.stringify leaves raw (DEL, C1), direction controls and
 * the line and paragraph separators are written as \u escapes. They can only occur inside strings.
 */
const RAW_IN_JSON = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

export function jsonWithEscapedControls(json: string): string {
  return json.replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
