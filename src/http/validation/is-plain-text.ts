import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { CheckedBy, type ValueCheck } from './value-check.js';

/**
 * Characters that look like nothing: whitespace, invisible format characters (U+200B, soft
 * hyphen, BOM, ...), other default-ignorable code points (the Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0, which are letters) and the blank braille pattern U+2800, which fonts draw
 * as a space.
 */
const BLANK = String.raw`\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800`;

/**
 * At least one visible character: a letter, number, punctuation mark or symbol that is not
 * BLANK. Marks alone are not (a lone U+0301 draws nothing a reader can name), nor are
 * noncharacters and format characters.
 */
const VISIBLE = new RegExp(String.raw`[\p{L}\p{N}\p{P}\p{S}](?<![${BLANK}])`, 'u');

/**
 * Characters no text field holds: controls, lone surrogates, line and paragraph separators,
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can make a
 * stored name read differently from what it holds), noncharacters (U+FFFF, U+1FFFE, U+FDD0,
 * …), the interlinear annotation characters and the object replacement character
 * (U+FFF9–U+FFFC), and tag characters (U+E0000–U+E007F) except in an emoji tag sequence: the
 * black flag U+1F3F4, tags, and the cancel tag U+E007F (the flag of Scotland). Marks a
 * script needs (zero-width joiners, U+200E/U+200F) stay allowed.
 */
const PLAIN_TEXT = new RegExp(
  String.raw`^(?:\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|[^\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffc\u{E0000}-\u{E007F}])*$`,
  'u',
);

/** Format characters that mean nothing inside stored text: soft hyphen, zero-width space, word joiners, BOM. */
const MEANINGLESS = /[\u00ad\u180e\u200b\u2060-\u2064\ufeff]/gu;

/**
 * Text as it is kept: in Unicode NFC (a composed and a decomposed `è` are the same name),
 * without the format characters that mean nothing, and without whitespace at either end, so
 * `"  Tehran "` and `"Tehran"` name the same city.
 */
export function normalizedText(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').replace(MEANINGLESS, '').trim();
  if (Array.isArray(value)) return value.map(normalizedText);
  return value;
}

/**
 * Characters (code points) in `value`, counted only as far as needed to tell whether there
 * are more than `max`: a character outside the BMP (many CJK ideographs, emoji) is two UTF-16
 * units but one character, as JSON Schema's maxLength counts.
 */
function characterCount(value: string, max: number): number {
  if (value.length <= max) return value.length;
  let count = 0;
  for (let i = 0; i < value.length && count <= max; i += 1) {
    const unit = value.charCodeAt(i);
    // The second half of a surrogate pair belongs to the character its first half began.
    const continuesPair =
      unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(value.charCodeAt(i - 1));
    if (!continuesPair) count += 1;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** Single-line human text, visible, at most `max` characters (see VISIBLE and PLAIN_TEXT). */
export function plainTextCheck(max: number): ValueCheck {
  return (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length === 0) return 'must not be empty';
    if (characterCount(value, max) > max) return `must be at most ${max} characters long`;
    if (!VISIBLE.test(value)) {
      return 'must have a visible character: a letter, number, punctuation mark or symbol';
    }
    if (!PLAIN_TEXT.test(value)) {
      return 'must be single-line text without control, bidi override, noncharacter, annotation or tag characters (but for a flag)';
    }
    return undefined;
  };
}

/** Text read through normalizedText: a lone string, or each string of a list. */
export function NormalizedText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => normalizedText(value));
}

export function IsPlainText(max: number): PropertyDecorator {
  return applyDecorators(NormalizedText(), CheckedBy('isPlainText', plainTextCheck(max)));
}
