import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CALENDAR_DATE } from '../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';
import { IsInstant } from '../audit-validation.js';
import { IsQueryInteger } from '../../http/validation/is-query-integer.js';

export class MissionReplayRequest {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description:
      'The mission as the service knew it at this instant: every event recorded by then (by `recordedAt`). Not with `revision`.',
    example: '2025-01-31T12:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The mission as of this revision of its stream. Not with `asOf`.',
    example: 3,
  })
  @IsOptional()
  @IsQueryInteger(0)
  revision?: number;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description:
      'Count only the facts that had happened by this date (by `occurredOn`), whenever they were recorded. Alone, or with `asOf`/`revision`.',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  occurredBy?: string;
}
