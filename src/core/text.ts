/** Small pieces of wording used everywhere, written once. Nothing here knows VS Code. */

/** "1 commit", "3 commits"; `pluralForm` for irregular nouns. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The 7-character form of a commit id people read. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** A subject in curly quotes, cut to `max` characters (as a person counts them) with an ellipsis. */
export function quoted(text: string, max = 60): string {
  const chars = Array.from(text);
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text}”`;
}

/** The message of anything thrown, for logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
