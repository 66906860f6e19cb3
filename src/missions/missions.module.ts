import { Module } from '@nestjs/common';
import { HeadsOfMissionModule } from '../heads-of-mission/heads-of-mission.module.js';
import { MeetingSources } from '../meetings/meeting-sources.js';
import { CloseMissionHttp } from './commands/close-mission/close-mission.http.js';
import { DispatchDiplomatHttp } from './commands/dispatch-diplomat/dispatch-diplomat.http.js';
import { ExecuteMissionCommandHandler } from './commands/execute-mission-command.js';
import { MissionCommandRoute } from './commands/mission-command.route.js';
import { OpenEmbassyHttp } from './commands/open-embassy/open-embassy.http.js';
import { OpenTemporaryOfficeHttp } from './commands/open-temporary-office/open-temporary-office.http.js';
import { PlanMissionHttp } from './commands/plan-mission/plan-mission.http.js';
import { RecordDiplomatArrivalHttp } from './commands/record-diplomat-arrival/record-diplomat-arrival.http.js';
import { ResumeOperationsHttp } from './commands/resume-operations/resume-operations.http.js';
import { SuspendOperationsHttp } from './commands/suspend-operations/suspend-operations.http.js';
import { MeetingMissionsCheck } from './meeting-outcomes/meeting-missions-check.js';
import { PlanMissionsFromMeetings } from './meeting-outcomes/plan-missions-from-meetings.js';
import { MissionStatusHttp } from './read-models/mission-status/mission-status.http.js';

@Module({
  imports: [HeadsOfMissionModule],
  controllers: [
    PlanMissionHttp,
    DispatchDiplomatHttp,
    RecordDiplomatArrivalHttp,
    OpenTemporaryOfficeHttp,
    OpenEmbassyHttp,
    SuspendOperationsHttp,
    ResumeOperationsHttp,
    CloseMissionHttp,
    MissionStatusHttp,
  ],
  providers: [
    ExecuteMissionCommandHandler,
    MissionCommandRoute,
    MeetingSources,
    PlanMissionsFromMeetings,
    MeetingMissionsCheck,
  ],
  // A recorded meeting's answer says which of its missions it could not plan.
  exports: [MeetingMissionsCheck],
})
export class MissionsModule {}
