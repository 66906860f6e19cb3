import type { MeetingRecorded } from '../../domain/meeting.events.js';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { newResourceId } from '../../../command-handling/new-resource-id.js';
import { Calendar } from '../../../command-handling/calendar.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { commandResponse } from '../../../http/command-response.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { RecordMeetingResponseSchema } from '../../../http/openapi/command-response.schema.js';
import { ROK_CUBA_MEETING_EXAMPLE } from '../../../http/openapi/examples.js';
import { MeetingRefusals } from '../../../http/openapi/mission-refusals.js';
import { MeetingMissionsCheck } from '../../../missions/meeting-outcomes/meeting-missions-check.js';
import { ExecuteMeetingCommand } from '../execute-meeting-command.js';
import { toRecordMeeting } from './record-meeting.mapping.js';
import { RecordMeetingRequest } from './record-meeting.request.js';

/** Namespace for meeting ids derived from an idempotency key. */
const MEETING_ID_NAMESPACE = '2b1f0c4e-7a9d-4c3b-8e5f-6a7b8c9d0e1f';

@ApiTags('meetings')
@Controller('api/meetings')
export class RecordMeetingHttp {
  constructor(
    private readonly commands: CommandBus,
    private readonly missions: MeetingMissionsCheck,
    private readonly calendar: Calendar,
  ) {}

  /** Records a meeting and its outcomes; the missions it calls for are planned from it. */
  @Post()
  @Allow('staff')
  @ApiCommand({
    operationId: 'recordMeeting',
    summary: 'Record a meeting and its outcomes',
    description:
      'Records a meeting between two states and what they agreed. The missions its `establish-missions` outcomes call for are planned from it asynchronously (`missionIds`); read them with `minPosition` set to the answer’s `position` to see them. The meeting is recorded as it happened; `missionsNotPlanned` names each mission it calls for that the planner could not plan from it (closed after the meeting was held, targets out of order with those in force, …) with the mission rule that refused it, as `POST /api/missions` would. Each refusal is recorded in the meeting’s stream (`MissionNotPlannedFromMeeting`), so the meeting never plans that mission later (after a restart or a restore). With an Idempotency-Key a retry names the same meeting and the same missions not planned.',
    response: RecordMeetingResponseSchema,
    created: 'The meeting was recorded; Location names it.',
    ...MeetingRefusals.recordMeeting,
    examplePath: '/api/meetings',
    exampleLocation: '/api/meetings/8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60',
  })
  @ApiExtraModels(RecordMeetingRequest)
  @ApiBody({
    required: true,
    schema: { $ref: getSchemaPath(RecordMeetingRequest) },
    examples: {
      'rok-cuba': { summary: 'The 2024-06-12 ROK–Cuba meeting', value: ROK_CUBA_MEETING_EXAMPLE },
    },
  })
  async record(
    @Body() body: RecordMeetingRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const meetingId = newResourceId(context, MEETING_ID_NAMESPACE);
    const command = toRecordMeeting(meetingId, body, this.calendar.today(context.now));
    const outcome = await this.commands.execute(
      new ExecuteMeetingCommand(meetingId, command, context),
    );
    const recorded = outcome.events.find(
      (event): event is MeetingRecorded => event.type === 'MeetingRecorded',
    );
    if (recorded === undefined) throw new Error(`meeting ${meetingId}: no MeetingRecorded`);
    const missionIds = recorded.data.outcomes.flatMap((o) =>
      o.kind === 'establish-missions' ? o.missions.map((m) => m.missionId) : [],
    );
    const missionsNotPlanned = await this.missions.notPlanned(
      recorded,
      outcome.position,
      context.now,
    );
    return commandResponse(reply, outcome, {
      created: true,
      location: `/api/meetings/${meetingId}`,
      body: { meetingId, missionIds, missionsNotPlanned },
    });
  }
}
