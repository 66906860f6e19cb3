import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CALENDAR_DATE, plainText } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';

export class RefuseAgrementRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the agrément was refused: not in the future, not before the request.',
    example: '2025-01-20',
  })
  @IsCalendarDate()
  refusedOn!: string;

  @ApiPropertyOptional({
    ...plainText(1000),
    description: 'Why, when the receiving state said.',
    example: 'Not given',
  })
  @IsOptional()
  @IsPlainText(1000)
  reason?: string;
}
