/**
 * Every package the code imports is one package.json declares: the shipped code's in
 * `dependencies`, the rest (tests, bench, scripts) in either list. A package that only arrives as
 * another's dependency can change or vanish with that package's next version.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
/**
 * Not installed with the project on purpose: `vscode` is the host's; markdown-it is used by
 * exportSafety.test.ts only when someone installs it (`npm install --no-save`).
 */
const NOT_INSTALLED = new Set(['vscode', 'markdown-it']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'golden' ? [] : sourceFiles(full);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The packages a source file names in an `import`/`export … from` statement, a bare `import '…'`, or
 * a `require('…')` assigned at the start of a line: statements only, never a string that quotes one.
 */
function importedPackages(source: string): string[] {
  const statements = /^(?:(?:import|export)\b[^;'"]*?\bfrom\s*|import\s*|\s*(?:const|let|var)\s[^=\n]+=\s*require\(\s*)(["'])([^"'\n]+)\1/gm;
  return [...source.matchAll(statements)]
    .map((match) => match[2])
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0]))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

function undeclared(folders: readonly string[], declared: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const file of folders.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))) {
    for (const name of importedPackages(fs.readFileSync(file, 'utf8'))) {
      if (!declared.has(name) && !NOT_INSTALLED.has(name)) missing.push(`${path.relative(ROOT, file)} imports ${name}`);
    }
  }
  return [...new Set(missing)];
}

suite('declared packages', () => {
  test('the shipped code imports only packages package.json lists under dependencies', () => {
    assert.deepEqual(undeclared(['src'], new Set(Object.keys(manifest.dependencies ?? {}))), []);
  });

  test('tests, the bench and the scripts import only packages package.json lists', () => {
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
    assert.deepEqual(undeclared(['test', 'bench', 'scripts'], declared), []);
  });

  test('the check reads every form of import, and leaves built-in and relative modules and quoted code alone', () => {
    const source = [
      "import { a } from '@scope/pkg/sub';",
      'import type { B } from "plain";',
      'import {',
      '  C,',
      "} from 'multiline';",
      "export { d } from 'reexported';",
      "const e = require('required/deep');",
      "import 'side-effect';",
      "import * as fs from 'node:fs';",
      "import * as os from 'os';",
      "import { f } from './local';",
      "  check('import * as g from \"quoted\";');",
    ].join('\n');
    assert.deepEqual(importedPackages(source), ['@scope/pkg', 'plain', 'multiline', 'reexported', 'required', 'side-effect']);
  });
});
