import { IsOptional } from 'class-validator';
import { IsPositionText } from '../validation/is-position-text.js';
import { IsQueryInteger } from '../validation/is-query-integer.js';

/** The page size of a list read without a limit. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** limit/offset paging and read-your-writes, shared by every list and read. */
export class ReadRequest {
  /** Wait until the read model has applied this position (as a command returned it). */
  @IsOptional()
  @IsPositionText()
  minPosition?: string;
}

export class PagedReadRequest extends ReadRequest {
  @IsOptional()
  @IsQueryInteger(1, MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsQueryInteger(0, 1_000_000)
  offset?: number;
}
