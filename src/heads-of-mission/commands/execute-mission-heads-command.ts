import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context.js';
import {
  type CommandOutcome,
  DeciderCommandRunner,
} from '../../command-handling/decider-command-runner.js';
import { missionHeadsStreamOf } from '../domain/head-of-mission-streams.js';
import type { MissionHeadsCommand } from '../domain/mission-heads.commands.js';
import { missionHeadsDecider } from '../domain/mission-heads.decider.js';
import type { MissionHeadsEvent } from '../domain/mission-heads.events.js';

/** A command on a mission's register of heads (nominations, chargés d'affaires a.i.). */
export class ExecuteMissionHeadsCommand extends Command<CommandOutcome<MissionHeadsEvent>> {
  constructor(
    readonly missionId: string,
    readonly command: MissionHeadsCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteMissionHeadsCommand)
export class ExecuteMissionHeadsCommandHandler implements ICommandHandler<ExecuteMissionHeadsCommand> {
  constructor(private readonly runner: DeciderCommandRunner) {}

  execute({ missionId, command, context }: ExecuteMissionHeadsCommand) {
    return this.runner.run({
      stream: missionHeadsStreamOf(missionId),
      decider: missionHeadsDecider,
      command,
      commandName: command.type,
      context,
    });
  }
}
