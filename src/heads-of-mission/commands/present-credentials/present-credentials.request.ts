import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class PresentCredentialsRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the credentials were presented: not in the future, not before the arrival or the copy of credentials.',
    example: '2025-02-25',
  })
  @IsCalendarDate()
  presentedOn!: string;
}
