import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength, type ValidationOptions } from 'class-validator';

/** Single-line human text: no control characters, not blank, at most `max` characters. */
export function IsPlainText(max: number, options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    MinLength(1, options),
    MaxLength(max, options),
    Matches(/^(?!\s*$)[^\p{Cc}\p{Cs}\u2028\u2029]*$/u, {
      message: '$property must be non-blank text without control characters',
      ...options,
    }),
  );
}
