import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../command-handling/command-context.js';
import { Calendar } from '../../command-handling/calendar.js';
import { commandResponse } from '../../http/command-response.js';
import type { MissionCommand } from '../domain/mission.commands.js';
import { ExecuteMissionCommand } from './execute-mission-command.js';

type CommandOf<Type extends MissionCommand['type']> = Extract<MissionCommand, { type: Type }>;

/**
 * What every milestone route does once its body is valid: send the command with the
 * caller's "today", answer 201 when it recorded a milestone and 200 when nothing needed
 * recording (a retried request).
 */
@Injectable()
export class MissionCommandRoute {
  constructor(
    private readonly commands: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  async record<Type extends MissionCommand['type']>(
    reply: FastifyReply,
    missionId: string,
    type: Type,
    data: CommandOf<Type>['data'],
    context: CommandContext,
    location?: (events: readonly { type: string; data: object }[]) => string,
    /** What the command needs beyond "today" (e.g. facts from other streams). */
    metadata?: Omit<CommandOf<Type>['metadata'], 'today'>,
  ) {
    const command = {
      type,
      data,
      metadata: { ...metadata, today: this.calendar.today(context.now) },
    } as CommandOf<Type>;
    const outcome = await this.commands.execute(
      new ExecuteMissionCommand(missionId, command, context),
    );
    return commandResponse(reply, outcome, {
      created: outcome.events.length > 0,
      location: location?.(outcome.events) ?? `/api/missions/${missionId}`,
      body: { missionId },
    });
  }
}
