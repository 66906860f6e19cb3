import type { Type } from '@nestjs/common';
import { invalidFields, ProblemException, type FieldError } from '../problem.js';
import { createValidationPipe } from '../validation.pipe.js';

const validation = createValidationPipe();

/**
 * The 400 for input refused before validation (a field named `__proto__`, text that is not
 * Unicode, a query parameter not percent-encoded in UTF-8) listing, beside it, every other
 * invalid field: `rest`, the input without what was refused, is validated as the route's DTO
 * (`metatype`) would validate it. Errors about a refused field or a part of it are not
 * repeated.
 */
export async function besideOtherFields(
  refused: readonly FieldError[],
  rest: object,
  type: 'body' | 'query',
  metatype: Type | undefined,
): Promise<ProblemException> {
  let others: readonly FieldError[] = [];
  if (metatype !== undefined) {
    try {
      await validation.transform(rest, { type, metatype });
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      others = (error.problem.errors as readonly FieldError[] | undefined) ?? [];
    }
  }
  const unreported = others.filter((other) => !refused.some((e) => covers(e.path, other.path)));
  return invalidFields([...refused, ...unreported]);
}

/** Whether an error at `path` is about the field at `other` or a part of it. */
function covers(path: string, other: string): boolean {
  return (
    path === '(body)' ||
    path === '(query)' ||
    other === path ||
    other.startsWith(`${path}.`) ||
    other.startsWith(`${path}[`)
  );
}
