import { Transform } from 'class-transformer';
import { asciiLowerCase } from '../../shared/ascii-lower-case.js';

/**
 * Text read in lower case before it is validated: for names the service itself writes in
 * lower case ASCII (uuids, stream names, mission ids), so a client's `E3F5…` or
 * `Mission-KR-CU-…` finds what `e3f5…` and `mission-kr-cu-…` find instead of nothing. Only
 * A–Z are lowered: a letter outside ASCII (the Kelvin sign U+212A) stays itself, and names
 * nothing the service wrote.
 */
export function InLowerCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? asciiLowerCase(value) : value,
  );
}
