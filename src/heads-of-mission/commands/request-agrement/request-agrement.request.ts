import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class RequestAgrementRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the agrément was requested: not in the future, not before the nomination.',
    example: '2024-12-02',
  })
  @IsCalendarDate()
  requestedOn!: string;
}
