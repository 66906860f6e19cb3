import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { MAX_HISTORY_PAGE } from './stream-history.js';
import { IsQueryInteger } from '../../http/validation/is-query-integer.js';

export class MissionHistoryRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The first revision of the page (inclusive); the previous page’s `nextRevision`.',
    example: 0,
  })
  @IsOptional()
  @IsQueryInteger(0)
  fromRevision?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_HISTORY_PAGE,
    description: 'Events per page (default 100).',
  })
  @IsOptional()
  @IsQueryInteger(1, MAX_HISTORY_PAGE)
  limit?: number;
}
