import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '../../src/core/l10n';
import type { ReportData, ReportFormat, ReportGoal, ReportOutcome, ReportRepository } from '../../src/report/model';
import { render, renderReport, renderReview } from '../../src/report/render';
import { assertGolden, GOLDEN_DIR } from '../support/golden';

/** The golden files (test/support/golden.ts) are shared with the command line's, which renders through the same functions. */
const FORMATS: { format: ReportFormat; extension: string }[] = [
  { format: 'markdown', extension: 'md' },
  { format: 'text', extension: 'txt' },
  { format: 'json', extension: 'json' },
  { format: 'csv', extension: 'csv' },
];

const at = (iso: string): number => Date.parse(iso);

const api: ReportRepository = { name: 'api', root: '/home/dev/src/api', remoteUrl: 'git@github.com:acme/api.git' };
const web: ReportRepository = { name: 'web', root: '/home/dev/src/web', remoteUrl: 'https://oauth2:glpat-S3cret@gitlab.com/acme/frontend/web.git' };
const infra: ReportRepository = { name: 'infra', root: '/home/dev/src/infra', remoteUrl: 'https://acme@dev.azure.com/acme/Platform/_git/infra' };
const scripts: ReportRepository = { name: 'scripts', root: '/home/dev/src/scripts', remoteUrl: null };

/** An outcome; a branch it names is on the remote unless `branchPublished` says otherwise. */
function outcome(fields: Partial<ReportOutcome> & Pick<ReportOutcome, 'text' | 'happenedAt'>): ReportOutcome {
  return { kind: 'impact', source: 'commit', repository: null, branch: null, commits: [], children: [], branchPublished: fields.branch !== undefined && fields.branch !== null, ...fields };
}

/** A week in Los Angeles (Nov 2–8, 2026, after daylight saving time ended) with a bit of everything. */
function weekFixture(timeZone: string, range: ReportData['range']): ReportData {
  return {
    range,
    timeZone,
    impact: [
      outcome({
        text: 'Cut checkout time by 30% with one-click refunds',
        source: 'branch',
        happenedAt: at('2026-11-07T00:30:00Z'),
        repository: api,
        branch: 'feature/ACME-12-one-click',
        commits: [
          { sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', subject: 'feat: refund endpoint', published: true },
          { sha: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', subject: 'chore: tidy fixtures', published: true },
        ],
        children: [
          outcome({
            text: 'Refund endpoint returns 202 | retries on timeout',
            happenedAt: at('2026-11-06T22:10:00Z'),
            repository: api,
            branch: 'feature/ACME-12-one-click',
            commits: [{ sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', subject: 'feat: refund endpoint', published: true }],
          }),
          outcome({
            text: 'Tidied test fixtures',
            kind: 'routine',
            happenedAt: at('2026-11-07T00:20:00Z'),
            repository: api,
            branch: 'feature/ACME-12-one-click',
            commits: [{ sha: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', subject: 'chore: tidy fixtures', published: true }],
          }),
        ],
      }),
      outcome({
        // 23:30 on Thursday in Los Angeles is already Friday afternoon in Tokyo.
        text: '# Not a heading, "quoted", a > b <script>alert(1)</script> *stars* _under_ `tick` [x](y) ~s~ & 🚀',
        happenedAt: at('2026-11-06T07:30:00Z'),
        repository: web,
        branch: 'main',
        commits: [{ sha: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', subject: 'fix: escape <b>', published: true }],
      }),
      outcome({
        text: '-5% p95 latency on search, 1. faster',
        happenedAt: at('2026-11-05T18:00:00Z'),
        repository: scripts,
        commits: [{ sha: 'd4e5f60718293a4b5c6d7e8f9012345678901234', subject: 'perf: cache', published: true }],
      }),
      outcome({
        text: '=HYPERLINK("http://evil.example","click")',
        happenedAt: at('2026-11-04T17:00:00Z'),
        repository: scripts,
        commits: [{ sha: 'e5f60718293a4b5c6d7e8f901234567890123456', subject: 'feat: totals', published: true }],
      }),
      outcome({ text: 'Mentored Sam through a first on-call week', source: 'manual', happenedAt: at('2026-11-03T20:00:00Z') }),
    ],
    routine: [
      outcome({
        text: 'Upgraded CI runners to Node 24',
        kind: 'routine',
        happenedAt: at('2026-11-05T16:00:00Z'),
        repository: infra,
        branch: 'main',
        commits: [{ sha: 'f60718293a4b5c6d7e8f9012345678901234567a', subject: 'ci: node 24', published: true }],
      }),
      outcome({
        text: '@team on-call runbook refreshed',
        kind: 'routine',
        happenedAt: at('2026-11-03T17:00:00Z'),
        repository: scripts,
        commits: [{ sha: '0718293a4b5c6d7e8f9012345678901234567ab1', subject: 'docs: runbook', published: true }],
      }),
    ],
    unnamedRoutine: [
      { repository: api, commitCount: 14 },
      { repository: web, commitCount: 1 },
    ],
    waitingCount: 3,
  };
}

const LOS_ANGELES_WEEK = { from: at('2026-11-02T08:00:00Z'), to: at('2026-11-09T08:00:00Z') };
const TOKYO_WEEK = { from: at('2026-11-01T15:00:00Z'), to: at('2026-11-08T15:00:00Z') };

function emptyFixture(): ReportData {
  return { range: LOS_ANGELES_WEEK, timeZone: 'America/Los_Angeles', impact: [], routine: [], unnamedRoutine: [], waitingCount: 0 };
}

/** The third quarter of 2026; one outcome lands on July 31 in Los Angeles but August 1 in Tokyo. */
function quarterFixture(timeZone: string, range: ReportData['range']): ReportData {
  return {
    range,
    timeZone,
    impact: [
      outcome({
        text: 'Search answers in under 200 ms',
        happenedAt: at('2026-09-22T17:00:00Z'),
        repository: api,
        branch: 'main',
        commits: [{ sha: '1a2b3c4d5e6f708192a3b4c5d6e7f80912345678', subject: 'perf: index', published: true }],
      }),
      outcome({
        text: 'Launched refunds <beta> for 10% of shops',
        source: 'branch',
        happenedAt: at('2026-08-01T06:30:00Z'),
        repository: web,
        branch: 'feature/refunds',
        commits: [{ sha: '2b3c4d5e6f708192a3b4c5d6e7f8091234567890', subject: 'feat: refunds ui', published: true }],
        children: [
          outcome({
            text: 'Refund button, behind a flag',
            happenedAt: at('2026-07-30T20:00:00Z'),
            repository: web,
            branch: 'feature/refunds',
            commits: [{ sha: '2b3c4d5e6f708192a3b4c5d6e7f8091234567890', subject: 'feat: refunds ui', published: true }],
          }),
        ],
      }),
      outcome({ text: 'Wrote the incident review for the July 4 outage', source: 'manual', happenedAt: at('2026-07-08T16:00:00Z') }),
    ],
    routine: [
      outcome({
        text: 'Moved deploys to Azure Pipelines',
        kind: 'routine',
        happenedAt: at('2026-09-02T15:00:00Z'),
        repository: infra,
        commits: [{ sha: '3c4d5e6f708192a3b4c5d6e7f80912345678901a', subject: 'ci: pipelines', published: true }],
      }),
    ],
    unnamedRoutine: [
      { repository: api, commitCount: 31 },
      { repository: scripts, commitCount: 2 },
    ],
    waitingCount: 1,
  };
}

const LOS_ANGELES_QUARTER = { from: at('2026-07-01T07:00:00Z'), to: at('2026-10-01T07:00:00Z') };
const TOKYO_QUARTER = { from: at('2026-06-30T15:00:00Z'), to: at('2026-09-30T15:00:00Z') };

suite('the 1:1 report', () => {
  for (const { format, extension } of FORMATS) {
    test(`a week with several repositories renders as the golden ${extension}`, () => {
      assertGolden(`report.${extension}`, renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), format));
    });
    test(`an empty week renders as the golden ${extension}`, () => {
      assertGolden(`report-empty.${extension}`, renderReport(emptyFixture(), format));
    });
  }

  test('in Tokyo the late-Thursday outcome is dated Friday (golden csv)', () => {
    const csv = renderReport(weekFixture('Asia/Tokyo', TOKYO_WEEK), 'csv');
    assertGolden('report-tokyo.csv', csv);
    assert.match(csv, /^2026-11-06,impact,commit,"# Not a heading/m);
    assert.match(renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'csv'), /^2026-11-05,impact,commit,"# Not a heading/m);
  });

  test('the title shows the range in the report time zone, whatever the machine runs in', () => {
    assert.match(renderReport(emptyFixture(), 'markdown'), /^# Progress: Nov 2 – Nov 8, 2026\n/);
    // The same instants: Los Angeles midnight is 5 pm in Tokyo, so the last day is a Monday there.
    assert.match(renderReport({ ...emptyFixture(), timeZone: 'Asia/Tokyo' }, 'markdown'), /^# Progress: Nov 2 – Nov 9, 2026\n/);
  });

  test('a range across new year shows both years', () => {
    const range = { from: at('2026-12-28T08:00:00Z'), to: at('2027-01-04T08:00:00Z') };
    assert.match(renderReport({ ...emptyFixture(), range }, 'text'), /^Progress: Dec 28, 2026 – Jan 3, 2027\n/);
  });

  test('an empty range says so plainly', () => {
    assert.match(renderReport(emptyFixture(), 'markdown'), /Nothing recorded between Nov 2 and Nov 8, 2026\./);
    const oneDay = { from: at('2026-11-02T08:00:00Z'), to: at('2026-11-03T08:00:00Z') };
    assert.match(renderReport({ ...emptyFixture(), range: oneDay }, 'text'), /Nothing recorded on Nov 2, 2026\./);
  });

  test('work waiting for a name is counted, so the report never looks complete when it is not', () => {
    const markdown = renderReport({ ...emptyFixture(), waitingCount: 1 }, 'markdown');
    assert.match(markdown, /1 commit or branch still waiting for a name is not in this report\./);
    assert.match(markdown, /Nothing shipped in this range\./);
  });

  test('text that looks like Markdown or HTML renders as text', () => {
    const markdown = renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'markdown');
    assert.ok(markdown.includes('- \\# Not a heading'));
    assert.ok(markdown.includes('a &gt; b &lt;script&gt;alert(1)&lt;/script&gt; \\*stars\\* \\_under\\_ \\`tick\\` \\[x\\](y) \\~s\\~ &amp; 🚀'));
    assert.ok(markdown.includes('- \\-5% p95 latency'));
    assert.doesNotMatch(markdown, /<script>/);
  });

  for (const [text, expected] of [
    ['- a list?', '\\- a list?'],
    ['+ a list?', '\\+ a list?'],
    ['> a quote?', '&gt; a quote?'],
    ['1. a numbered list?', '1\\. a numbered list?'],
    ['2) another?', '2\\) another?'],
    ['---', '\\---'],
    ['a\nline break', 'a line break'],
  ]) {
    test(`a line starting ${JSON.stringify(text.slice(0, 2))} stays one bullet of text in Markdown`, () => {
      const data: ReportData = { ...emptyFixture(), impact: [outcome({ text, happenedAt: at('2026-11-03T20:00:00Z'), source: 'manual' })] };
      assert.ok(renderReport(data, 'markdown').includes(`\n- ${expected}\n`));
    });
  }

  test('commits link to the remote; without a remote they show as short SHAs', () => {
    const markdown = renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'markdown');
    assert.ok(markdown.includes('[a1b2c3d](https://github.com/acme/api/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678)'));
    assert.ok(markdown.includes('[feature/ACME-12-one-click](https://github.com/acme/api/tree/feature/ACME-12-one-click)'));
    assert.ok(markdown.includes('scripts · `d4e5f60`'));
  });

  test('a token in a remote URL appears in no format', () => {
    for (const { format } of FORMATS) {
      assert.doesNotMatch(renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), format), /S3cret|oauth2/);
    }
  });

  test('CSV quotes commas, quotes and line breaks, and defuses formulas', () => {
    const data: ReportData = {
      ...emptyFixture(),
      impact: [
        outcome({ text: 'a, "b"\nc | d', happenedAt: at('2026-11-03T20:00:00Z'), source: 'manual' }),
        outcome({ text: '@SUM(A1)', happenedAt: at('2026-11-03T20:00:00Z'), source: 'manual' }),
        outcome({ text: '+1, "x"', happenedAt: at('2026-11-03T20:00:00Z'), source: 'manual' }),
      ],
    };
    const rows = renderReport(data, 'csv').split('\r\n');
    assert.equal(rows[0], 'date,kind,source,text,repository,branch,commits,parent,count');
    assert.equal(rows[1], '2026-11-03,impact,manual,"a, ""b""\nc | d",,,,,');
    assert.equal(rows[2], "2026-11-03,impact,manual,'@SUM(A1),,,,,");
    assert.equal(rows[3], `2026-11-03,impact,manual,"'+1, ""x""",,,,,`);
  });

  test('JSON holds every outcome, child and summary with ISO dates', () => {
    const report = JSON.parse(renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'json'));
    assert.equal(report.range.from, '2026-11-02T08:00:00.000Z');
    assert.equal(report.impact.length, 5);
    assert.equal(report.impact[0].children.length, 2);
    assert.equal(report.impact[0].happenedAt, '2026-11-07T00:30:00.000Z');
    assert.equal(report.routine.length, 2);
    assert.deepEqual(report.unnamedRoutine.map((summary: { commitCount: number }) => summary.commitCount), [14, 1]);
    assert.equal(report.waitingCount, 3);
    assert.equal(report.unnamedRoutine[1].repository.remoteUrl, 'https://gitlab.com/acme/frontend/web.git');
  });
});

suite('a JSON export is safe to hand over', () => {
  /** Every `repository` object in a JSON document, wherever it sits. */
  function repositoriesIn(value: unknown): Record<string, unknown>[] {
    if (Array.isArray(value)) return value.flatMap(repositoriesIn);
    if (value === null || typeof value !== 'object') return [];
    const entries = Object.entries(value);
    return entries.flatMap(([key, inner]) => (key === 'repository' && inner !== null ? [inner as Record<string, unknown>, ...repositoriesIn(inner)] : repositoriesIn(inner)));
  }

  test('it carries no local path: a repository is its name, its remote and its web page', () => {
    for (const json of [renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'json'), renderReview(quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), 'json')]) {
      assert.doesNotMatch(json, /\/home\/dev/);
      const repositories = repositoriesIn(JSON.parse(json));
      assert.ok(repositories.length > 0);
      for (const repository of repositories) assert.deepEqual(Object.keys(repository), ['name', 'remoteUrl', 'webUrl']);
    }
  });

  test('a remote that is a folder on this machine is a local path too, so it is left out', () => {
    for (const remoteUrl of ['/home/dev/remotes/tools.git', 'file:///home/dev/remotes/tools.git', '../remotes/tools.git', 'C:\\Users\\dev\\tools.git', 'C:/Users/dev/tools.git']) {
      const tools: ReportRepository = { name: 'tools', root: '/home/dev/src/tools', remoteUrl };
      const data: ReportData = { ...emptyFixture(), impact: [outcome({ text: 'Shipped the CLI', happenedAt: at('2026-11-03T20:00:00Z'), repository: tools })] };
      const [repository] = repositoriesIn(JSON.parse(renderReport(data, 'json')));
      assert.deepEqual(repository, { name: 'tools', remoteUrl: null, webUrl: null }, remoteUrl);
    }
  });

  test('a remote on another machine keeps its address, without credentials', () => {
    const report = JSON.parse(renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'json'));
    assert.deepEqual(report.impact[0].repository, { name: 'api', remoteUrl: 'git@github.com:acme/api.git', webUrl: 'https://github.com/acme/api' });
    assert.deepEqual(report.impact[1].repository, { name: 'web', remoteUrl: 'https://gitlab.com/acme/frontend/web.git', webUrl: 'https://gitlab.com/acme/frontend/web' });
  });
});

suite('the review of a quarter', () => {
  for (const { format, extension } of FORMATS) {
    test(`a quarter renders as the golden ${extension}`, () => {
      assertGolden(`review.${extension}`, renderReview(quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), format));
    });
  }

  test('in Tokyo the July 31 evening outcome belongs to August (golden md)', () => {
    const tokyo = renderReview(quarterFixture('Asia/Tokyo', TOKYO_QUARTER), 'markdown');
    assertGolden('review-tokyo.md', tokyo);
    const august = tokyo.slice(tokyo.indexOf('## August 2026'), tokyo.indexOf('## September 2026'));
    assert.match(august, /Launched refunds/);
    const losAngeles = renderReview(quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), 'markdown');
    const july = losAngeles.slice(losAngeles.indexOf('## July 2026'), losAngeles.indexOf('## August 2026'));
    assert.match(july, /Launched refunds/);
  });

  test('the growth layout groups shipped impact by who it reached, widest first, and lists the firsts with their evidence (golden md and txt)', () => {
    const quarter = quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER);
    const [search, refunds, incident] = quarter.impact;
    const data: ReportData = {
      ...quarter,
      impact: [{ ...search!, reach: 'users' }, { ...refunds!, reach: 'users', first: true, children: [{ ...refunds!.children[0]!, first: true }] }, { ...incident!, reach: 'organisation' }],
      routine: quarter.routine,
    };
    assertGolden('review-growth.md', render('growth', data, 'markdown'));
    assertGolden('review-growth.txt', render('growth', data, 'text'));
    type Month = { impact: { text: string; reach?: string; first?: boolean }[] };
    const marks = (json: string) => (JSON.parse(json) as { months: Month[] }).months.flatMap((month) => month.impact.map((item) => [item.text, item.reach, item.first]));
    assert.deepEqual(marks(render('growth', data, 'json')), [
      ['Wrote the incident review for the July 4 outage', 'organisation', undefined],
      ['Launched refunds <beta> for 10% of shops', 'users', true],
      ['Search answers in under 200 ms', 'users', undefined],
    ]);
    assert.ok(marks(renderReview(quarter, 'json')).every(([, reach, first]) => reach === undefined && first === undefined), 'nothing said: no field');
  });

  test('the growth layout of a range with no reach said and no first says so plainly', () => {
    const text = render('growth', quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), 'text');
    assert.match(text, /Reach not said: 3/);
    assert.match(text, /No outcome in this range is marked as a first\./);
  });

  test('every month of the range appears, even one with nothing in it', () => {
    const data: ReportData = { ...quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), impact: [], routine: [] };
    const text = renderReview(data, 'text');
    for (const month of ['July 2026', 'August 2026', 'September 2026']) assert.ok(text.includes(`${month}\n`), month);
    assert.doesNotMatch(text, /October/);
  });

  test('totals count top-level outcomes per kind and per repository', () => {
    const review = JSON.parse(renderReview(quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), 'json'));
    assert.deepEqual(review.totals, { impact: 3, routine: 1, unnamedRoutineCommits: 33, waitingCount: 1 });
    assert.deepEqual(
      review.repositories.map((entry: { repository: { name: string } | null; impact: number; routine: number; unnamedRoutineCommits: number }) => [
        entry.repository?.name ?? null,
        entry.impact,
        entry.routine,
        entry.unnamedRoutineCommits,
      ]),
      [
        ['api', 1, 0, 31],
        ['infra', 0, 1, 0],
        ['scripts', 0, 0, 2],
        ['web', 1, 0, 0],
        [null, 1, 0, 0],
      ],
    );
  });

  test('an empty quarter says so plainly', () => {
    const empty: ReportData = { ...emptyFixture(), range: LOS_ANGELES_QUARTER };
    assert.equal(renderReview(empty, 'markdown'), '# Review: Jul 1 – Sep 30, 2026\n\nNothing recorded between Jul 1 and Sep 30, 2026.\n');
  });
});

suite('links only where they open', () => {
  /** The one-click branch again, with its second commit never pushed. */
  function halfPushed(): ReportData {
    const data = weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK);
    const [branch] = data.impact;
    const unpushed = (commit: ReportOutcome['commits'][number]) => (commit.sha.startsWith('b2c3') ? { ...commit, published: false } : commit);
    const withUnpushed = (outcome: ReportOutcome): ReportOutcome => ({ ...outcome, commits: outcome.commits.map(unpushed), children: outcome.children.map(withUnpushed) });
    return { ...data, impact: [withUnpushed(branch), ...data.impact.slice(1)] };
  }

  test('in Markdown a commit no remote-tracking branch reaches is its short SHA, plain', () => {
    const markdown = renderReport(halfPushed(), 'markdown');
    assert.ok(markdown.includes('[a1b2c3d](https://github.com/acme/api/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678) `b2c3d4e`\n'));
    assert.ok(markdown.includes('  - Tidied test fixtures — routine · `b2c3d4e`\n'));
    assert.doesNotMatch(markdown, /commit\/b2c3d4e/);
  });

  test('in JSON its url is null while a pushed commit keeps its url', () => {
    const report = JSON.parse(renderReport(halfPushed(), 'json'));
    assert.deepEqual(
      report.impact[0].commits.map((commit: { url: string | null }) => commit.url),
      ['https://github.com/acme/api/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', null],
    );
    assert.equal(report.impact[0].children[1].commits[0].url, null);
  });

  test('a commit no remote-tracking branch reaches is not a link either', () => {
    const data: ReportData = {
      ...emptyFixture(),
      impact: [outcome({ text: 'Local only', happenedAt: at('2026-11-03T20:00:00Z'), repository: api, commits: [{ sha: 'c0ffee0000000000000000000000000000000000', subject: 'feat: local', published: false }] })],
    };
    assert.ok(renderReport(data, 'markdown').includes('- Local only — api · `c0ffee0`\n'));
    assert.equal(JSON.parse(renderReview(data, 'json')).months[0].impact[0].commits[0].url, null);
  });

  /** The one-click branch again, as if never pushed (or deleted on the remote): its commits reached main by a merge. */
  function branchNotOnRemote(): ReportData {
    const data = weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK);
    const withoutBranch = (item: ReportOutcome): ReportOutcome => ({ ...item, branchPublished: false, children: item.children.map(withoutBranch) });
    return { ...data, impact: [withoutBranch(data.impact[0]), ...data.impact.slice(1)] };
  }

  test('in Markdown a branch the remote does not have is its name, plain, while its pushed commits stay links', () => {
    const markdown = renderReport(branchNotOnRemote(), 'markdown');
    assert.ok(markdown.includes('- Cut checkout time by 30% with one-click refunds — api · feature/ACME-12-one-click · [a1b2c3d]('), markdown);
    assert.doesNotMatch(markdown, /\/tree\/feature/);
    assert.ok(markdown.includes('[c3d4e5f](https://gitlab.com/acme/frontend/web/-/commit/'), 'other outcomes keep their links');
    assert.ok(markdown.includes('[main](https://gitlab.com/acme/frontend/web/-/tree/main)'), 'and their branches');
  });

  test('in JSON its branchUrl is null, in the 1:1 report and in the review', () => {
    const report = JSON.parse(renderReport(branchNotOnRemote(), 'json'));
    assert.equal(report.impact[0].branch, 'feature/ACME-12-one-click');
    assert.equal(report.impact[0].branchUrl, null);
    assert.deepEqual(report.impact[0].children.map((child: { branchUrl: string | null }) => child.branchUrl), [null, null]);
    assert.equal(report.impact[1].branchUrl, 'https://gitlab.com/acme/frontend/web/-/tree/main');
    const review = JSON.parse(renderReview(branchNotOnRemote(), 'json'));
    const outcomes = review.months.flatMap((month: { impact: { branch: string | null; branchUrl: string | null }[] }) => month.impact);
    assert.equal(outcomes.find((item: { branch: string | null }) => item.branch === 'feature/ACME-12-one-click').branchUrl, null);
  });

  test('the other formats do not change: text and CSV never link', () => {
    assert.equal(renderReport(halfPushed(), 'text'), renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'text'));
    assert.equal(renderReport(halfPushed(), 'csv'), renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'csv'));
    assert.equal(renderReport(branchNotOnRemote(), 'text'), renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'text'));
    assert.equal(renderReport(branchNotOnRemote(), 'csv'), renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'csv'));
  });
});

suite('goals in exports', () => {
  const checkout: ReportGoal = { id: 'g1', title: 'Checkout converts 5% better', why: 'Abandoned carts cost 3% of revenue', targetDay: '2027-03-31', status: 'active' };
  const search: ReportGoal = { id: 'g2', title: 'Search people trust', why: null, targetDay: null, status: 'active' };
  const docs: ReportGoal = { id: 'g3', title: 'Docs people *actually* read', why: null, targetDay: null, status: 'active' };
  const onCall: ReportGoal = { id: 'g4', title: 'Calmer on-call', why: 'Fewer pages at night', targetDay: null, status: 'completed' };

  /** The same outcomes, some of them moving a goal: by the start of their text. */
  function withGoals(data: ReportData, goalOf: Record<string, ReportGoal>): ReportData {
    const link = (item: ReportOutcome): ReportOutcome => ({
      ...item,
      goal: Object.entries(goalOf).find(([start]) => item.text.startsWith(start))?.[1] ?? null,
      children: item.children.map(link),
    });
    return { ...data, impact: data.impact.map(link), routine: data.routine.map(link), goals: [checkout, search, docs, ...Object.values(goalOf).filter((goal) => goal.status !== 'active')] };
  }

  const week = () =>
    withGoals(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), {
      'Cut checkout time': checkout,
      'Refund endpoint': checkout,
      '-5% p95': search,
      Mentored: onCall,
    });

  const quarter = () =>
    withGoals(quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER), {
      'Search answers': search,
      'Launched refunds': checkout,
      'Wrote the incident review': onCall,
    });

  for (const { format, extension } of FORMATS) {
    test(`a week whose outcomes move goals renders as the golden report-goals.${extension}`, () => {
      assertGolden(`report-goals.${extension}`, renderReport(week(), format));
    });
    test(`a quarter by goal renders as the golden review-goals.${extension}`, () => {
      assertGolden(`review-goals.${extension}`, renderReview(quarter(), format));
    });
  }

  test('the 1:1 report names each outcome\'s goal, and not again for a branch\'s outcome that moves the same one', () => {
    const markdown = renderReport(week(), 'markdown');
    assert.ok(markdown.includes('- Cut checkout time by 30% with one-click refunds — goal: Checkout converts 5% better · api · '));
    assert.ok(markdown.includes('  - Refund endpoint returns 202 \\| retries on timeout — ['), 'the child shares its branch\'s goal: not repeated');
    assert.ok(markdown.includes('- Mentored Sam through a first on-call week — goal: Calmer on-call\n'));
    assert.ok(renderReport(week(), 'text').includes('- -5% p95 latency on search, 1. faster — goal: Search people trust · scripts · d4e5f60\n'));
  });

  test('an outcome not tied to a goal says nothing about goals', () => {
    const markdown = renderReport(week(), 'markdown');
    assert.ok(markdown.includes('- Upgraded CI runners to Node 24 — infra · '));
    assert.doesNotMatch(markdown, /not tied|no goal/i);
  });

  test('a goal title is the user\'s words: text in Markdown, defused in CSV, escaped in JSON', () => {
    const risky: ReportGoal = { id: 'g9', title: '=HYPERLINK("http://evil.example") *bold* \u202Eevil', why: null, targetDay: null, status: 'active' };
    const data: ReportData = { ...emptyFixture(), goals: [risky], impact: [outcome({ text: 'Shipped', happenedAt: at('2026-11-03T20:00:00Z'), source: 'manual', goal: risky })] };
    const markdown = renderReport(data, 'markdown');
    assert.ok(markdown.includes('goal: =HYPERLINK("`http://evil.example`") \\*bold\\* evil'), markdown);
    assert.ok(renderReport(data, 'csv').split('\r\n')[1].endsWith(`,"'=HYPERLINK(""http://evil.example"") *bold* evil"`));
    assert.equal(JSON.parse(renderReport(data, 'json')).impact[0].goal.title, risky.title);
    assert.ok(renderReport(data, 'json').includes('\\u202e'));
  });

  test('the CSV has a goal column once the user keeps goals, and none before', () => {
    assert.equal(renderReport(week(), 'csv').split('\r\n')[0], 'date,kind,source,text,repository,branch,commits,parent,count,goal');
    assert.equal(renderReport(weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK), 'csv').split('\r\n')[0], 'date,kind,source,text,repository,branch,commits,parent,count');
    assert.equal(renderReport({ ...emptyFixture(), goals: [] }, 'csv'), renderReport(emptyFixture(), 'csv'));
  });

  test('the review counts each goal per kind and per month; a goal that did not move says so; untied work comes last', () => {
    const review = JSON.parse(renderReview(quarter(), 'json'));
    assert.deepEqual(
      review.goals.map((entry: { goal: { title: string } | null; impact: number; routine: number; months: { month: string; count: number }[] }) => [
        entry.goal?.title ?? null,
        entry.impact,
        entry.routine,
        entry.months.map((month) => month.count),
      ]),
      [
        ['Checkout converts 5% better', 1, 0, [1, 0, 0]],
        ['Search people trust', 1, 0, [0, 0, 1]],
        ['Docs people *actually* read', 0, 0, [0, 0, 0]],
        ['Calmer on-call', 1, 0, [1, 0, 0]],
        [null, 0, 1, [0, 0, 1]],
      ],
    );
    assert.deepEqual(review.goals[0].months.map((month: { month: string }) => month.month), ['2026-07', '2026-08', '2026-09']);
    const text = renderReview(quarter(), 'text');
    assert.match(text, /\nDocs people \*actually\* read:\n\nNo outcome in this range\.\n/);
    assert.match(text, /\nCalmer on-call \(completed\):\n\nWhy it matters: Fewer pages at night\n\n1 outcome: 1 shipped impact, 0 routine\. Per month — July 2026: 1, August 2026: 0, September 2026: 0\.\n/);
    assert.ok(text.indexOf('Not tied to a goal:') > text.indexOf('Calmer on-call (completed):'));
  });

  test('in Tokyo the July 31 evening outcome counts for August under its goal', () => {
    const tokyo = JSON.parse(renderReview({ ...quarter(), range: TOKYO_QUARTER, timeZone: 'Asia/Tokyo' }, 'json'));
    assert.deepEqual(tokyo.goals[0].months.map((month: { count: number }) => month.count), [0, 1, 0]);
  });

  test('a review without goals has no "By goal" section and an empty goals list', () => {
    const data = quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER);
    assert.doesNotMatch(renderReview(data, 'markdown'), /By goal/);
    assert.deepEqual(JSON.parse(renderReview(data, 'json')).goals, []);
  });
});

suite('what the 1:1 report leads with', () => {
  /** The Los Angeles week, reviewed: two highlights and a focus of two lines for the week after. */
  function reviewedWeek(): ReportData {
    const data = weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK);
    const [oneClick, , , , mentoring] = data.impact;
    return {
      ...data,
      reviews: [
        {
          week: LOS_ANGELES_WEEK,
          highlights: [{ ...mentoring }, { ...oneClick, children: [] }],
          nextFocus: 'Refunds for every shop by Friday\nOn-call handbook @reviewed by the team',
        },
      ],
    };
  }

  for (const { format, extension } of FORMATS) {
    test(`a reviewed week renders as the golden ${extension}`, () => {
      assertGolden(`report-reviewed.${extension}`, renderReport(reviewedWeek(), format));
    });
  }

  test('Markdown and text lead with the highlights, then next week\'s focus, then shipped impact', () => {
    for (const format of ['markdown', 'text'] as const) {
      const text = renderReport(reviewedWeek(), format);
      const order = ['Highlights', "Next week's focus", 'Shipped impact', 'Routine activity'].map((heading) => text.indexOf(heading));
      assert.deepEqual([...order].sort((a, b) => a - b), order, `${format}: ${order.join(', ')}`);
      assert.ok(order[0] > 0);
      const highlights = text.slice(order[0], order[1]);
      assert.ok(highlights.indexOf('Mentored Sam') < highlights.indexOf('Cut checkout time'), 'in the order the user put them');
      assert.doesNotMatch(highlights, /Tidied test fixtures/, 'a highlight is its own line, without its children');
    }
    assert.match(renderReport(reviewedWeek(), 'markdown'), /## Next week's focus\n\n- Refunds for every shop by Friday\n- On-call handbook `@reviewed` by the team\n/);
  });

  test('JSON carries the reviewed weeks before the outcomes; CSV starts with highlight and focus rows', () => {
    const report = JSON.parse(renderReport(reviewedWeek(), 'json'));
    assert.deepEqual(Object.keys(report).slice(0, 5), ['format', 'version', 'range', 'timeZone', 'reviews']);
    assert.deepEqual(report.reviews[0].highlights.map((highlight: { text: string }) => highlight.text), ['Mentored Sam through a first on-call week', 'Cut checkout time by 30% with one-click refunds']);
    assert.equal(report.reviews[0].nextFocus, 'Refunds for every shop by Friday\nOn-call handbook @reviewed by the team');
    const rows = renderReport(reviewedWeek(), 'csv').split('\r\n');
    assert.match(rows[1], /^2026-11-03,impact,highlight,Mentored Sam/);
    assert.match(rows[2], /^2026-11-06,impact,highlight,Cut checkout time/);
    assert.equal(rows[3], '2026-11-02,,focus,"Refunds for every shop by Friday\nOn-call handbook @reviewed by the team",,,,,');
  });

  test('a report of several reviewed weeks says which week each highlight and focus is from', () => {
    const data = reviewedWeek();
    const earlier = { from: at('2026-10-26T07:00:00Z'), to: LOS_ANGELES_WEEK.from };
    const twoWeeks: ReportData = { ...data, range: { from: earlier.from, to: LOS_ANGELES_WEEK.to }, reviews: [{ week: earlier, highlights: [], nextFocus: 'One-click refunds' }, ...data.reviews!] };
    const markdown = renderReport(twoWeeks, 'markdown');
    assert.match(markdown, /## Highlights\n\n### Week of Nov 2\n\n- Mentored Sam/);
    assert.match(markdown, /## Next week's focus\n\n### Week of Oct 26\n\n- One-click refunds\n\n### Week of Nov 2\n\n- Refunds for every shop/);
    assert.match(renderReport(twoWeeks, 'text'), /Highlights\n----------\n\nWeek of Nov 2:\n\n- Mentored Sam/);
  });

  test('a reviewed week with nothing else recorded still leads with its focus', () => {
    const data: ReportData = { ...emptyFixture(), reviews: [{ week: LOS_ANGELES_WEEK, highlights: [], nextFocus: 'Ship refunds' }] };
    const markdown = renderReport(data, 'markdown');
    assert.match(markdown, /^# Progress: Nov 2 – Nov 8, 2026\n\n## Next week's focus\n\n- Ship refunds\n\n## Shipped impact\n\nNothing shipped in this range\./);
    assert.equal(renderReview({ ...data, range: LOS_ANGELES_QUARTER }, 'markdown'), '# Review: Jul 1 – Sep 30, 2026\n\nNothing recorded between Jul 1 and Sep 30, 2026.\n', 'the quarter review is unchanged');
  });
});

suite('exports in another display language', () => {
  // A stand-in translation that marks every sentence it is given: ⟦…⟧.
  setup(() => l10n.setTranslator((message, ...args) => l10n.format(`⟦${message}⟧`, args)));
  teardown(() => l10n.setTranslator(undefined));

  const week = () => weekFixture('America/Los_Angeles', LOS_ANGELES_WEEK);
  const quarter = () => quarterFixture('America/Los_Angeles', LOS_ANGELES_QUARTER);
  const golden = (fileName: string) => fs.readFileSync(path.join(GOLDEN_DIR, fileName), 'utf8');

  test('Markdown and plain text are written in it, headings, counts and sentences alike', () => {
    const markdown = renderReport(week(), 'markdown');
    assert.match(markdown, /^# ⟦Progress: Nov 2 – Nov 8, 2026⟧$/m);
    assert.match(markdown, /^## ⟦Shipped impact⟧$/m);
    assert.match(markdown, /^- ⟦14 routine commits in api⟧$/m);
    assert.match(renderReport(week(), 'text'), /^⟦Routine activity⟧$/m);
    assert.match(renderReview(quarter(), 'markdown'), /^## ⟦Totals⟧$/m);
  });

  test('JSON is data: the same in every language', () => {
    assert.equal(renderReport(week(), 'json'), golden('report.json'));
    assert.equal(renderReview(quarter(), 'json'), golden('review.json'));
  });

  test('CSV keeps its columns and each row its date, kind and source; only the sentences of text change', () => {
    for (const [translated, english] of [
      [renderReport(week(), 'csv'), golden('report.csv')],
      [renderReview(quarter(), 'csv'), golden('review.csv')],
    ]) {
      const rows = translated.split('\n');
      const englishRows = english.split('\n');
      assert.equal(rows[0], englishRows[0]);
      assert.deepEqual(
        rows.map((row) => row.split(',').slice(0, 3).join(',')),
        englishRows.map((row) => row.split(',').slice(0, 3).join(',')),
      );
      assert.notEqual(translated, english);
    }
  });
});
