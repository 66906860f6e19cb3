import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CALENDAR_DATE, plainText } from '../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../http/validation/is-plain-text.js';

/** Opening premises: the temporary office or the embassy. */
export class OpenPremisesRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the premises opened: not in the future, not before the agreement, with a diplomat on post by then.',
    example: '2024-06-28',
  })
  @IsCalendarDate()
  openedOn!: string;

  @ApiPropertyOptional({ ...plainText(300), example: 'Miramar Business Center' })
  @IsOptional()
  @IsPlainText(300)
  address?: string;
}
