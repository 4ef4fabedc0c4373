// The benchmarks that need a real VS Code: code-server (scripts/host.mjs) driven in Debian's
// Chromium, with the packaged .vsix installed as a user installs it. Used by bench/run.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installExtension, launchBrowser, startCodeServer } from '../scripts/host.mjs';
import { createTestWorkspace } from '../scripts/workspace.mjs';
import { measureCommitToPrompt } from '../test/e2e/promptTiming.mjs';
import { openSession } from '../test/e2e/session.mjs';

/** An extension that does nothing, declared like Progress Log (same activation event, same dependency). */
function writeEmptyExtension(extensionsDir) {
  const dir = path.join(extensionsDir, 'bench.empty-extension-0.0.1');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'empty-extension',
      displayName: 'Empty Extension',
      publisher: 'bench',
      version: '0.0.1',
      engines: { vscode: '^1.101.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      extensionDependencies: ['vscode.git'],
    }),
  );
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function () {};\nexports.deactivate = function () {};\n');
}

/** What "Developer: Show Running Extensions" says an extension's activation took (code loading + the synchronous part of activate()). */
async function activationShown(page, displayName) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
  await row.waitFor({ timeout: 30_000 });
  for (let waited = 0; waited < 30_000; waited += 200) {
    const match = /Activation: (\d+)ms/.exec(await row.innerText());
    if (match) return Number(match[1]);
    await page.waitForTimeout(200);
  }
  throw new Error(`${displayName} never finished activating`);
}

/**
 * Activation as VS Code reports it, over `runs` window loads each: of an empty extension in one
 * code-server, and of Progress Log (installed from the .vsix) in another started the same way, so
 * that neither's work lands inside the other's measurement. The loads alternate between the two,
 * so that a busy machine weighs on both alike. Also what Progress Log logged as the time its
 * setup took on the extension host's thread once loaded (its "Ready: … ms on the host thread" line:
 * its own time, less waiting for a CPU, and the clock's), and what it built after the first paint
 * ("Built after the first paint: …").
 */
export async function measureActivation({ vsix, runs = 7 }) {
  const open = async (install, displayName) => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-bench-activation-'));
    const userDataDir = path.join(base, 'user-data');
    const extensionsDir = path.join(base, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    await install({ userDataDir, extensionsDir });
    const workspace = createTestWorkspace();
    const server = await startCodeServer({ workspace: workspace.root, smokeDriver: false, userDataDir, extensionsDir });
    return { base, userDataDir, workspace, server, displayName, times: [], page: undefined };
  };
  const sessions = [
    await open(async ({ extensionsDir }) => writeEmptyExtension(extensionsDir), 'Empty Extension'),
    await open((dirs) => installExtension(vsix, dirs), 'Progress Log'),
  ];
  const browser = await launchBrowser();
  try {
    for (let run = 0; run < runs; run++) {
      for (const session of sessions) {
        if (!session.page) {
          // Tall enough that every running extension's row is drawn (the list draws only what is in view).
          session.page = await (await browser.newContext({ viewport: { width: 1400, height: 2400 } })).newPage();
          await session.page.goto(`${session.server.url}/?folder=${encodeURIComponent(session.workspace.root)}`);
        } else {
          await session.page.bringToFront();
          await session.page.reload();
        }
        await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await session.page.waitForTimeout(3000); // startup finished, onStartupFinished extensions activated
        session.times.push(await activationShown(session.page, session.displayName));
      }
    }
    const ready = [];
    const built = [];
    const walk = (dir) => {
      for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === 'Progress Log.log') {
          const log = fs.readFileSync(full, 'utf8');
          for (const match of log.matchAll(/Ready: ([\d.]+) ms on the host thread of its own \(([\d.]+) ms by the clock\): (.*); first content (\d+) ms/g)) {
            ready.push({ ms: Number(match[1]), clockMs: Number(match[2]), turns: match[3], firstContentMs: Number(match[4]) });
          }
          for (const match of log.matchAll(/Built after the first paint: ([\d.]+) ms on the host thread of its own \(([\d.]+) ms by the clock\) in \d+ turns, the longest ([\d.]+) ms: (.*); done (\d+) ms/g)) {
            built.push({ ms: Number(match[1]), clockMs: Number(match[2]), longestMs: Number(match[3]), turns: match[4], doneMs: Number(match[5]) });
          }
        }
      }
    };
    walk(path.join(sessions[1].userDataDir, 'logs'));
    return { empty: sessions[0].times, progressLog: sessions[1].times, ready, built };
  } finally {
    await browser.close();
    for (const session of sessions) {
      await session.server.stop();
      session.workspace.cleanup();
      fs.rmSync(session.base, { recursive: true, force: true });
    }
  }
}

/** Commit → prompt visible in the browser, `count` terminal commits, with the packaged extension. */
export async function measurePrompt({ count = 9 } = {}) {
  const session = await openSession();
  try {
    await session.waitUntilWatching();
    return await measureCommitToPrompt(session, { count });
  } finally {
    await session.close();
  }
}
