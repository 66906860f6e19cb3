import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_HISTORY_PAGE } from './stream-history.js';

export class MissionHistoryRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The first revision of the page (inclusive); the previous page’s `nextRevision`.',
    example: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_HISTORY_PAGE,
    description: 'Events per page (default 100).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;
}
