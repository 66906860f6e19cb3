import { IsIn, IsOptional } from 'class-validator';
import { IsCountryCode } from '../http/validation/is-country-code.js';
import { IsPositionText } from '../http/validation/is-position-text.js';
import { MISSION_STATUSES } from '../missions/read-models/mission-status/list-missions.request.js';

export class LiveMissionsRequest {
  /** Resume after this position (Last-Event-ID wins when both are sent). */
  @IsOptional()
  @IsPositionText()
  after?: string;

  @IsOptional()
  @IsCountryCode()
  sendingState?: string;

  @IsOptional()
  @IsCountryCode()
  receivingState?: string;

  /** Either side of the mission. */
  @IsOptional()
  @IsCountryCode()
  state?: string;

  @IsOptional()
  @IsIn(MISSION_STATUSES)
  status?: string;
}
