import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE, plainText } from '../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../http/validation/is-plain-text.js';

/** Suspending or closing: when, and why. */
export class DatedReasonRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When it happened: not in the future, not before the agreement nor the latest milestone.',
    example: '2025-03-01',
  })
  @IsCalendarDate()
  on!: string;

  @ApiProperty({ ...plainText(1000), example: 'Premises damaged by a hurricane' })
  @IsPlainText(1000)
  reason!: string;
}

export class DatedRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When it happened: not in the future, not before the suspension.',
    example: '2025-03-15',
  })
  @IsCalendarDate()
  on!: string;
}
