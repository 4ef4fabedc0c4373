/**
 * What a page can do with its webview: send to the extension, hear from it, and keep a state that
 * survives the panel being hidden or the window reloading (VS Code also hands that state to the
 * panel's serializer). Typed by each page's messages (src/insights/messages.ts,
 * src/review/messages.ts).
 */

/** The page's side of the webview, typed: what it sends, and the state it keeps. */
export interface PageApi<Outgoing, State> {
  postMessage(message: Outgoing): void;
  /** What the page kept, if anything; it may come from an earlier version of the page, so every part is optional. */
  getState(): Partial<State> | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): PageApi<unknown, unknown>;

/** The webview's API; VS Code gives it once per page, so a page asks once, when it loads. */
export function pageApi<Outgoing, State>(): PageApi<Outgoing, State> {
  return acquireVsCodeApi() as PageApi<Outgoing, State>;
}

/** Calls `receive` with every message the extension sends. */
export function onMessage<Incoming>(receive: (message: Incoming) => void): void {
  window.addEventListener('message', (event: MessageEvent<Incoming>) => receive(event.data));
}
