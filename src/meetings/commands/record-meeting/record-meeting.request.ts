import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALENDAR_DATE,
  plainText,
  STATE_CODE,
  STATE_CODE_DESCRIPTION,
} from '../../../http/openapi/property-schemas.js';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { countryCodeCheck, IsCountryCode } from '../../../http/validation/is-country-code.js';
import { IsList, IsListOf } from '../../../http/validation/is-list.js';
import {
  IsPlainText,
  NormalizedText,
  plainTextCheck,
} from '../../../http/validation/is-plain-text.js';
import { CheckedAcrossFields, RefusedByRule } from '../../../http/validation/field-rules.js';
import {
  NamesAMission,
  NotTheSendingState,
} from '../../../missions/commands/mission-identity.validation.js';
import { MissionTargetsRequest } from '../../../missions/commands/mission-targets.request.js';
import {
  areasRefusal,
  meetingFieldRefusals,
  partiesRefusal,
  type MeetingFields,
} from '../../domain/meeting-fields.js';
import { MeetingRules } from '../../domain/meeting.rules.js';
import { isJsonObject } from '../../../shared/json.js';

export class ParticipantRequest {
  @ApiProperty({ ...plainText(200), example: 'Chung Byung-won' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ ...plainText(200), example: 'Deputy Minister for Political Affairs' })
  @IsPlainText(200)
  title!: string;

  @ApiProperty({
    ...STATE_CODE,
    description: `The state the participant represents: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsCountryCode()
  state!: string;
}

export class AgreedMissionRequest {
  @ApiProperty({
    ...STATE_CODE,
    description: `The sending state, one of the parties: ${STATE_CODE_DESCRIPTION}.`,
    example: 'KR',
  })
  @IsCountryCode()
  sendingState!: string;

  @ApiProperty({
    ...STATE_CODE,
    description: `The receiving state, the other party: ${STATE_CODE_DESCRIPTION}.`,
    example: 'CU',
  })
  @NotTheSendingState()
  @IsCountryCode()
  receivingState!: string;

  @ApiProperty({
    ...plainText(100),
    description:
      'Where the mission sits, in the receiving state; with a letter or digit to name the mission by.',
    example: 'Havana',
  })
  @NamesAMission()
  @IsPlainText(100)
  city!: string;

  @ApiPropertyOptional({
    type: () => MissionTargetsRequest,
    description: 'Deadlines the meeting set; none before the meeting.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MissionTargetsRequest)
  targets?: MissionTargetsRequest;
}

/** An outcome id: a lower-case slug (`outcome-1`, `missions`), at most 64 characters. */
export const OUTCOME_ID = /^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$/;

const OUTCOME_KINDS = ['establish-missions', 'cooperation', 'other'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * A list an outcome has for, and only for, one kind: left out of that kind it "is required",
 * given to another it is refused by name, in the same 400 as every other invalid field.
 * Decorators apply bottom-up: this goes below the list's own rules so it is checked first.
 */
function ListedFor(kind: OutcomeKind): PropertyDecorator {
  const kindOf = (outcome: object): unknown => (outcome as { kind?: unknown }).kind;
  const known = (outcome: object): boolean =>
    (OUTCOME_KINDS as readonly unknown[]).includes(kindOf(outcome));
  return (target, propertyName) => {
    ValidateIf(
      (outcome: object, value: unknown) => kindOf(outcome) === kind || value !== undefined,
    )(target, propertyName);
    registerDecorator({
      name: 'listedFor',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args) =>
          args === undefined || !known(args.object) || kindOf(args.object) === kind,
        defaultMessage: (args) =>
          `${args?.property ?? ''} are listed only by ${kind} outcomes (this one is ${String(args === undefined ? '' : kindOf(args.object))})`,
      },
    });
  };
}

export class OutcomeRequest {
  /** Optional: outcomes are numbered outcome-1, outcome-2, ... when left out. */
  @ApiPropertyOptional({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    maxLength: 64,
    description:
      'A lower-case slug, unique in the meeting; outcomes are numbered outcome-1, outcome-2, ... when left out.',
    example: 'outcome-1',
  })
  @IsOptional()
  @Matches(OUTCOME_ID, {
    message:
      'outcomeId must be a lower-case slug (a-z, 0-9, single hyphens) of at most 64 characters',
  })
  outcomeId?: string;

  @ApiProperty({
    enum: OUTCOME_KINDS,
    enumName: 'OutcomeKind',
    description:
      '`establish-missions` lists `missions` (and no `areas`); `cooperation` lists `areas` (and no `missions`); `other` has neither.',
    example: 'establish-missions',
  })
  @IsIn(OUTCOME_KINDS)
  kind!: OutcomeKind;

  @ApiProperty({
    ...plainText(2000),
    example: 'Open permanent missions in both capitals as soon as possible',
  })
  @IsPlainText(2000)
  summary!: string;

  /** The missions to open: required for, and only for, establish-missions. */
  @ApiPropertyOptional({
    type: () => [AgreedMissionRequest],
    minItems: 1,
    maxItems: 50,
    description:
      'The missions to open: required for, and only for, `establish-missions`; each is planned from the meeting.',
  })
  @IsListOf(() => AgreedMissionRequest, { min: 1, max: 50 })
  @ListedFor('establish-missions')
  missions?: AgreedMissionRequest[];

  /** Areas of cooperation: required for, and only for, cooperation. */
  @ApiPropertyOptional({
    type: 'array',
    items: plainText(100),
    minItems: 1,
    maxItems: 50,
    description:
      'Areas of cooperation: required for, and only for, `cooperation`; none named twice (case aside).',
    example: ['trade', 'investment', 'agriculture', 'energy', 'health'],
  })
  @RefusedByRule(MeetingRules.duplicateArea, (areas: readonly string[]) => areasRefusal(areas))
  @NormalizedText()
  @IsList({ min: 1, max: 50, items: plainTextCheck(100) })
  @ListedFor('cooperation')
  areas?: string[];
}

/**
 * The meeting's fields the domain's rules across fields read (meetingFieldRefusals, 'across'),
 * each left undefined where it is not valid on its own (its own error says why), at its index.
 */
function meetingFieldsOf(request: RecordMeetingRequest): MeetingFields {
  const parties = listOf(request.parties);
  return {
    parties: parties.length === 2 ? parties.map(stateOf) : [],
    outcomes: listOf(request.outcomes).map((outcome) => {
      if (!isJsonObject(outcome)) return undefined;
      const { outcomeId, kind } = outcome;
      return {
        outcomeId:
          typeof outcomeId === 'string' && OUTCOME_ID.test(outcomeId) ? outcomeId : undefined,
        kind: typeof kind === 'string' ? kind : undefined,
        missions: listOf(outcome.missions).map((entry) => {
          if (!isJsonObject(entry)) return undefined;
          return {
            sendingState: stateOf(entry.sendingState),
            receivingState: stateOf(entry.receivingState),
            city: cityCheck(entry.city) === undefined ? (entry.city as string) : undefined,
          };
        }),
      };
    }),
  };
}

const cityCheck = plainTextCheck(100);

function stateOf(value: unknown): string | undefined {
  return countryCodeCheck(value) === undefined ? (value as string) : undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A meeting's parties, outcomes and missions: a mission's states are the parties, and no
 * outcome id or mission is repeated in the meeting (each named where it is repeated).
 */
@CheckedAcrossFields((request: RecordMeetingRequest) =>
  meetingFieldRefusals(meetingFieldsOf(request), 'across'),
)
export class RecordMeetingRequest {
  @ApiProperty({ ...plainText(300), example: 'ROK–Cuba bilateral meeting' })
  @IsPlainText(300)
  title!: string;

  @ApiProperty({
    ...CALENDAR_DATE,
    description: 'When the meeting took place: not in the future.',
    example: '2024-06-12',
  })
  @IsCalendarDate()
  heldOn!: string;

  @ApiPropertyOptional({ ...plainText(200), example: 'Seoul' })
  @IsOptional()
  @IsPlainText(200)
  place?: string;

  @ApiProperty({
    type: 'array',
    items: STATE_CODE,
    minItems: 2,
    maxItems: 2,
    description: `The two states that met, each an ${STATE_CODE_DESCRIPTION}; not the same state twice.`,
    example: ['KR', 'CU'],
  })
  @RefusedByRule(MeetingRules.sameParties, (parties: readonly string[]) => partiesRefusal(parties))
  @IsList({ min: 2, max: 2, items: countryCodeCheck })
  parties!: string[];

  @ApiPropertyOptional({ type: () => [ParticipantRequest], maxItems: 200 })
  @IsOptional()
  @IsListOf(() => ParticipantRequest, { min: 0, max: 200 })
  participants?: ParticipantRequest[];

  @ApiProperty({ type: () => [OutcomeRequest], minItems: 1, maxItems: 50 })
  @IsListOf(() => OutcomeRequest, { min: 1, max: 50 })
  outcomes!: OutcomeRequest[];
}
