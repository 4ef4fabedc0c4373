// How long a person waits, after a commit in a terminal, for Progress Log's prompt to appear in the
// browser: shared by the browser test (test/e2e/speed.e2e.mjs) and `npm run bench`.
/* global window, document, MutationObserver -- the functions given to page.evaluate and page.waitForFunction run in the browser */
import { performance } from 'node:perf_hooks';

/** Notes, in the page, when each notification toast enters the document (the moment it is drawn). */
async function watchToasts(page) {
  await page.evaluate(() => {
    if (window.__progressLogToasts) return;
    window.__progressLogToasts = [];
    const note = () => {
      for (const toast of document.querySelectorAll('.notifications-toasts .notification-toast')) {
        if (toast.__progressLogSeen) continue;
        toast.__progressLogSeen = true;
        window.__progressLogToasts.push({ toast, at: performance.timeOrigin + performance.now() });
      }
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
    note();
  });
}

/** When the toast whose text contains `text` entered the document (ms since the epoch), once it has. */
async function toastTime(page, text, timeoutMs) {
  const handle = await page.waitForFunction(
    (wanted) => window.__progressLogToasts.find((entry) => entry.toast.innerText.includes(wanted))?.at,
    text,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return handle.jsonValue();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Commits `count` times from a shell (a session of test/e2e/session.mjs) and measures, for each,
 * the commit itself (the floor: git's own time) and the time from the commit's end to its prompt
 * in the browser. Each prompt is answered (Routine) before the next commit, as a person would.
 */
export async function measureCommitToPrompt(session, { count = 7, pauseMs = 1500, answer = 'Routine' } = {}) {
  const { page } = session;
  await watchToasts(page);
  const commits = [];
  const prompts = [];
  for (let index = 0; index < count; index++) {
    await page.waitForTimeout(pauseMs); // let the git extension's own refresh of the last commit settle
    const started = performance.timeOrigin + performance.now();
    const sha = session.commit(`feat: timing ${index + 1} ${Date.now()}`);
    const committed = performance.timeOrigin + performance.now();
    const shown = await toastTime(page, sha.slice(0, 7), 20_000);
    commits.push(committed - started);
    prompts.push(Math.max(0, shown - committed));
    await session.toast(sha.slice(0, 7)).getByRole('button', { name: answer }).click();
  }
  return { commits, prompts, commitMedian: median(commits), promptMedian: median(prompts) };
}
