import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BRANCH_NAMES } from '../../src/core/domain';
import { Commands, ContextKeys, PROMPT_MODES, SETTINGS_SECTION, Settings, VIEW_CONTAINER_ID, Views, Webviews } from '../../src/ids';
import { manifest as readManifest, projectRoot as root } from '../support/manifest';

const manifest = readManifest();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

suite('the manifest and the code agree', () => {
  test('every contributed command is declared in ids.ts, and every declared command is contributed', () => {
    const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  test('every declared command is registered in the extension', () => {
    const source = sourceFiles(path.join(root, 'src')).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    for (const [key] of Object.entries(Commands)) {
      // registerCommand(Commands.x, …), or an entry `[Commands.x]: …` of a table given to registerCommands.
      assert.match(source, new RegExp(`(?:\\bregisterCommand\\(Commands\\.${key}\\b|\\[Commands\\.${key}\\]:)`), `Commands.${key} is never registered`);
    }
  });

  test('the view and its container are contributed under the declared ids, and menus name only real commands', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((container: { id: string }) => container.id), [VIEW_CONTAINER_ID]);
    assert.deepEqual(manifest.contributes.views[VIEW_CONTAINER_ID].map((view: { id: string }) => view.id), Object.values(Views));
    const known = new Set(Object.values(Commands) as string[]);
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu} names ${entry.command}, which is not declared`);
    }
    for (const icon of [manifest.contributes.viewsContainers.activitybar[0].icon]) assert.ok(fs.existsSync(path.join(root, icon)), `${icon} is missing`);
  });

  test('every declared setting is contributed with the same values', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of Object.values(Settings)) assert.ok(properties[`${SETTINGS_SECTION}.${key}`], `${key} is not contributed`);
    assert.deepEqual(properties[`${SETTINGS_SECTION}.${Settings.prompt}`].enum, PROMPT_MODES);
    assert.deepEqual(properties[`${SETTINGS_SECTION}.${Settings.defaultBranches}`].default, DEFAULT_BRANCH_NAMES);
  });

  test('activation waits for startup to finish, or for a panel of ours that VS Code restores, and never uses "*"', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', ...Object.values(Webviews).map((viewType) => `onWebviewPanel:${viewType}`)]);
    assert.deepEqual(manifest.extensionDependencies, ['vscode.git']);
  });

  test('nothing under src/ but src/vscode, src/extension.ts and src/boot.ts imports vscode', () => {
    const allowed = (file: string) => file.startsWith(`src${path.sep}vscode${path.sep}`) || ['extension.ts', 'boot.ts'].map((name) => path.join('src', name)).includes(file);
    const importing = sourceFiles(path.join(root, 'src'))
      .map((file) => path.relative(root, file))
      .filter((file) => !allowed(file) && /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    assert.deepEqual(importing, []);
  });

  test('the key that changes the goal in the outcome input is bound to the declared command and context key', () => {
    const bindings = manifest.contributes.keybindings as { command: string; key: string; when: string }[];
    const binding = bindings.find((entry) => entry.command === Commands.nextGoal);
    assert.ok(binding, 'Commands.nextGoal has no key');
    assert.equal(binding.key, 'ctrl+g');
    assert.match(binding.when, new RegExp(`\\binQuickInput\\b.*\\b${ContextKeys.goalInput.replace('.', '\\.')}\\b`));
  });
});
