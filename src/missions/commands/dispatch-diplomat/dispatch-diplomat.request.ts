import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CALENDAR_DATE, plainText } from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import { DIPLOMATIC_GRADES, type DiplomaticGrade } from '../../domain/diplomatic-rank.js';
import type { DiplomatRole } from '../../domain/mission.commands.js';

export const DIPLOMAT_ROLES: readonly DiplomatRole[] = [
  'head-of-mission',
  'head-of-office',
  'staff',
];

export class DispatchDiplomatRequest {
  @ApiProperty({ ...plainText(200), example: 'Korean diplomat' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ ...plainText(200), example: 'Counsellor' })
  @IsPlainText(200)
  title!: string;

  @ApiProperty({
    enum: DIPLOMAT_ROLES,
    enumName: 'DiplomatRole',
    description: 'The diplomat’s role in the mission.',
    example: 'head-of-office',
  })
  @IsIn(DIPLOMAT_ROLES)
  role!: DiplomatRole;

  @ApiPropertyOptional({
    enum: DIPLOMATIC_GRADES,
    enumName: 'DiplomaticGrade',
    description:
      'The diplomat’s rank. When left out it is read from the words of `title` that name the holder (e.g. "First Secretary (Political)"; "Personal Assistant to the Ambassador" names no rank of its own: none), and recorded as inferred.',
    example: 'counsellor',
  })
  @IsOptional()
  @IsIn(DIPLOMATIC_GRADES)
  rank?: DiplomaticGrade;

  @ApiProperty({
    ...CALENDAR_DATE,
    description:
      'When the diplomat left: not in the future; at most 31 days before the mission was agreed.',
    example: '2024-06-10',
  })
  @IsCalendarDate()
  dispatchedOn!: string;

  /** An expectation, so it may lie in the future. */
  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description: 'An expectation, so it may lie in the future; not before dispatchedOn.',
    example: '2024-06-14',
  })
  @IsOptional()
  @IsCalendarDate()
  expectedArrivalOn?: string;
}
