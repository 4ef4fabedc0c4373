/**
 * The user's words, and names of repositories and branches, written so that each format shows them
 * as text and never as structure or markup.
 */

const MARKDOWN_INLINE = /[\\`*_[\]|~]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes what Markdown or HTML would read as markup, and what would turn the start of a line
 * into structure (`#` heading, `-`/`+` list, `1.` numbered list; `>` is already an entity).
 */
export function markdownLiteral(raw: string): string {
  return plainLiteral(raw)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(/^[#+-]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A line break in stored text must not end a bullet early or start a new block. */
export function plainLiteral(raw: string): string {
  return raw.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}
