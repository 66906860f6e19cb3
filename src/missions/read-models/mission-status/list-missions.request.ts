import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { STATE_CODE, STATE_CODE_DESCRIPTION } from '../../../http/openapi/property-schemas.js';
import { PagedReadRequest } from '../../../http/queries/paging.request.js';
import { IsCountryCode } from '../../../http/validation/is-country-code.js';
import { IsQueryBoolean } from '../../../http/validation/is-query-boolean.js';
import { MISSION_STATUSES } from '../../domain/mission.state.js';

/** The filters of the mission list and of the live feed of missions. */
export class MissionFilterRequest {
  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state sends: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsOptional()
  @IsCountryCode()
  sendingState?: string;

  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state receives: ${STATE_CODE_DESCRIPTION}.`,
    example: 'CU',
  })
  @IsOptional()
  @IsCountryCode()
  receivingState?: string;

  /** Missions where this state sends or receives. */
  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state sends or receives: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsOptional()
  @IsCountryCode()
  state?: string;

  @ApiPropertyOptional({
    enum: MISSION_STATUSES,
    enumName: 'MissionStatus',
    description:
      'Only missions with this status (on the live feed, a change that takes one out is a `left` event).',
  })
  @IsOptional()
  @IsIn(MISSION_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    type: 'boolean',
    description:
      'true: only missions with a target date passed and its milestone not reached; false: only the others (on the live feed, a mission whose target passes is sent again at midnight in the TIME_ZONE, without an id, or as `left`).',
  })
  @IsOptional()
  @IsQueryBoolean()
  overdue?: boolean;
}

export class ListMissionsRequest extends IntersectionType(PagedReadRequest, MissionFilterRequest) {}
