import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class AppointHeadOfMissionRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the head was appointed: not in the future, not before the agrément.',
    example: '2025-01-31',
  })
  @IsCalendarDate()
  appointedOn!: string;
}
