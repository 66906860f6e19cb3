import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CALENDAR_DATE } from '../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';

/** Deadlines from the agreement; either may be left out. */
export class MissionTargetsRequest {
  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description: 'Deadline for opening the temporary office; not before the agreement.',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  temporaryOfficeBy?: string;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description: 'Deadline for opening the embassy; not before the agreement.',
    example: '2025-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  embassyBy?: string;
}
