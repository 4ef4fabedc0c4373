/** Text placed in a webview page's HTML (its language, a translated title): nothing in it reads as markup. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
