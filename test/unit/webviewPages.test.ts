import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { projectRoot as root } from '../support/manifest';

/** Every file under `dir`, relative to the project, with forward slashes. */
function filesUnder(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
}

/** The pages: each folder of src/webview but the helpers they share. */
const pages = fs
  .readdirSync(path.join(root, 'src', 'webview'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

suite('the webview pages are TypeScript', () => {
  test('the Insights and review pages live under src/webview, and media/ holds what they look like, no script', () => {
    assert.deepEqual(pages.sort(), ['insights', 'review']);
    assert.deepEqual(
      filesUnder('media').filter((file) => /\.(m?js|ts)$/.test(file)),
      [],
    );
  });

  test('every file of every page is type-checked under strict rules with the browser types (tsconfig.webview.json) and linted', async () => {
    const configFile = path.join(root, 'tsconfig.webview.json');
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
    assert.equal(parsed.options.strict, true);
    assert.ok(parsed.options.lib?.some((lib) => /dom/i.test(lib)), 'the DOM types');
    const checked = new Set(parsed.fileNames.map((file) => path.relative(root, file).split(path.sep).join('/')));
    const eslint = new ESLint({ cwd: root });
    for (const page of [...pages, 'shared']) {
      const files = filesUnder(`src/webview/${page}`);
      assert.ok(files.length > 0, page);
      for (const file of files) {
        assert.ok(checked.has(file), `${file} is not type-checked`);
        assert.equal(await eslint.isPathIgnored(path.join(root, file)), false, `${file} is not linted`);
      }
    }
  });

  test('every page is bundled by esbuild into dist/webview/<page>.js, and the .vsix carries that bundle', () => {
    const build = fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const page of pages) {
      assert.ok(build.includes(`'src/webview/${page}/main.ts'`), `esbuild.mjs does not bundle the ${page} page`);
      assert.ok(shipped.includes(`!dist/webview/${page}.js`), `.vscodeignore leaves out dist/webview/${page}.js`);
    }
  });
});
