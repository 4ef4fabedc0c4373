import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { csvLiteral, markdownLiteral, plainLiteral } from '../../src/report/literal';
import type { ReportData, ReportOutcome } from '../../src/report/model';
import { renderReport, renderReview } from '../../src/report/render';

/** Lines a person could type (or an older database could hold) that a renderer would not show as text. */
const HOSTILE: string[] = [
  'Docs at https://example.com/docs?a=1&b=2#top now',
  'Docs at http://example.com.',
  'See (https://en.wikipedia.org/wiki/Foo_(bar)) for why',
  'Mirror at ftp://files.example.com/x',
  'Moved to www.example.com',
  'Moved to WWW.EXAMPLE.COM/path',
  'www.example.com is up',
  'Pinged ops@example.com about it',
  'Pinged first.last+tag@mail.example.co.uk',
  'mailto:ops@example.com',
  'xmpp:ops@example.com/chat',
  'javascript:alert(1)',
  'Thanks @sam and @acme/platform-team',
  '@team on-call runbook refreshed',
  'Fixed example.com and Node.js docs in README.md',
  'Localised for пример.рф users',
  'Link <https://example.com> autolink',
  'Link [click](https://evil.example) and ![img](https://evil.example/x.png)',
  'Raw <a href="https://evil.example">html</a> and <img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<!-- hidden --> comment',
  '&lt;b&gt; entities &amp; &#64;sam',
  'Backticks `code` and ``double`` around https://a.example/`x`',
  'A URL with a backtick https://a.example/`',
  'Price $5 and $x$ math $$y$$',
  'Footnote[^1] and [ref][1]',
  '\\https://escaped.example',
  '*https://em.example*',
  '_www.under.example_',
  '~~https://strike.example~~',
  '# www.heading.example',
  '1. www.numbered.example',
  '| a | https://table.example |',
  'Right-to-left \u202Eoverride\u202C and \u2067isolate\u2069 text',
  'C1 control\u0085 next line and \u0090 DCS',
  'Bell \u0007 and escape \u001B[31m',
  'Line\u2028separator',
];

const at = (iso: string): number => Date.parse(iso);
const RANGE = { from: at('2026-11-02T08:00:00Z'), to: at('2026-11-09T08:00:00Z') };

function reportOf(texts: string[]): ReportData {
  const outcome = (text: string): ReportOutcome => ({ text, kind: 'impact', source: 'manual', happenedAt: at('2026-11-03T20:00:00Z'), repository: null, branch: null, commits: [], children: [] });
  return { range: RANGE, timeZone: 'America/Los_Angeles', impact: texts.map(outcome), routine: [], unnamedRoutine: [], waitingCount: 0 };
}

const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u; // eslint-disable-line no-control-regex

/** What a person should read: the line as typed, on one line, without the controls that hide or reorder it. */
function asShown(text: string): string {
  return plainLiteral(text);
}

/** The visible text of rendered HTML, and the tags it used. */
function visible(html: string): { text: string; tags: Set<string> } {
  const tags = new Set(Array.from(html.matchAll(/<\/?([a-z0-9]+)/gi), (match) => match[1].toLowerCase()));
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name] ?? entity;
    })
    .trim();
  return { text, tags };
}

/** markdown-it, if installed (`npm install --no-save markdown-it`, or NODE_PATH to a copy): the engine of VS Code's preview. */
function markdownIt(): ((markdown: string, fuzzy: boolean) => string) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new (options: object) => { render(src: string): string; linkify: { set(options: object): void } };
    return (markdown, fuzzy) => {
      // As VS Code's preview: raw HTML on, linkify on; with and without fuzzy bare-domain links.
      const engine = new MarkdownIt({ html: true, linkify: true });
      engine.linkify.set({ fuzzyLink: fuzzy, fuzzyEmail: true });
      return engine.render(markdown);
    };
  } catch {
    return undefined;
  }
}

/** GitHub's own cmark-gfm, if on the PATH (Debian: `apt-get install cmark-gfm`), with its autolink extension. */
function cmarkGfm(): ((markdown: string) => string) | undefined {
  const probe = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return (markdown) =>
    spawnSync('cmark-gfm', ['--unsafe', '--extension', 'autolink', '--extension', 'strikethrough', '--extension', 'table', '--extension', 'tagfilter'], {
      input: markdown,
      encoding: 'utf8',
    }).stdout;
}

suite('exports show user text as text', () => {
  for (const text of HOSTILE) {
    test(`Markdown shows ${JSON.stringify(text)} as text`, () => {
      const literal = markdownLiteral(text);
      assert.doesNotMatch(literal, /<|>/, 'no raw angle brackets: no HTML');
      assert.doesNotMatch(literal, DIRECTION_CONTROLS);
      assert.doesNotMatch(literal, CONTROLS);
      assert.doesNotMatch(literal, /[\r\n]/);
    });
  }

  const engines: [string, ((markdown: string) => string) | undefined][] = [
    ['markdown-it with linkify (VS Code preview)', markdownIt() && ((markdown) => markdownIt()!(markdown, false))],
    ['markdown-it with fuzzy linkify', markdownIt() && ((markdown) => markdownIt()!(markdown, true))],
    ['cmark-gfm with the autolink extension (GitHub)', cmarkGfm()],
  ];
  for (const [engine, render] of engines) {
    test(`${engine} renders every hostile line as its own text, with no link and no HTML`, function () {
      if (!render) this.skip();
      for (const text of HOSTILE) {
        const html = render(`- ${markdownLiteral(text)}\n`);
        const { text: shown, tags } = visible(html);
        assert.equal(shown, asShown(text), `${JSON.stringify(text)} → ${html}`);
        assert.deepEqual([...tags].filter((tag) => !['ul', 'li', 'code', 'p'].includes(tag)), [], `${JSON.stringify(text)} → ${html}`);
      }
    });
  }

  test('a link, an address or a mention becomes inline code; the rest stays escaped text', () => {
    assert.equal(markdownLiteral('Docs at https://example.com/docs, see'), 'Docs at `https://example.com/docs`, see');
    assert.equal(markdownLiteral('See (https://en.wikipedia.org/wiki/Foo_(bar)).'), 'See (`https://en.wikipedia.org/wiki/Foo_(bar)`).');
    assert.equal(markdownLiteral('Moved to www.example.com'), 'Moved to `www.example.com`');
    assert.equal(markdownLiteral('Pinged ops@example.com'), 'Pinged `ops@example.com`');
    assert.equal(markdownLiteral('Thanks @sam!'), 'Thanks `@sam`!');
    assert.equal(markdownLiteral('Upgraded Node.js'), 'Upgraded `Node.js`');
    assert.equal(markdownLiteral('Link <https://example.com>'), 'Link &lt;`https://example.com`&gt;');
    assert.equal(markdownLiteral('Costs $5 *now*'), 'Costs \\$5 \\*now\\*');
    assert.equal(markdownLiteral('A URL with a backtick https://a.example/`'), 'A URL with a backtick `` https://a.example/` ``');
  });

  test('words that only look a little like links stay plain text', () => {
    for (const text of ['e.g. the fix', 'v1.2.3 shipped', '3.5x faster', 'i.e. done', 'Fixed it.', '10:30 standup', 'Note: done']) {
      assert.doesNotMatch(markdownLiteral(text), /`/, text);
    }
  });

  test('direction controls and other controls from an older database reach no format', () => {
    const data = reportOf(['Right-to-left \u202Eoverride\u202C and \u2066isolate\u2069', 'Bell\u0007 and C1\u0090 and NEL\u0085end']);
    for (const format of ['markdown', 'text', 'csv'] as const) {
      for (const output of [renderReport(data, format), renderReview(data, format)]) {
        assert.doesNotMatch(output, DIRECTION_CONTROLS, format);
        assert.doesNotMatch(output, CONTROLS, format);
      }
    }
    assert.match(renderReport(data, 'text'), /- Right-to-left override and isolate\n/);
  });

  test('JSON keeps the text exactly but writes controls and direction controls as escapes', () => {
    const stored = 'Right-to-left \u202Eoverride\u202C, C1\u0090, DEL\u007F, LS\u2028, <script>, =1+1';
    for (const json of [renderReport(reportOf([stored]), 'json'), renderReview(reportOf([stored]), 'json')]) {
      assert.doesNotMatch(json, DIRECTION_CONTROLS);
      assert.doesNotMatch(json, /[\u007F-\u009F\u2028\u2029]/u);
      assert.match(json, /\\u202e/);
      const parsed = JSON.parse(json);
      const outcome = parsed.impact?.[0] ?? parsed.months[0].impact[0];
      assert.equal(outcome.text, stored, 'a script reads exactly what was stored');
    }
  });

  test('CSV defuses a formula that a removed control would have uncovered', () => {
    const rows = renderReport(reportOf(['\u202E=HYPERLINK("http://evil.example")', '\u0007+1']), 'csv').split('\r\n');
    assert.equal(rows[1], `2026-11-03,impact,manual,"'=HYPERLINK(""http://evil.example"")",,,,,`);
    assert.equal(rows[2], "2026-11-03,impact,manual,'+1,,,,,");
    assert.equal(csvLiteral('a\u0085b\u2028c'), 'a\nb\nc');
  });

  test('plain text never starts a line with the user\'s words, so a pasted line is never a formula', () => {
    const texts = ['=1+1', '+SUM(A1)', '@cmd', '-2'];
    const lines = renderReport(reportOf(texts), 'text').split('\n');
    for (const text of texts) assert.deepEqual(lines.filter((line) => line.includes(text)), [`- ${text}`]);
  });
});
