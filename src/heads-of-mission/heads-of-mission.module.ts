import { Module } from '@nestjs/common';
import { AppointHeadOfMissionHttp } from './commands/appoint-head-of-mission/appoint-head-of-mission.http.js';
import { DesignateChargeDAffairesHttp } from './commands/designate-charge-d-affaires/designate-charge-d-affaires.http.js';
import { EndFunctionsHttp } from './commands/end-functions/end-functions.http.js';
import { ExecuteHeadOfMissionCommandHandler } from './commands/execute-head-of-mission-command.js';
import { ExecuteMissionHeadsCommandHandler } from './commands/execute-mission-heads-command.js';
import { GrantAgrementHttp } from './commands/grant-agrement/grant-agrement.http.js';
import { HeadOfMissionCommandRoute } from './commands/head-of-mission-command.route.js';
import { HeadOfMissionContextLoader } from './commands/head-of-mission-context.loader.js';
import { HeadsRecordQueue } from './commands/heads-record-queue.js';
import { NominateHeadOfMissionHttp } from './commands/nominate-head-of-mission/nominate-head-of-mission.http.js';
import { PresentCopyOfCredentialsHttp } from './commands/present-copy-of-credentials/present-copy-of-credentials.http.js';
import { PresentCredentialsHttp } from './commands/present-credentials/present-credentials.http.js';
import { RecordHeadOfMissionArrivalHttp } from './commands/record-head-of-mission-arrival/record-head-of-mission-arrival.http.js';
import { RefuseAgrementHttp } from './commands/refuse-agrement/refuse-agrement.http.js';
import { RequestAgrementHttp } from './commands/request-agrement/request-agrement.http.js';

/**
 * The head-of-mission track, independent of a mission's premises: nominees' tracks (stream
 * `head-of-mission-<id>`) and each mission's register of heads (`heads-of-mission-<missionId>`).
 * The mission status read model shows them.
 */
@Module({
  controllers: [
    NominateHeadOfMissionHttp,
    RequestAgrementHttp,
    GrantAgrementHttp,
    RefuseAgrementHttp,
    AppointHeadOfMissionHttp,
    RecordHeadOfMissionArrivalHttp,
    PresentCopyOfCredentialsHttp,
    PresentCredentialsHttp,
    EndFunctionsHttp,
    DesignateChargeDAffairesHttp,
  ],
  providers: [
    ExecuteHeadOfMissionCommandHandler,
    ExecuteMissionHeadsCommandHandler,
    HeadOfMissionContextLoader,
    HeadOfMissionCommandRoute,
    HeadsRecordQueue,
  ],
  // A mission's closure is dated against its heads-of-mission record, decided in its turn.
  exports: [HeadOfMissionContextLoader, HeadsRecordQueue],
})
export class HeadsOfMissionModule {}
