import { Module } from '@nestjs/common';
import { MeetingMissionsCheck } from '../missions/meeting-outcomes/meeting-missions-check.js';
import { ExecuteMeetingCommandHandler } from './commands/execute-meeting-command.js';
import { MeetingOutcomesHttp } from './read-models/meeting-outcomes/meeting-outcomes.http.js';
import { RecordMeetingHttp } from './commands/record-meeting/record-meeting.http.js';

@Module({
  controllers: [RecordMeetingHttp, MeetingOutcomesHttp],
  providers: [ExecuteMeetingCommandHandler, MeetingMissionsCheck],
})
export class MeetingsModule {}
