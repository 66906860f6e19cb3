import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context.js';
import {
  type CommandOutcome,
  DeciderCommandRunner,
} from '../../command-handling/decider-command-runner.js';
import type { MeetingCommand } from '../domain/meeting.commands.js';
import { meetingDecider, meetingStreamOf } from '../domain/meeting.decider.js';
import type { MeetingEvent } from '../domain/meeting.events.js';

export class ExecuteMeetingCommand extends Command<CommandOutcome<MeetingEvent>> {
  constructor(
    readonly meetingId: string,
    readonly command: MeetingCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteMeetingCommand)
export class ExecuteMeetingCommandHandler implements ICommandHandler<ExecuteMeetingCommand> {
  constructor(private readonly runner: DeciderCommandRunner) {}

  execute({ meetingId, command, context }: ExecuteMeetingCommand) {
    return this.runner.run({
      stream: meetingStreamOf(meetingId),
      decider: meetingDecider,
      command,
      commandName: command.type,
      context,
    });
  }
}
