/**
 * A page's sentences in the user's language. The extension puts VS Code's bundle for the display
 * language in the page as data (`l10n-bundle`, src/vscode/webviewHtml.ts; none in English); from
 * then on the page says its sentences through the core's `l10n.t` and `l10n.plural`
 * (src/core/l10n.ts) with literal English, like the rest of the code, so that
 * scripts/l10n-bundle.mjs collects them into l10n/bundle.l10n.json.
 */
import * as l10n from '../../core/l10n';

/** Translates every sentence from now on with the bundle the page was made with. */
export function usePageBundle(): void {
  const bundle = JSON.parse(document.getElementById('l10n-bundle')?.textContent || '{}') as Record<string, string>;
  l10n.setTranslator((message, ...args) => l10n.format(bundle[message] ?? message, args));
}
