import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BRANCH_NAMES } from '../../src/core/domain';
import { Commands, ContextKeys, ItemContexts, PROMPT_MODES, SETTINGS_SECTION, Settings, VIEW_CONTAINER_ID, Views, Webviews } from '../../src/ids';
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

  test('the oldest VS Code the manifest claims is the one the extension-host suite runs on (test/host-oldest), and it runs where the repositories are', () => {
    const oldest = JSON.parse(fs.readFileSync(path.join(root, 'test', 'host-oldest', 'package.json'), 'utf8')).dependencies['code-server'] as string;
    // code-server 4.X.Y is VS Code 1.X.Y.
    const [, minor] = /^4\.(\d+)\.\d+$/.exec(oldest) ?? [];
    assert.equal(manifest.engines.vscode, `^1.${minor}.0`);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  test('activation waits for startup to finish, or for a panel of ours that VS Code restores, and never uses "*"', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', ...Object.values(Webviews).map((viewType) => `onWebviewPanel:${viewType}`)]);
    assert.deepEqual(manifest.extensionDependencies, ['vscode.git']);
  });

  test('nothing under src but src/vscode, extension.ts and boot.ts imports vscode', () => {
    const adapters = [path.join(root, 'src', 'vscode') + path.sep, ...['extension.ts', 'boot.ts'].map((file) => path.join(root, 'src', file))];
    const core = sourceFiles(path.join(root, 'src')).filter((file) => !adapters.some((adapter) => file === adapter || file.startsWith(adapter)));
    assert.ok(core.some((file) => file.includes(`${path.sep}storage${path.sep}`)), 'the core was found');
    assert.deepEqual(
      core.filter((file) => /from ['"]vscode['"]|require\(['"]vscode['"]\)|import\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(root, file)),
      [],
      'these import vscode: put VS Code code under src/vscode and pass what the core needs in',
    );
  });

  suite('the rows the menus pick are declared once, in ids.ts', () => {
    type ViewKey = keyof typeof ItemContexts;
    /** Every contextValue a view declares, with the path it is declared under (`log.outcome.impact`). */
    const declared = (view: ViewKey): Map<string, string> => {
      const values = new Map<string, string>();
      const visit = (node: unknown, at: string) => {
        if (typeof node === 'string') values.set(node, at);
        else for (const [key, child] of Object.entries(node as object)) visit(child, `${at}.${key}`);
      };
      visit(ItemContexts[view], view);
      return values;
    };
    const viewKeys = Object.keys(ItemContexts) as ViewKey[];
    const viewKeyOf = new Map(viewKeys.map((key) => [Views[key] as string, key]));

    /** Each `viewItem` comparison of a menu's `when`, with the views the clause limits it to (all, when it names none). */
    const comparisons = () => {
      const found: { where: string; operator: string; operand: string; views: ViewKey[] }[] = [];
      for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
        for (const entry of entries) {
          if (!entry.when) continue;
          const views = [...entry.when.matchAll(/\bview\s*==\s*([\w.-]+)/g)].map((match) => viewKeyOf.get(match[1])).filter((key) => key !== undefined);
          for (const match of entry.when.matchAll(/\bviewItem\s*(==|!=|=~)\s*(\/(?:\\.|[^/])*\/[a-z]*|[^\s&|)]+)/g)) {
            found.push({ where: `${menu} ${entry.command} (${entry.when})`, operator: match[1], operand: match[2], views: views.length === 1 ? views : viewKeys });
          }
        }
      }
      return found;
    };
    const regexOf = (operand: string) => {
      const [, body, flags] = /^\/(.*)\/([a-z]*)$/s.exec(operand)!;
      return new RegExp(body, flags);
    };
    const valuesOf = (views: ViewKey[]) => views.flatMap((view) => [...declared(view).keys()]);

    test('every viewItem == and != in the menus names a value its view declares, and every viewItem =~ matches one', () => {
      const found = comparisons();
      assert.ok(found.some((comparison) => comparison.operator === '==') && found.some((comparison) => comparison.operator === '=~'), 'the menus were read');
      const undeclared = found.filter(({ operator, operand, views }) =>
        operator === '=~' ? !valuesOf(views).some((value) => regexOf(operand).test(value)) : !valuesOf(views).includes(operand),
      );
      assert.deepEqual(
        undeclared.map(({ where, operator, operand }) => `${where}: viewItem ${operator} ${operand}`),
        [],
        'these menus name rows no view declares in ItemContexts (src/ids.ts): declare the value there, and set it from there',
      );
    });

    test('every declared value is set by a row or named by a menu, and every row sets one from ids.ts', () => {
      const source = sourceFiles(path.join(root, 'src', 'vscode')).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      const found = comparisons();
      const unused = viewKeys.flatMap((view) =>
        [...declared(view)].filter(([value, at]) => {
          // Named in full, or a table it is in indexed by a value of the domain (`ItemContexts.log.outcome[kind]`).
          const parts = at.split('.');
          const tables = parts.slice(2).map((_, index) => parts.slice(0, index + 2).join('.'));
          const set = new RegExp(`\\bItemContexts\\.${at.replace(/\./g, '\\.')}(?!\\w)`).test(source) || tables.some((table) => source.includes(`ItemContexts.${table}[`));
          const named = found.some(({ operator, operand, views }) => views.includes(view) && (operator === '=~' ? regexOf(operand).test(value) : operand === value));
          return !set && !named;
        }),
      );
      assert.deepEqual(unused.map(([value, at]) => `ItemContexts.${at} (${value})`), [], 'declared, but no row sets it and no menu names it');
      const bare = [...source.matchAll(/\bcontextValue\s*=\s*([^;\n]*)/g)].map((match) => match[1]).filter((value) => /['"`]/.test(value));
      assert.deepEqual(bare, [], 'a contextValue written as a string: take it from ItemContexts (src/ids.ts)');
    });
  });

  test('the key that changes the goal in the outcome input is bound to the declared command and context key', () => {
    const bindings = manifest.contributes.keybindings as { command: string; key: string; when: string }[];
    const binding = bindings.find((entry) => entry.command === Commands.nextGoal);
    assert.ok(binding, 'Commands.nextGoal has no key');
    assert.equal(binding.key, 'ctrl+g');
    assert.match(binding.when, new RegExp(`\\binQuickInput\\b.*\\b${ContextKeys.goalInput.replace('.', '\\.')}\\b`));
  });

  test('the key that changes who the line reached in the outcome input is bound to the declared command and context key, and is not the goal\'s', () => {
    const bindings = manifest.contributes.keybindings as { command: string; key: string; when: string }[];
    const binding = bindings.find((entry) => entry.command === Commands.nextReach);
    assert.ok(binding, 'Commands.nextReach has no key');
    assert.equal(binding.key, 'ctrl+r');
    assert.match(binding.when, new RegExp(`\\binQuickInput\\b.*\\b${ContextKeys.reachInput.replace('.', '\\.')}\\b`));
    assert.equal(new Set(bindings.map((entry) => entry.key)).size, bindings.length, 'one command per key');
  });
});
