import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class RecordHeadOfMissionArrivalRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the head arrived: not in the future, not before the appointment.',
    example: '2025-02-06',
  })
  @IsCalendarDate()
  arrivedOn!: string;
}
