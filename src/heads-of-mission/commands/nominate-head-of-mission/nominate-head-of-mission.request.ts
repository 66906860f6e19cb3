import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DATE, plainText } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';

export class NominateHeadOfMissionRequest {
  @ApiProperty({ ...plainText(200), example: 'Lee Ho-yul' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ ...plainText(200), example: 'Ambassador Extraordinary and Plenipotentiary' })
  @IsPlainText(200)
  title!: string;

  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the sending state chose the nominee: not in the future, not before the mission was agreed.',
    example: '2024-11-20',
  })
  @IsCalendarDate()
  nominatedOn!: string;
}
