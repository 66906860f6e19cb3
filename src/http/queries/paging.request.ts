import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsPositionText } from '../validation/is-position-text.js';

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
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
