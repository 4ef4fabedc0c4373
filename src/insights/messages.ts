/**
 * What the Insights panel and its page say to each other, and how the first message travels inside
 * the page itself. Shared by src/vscode/insightsPanel.ts and src/webview/insights. Nothing here
 * knows VS Code.
 */
import type { InsightNumbers } from './model';

/** From the extension to the page. */
export type ToPage = { type: 'numbers'; numbers: InsightNumbers } | { type: 'status'; message: string } | { type: 'error'; message: string };

/** From the page to the extension. */
export type FromPage =
  | { type: 'ready'; range?: string }
  | { type: 'range'; range: string }
  | { type: 'revealWeek'; start: number }
  /** `ms` since the page began to load; `drawingMs` since its script began to run. */
  | { type: 'painted'; ms: number; drawingMs: number };

/**
 * JSON to place inside an HTML element (a `<script type="application/json">` data block): no
 * "<" can close the element early, whatever a goal or a repository is called.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
