import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE, plainText } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';

export class DesignateChargeDAffairesRequest {
  @ApiProperty({ ...plainText(200), example: 'Korean chargé d’affaires a.i.' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ ...plainText(200), example: 'Counsellor' })
  @IsPlainText(200)
  title!: string;

  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the diplomat began heading the mission: not in the future, not before the mission was agreed, not while a head of mission was in office.',
    example: '2025-01-17',
  })
  @IsCalendarDate()
  designatedOn!: string;
}
