import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { newResourceId } from '../../../command-handling/new-resource-id.js';
import { todayAnywhere } from '../../../command-handling/today.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { commandResponse } from '../../../http/command-response.js';
import { ExecuteMeetingCommand } from '../execute-meeting-command.js';
import { toRecordMeeting } from './record-meeting.mapping.js';
import { RecordMeetingRequest } from './record-meeting.request.js';

/** Namespace for meeting ids derived from an idempotency key. */
const MEETING_ID_NAMESPACE = '2b1f0c4e-7a9d-4c3b-8e5f-6a7b8c9d0e1f';

@Controller('api/meetings')
export class RecordMeetingHttp {
  constructor(private readonly commands: CommandBus) {}

  /** Records a meeting and its outcomes; the missions it calls for are planned from it. */
  @Post()
  @Allow('staff')
  async record(
    @Body() body: RecordMeetingRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const meetingId = newResourceId(context, MEETING_ID_NAMESPACE);
    const command = toRecordMeeting(meetingId, body, todayAnywhere(context.now));
    const outcome = await this.commands.execute(
      new ExecuteMeetingCommand(meetingId, command, context),
    );
    const recorded = outcome.events[0];
    const missionIds = recorded.data.outcomes.flatMap((o) =>
      o.kind === 'establish-missions' ? o.missions.map((m) => m.missionId) : [],
    );
    return commandResponse(reply, outcome, {
      created: true,
      location: `/api/meetings/${meetingId}`,
      body: { meetingId, missionIds },
    });
  }
}
