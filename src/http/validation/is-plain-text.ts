import { CheckedBy, type ValueCheck } from './value-check.js';

/**
 * Single-line human text: at least one visible character (whitespace and invisible format
 * characters such as U+200B do not count), no control characters, no line or paragraph
 * separators, and no bidi embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069),
 * which can make a stored name read differently from what it holds. Marks a script needs
 * (zero-width joiners, U+200E/U+200F) stay allowed.
 */
const PLAIN_TEXT = /^(?![\s\p{Cf}]*$)[^\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/u;

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

export function IsPlainText(max: number): PropertyDecorator {
  return CheckedBy('isPlainText', plainTextCheck(max));
}
