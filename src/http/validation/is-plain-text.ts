import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { CheckedBy, type ValueCheck } from './value-check.js';

/**
 * Characters that look like nothing: whitespace, invisible format characters (U+200B, soft
 * hyphen, BOM, ...), other default-ignorable code points (the Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0) and the blank braille pattern U+2800, which fonts draw as a space.
 */
const BLANK = String.raw`\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800`;

/**
 * Single-line human text: at least one visible character (see BLANK), no control
 * characters, no line or paragraph separators, and no bidi embeddings, overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069), which can make a stored name read differently from what it
 * holds. Marks a script needs (zero-width joiners, U+200E/U+200F) stay allowed.
 */
const PLAIN_TEXT = new RegExp(
  String.raw`^(?![${BLANK}]*$)[^\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]*$`,
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

/** Single-line human text, not blank, at most `max` characters (see PLAIN_TEXT). */
export function plainTextCheck(max: number): ValueCheck {
  return (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length === 0) return 'must not be empty';
    if (value.length > max) return `must be at most ${max} characters long`;
    if (!PLAIN_TEXT.test(value)) {
      return 'must be non-blank text without control characters or bidi overrides';
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
