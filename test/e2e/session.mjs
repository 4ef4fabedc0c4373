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

export async function openSession({ theme } = {}) {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run "npm run package" first (npm test does).`);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-e2e-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  if (theme) {
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...userSettings, 'workbench.colorTheme': theme }, null, 2),
    );
  }
  await installExtension(vsixPath, { userDataDir, extensionsDir });
  const workspace = createTestWorkspace();
  const server = await startCodeServer({ workspace: workspace.root, smokeDriver: false, userDataDir, extensionsDir });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace.root)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const databaseFile = path.join(userDataDir, 'User', 'globalStorage', 'progress-log.progress-log', 'progress-log.sqlite');

  const session = {
    page,
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
