import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class RecordDiplomatArrivalRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the diplomat arrived on post: not in the future, not before the dispatch.',
    example: '2024-06-14',
  })
  @IsCalendarDate()
  arrivedOn!: string;
}
