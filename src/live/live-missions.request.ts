import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { STATE_CODE, STATE_CODE_DESCRIPTION } from '../http/openapi/property-schemas.js';
import { IsCountryCode } from '../http/validation/is-country-code.js';
import { IsPositionText } from '../http/validation/is-position-text.js';
import { IsQueryBoolean } from '../http/validation/is-query-boolean.js';
import { MISSION_STATUSES } from '../missions/read-models/mission-status/list-missions.request.js';

export class LiveMissionsRequest {
  @ApiPropertyOptional({
    type: 'string',
    pattern: '^[0-9a-fA-F]{32}$',
    description:
      'Resume after this position (an event id this stream sent); Last-Event-ID wins when both are sent. Beyond the store’s last position: 400.',
  })
  @IsOptional()
  @IsPositionText()
  after?: string;

  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state sends: ${STATE_CODE_DESCRIPTION}.`,
  })
  @IsOptional()
  @IsCountryCode()
  sendingState?: string;

  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state receives: ${STATE_CODE_DESCRIPTION}.`,
  })
  @IsOptional()
  @IsCountryCode()
  receivingState?: string;

  @ApiPropertyOptional({
    ...STATE_CODE,
    description: `Only missions this state sends or receives: ${STATE_CODE_DESCRIPTION}.`,
  })
  @IsOptional()
  @IsCountryCode()
  state?: string;

  @ApiPropertyOptional({
    enum: MISSION_STATUSES,
    description: 'Only missions with this status; a change that takes one out is a `left` event.',
  })
  @IsOptional()
  @IsIn(MISSION_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    type: 'boolean',
    description:
      'true: only overdue missions; false: only the others. A mission whose target passes at midnight UTC is sent again then (without an id), or as `left`.',
  })
  @IsOptional()
  @IsQueryBoolean()
  overdue?: boolean;
}
