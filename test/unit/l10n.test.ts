import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '../../src/core/l10n';
import { manifestKeys, manifestStrings, projectRoot, rawManifest } from '../support/manifest';

const PLACEHOLDERS = /\{\d+\}/g;

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, file), 'utf8'));
}

/** The placeholders a sentence holds, in order: a translation must keep the same ones. */
function placeholders(text: string): string[] {
  return (text.match(PLACEHOLDERS) ?? []).sort();
}

suite('localization', () => {
  suite('the manifest', () => {
    test('every %key% package.json names is in package.nls.json, and package.nls.json holds no key nobody names', () => {
      const named = new Set(manifestKeys());
      const held = Object.keys(manifestStrings());
      assert.deepEqual(
        [...named].filter((key) => !held.includes(key)),
        [],
        'named in package.json, missing from package.nls.json',
      );
      assert.deepEqual(
        held.filter((key) => !named.has(key)),
        [],
        'in package.nls.json, named nowhere in package.json',
      );
    });

    test('every title, description and welcome a person reads in package.json is a %key%', () => {
      const manifest = rawManifest() as { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
      const contributes = manifest.contributes;
      const shown: [string, unknown][] = [
        ['displayName', manifest.displayName],
        ['description', manifest.description],
        ['untrustedWorkspaces.description', manifest.capabilities.untrustedWorkspaces.description],
        ['configuration.title', contributes.configuration.title],
        ...contributes.commands.flatMap((command: { command: string; title: string; category: string }) => [
          [`${command.command} title`, command.title],
          [`${command.command} category`, command.category],
        ]),
        ...Object.entries(contributes.configuration.properties).flatMap(([name, property]) => {
          const { description, markdownDescription, enumDescriptions, patternErrorMessage } = property as Record<string, unknown>;
          return [
            [`${name} description`, description ?? markdownDescription],
            ...(patternErrorMessage === undefined ? [] : [[`${name} patternErrorMessage`, patternErrorMessage]]),
            ...((enumDescriptions as string[] | undefined) ?? []).map((text, index) => [`${name} enumDescriptions[${index}]`, text]),
          ] as [string, unknown][];
        }),
        ...contributes.viewsContainers.activitybar.map((container: { id: string; title: string }) => [`container ${container.id}`, container.title]),
        ...Object.values(contributes.views).flatMap((views) =>
          (views as { id: string; name: string; contextualTitle?: string }[]).flatMap((view) => [
            [`view ${view.id} name`, view.name],
            [`view ${view.id} contextualTitle`, view.contextualTitle ?? '%none%'],
          ]),
        ),
        ...contributes.viewsWelcome.map((welcome: { view: string; contents: string }) => [`welcome of ${welcome.view}`, welcome.contents]),
        ...contributes.walkthroughs.flatMap((walkthrough: { id: string; title: string; description: string; steps: { id: string; title: string; description: string }[] }) => [
          [`walkthrough ${walkthrough.id} title`, walkthrough.title],
          [`walkthrough ${walkthrough.id} description`, walkthrough.description],
          ...walkthrough.steps.flatMap((step) => [
            [`step ${step.id} title`, step.title],
            [`step ${step.id} description`, step.description],
          ]),
        ]),
      ];
      const inEnglish = shown.filter(([, text]) => typeof text !== 'string' || !/^%[\w.-]+%$/.test(text)).map(([where]) => where);
      assert.deepEqual(inEnglish, []);
      assert.equal(manifest.l10n, './l10n');
    });

    test('a translated package.nls.<lang>.json holds only keys of package.nls.json', () => {
      const english = manifestStrings();
      for (const file of fs.readdirSync(projectRoot).filter((name) => /^package\.nls\.[\w-]+\.json$/.test(name))) {
        for (const key of Object.keys(readJson(file))) assert.ok(key in english, `${file} translates ${key}, which package.nls.json does not hold`);
      }
    });
  });

  suite('the sentences of the code', () => {
    test('l10n/bundle.l10n.json holds exactly the sentences the code passes to l10n.t and l10n.plural, each a literal made when it is needed, and nothing in src/vscode shown in English', () => {
      const output = execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'l10n-bundle.mjs'), '--json'], { cwd: projectRoot, encoding: 'utf8' });
      const { strings, problems } = JSON.parse(output) as { strings: Record<string, string>; problems: string[] };
      assert.deepEqual(problems, []);
      assert.ok(Object.keys(strings).length > 100, 'the code passes (almost) no sentence through l10n');
      const bundle = readJson('l10n/bundle.l10n.json');
      assert.deepEqual(
        Object.keys(strings).filter((text) => !(text in bundle)),
        [],
        'in the code, missing from l10n/bundle.l10n.json: run npm run l10n',
      );
      assert.deepEqual(
        Object.keys(bundle).filter((text) => !(text in strings)),
        [],
        'in l10n/bundle.l10n.json, no longer in the code: run npm run l10n',
      );
    });

    test('a translated bundle holds only sentences of the English one, with the same placeholders', () => {
      const english = readJson('l10n/bundle.l10n.json');
      for (const file of fs.readdirSync(path.join(projectRoot, 'l10n')).filter((name) => /^bundle\.l10n\.[\w-]+\.json$/.test(name))) {
        for (const [message, translation] of Object.entries(readJson(path.join('l10n', file)))) {
          assert.ok(message in english, `${file} translates “${message}”, which the code no longer says`);
          assert.deepEqual(placeholders(translation), placeholders(message), `${file}: “${translation}” must keep the placeholders of “${message}”`);
        }
      }
    });

    test('the package ships the manifest strings and the bundles', () => {
      const shipped = fs.readFileSync(path.join(projectRoot, '.vscodeignore'), 'utf8').split('\n');
      for (const line of ['!package.nls.json', '!package.nls.*.json', '!l10n/**']) assert.ok(shipped.includes(line), `.vscodeignore lacks ${line}`);
    });
  });

  suite('the core translator', () => {
    teardown(() => l10n.setTranslator(undefined));

    test('without a translator a sentence is its English, with {0} and {1} filled in any order', () => {
      assert.equal(l10n.t('Nothing is waiting for a name.'), 'Nothing is waiting for a name.');
      assert.equal(l10n.t('{1} before {0}', 'a', 2), '2 before a');
      assert.equal(l10n.t('{0} and {2}', 'a'), 'a and {2}');
    });

    test('a value that looks like a placeholder is not filled again', () => {
      assert.equal(l10n.t('Deleted “{0}”. {1}', '{1}', 'x'), 'Deleted “{1}”. x');
    });

    test('a count picks the singular for 1 and the plural otherwise, with the count as {0}', () => {
      assert.deepEqual(
        [0, 1, 2].map((count) => l10n.plural(count, '{0} commit in {1}', '{0} commits in {1}', 'api')),
        ['0 commits in api', '1 commit in api', '2 commits in api'],
      );
    });

    test('the translator handed in at activation translates every later sentence, counts included', () => {
      const seen: string[] = [];
      l10n.setTranslator((message, ...args) => {
        seen.push(message);
        return l10n.format(message.toUpperCase(), args);
      });
      assert.equal(l10n.t('Outcome of {0} in {1}', 'abc1234', 'api'), 'OUTCOME OF abc1234 IN api');
      assert.equal(l10n.plural(3, '{0} commit', '{0} commits'), '3 COMMITS');
      assert.deepEqual(seen, ['Outcome of {0} in {1}', '{0} commits']);
    });
  });
});
