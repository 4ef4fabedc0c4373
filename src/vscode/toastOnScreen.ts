import * as vscode from 'vscode';

/** How long VS Code shows an information toast while its window has focus (the workbench's purge timeout for Severity.Info). */
const INFO_TOAST_MS = 10_000;

/**
 * Whether a notification's toast is still on screen, as far as an extension can tell. VS Code tells
 * an extension nothing when it hides a toast: the notification moves to the notification centre
 * and its promise stays unsettled, so nothing but the status bar shows that it still asks. This
 * follows VS Code's own rule instead: an information toast hides 10 s after it appeared if the
 * window has focus then, and otherwise 10 s after the window gets focus back (a person in a
 * terminal beside VS Code still finds it there). VS Code also keeps a toast under the mouse, which
 * no extension can see: such a toast is taken for hidden while it still shows.
 */
export class ToastOnScreen implements vscode.Disposable {
  private hiddenByNow = false;
  private timer: NodeJS.Timeout | undefined;
  private focus: vscode.Disposable | undefined;

  constructor() {
    this.count();
  }

  /** VS Code has hidden the toast by now. */
  get hidden(): boolean {
    return this.hiddenByNow;
  }

  private count(): void {
    this.timer = setTimeout(() => {
      if (vscode.window.state.focused) {
        this.hiddenByNow = true;
        return;
      }
      this.focus = vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused) return;
        this.focus?.dispose();
        this.count();
      });
    }, INFO_TOAST_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.focus?.dispose();
  }
}
