import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsCountryCode } from '../../../http/validation/is-country-code.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import { MissionTargetsRequest } from '../../../missions/commands/mission-targets.request.js';

export class ParticipantRequest {
  @IsPlainText(200)
  name!: string;

  @IsPlainText(200)
  title!: string;

  @IsCountryCode()
  state!: string;
}

export class AgreedMissionRequest {
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
}

export const OUTCOME_KINDS = ['establish-missions', 'cooperation', 'other'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export class OutcomeRequest {
  /** Optional: outcomes are numbered outcome-1, outcome-2, ... when left out. */
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'outcomeId must be a lower-case slug' })
  @Matches(/^.{1,64}$/, { message: 'outcomeId must be at most 64 characters' })
  outcomeId?: string;

  @IsIn(OUTCOME_KINDS)
  kind!: OutcomeKind;

  @IsPlainText(2000)
  summary!: string;

  /** The missions to open: required for, and only for, establish-missions. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgreedMissionRequest)
  missions?: AgreedMissionRequest[];

  /** Areas of cooperation: required for, and only for, cooperation. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsPlainText(100, { each: true })
  areas?: string[];
}

export class RecordMeetingRequest {
  @IsPlainText(300)
  title!: string;

  @IsCalendarDate()
  heldOn!: string;

  @IsOptional()
  @IsPlainText(200)
  place?: string;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsCountryCode({ each: true })
  parties!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantRequest)
  participants?: ParticipantRequest[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OutcomeRequest)
  outcomes!: OutcomeRequest[];
}
