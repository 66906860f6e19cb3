import { invalidFields } from '../problem.js';

interface Range {
  readonly from?: string;
  readonly to?: string;
}

/**
 * A `to` before `from` asks for nothing: a 400 naming `to`, not an empty answer. `bounds`
 * are what is compared when the query's own values are not comparable as written (a date
 * and an instant).
 */
export function requireOrderedRange(query: Range, bounds: Range = query): void {
  if (bounds.from !== undefined && bounds.to !== undefined && bounds.from > bounds.to) {
    throw invalidFields([{ path: 'to', message: `to must not be before from (${query.from})` }]);
  }
}
