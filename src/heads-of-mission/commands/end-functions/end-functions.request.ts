import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CALENDAR_DATE, plainText } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import {
  FUNCTIONS_END_REASONS,
  type FunctionsEndReason,
} from '../../domain/head-of-mission.state.js';

export class EndFunctionsRequest {
  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the functions ended: not in the future, not before the track’s latest step.',
    example: '2026-02-27',
  })
  @IsCalendarDate()
  endedOn!: string;

  @ApiProperty({
    enum: FUNCTIONS_END_REASONS,
    enumName: 'FunctionsEndReason',
    description: 'Why the functions ended.',
    example: 'end-of-term',
  })
  @IsIn(FUNCTIONS_END_REASONS)
  reason!: FunctionsEndReason;

  @ApiPropertyOptional({
    ...plainText(1000),
    description: 'Anything the record should add.',
    example: 'Recalled for consultations',
  })
  @IsOptional()
  @IsPlainText(1000)
  note?: string;
}
