import { Transform } from 'class-transformer';

/**
 * Text read in lower case before it is validated: for names the service itself writes in
 * lower case (uuids, stream names, mission ids), so a client's `E3F5…` or `Mission-KR-CU-…`
 * finds what `e3f5…` and `mission-kr-cu-…` find instead of nothing.
 */
export function InLowerCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}
