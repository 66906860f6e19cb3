import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class GrantAgrementRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the agrément was granted: not in the future, not before the request.',
    example: '2025-01-20',
  })
  @IsCalendarDate()
  grantedOn!: string;
}
