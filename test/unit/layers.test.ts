/**
 * The layers of src/ (eslint.config.mjs): dependencies run down, core → git → storage → features →
 * VS Code → composition root, with the command line (src/cli) a composition root of its own on top
 * that never reaches the VS Code layer, and nothing outside src/vscode, src/extension.ts and
 * src/boot.ts imports vscode. Shown the way a newcomer would break them: files planted in each layer, linted
 * by the project's own ESLint configuration. And no two folders import each other, even through
 * others.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');
const src = path.join(root, 'src');

suite('the layers of src', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root });

  /** The messages of the layer rule for `code` planted at `file` (relative to the project). */
  const complaints = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  };

  for (const [file, code, why] of [
    ['src/storage/planted.ts', "import { NamingWorkflow } from '../naming/naming';\nexport const x = NamingWorkflow;\n", /storage layer never imports from a layer above/],
    ['src/core/planted.ts', "import { Store } from '../storage/store';\nexport const x = Store;\n", /core layer never imports from a layer above/],
    ['src/git/planted.ts', "import { Store } from '../storage/store';\nexport const x = Store;\n", /git layer never imports/],
    ['src/goals/planted.ts', "import { GoalCommands } from '../vscode/goalCommands';\nexport const x = GoalCommands;\n", /features layer never imports/],
    ['src/vscode/planted.ts', "import { activate } from '../extension';\nexport const x = activate;\n", /VS Code layer never imports/],
    ['src/ids.ts', "import { Store } from './storage/store';\nexport const x = Store;\n", /core layer never imports/],
    ['src/review/planted.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /Only src\/vscode, src\/extension.ts and src\/boot.ts import vscode/],
    ['src/insights/planted.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /Only src\/vscode/],
    ['src/webview/insights/planted.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /Only src\/vscode/],
    ['src/somewhere/new/planted.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /Only src\/vscode/],
    ['src/cli/planted.ts', "import { Capture } from '../vscode/capture';\nexport const x = Capture;\n", /command line is a composition root of its own: it never imports src\/vscode/],
    ['src/cli/commands/planted.ts', "import { activate } from '../../extension';\nexport const x = activate;\n", /command line is a composition root of its own/],
    ['src/cli/planted.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /Only src\/vscode/],
    ['src/vscode/planted.ts', "import { run } from '../cli/main';\nexport const x = run;\n", /VS Code layer never imports from a layer above it \(composition root, command line\)/],
    ['src/extension.ts', "import { run } from './cli/main';\nexport const x = run;\n", /composition root layer never imports from a layer above it \(command line\)/],
    ['src/storage/planted.ts', "import { run } from '../cli/main';\nexport const x = run;\n", /storage layer never imports/],
  ] as const) {
    test(`lint refuses ${file} importing what its layer may not (${code.split('\n')[0]})`, async () => {
      const found = await complaints(file, code);
      assert.ok(found.some((message) => why.test(message)), `expected ${why} for ${file}, got: ${JSON.stringify(found)}`);
    });
  }

  for (const [file, code] of [
    ['src/naming/planted.ts', "import { Store } from '../storage/store';\nimport { suggestGoal } from '../goals/goalRules';\nimport { newId } from '../core/ulid';\nexport const x = [Store, suggestGoal, newId];\n"],
    ['src/storage/planted.ts', "import { Database } from './database';\nimport { newId } from '../core/ulid';\nexport const x = [Database, newId];\n"],
    ['src/vscode/planted.ts', "import * as vscode from 'vscode';\nimport { Store } from '../storage/store';\nexport const x = [vscode, Store];\n"],
    ['src/extension.ts', "import * as vscode from 'vscode';\nimport { Store } from './storage/store';\nexport const x = [vscode, Store];\n"],
    [
      'src/cli/commands/planted.ts',
      "import { Store } from '../../storage/store';\nimport { WeeklyLog } from '../../log/weeklyLog';\nimport { GitRunner } from '../../git/gitRunner';\nimport { newId } from '../../core/ulid';\nimport { Cli } from '../common/context';\nexport const x = [Store, WeeklyLog, GitRunner, newId, Cli];\n",
    ],
  ] as const) {
    test(`lint lets ${file} import downwards`, async () => {
      assert.deepEqual(await complaints(file, code), []);
    });
  }

  test('every file of src/ is in a layer', async () => {
    const outside: string[] = [];
    for (const file of sourceFiles()) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, [unknown, { patterns?: unknown }?]> };
      // A layer's rule names what lies above it (nothing, for the top); the catch-all for vscode alone does not.
      if (config.rules?.['no-restricted-imports']?.[1]?.patterns === undefined) outside.push(path.relative(root, file));
    }
    assert.deepEqual(outside, [], 'name their folder in LAYERS (eslint.config.mjs)');
  });

  test('no folder of src/ imports another that imports it back, even through others', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles()) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    assert.deepEqual(cycles(edges), []);
  });
});

function sourceFiles(dir = src): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The folder of src/ a file belongs to (`storage`, `webview/insights`), or the file itself for one in src/. */
function folderOf(file: string): string {
  const relative = path.relative(src, file);
  return path.dirname(relative) === '.' ? relative.replace(/\.ts$/, '') : path.dirname(relative);
}

/** The files of src/ that `file` imports (relative imports, resolved). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm)) found.push(`${path.resolve(path.dirname(file), match[1])}.ts`);
  return found;
}

/** Each loop of the graph once, as the folders around it. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const loop = trail.slice(at);
      const key = [...loop].sort().join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        found.push(loop);
      }
      return;
    }
    for (const next of edges.get(node) ?? []) walk(next, [...trail, node]);
  };
  for (const node of edges.keys()) walk(node, []);
  return found;
}
