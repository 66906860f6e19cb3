import { normalizedText, plainTextCheck } from '../../src/http/validation/is-plain-text.js';

/** What the text rule says of a value, read as a field is: normalized first. */
const check = (value: string) => plainTextCheck(200)(normalizedText(value));

const SCOTLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';

describe('Text fields', () => {
  describe('accept single-line human text', () => {
    it.each([
      ['Latin with accents', 'Ambassador René Müller'],
      ['other scripts', '주 쿠바 대한민국 대사관 · Посольство · سفارة'],
      ['a decomposed accent on its letter', 'Rene\u0301'],
      ['the joiners and marks a script needs', 'می\u200cخواهم \u200fDavoud'],
      ['emoji, ZWJ sequences and flags', '😀 👩\u200d💼 🇰🇷'],
      ['an emoji tag sequence: the flag of Scotland', `Edinburgh ${SCOTLAND}`],
      ['punctuation alone', '?'],
      ['a symbol alone', '€'],
    ])('%s', (_label, text) => {
      expect(check(text)).toBeUndefined();
    });
  });

  describe('need at least one visible character: a letter, number, punctuation mark or symbol', () => {
    it.each([
      ['zero-width characters', '\u200b\u200d'],
      ['Hangul fillers', '\u115f\u1160\u3164\uffa0'],
      ['a blank braille cell', '\u2800'],
      ['a combining grapheme joiner', '\u034f '],
      ['a lone combining mark', '\u0301'],
      ['combining marks only', '\u0301\u0308\u20dd'],
      ['a noncharacter', '\uffff'],
      ['a supplementary noncharacter', '\u{1fffe}'],
      ['tag characters only', '\u{E0041}\u{E0042}'],
    ])('refuses %s', (_label, text) => {
      expect(check(text)).toMatch(/visible character/);
    });
  });

  describe('hold no characters that hide or change what they show', () => {
    it.each([
      ['a control character', 'a\u0000b'],
      ['a line separator', 'a\u2028b'],
      ['a bidi override', '\u202eCounsellor'],
      ['a bidi isolate', 'a\u2066b\u2069'],
      ['a noncharacter inside text', 'Havana\ufdd0'],
      ['a supplementary noncharacter inside text', 'Havana\u{10ffff}'],
      ['an interlinear annotation', 'a\ufff9b\ufffac\ufffb'],
      ['the object replacement character', '\ufffc'],
      ['tag characters after a letter', 'a\u{E0041}\u{E0042}'],
      ['a tag sequence without its cancel tag', '\u{1F3F4}\u{E0067}\u{E0062}'],
      ['a cancel tag alone', 'a\u{E007F}'],
      ['a tag sequence on another base', `a\u{E0067}\u{E0062}\u{E007F}`],
      ['a language tag', '\u{E0001}\u{E0065}\u{E006E}hello'],
    ])('refuses %s', (_label, text) => {
      expect(check(text)).toMatch(/without control/);
    });
  });

  it('counts characters, not UTF-16 units: a CJK Extension B ideograph or an emoji is one', () => {
    expect(check('\u{20000}'.repeat(200))).toBeUndefined();
    expect(check(`a${'😀'.repeat(199)}`)).toBeUndefined();
    expect(check('\u{20000}'.repeat(201))).toBe('must be at most 200 characters long');
    expect(check('a'.repeat(201))).toBe('must be at most 200 characters long');
    expect(plainTextCheck(3)('😀😀😀')).toBeUndefined();
    expect(plainTextCheck(3)('😀😀😀😀')).toBe('must be at most 3 characters long');
  });

  it('reads blank text as empty: whitespace at either end is not kept', () => {
    expect(check('   ')).toBe('must not be empty');
  });

  it('keeps text in NFC, trimmed, without format characters that mean nothing', () => {
    expect(normalizedText('  Ber\u00adn\ufeff ')).toBe('Bern');
    expect(normalizedText('Rene\u0301 Mu\u200bller')).toBe('Ren\u00e9 Muller');
    expect(normalizedText(`Edinburgh ${SCOTLAND}`)).toBe(`Edinburgh ${SCOTLAND}`);
  });
});
