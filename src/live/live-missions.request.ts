import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPositionText } from '../http/validation/is-position-text.js';
import { MissionFilterRequest } from '../missions/read-models/mission-status/list-missions.request.js';

export class LiveMissionsRequest extends MissionFilterRequest {
  @ApiPropertyOptional({
    type: 'string',
    pattern: '^[0-9a-fA-F]{32}$',
    description:
      'Resume after this position (an event id this stream sent); Last-Event-ID wins when both are sent. Beyond the store’s last position: 400.',
  })
  @IsOptional()
  @IsPositionText()
  after?: string;
}
