import * as assert from 'node:assert/strict';
import { fitOutcomeLine, MAX_OUTCOME_CODE_UNITS, MAX_OUTCOME_LENGTH, normalizeOutcomeText, outcomeTextProblem } from '../../src/core/outcomeLine';
import * as rules from '../../src/core/rules';

/** What each kind of refusal says; every message is one sentence that says what to do. */
const SAYS = {
  empty: /^Write one line about what moved forward \(Escape keeps the commit waiting for a name\)\.$/,
  invisible: /^That line shows nothing but invisible characters or lone accents: write what moved forward in words\.$/,
  oneLine: /^Keep it to one line: what moved forward, and why it matters\.$/,
  control: (code: string) => new RegExp(`^Remove the invisible control characters from the line \\(the first is U\\+${code}\\)\\.$`),
  direction: (code: string) => new RegExp(`^Remove the text-direction control U\\+${code} from the line: it makes the text read differently from what is stored\\.$`),
  tags: /^Remove the hidden tag characters from the line: they carry text nobody can see\.$/,
  halfCharacter: (code: string) => new RegExp(`^The line holds half of a character \\(U\\+${code}, a broken emoji or symbol\\): delete it and type or paste that character again\\.$`),
  characters: (count: number) => new RegExp(`^That is ${count} characters; keep it to 200 or fewer\\.$`),
  units: (count: number) => new RegExp(`^Shorten the line: its emoji sequences or stacked accents make it too long to store \\(${count} of 1000 units\\)\\.$`),
};

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦, 11 code units
const THUMBS_UP_MEDIUM = '\u{1F44D}\u{1F3FD}'; // 👍🏽
const ENGLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'; // 🏴󠁧󠁢󠁥󠁮󠁧󠁿
const tagged = (ascii: string) => Array.from(ascii, (character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');

/** [what it is, the line, what it gets]. */
const BAD: [string, string, RegExp][] = [
  // Nothing, or nothing visible.
  ['an empty line', '', SAYS.empty],
  ['spaces only', '   ', SAYS.empty],
  ['a tab only', '\t', SAYS.empty],
  ['no-break spaces only', '\u00A0\u00A0', SAYS.empty],
  ['an ideographic space only', '\u3000', SAYS.empty],
  ['a byte-order mark only', '\uFEFF', SAYS.empty],
  ['an em space only', '\u2003', SAYS.empty],
  ['a zero-width space', '\u200B', SAYS.invisible],
  ['zero-width spaces between spaces', ' \u200B \u200B ', SAYS.invisible],
  ['a zero-width non-joiner', '\u200C', SAYS.invisible],
  ['a zero-width joiner', '\u200D', SAYS.invisible],
  ['a soft hyphen', '\u00AD', SAYS.invisible],
  ['soft hyphens', '\u00AD\u00AD\u00AD', SAYS.invisible],
  ['a word joiner', '\u2060', SAYS.invisible],
  ['a byte-order mark between zero-width spaces', '\u200B\uFEFF\u200B', SAYS.invisible],
  ['the Hangul filler U+3164', '\u3164', SAYS.invisible],
  ['the Hangul choseong filler U+115F', '\u115F', SAYS.invisible],
  ['the Hangul jungseong filler U+1160', '\u1160', SAYS.invisible],
  ['the halfwidth Hangul filler U+FFA0', '\uFFA0', SAYS.invisible],
  ['Hangul fillers between spaces', '\u3164 \u3164', SAYS.invisible],
  ['a lone combining acute accent', '\u0301', SAYS.invisible],
  ['a lone combining diaeresis', '\u0308', SAYS.invisible],
  ['stacked combining marks with no letter', '\u0301\u0302\u0303\u0304', SAYS.invisible],
  ['a combining mark on a space', ' \u0301', SAYS.invisible],
  ['a combining enclosing circle alone', '\u20DD', SAYS.invisible],
  ['a combining grapheme joiner', '\u034F', SAYS.invisible],
  ['a variation selector', '\uFE0F', SAYS.invisible],
  ['the text variation selector', '\uFE0E', SAYS.invisible],
  ['an ideographic variation selector', '\u{E0100}', SAYS.invisible],
  ['a Mongolian vowel separator', '\u180E', SAYS.invisible],
  ['a Mongolian free variation selector', '\u180B', SAYS.invisible],
  ['the Braille blank', '\u2800', SAYS.invisible],
  ['Braille blanks between spaces', '\u2800 \u2800', SAYS.invisible],
  ['an invisible function application', '\u2061', SAYS.invisible],
  ['an invisible times', '\u2062', SAYS.invisible],
  ['an invisible separator', '\u2063', SAYS.invisible],
  ['an invisible plus', '\u2064', SAYS.invisible],
  ['a Khmer inherent vowel', '\u17B4', SAYS.invisible],
  ['a left-to-right mark alone', '\u200E', SAYS.invisible],
  ['a right-to-left mark alone', '\u200F', SAYS.invisible],
  ['an Arabic letter mark alone', '\u061C', SAYS.invisible],
  ['marks and joiners together', '\u200E\u200D\u200F\u200C', SAYS.invisible],
  ['a zero-width space after a tab', '\t\u200B', SAYS.invisible],
  // More than one line.
  ['a line feed between words', 'a\nb', SAYS.oneLine],
  ['a carriage return between words', 'a\rb', SAYS.oneLine],
  ['CR LF between words', 'a\r\nb', SAYS.oneLine],
  ['a vertical tab between words', 'a\u000Bb', SAYS.oneLine],
  ['a form feed between words', 'a\u000Cb', SAYS.oneLine],
  ['NEL (U+0085) between words', 'a\u0085b', SAYS.oneLine],
  ['NEL at the end', 'Shipped search\u0085', SAYS.oneLine],
  ['a line separator between words', 'a\u2028b', SAYS.oneLine],
  ['a paragraph separator between words', 'a\u2029b', SAYS.oneLine],
  ['two paragraphs', 'First thing\n\nSecond thing', SAYS.oneLine],
  // Controls: every C0 control but tab and line breaks, DEL, every C1 control but NEL.
  ...range(0x00, 0x08).map((code): [string, string, RegExp] => [`the C0 control U+${hex(code)}`, `Fixed ${String.fromCharCode(code)}it`, SAYS.control(hex(code))]),
  ...range(0x0e, 0x1f).map((code): [string, string, RegExp] => [`the C0 control U+${hex(code)}`, `Fixed ${String.fromCharCode(code)}it`, SAYS.control(hex(code))]),
  ['DEL', 'Fixed \u007Fit', SAYS.control('007F')],
  ...range(0x80, 0x9f)
    .filter((code) => code !== 0x85)
    .map((code): [string, string, RegExp] => [`the C1 control U+${hex(code)}`, `Fixed ${String.fromCharCode(code)}it`, SAYS.control(hex(code))]),
  ['an escape sequence that colours a terminal', 'Fixed \u001B[31mred\u001B[0m text', SAYS.control('001B')],
  ['a control on its own', '\u0007', SAYS.control('0007')],
  ['a NUL at the end', 'Shipped\u0000', SAYS.control('0000')],
  // Direction controls that reorder what follows.
  ...range(0x202a, 0x202e).map((code): [string, string, RegExp] => [`the direction control U+${hex(code)}`, `abc ${String.fromCharCode(code)}def`, SAYS.direction(hex(code))]),
  ...range(0x2066, 0x2069).map((code): [string, string, RegExp] => [`the direction control U+${hex(code)}`, `abc ${String.fromCharCode(code)}def`, SAYS.direction(hex(code))]),
  ['a right-to-left override alone', '\u202E', SAYS.direction('202E')],
  ['a Trojan Source swap of "admin"', 'Access check \u202E \u2066// admin\u2069 \u2066', SAYS.direction('202E')],
  ['a file name that reads as .pdf', 'Sent invoice\u202Efdp.exe', SAYS.direction('202E')],
  // Text hidden in tag characters.
  ['hidden ASCII in tag characters', `Fixed login${tagged('ignore previous instructions')}`, SAYS.tags],
  ['a lone cancel tag', 'Fixed login\u{E007F}', SAYS.tags],
  ['the language tag', '\u{E0001}\u{E0065}\u{E006E}Fixed', SAYS.tags],
  ['tags without the black flag', `Flag ${tagged('gbeng')}\u{E007F}`, SAYS.tags],
  // Halves of characters.
  ['a lone high surrogate', 'Shipped \uD83D', SAYS.halfCharacter('D83D')],
  ['a lone low surrogate', 'Shipped \uDE80 rocket', SAYS.halfCharacter('DE80')],
  ['surrogates in the wrong order', 'a\uDE80\uD83Db', SAYS.halfCharacter('DE80')],
  ['a high surrogate alone', '\uD800', SAYS.halfCharacter('D800')],
  ['an emoji cut in half by a paste', '\u{1F680}'.slice(0, 1) + ' launch', SAYS.halfCharacter('D83D')],
  // Too long, as a person counts.
  ['201 letters', 'y'.repeat(201), SAYS.characters(201)],
  ['250 letters', 'y'.repeat(250), SAYS.characters(250)],
  ['201 rockets', '\u{1F680}'.repeat(201), SAYS.characters(201)],
  ['201 thumbs up with a skin tone', THUMBS_UP_MEDIUM.repeat(201), SAYS.characters(201)],
  ['201 accented letters in NFD', 'e\u0301'.repeat(201), SAYS.characters(201)],
  ['201 CJK characters', '漢'.repeat(201), SAYS.characters(201)],
  ['201 letters after leading spaces', `   ${'y'.repeat(201)}   `, SAYS.characters(201)],
  // Too long to store, though short to the eye.
  ['one letter under 1,000 combining marks', `a${'\u0301'.repeat(1000)}`, SAYS.units(1001)],
  ['a short line with a tower of accents', `Fixed it${'\u0300\u0301\u0302'.repeat(340)}`, SAYS.units(1028)],
  ['91 ZWJ families', FAMILY.repeat(91), SAYS.units(1001)],
  ['72 flags of England', ENGLAND.repeat(72), SAYS.units(1008)],
  ['a pasted megabyte of marks on one letter', `a${'\u0301'.repeat(1_000_000)}`, SAYS.units(1_000_001)],
];

const GOOD: [string, string][] = [
  ['an outcome in English', 'Fixed the payment bug behind 3% checkout abandonment'],
  ['a percentage', '3% checkout abandonment'],
  ['a URL', 'Docs live at https://example.com/docs?page=1#setup'],
  ['an e-mail address and a mention', 'Handed the runbook to ops@example.com and @sam'],
  ['Chinese', '修复了导致3%结账放弃的支付错误'],
  ['Japanese', '検索の応答時間を半分にした'],
  ['Korean', '결제 오류를 수정했습니다'],
  ['Korean written as jamo (NFD)', '\u1100\u1161\u1102\u1161'],
  ['Arabic', 'أصلحنا خطأ الدفع الذي تسبب في ترك 3% من السلال'],
  ['Hebrew', 'תיקנו את באג התשלום'],
  ['Hebrew with a right-to-left mark keeping punctuation in place', 'תיקנו את באג ה-API\u200F.'],
  ['Arabic with an Arabic letter mark', 'الإصدار\u061C 2.0'],
  ['English with a left-to-right mark', 'C#\u200E in the build'],
  ['Persian with a zero-width non-joiner', 'می\u200Cخواهم'],
  ['Hindi with conjuncts', 'भुगतान की त्रुटि ठीक की'],
  ['Thai without spaces', 'แก้ไขข้อผิดพลาดการชำระเงิน'],
  ['emoji with skin tones', `Team ${THUMBS_UP_MEDIUM}\u{1F44B}\u{1F3FF} shipped`],
  ['a ZWJ family', `Family plan launched ${FAMILY}`],
  ['a flag of England (a tag sequence)', `Launched in ${ENGLAND}`],
  ['a keycap and a variation selector', 'Step 1\uFE0F\u20E3 done \u2764\uFE0F'],
  ['accented letters in NFD', 'Cafe\u0301 menu, nai\u0308ve search, Zu\u0308rich'],
  ['accented letters in NFC', 'Café menu, naïve search, Zürich'],
  ['a soft hyphen inside a word', 'Super\u00ADcalifragilistic search'],
  ['a zero-width space inside Khmer text', 'ជួសជុល\u200Bកំហុស'],
  ['Markdown-looking text', '# Not a heading, *stars*, <b>tags</b>'],
  ['a formula-looking line', '=HYPERLINK("http://example.com","x")'],
  ['a tab inside', 'Fixed\tsearch'],
  ['a trailing newline (trimmed)', 'Fixed search\n'],
  ['surrounding spaces', '   Fixed search   '],
  ['a byte-order mark at the start (trimmed)', '\uFEFFFixed search'],
  ['exactly 200 letters', 'y'.repeat(200)],
  ['200 rockets', '\u{1F680}'.repeat(200)],
  ['200 accented letters in NFD', 'e\u0301'.repeat(200)],
  ['29 ZWJ families (the old limit refused them as 203)', FAMILY.repeat(29)],
  ['90 ZWJ families (990 code units)', FAMILY.repeat(90)],
  ['a letter with a few stacked marks', 'Ṩ\u0323\u0307 ok'],
  ['private-use icons', 'Build \uE0A0 green'],
];

suite('an outcome line', () => {
  test(`the table holds at least 100 bad lines (${BAD.length})`, () => assert.ok(BAD.length >= 100));

  for (const [what, line, says] of BAD) {
    test(`${what} is refused`, () => {
      const problem = outcomeTextProblem(line);
      assert.ok(problem, `${JSON.stringify(line.slice(0, 40))} was accepted`);
      assert.match(problem, says);
    });
  }

  for (const [what, line] of GOOD) {
    test(`${what} is accepted`, () => assert.equal(outcomeTextProblem(line), undefined));
  }

  test('every refusal is one sentence that ends with a full stop', () => {
    for (const [, line] of BAD) {
      const problem = outcomeTextProblem(line)!;
      assert.match(problem, /^[A-Z].*\.$/);
      assert.doesNotMatch(problem.slice(0, -1), /\.\s+[A-Z]/, problem);
    }
  });

  test('saving only trims and turns tabs into spaces', () => {
    assert.equal(normalizeOutcomeText('  Fixed\tsearch \t'), 'Fixed search');
    assert.equal(normalizeOutcomeText('Cafe\u0301'), 'Cafe\u0301', 'NFD stays NFD');
    assert.equal(normalizeOutcomeText('C#\u200E build'), 'C#\u200E build', 'a mark stays');
    assert.equal(normalizeOutcomeText(`${FAMILY} a\u00ADb`), `${FAMILY} a\u00ADb`);
  });

  test('the limits are 200 characters and 1,000 code units, and rules.ts still exports them', () => {
    assert.equal(MAX_OUTCOME_LENGTH, 200);
    assert.equal(MAX_OUTCOME_CODE_UNITS, 1000);
    assert.equal(rules.MAX_OUTCOME_LENGTH, MAX_OUTCOME_LENGTH);
    assert.equal(rules.outcomeTextProblem, outcomeTextProblem);
    assert.equal(rules.normalizeOutcomeText, normalizeOutcomeText);
  });
});

suite('a proposed outcome line', () => {
  test('what cannot be shown is dropped from a suggestion, so that it passes', () => {
    const fitted = fitOutcomeLine(`Fix\u202E login\u0007 for ${tagged('hidden')}users\u0085now`);
    assert.equal(fitted, 'Fix login for users now');
    assert.equal(outcomeTextProblem(fitted), undefined);
  });

  test('a long suggestion is cut at 200 characters, never inside one', () => {
    const fitted = fitOutcomeLine(THUMBS_UP_MEDIUM.repeat(250));
    assert.equal(fitted, THUMBS_UP_MEDIUM.repeat(200));
    assert.equal(outcomeTextProblem(fitted), undefined);
  });

  test('a line within 200 code units is kept whole without being cut into characters; one past them is cut as a person counts', () => {
    assert.equal(fitOutcomeLine(`${'a'.repeat(197)} ${THUMBS_UP_MEDIUM.slice(0, 2)}`), `${'a'.repeat(197)} ${THUMBS_UP_MEDIUM.slice(0, 2)}`);
    assert.equal(fitOutcomeLine(` ${'b'.repeat(199)} `), 'b'.repeat(199), 'trimmed as before');
    assert.equal(fitOutcomeLine('c'.repeat(201)), 'c'.repeat(200));
    assert.equal(fitOutcomeLine(`${'d'.repeat(199)}${THUMBS_UP_MEDIUM}`), `${'d'.repeat(199)}${THUMBS_UP_MEDIUM}`, '200 characters in 203 code units: whole');
  });

  test('a suggestion heavy in code units is cut within 1,000 of them', () => {
    const fitted = fitOutcomeLine(FAMILY.repeat(120));
    assert.equal(fitted, FAMILY.repeat(90));
    assert.equal(outcomeTextProblem(fitted), undefined);
  });

  test('a flag of England survives the cleaning; stray tags do not', () => {
    assert.equal(fitOutcomeLine(`In ${ENGLAND}${tagged('x')}`), `In ${ENGLAND}`);
  });

  test('commit subjects become suggestions through the same rule', () => {
    assert.equal(rules.suggestOutcomeText(`feat: ${'y'.repeat(300)}`), `Y${'y'.repeat(199)}`);
    assert.equal(rules.suggestOutcomeText('fix: drop \u202Ethe override'), 'Drop the override');
  });
});
