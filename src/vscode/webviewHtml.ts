import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { jsonForHtml } from '../insights/messages';

/** Text placed in a webview page's HTML (its language, a translated title): nothing in it reads as markup. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A page's own files, and the folders its webview may load from (nothing else of the extension). */
export interface PageFiles {
  style: vscode.Uri;
  script: vscode.Uri;
  roots: vscode.Uri[];
}

/**
 * Where the page `name` lives: its stylesheet in media/<name>/, its script as esbuild.mjs bundles
 * it from src/webview/<name>/ into dist/webview/<name>.js (both in the .vsix, see .vscodeignore).
 */
export function pageFiles(extensionUri: vscode.Uri, name: 'insights' | 'review'): PageFiles {
  const media = vscode.Uri.joinPath(extensionUri, 'media', name);
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return { style: vscode.Uri.joinPath(media, `${name}.css`), script: vscode.Uri.joinPath(dist, `${name}.js`), roots: [media, dist] };
}

/** What a page of ours is made of: its files, its title, what it says while its script loads, and data for that script. */
export interface WebviewPage {
  files: PageFiles;
  title: string;
  mainId: string;
  loading: string;
  /** JSON placed in the page as data (never as script), by element id. */
  data?: Record<string, unknown>;
}

/**
 * A page under a strict Content-Security-Policy: nothing remote, styles, fonts and images from the
 * extension's own files, one script with a fresh nonce. VS Code's translations for the page travel
 * with it as data (`l10n-bundle`), and its language is VS Code's.
 */
export function webviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const data = { ...page.data, 'l10n-bundle': vscode.l10n.bundle ?? {} };
  return `<!DOCTYPE html>
<html lang="${htmlText(vscode.env.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${webview.asWebviewUri(page.files.style)}">
  <title>${htmlText(page.title)}</title>
</head>
<body>
  <main id="${page.mainId}" aria-busy="true"><p class="loading">${htmlText(page.loading)}</p></main>
${Object.entries(data)
  .map(([id, value]) => `  <script type="application/json" id="${id}">${jsonForHtml(value)}</script>`)
  .join('\n')}
  <script nonce="${nonce}" src="${webview.asWebviewUri(page.files.script)}"></script>
</body>
</html>`;
}
