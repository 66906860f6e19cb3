import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  CALENDAR_DATE,
  STATE_CODE,
  STATE_CODE_DESCRIPTION,
} from '../../../http/openapi/property-schemas.js';
import { PagedReadRequest } from '../../../http/queries/paging.request.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsCountryCode } from '../../../http/validation/is-country-code.js';

export class ListMeetingsRequest extends PagedReadRequest {
  /** Meetings this state took part in. */
  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only meetings this state took part in: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsOptional()
  @IsCountryCode()
  state?: string;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description: 'Only meetings held on or after this date.',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description: 'Only meetings held on or before this date.',
    example: '2024-12-31',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
