import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import {
  CALENDAR_DATE,
  plainText,
  STATE_CODE,
  STATE_CODE_DESCRIPTION,
} from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsCountryCode } from '../../../http/validation/is-country-code.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import { InLowerCase } from '../../../http/validation/in-lower-case.js';
import { OUTCOME_ID } from '../../../meetings/commands/record-meeting/record-meeting.request.js';
import { NamesAMission, NotTheSendingState } from '../mission-identity.validation.js';
import { MissionTargetsRequest } from '../mission-targets.request.js';

export class MissionSourceRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'The recorded meeting.',
    example: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60',
  })
  @InLowerCase()
  @IsUUID()
  meetingId!: string;

  @ApiProperty({
    pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$',
    maxLength: 64,
    description:
      'The meeting’s establish-missions outcome that calls for this mission, in any ASCII case (read in lower case).',
    example: 'outcome-1',
  })
  @InLowerCase()
  @Matches(OUTCOME_ID, { message: 'outcomeId must be an outcome id of the meeting' })
  outcomeId!: string;
}

export class PlanMissionRequest {
  @ApiProperty({
    ...STATE_CODE,
    description: `The sending state: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsCountryCode()
  sendingState!: string;

  @ApiProperty({
    ...STATE_CODE,
    description: `The receiving state: ${STATE_CODE_DESCRIPTION}; not the sending state.`,
    example: 'CU',
  })
  @NotTheSendingState()
  @IsCountryCode()
  receivingState!: string;

  @ApiProperty({
    ...plainText(100),
    description:
      'Where the mission sits, in the receiving state; with the two states it names the mission (`kr-cu-havana`).',
    example: 'Havana',
  })
  @NamesAMission()
  @IsPlainText(100)
  city!: string;

  @ApiPropertyOptional({
    type: () => MissionTargetsRequest,
    description:
      'Deadlines the states agreed on; each overrides the one in force, if any. With a `source`, the targets its outcome set for the mission apply; a target it left open may be stated here, another date for one it set is 422 `targets-differ-from-source`.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MissionTargetsRequest)
  targets?: MissionTargetsRequest;

  @ApiPropertyOptional({
    type: () => MissionSourceRequest,
    description:
      'The meeting outcome that calls for the mission; planning the same mission from a further source links it.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MissionSourceRequest)
  source?: MissionSourceRequest;

  /** When the states agreed on it; defaults to the source meeting's date, else today (in TIME_ZONE). */
  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    description:
      'When the states agreed on the mission; defaults to the source meeting’s date, else the day of the request in the service’s time zone (TIME_ZONE, UTC unless set). Not in the future, nor before the source meeting (422 `agreement-before-source`).',
    example: '2024-06-12',
  })
  @IsOptional()
  @IsCalendarDate()
  agreedOn?: string;
}
