import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context.js';
import {
  type CommandOutcome,
  DeciderCommandRunner,
} from '../../command-handling/decider-command-runner.js';
import { missionStreamOf } from '../domain/mission-id.js';
import type { MissionCommand } from '../domain/mission.commands.js';
import { missionDecider } from '../domain/mission.decider.js';
import type { MissionEvent } from '../domain/mission.events.js';

/** Any mission command, decided against the mission's stream by the generic runner. */
export class ExecuteMissionCommand extends Command<CommandOutcome<MissionEvent>> {
  constructor(
    readonly missionId: string,
    readonly command: MissionCommand,
    readonly context: CommandContext,
    /** Deterministic event ids, for callers that must stay idempotent without a key. */
    readonly eventIds?: (index: number) => string,
  ) {
    super();
  }
}

@CommandHandler(ExecuteMissionCommand)
export class ExecuteMissionCommandHandler implements ICommandHandler<ExecuteMissionCommand> {
  constructor(private readonly runner: DeciderCommandRunner) {}

  execute({ missionId, command, context, eventIds }: ExecuteMissionCommand) {
    return this.runner.run({
      stream: missionStreamOf(missionId),
      decider: missionDecider,
      command,
      commandName: command.type,
      context,
      eventIds,
    });
  }
}
