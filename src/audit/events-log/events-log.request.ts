import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { IsPlainText } from '../../http/validation/is-plain-text.js';
import { IsPositionText } from '../../http/validation/is-position-text.js';
import { IsInstantOrDate } from '../audit-validation.js';
import { InLowerCase } from '../../http/validation/in-lower-case.js';
import { MAX_LOG_PAGE } from './event-log.js';
import { IsQueryInteger } from '../../http/validation/is-query-integer.js';

const INSTANT_OR_DATE = {
  type: 'string',
  description: 'A date (YYYY-MM-DD: that whole UTC day) or an ISO 8601 instant with an offset.',
} as const;

export class EventsLogRequest {
  @ApiPropertyOptional({
    type: 'string',
    pattern: '^[0-9a-fA-F]{32}$',
    description: 'Exclusive: the `next` of the previous page. Leave out for the first page.',
  })
  @IsOptional()
  @IsPositionText()
  after?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LOG_PAGE,
    description: 'Events per page (default 100).',
  })
  @IsOptional()
  @IsQueryInteger(1, MAX_LOG_PAGE)
  limit?: number;

  @ApiPropertyOptional({
    type: 'string',
    description: 'Only events of these types, comma-separated.',
    example: 'TemporaryOfficeOpened,EmbassyOpened',
  })
  @IsOptional()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+){0,49}$/, {
    message: 'type must be event types separated by commas',
  })
  type?: string;

  @ApiPropertyOptional({
    type: 'string',
    description:
      'Only this stream (`mission-kr-cu-havana`); end it with `*` for a prefix (`mission-*`).',
    example: 'mission-kr-cu-havana',
  })
  @InLowerCase()
  @IsOptional()
  @MaxLength(300)
  @Matches(/^[^\s*\p{Cc}\p{Cf}]+\*?$/u, {
    message: 'stream must be a stream name, or a prefix ending in *',
  })
  stream?: string;

  @ApiPropertyOptional({ type: 'string', description: 'Only events this caller recorded.' })
  @IsOptional()
  @IsPlainText(200)
  actor?: string;

  @ApiPropertyOptional({
    ...INSTANT_OR_DATE,
    example: '2025-01-01',
    description: `${INSTANT_OR_DATE.description} Only events recorded (\`recordedAt\`) at or after it, not those that happened then (\`occurredOn\`): a fact of 1961 recorded in 2025 is in 2025.`,
  })
  @IsOptional()
  @IsInstantOrDate()
  from?: string;

  @ApiPropertyOptional({
    ...INSTANT_OR_DATE,
    example: '2025-01-31T23:59:59Z',
    description: `${INSTANT_OR_DATE.description} Only events recorded (\`recordedAt\`) at or before it.`,
  })
  @IsOptional()
  @IsInstantOrDate()
  to?: string;
}
