import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsCountryCode } from '../../../http/validation/is-country-code.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import { MissionTargetsRequest } from '../mission-targets.request.js';

export class MissionSourceRequest {
  @IsUUID()
  meetingId!: string;

  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'outcomeId must be an outcome id of the meeting' })
  outcomeId!: string;
}

export class PlanMissionRequest {
  @IsCountryCode()
  sendingState!: string;

  @IsCountryCode()
  receivingState!: string;

  @IsPlainText(100)
  city!: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MissionTargetsRequest)
  targets?: MissionTargetsRequest;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MissionSourceRequest)
  source?: MissionSourceRequest;

  /** When the states agreed on it; defaults to the source meeting's date, else today. */
  @IsOptional()
  @IsCalendarDate()
  agreedOn?: string;
}
