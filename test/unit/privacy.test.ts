/**
 * Private by construction: the shipped bundle cannot reach the network, whatever the code around
 * it does. (That the database and its side files are readable by their owner only is pinned in
 * storeReliability.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '../../../dist');
/** What runs in the extension host: the two bundles of the extension proper and what loads them. */
const BUNDLES = ['boot.js', 'extension.js', 'later.js'].map((name) => path.join(DIST, name));
const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram'];

/** Every way the bundle could reach the network: a network module required or imported, or `fetch` called. */
function networkUses(source: string): string[] {
  const found: string[] = [];
  const modules = NETWORK_MODULES.join('|');
  const loads = new RegExp(`\\b(?:require|import)\\s*\\(\\s*(["'\`])(?:node:)?(${modules})\\1\\s*\\)|\\bfrom\\s*(["'])(?:node:)?(${modules})\\3`, 'g');
  for (const match of source.matchAll(loads)) found.push(match[0]);
  // `fetch(` as a call, not a method of something else (`.fetch(`, `git fetch`) nor a method definition (`fetch(a) {`).
  for (const match of source.matchAll(/(?<![.\w$])fetch\s*\(([^()]*)\)\s*(\{)?/g)) if (!match[2]) found.push(match[0]);
  for (const match of source.matchAll(/\b(?:globalThis|global|self|window)\s*(?:\.\s*fetch\b|\[\s*["'`]fetch["'`]\s*\])/g)) found.push(match[0]);
  return found;
}

suite('private by construction', () => {
  for (const bundle of BUNDLES) {
    test(`the shipped dist/${path.basename(bundle)} requires no network module (http, https, http2, net, tls, dgram) and calls no fetch`, () => {
      assert.ok(fs.existsSync(bundle), `${bundle} is missing: run "npm run compile" first`);
      assert.deepEqual(networkUses(fs.readFileSync(bundle, 'utf8')), []);
    });
  }

  for (const [what, source] of [
    ['require("https")', 'const h = require("https");'],
    ["require('node:net')", "const n = require('node:net');"],
    ['require(`tls`)', 'const t = require(`tls`);'],
    ['import("node:http2")', 'await import("node:http2");'],
    ['an import of dgram', 'import * as d from "dgram";'],
    ['a call of fetch', 'await fetch(url, { method: "POST" });'],
    ['globalThis.fetch', 'await globalThis.fetch(url);'],
  ] as const) {
    test(`the check catches ${what}`, () => {
      assert.equal(networkUses(source).length, 1, source);
    });
  }

  test('the check leaves alone what is not a network use: git fetch, a fetch method, modules named alike', () => {
    assert.deepEqual(networkUses('run(["fetch", "--all"]); repo.fetch(remote); class G { fetch(remote) { return 1; } } require("node:child_process"); require("netmask");'), []);
  });
});
