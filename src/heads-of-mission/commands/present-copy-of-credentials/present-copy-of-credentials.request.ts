import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class PresentCopyOfCredentialsRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the copy was presented: not in the future, not before the arrival, not after the credentials.',
    example: '2025-02-11',
  })
  @IsCalendarDate()
  presentedOn!: string;
}
