import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context.js';
import {
  type CommandOutcome,
  DeciderCommandRunner,
} from '../../command-handling/decider-command-runner.js';
import { headOfMissionStreamOf } from '../domain/head-of-mission-streams.js';
import type { HeadOfMissionCommand } from '../domain/head-of-mission.commands.js';
import { headOfMissionDecider } from '../domain/head-of-mission.decider.js';
import type { HeadOfMissionEvent } from '../domain/head-of-mission.events.js';

/** Any command on one nominee's track, decided against its stream by the generic runner. */
export class ExecuteHeadOfMissionCommand extends Command<CommandOutcome<HeadOfMissionEvent>> {
  constructor(
    readonly headOfMissionId: string,
    readonly command: HeadOfMissionCommand,
    readonly context: CommandContext,
    /** Deterministic event ids, for writes two requests may race to make (the nomination). */
    readonly eventIds?: (index: number) => string,
  ) {
    super();
  }
}

@CommandHandler(ExecuteHeadOfMissionCommand)
export class ExecuteHeadOfMissionCommandHandler implements ICommandHandler<ExecuteHeadOfMissionCommand> {
  constructor(private readonly runner: DeciderCommandRunner) {}

  execute({ headOfMissionId, command, context, eventIds }: ExecuteHeadOfMissionCommand) {
    return this.runner.run({
      stream: headOfMissionStreamOf(headOfMissionId),
      decider: headOfMissionDecider,
      command,
      commandName: command.type,
      context,
      eventIds,
    });
  }
}
