import { Module } from '@nestjs/common';
import { MissionsModule } from '../missions/missions.module.js';
import { ExecuteMeetingCommandHandler } from './commands/execute-meeting-command.js';
import { MeetingOutcomesHttp } from './read-models/meeting-outcomes/meeting-outcomes.http.js';
import { RecordMeetingHttp } from './commands/record-meeting/record-meeting.http.js';

@Module({
  imports: [MissionsModule],
  controllers: [RecordMeetingHttp, MeetingOutcomesHttp],
  providers: [ExecuteMeetingCommandHandler],
})
export class MeetingsModule {}
