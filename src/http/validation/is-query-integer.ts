import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const DECIMAL = /^[0-9]+$/;

/**
 * A whole number in a query string, written in plain decimal digits, from `min` to `max`.
 * `Number()` would also read `1e2`, `0x10`, `+5`, ` 5` and `5.0`; those stay text here, so
 * they are refused as not an integer instead of silently meaning something else. Leading
 * zeros are decimal too (`05` is 5), and a number of any length is read, so one too large
 * is refused for its size (above `max`), not as if it were not a number.
 */
export function IsQueryInteger(min: number, max = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
    ),
    IsInt({ message: '$property must be a whole number written in decimal digits' }),
    Min(min),
    Max(max),
  );
}
