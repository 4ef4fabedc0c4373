// A person's session: the packaged .vsix installed into code-server (as a user installs it), a
// git workspace opened in headless Chromium, and helpers to act and look the way a person does.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installExtension, launchBrowser, projectRoot, startCodeServer, userSettings } from '../../scripts/host.mjs';
import { createTestWorkspace } from '../../scripts/workspace.mjs';

export const artifactsDir = path.join(projectRoot, 'test-artifacts');
const vsixPath = path.join(projectRoot, 'progress-log.vsix');

/** A row of a side-bar tree whose text contains `text`. */
export const row = (page, text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
/** The tree row whose label is exactly `label` (not one that only mentions it, as "This week · reviewed" does). */
export const rowLabelled = (page, label) => page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
/** The page of the webview panel in front (the review), inside the webview's frames. */
export const panelOf = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** Right-clicks a row and picks a menu item once the menu has settled, as a person would. */
export async function chooseFromContextMenu(page, target, item) {
  await target.click({ button: 'right' });
  const entry = page.getByRole('menuitem', { name: item });
  await entry.waitFor();
  await page.waitForTimeout(300);
  await entry.click();
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });
}

/** Polls until `probe` returns something other than undefined. */
export async function eventually(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Opens code-server on a fresh workspace with the packaged extension installed. `prepare(root)`
 * runs on the workspace before code-server opens it: work done before Progress Log first looks.
 * `workspaceName` names the repository's folder (else a temp name). `installed(folder)`, when
 * given, may change the installed extension's files before VS Code starts. `helperExtensions`
 * ({ folder, files }) are installed beside it, each with `files` written into its folder (a test's
 * fake chat model and what it will answer).
 */
/**
 * Puts an extension folder (a package.json and its main file) beside the installed ones and lists
 * it in the profile's extensions.json, as an install does: VS Code loads only what that file lists.
 */
function installFolder(folder, extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const relativeLocation = `${id}-${manifest.version}`;
  const target = path.join(extensionsDir, relativeLocation);
  fs.cpSync(folder, target, { recursive: true });
  const listFile = path.join(extensionsDir, 'extensions.json');
  const list = fs.existsSync(listFile) ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : [];
  list.push({ identifier: { id }, version: manifest.version, location: { $mid: 1, path: target, scheme: 'file' }, relativeLocation, metadata: { installedTimestamp: Date.now(), source: 'vsix' } });
  fs.writeFileSync(listFile, JSON.stringify(list));
  return target;
}

export async function openSession({ theme, settings, prepare, workspaceName, installed, helperExtensions = [] } = {}) {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run "npm run package" first (npm test does).`);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-e2e-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (theme || settings) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...userSettings, ...(theme ? { 'workbench.colorTheme': theme } : {}), ...settings }, null, 2));
  }
  await installExtension(vsixPath, { userDataDir, extensionsDir });
  if (installed) {
    const [folder] = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('progress-log.progress-log-'));
    installed(path.join(extensionsDir, folder));
  }
  const helpers = helperExtensions.map(({ folder, files = {} }) => {
    const target = installFolder(folder, extensionsDir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(target, name), text);
    return target;
  });
  const workspace = createTestWorkspace({ name: workspaceName });
  prepare?.(workspace.root);
  const server = await startCodeServer({ workspace: workspace.root, smokeDriver: false, userDataDir, extensionsDir });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace.root)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const databaseFile = path.join(userDataDir, 'User', 'globalStorage', 'progress-log.progress-log', 'progress-log.sqlite');

  const session = {
    page,
    /** Where each of `helperExtensions` was installed, in order. */
    helpers,
    /** The "Progress Log" output of every window so far, one text per window's extension host. */
    extensionLogs() {
      const logs = [];
      const walk = (dir) => {
        for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.name === 'Progress Log.log') logs.push(fs.readFileSync(full, 'utf8'));
        }
      };
      walk(path.join(userDataDir, 'logs'));
      return logs;
    },
    /** Opens the same folder in another window (its own extension host, the same database). */
    async openAnotherWindow() {
      const other = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await other.goto(`${server.url}/?folder=${encodeURIComponent(workspace.root)}`);
      await other.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      return other;
    },
    workspace: workspace.root,
    databaseFile,
    /**
     * Changes user settings as a person does: Preferences: Open User Settings (JSON), the new values
     * typed in, saved. (code-server does not notice the file changing behind its back.)
     */
    async editSettings(values) {
      const current = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
      await session.runCommand('Preferences: Open User Settings (JSON)');
      const lines = page.locator('.editor-instance .view-lines');
      await lines.waitFor();
      await eventually('the settings in the editor', async () => ((await lines.innerText()).includes('telemetry') ? true : undefined));
      await lines.click();
      await page.keyboard.press('Control+A');
      // One line, so that the editor's auto-indent has nothing to change.
      await page.keyboard.insertText(JSON.stringify({ ...current, ...values }));
      // What the editor closed for us (a quote, a brace) goes: the text is complete as typed.
      await page.keyboard.press('Shift+Control+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Control+S');
      // Read while the editor may still be writing it: a file cut short is not saved yet.
      const saved = () => {
        try {
          return JSON.stringify(JSON.parse(fs.readFileSync(settingsFile, 'utf8')));
        } catch {
          return undefined;
        }
      };
      await eventually('the settings saved', () => (saved() === JSON.stringify({ ...current, ...values }) ? true : undefined));
      // The settings open in a modal editor: Escape closes it, as a person would.
      await page.keyboard.press('Escape');
      await page.locator('.monaco-modal-editor-block').waitFor({ state: 'detached', timeout: 5_000 }).catch(async () => {
        await page.locator('.monaco-modal-editor-block .codicon-close, .monaco-modal-editor-block [aria-label^="Close"]').first().click();
        await page.locator('.monaco-modal-editor-block').waitFor({ state: 'detached' });
      });
    },
    /** Runs a command from the Command Palette by its title, as a person types it. */
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor();
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^[^:]+: /, '') }).first().click();
    },
    /** Reads the database as another process would. */
    query(sql, ...params) {
      if (!fs.existsSync(databaseFile)) return [];
      const db = new Database(databaseFile, { readonly: true });
      try {
        return db.prepare(sql).all(...params);
      } catch (error) {
        if (/no such table/.test(String(error))) return []; // the extension is still creating its schema
        throw error;
      } finally {
        db.close();
      }
    },
    /** Commits from a shell, the way a person does in a terminal outside VS Code. */
    commit(subject, file = 'notes.md') {
      fs.appendFileSync(path.join(workspace.root, file), `${subject}\n`);
      execFileSync('git', ['add', '-A'], { cwd: workspace.root });
      execFileSync('git', ['commit', '-q', '-m', subject], { cwd: workspace.root });
      return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace.root, encoding: 'utf8' }).trim();
    },
    git(...args) {
      return execFileSync('git', args, { cwd: workspace.root, encoding: 'utf8' }).trim();
    },
    /**
     * After a failed test: a screenshot, and what a person would see printed to the test output
     * (CI keeps the output, not the screenshots): the side bar's rows, the notifications, the
     * stored work, and the extension's warnings and errors.
     */
    async reportFailure(test, prefix) {
      if (test?.state !== 'failed') return;
      const file = await session.screenshot(`failed-${prefix}-${test.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
      const textOf = async (selector) => (await page.locator(selector).allInnerTexts().catch(() => [])).map((text) => text.replace(/\s*\n\s*/g, ' | ')).join('\n');
      const stored = (sql) => { try { return JSON.stringify(session.query(sql)); } catch (error) { return String(error); } };
      console.log([
        `--- what the window showed when "${test.title}" failed (${file ?? 'no screenshot'})`,
        `side bar rows:\n${await textOf('.sidebar .pane-body .monaco-list-row')}`,
        `notifications:\n${await textOf('.notifications-toasts .notification-toast')}`,
        `outcomes: ${stored('SELECT kind, text FROM outcomes ORDER BY created_at')}`,
        `commits: ${stored('SELECT status, subject FROM commits ORDER BY author_time')}`,
        `extension warnings and errors:\n${session.extensionLogs().flatMap((log) => log.split('\n').filter((line) => /\[(warning|error)\]/.test(line))).join('\n')}`,
        '---',
      ].join('\n'));
    },
    async screenshot(name) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    /** Commits from a shell, waits for its notification, clicks Name outcome: the input, ready to type in. */
    async commitAndOpenInput(subject) {
      const sha = session.commit(subject);
      const toast = session.toast(sha.slice(0, 7));
      await toast.waitFor({ timeout: 20_000 });
      await toast.getByRole('button', { name: 'Name outcome' }).click();
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor();
      return { sha, input };
    },
    /** Commits from a shell and names it `line` from its notification; the commit's sha, once its outcome is saved. */
    async commitAndName(subject, line) {
      const { sha, input } = await session.commitAndOpenInput(subject);
      await input.fill(line);
      await input.press('Enter');
      await session.outcomeOf(sha);
      return sha;
    },
    /** The outcome a commit is linked to, once there is one. */
    outcomeOf(sha) {
      return eventually(`the outcome of ${sha.slice(0, 7)}`, () =>
        session.query(`SELECT o.text, o.kind FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE c.sha = ?`, sha)[0],
      );
    },
    /** The notification toast whose text contains `text`. */
    toast(text) {
      return page.locator('.notifications-toasts .notification-toast', { hasText: text });
    },
    async waitUntilWatching() {
      await eventually('Progress Log to record the workspace repository', () =>
        session.query('SELECT 1 FROM clones WHERE path = ? AND scanned_at IS NOT NULL', workspace.root)[0],
      60_000);
    },
    async close() {
      await browser.close();
      await server.stop();
      workspace.cleanup();
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
  return session;
}
