import { Module } from '@nestjs/common';
import { ExecuteMeetingCommandHandler } from './commands/execute-meeting-command.js';
import { RecordMeetingHttp } from './commands/record-meeting/record-meeting.http.js';

@Module({
  controllers: [RecordMeetingHttp],
  providers: [ExecuteMeetingCommandHandler],
})
export class MeetingsModule {}
