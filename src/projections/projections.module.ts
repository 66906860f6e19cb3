import { Global, Module } from '@nestjs/common';
import { meetingOutcomesProjection } from '../meetings/read-models/meeting-outcomes/meeting-outcomes.projection.js';
import { missionStatusProjection } from '../missions/read-models/mission-status/mission-status.projection.js';
import { ProcessManagerRegistry } from '../subscriptions/process-manager-registry.js';
import { ProjectionsService } from './projections.service.js';
import { PROJECTIONS } from './projections.token.js';
import { ReadModelChanges } from './read-model-changes.js';
import { ReadYourWrites } from './read-your-writes.js';

/** The projections this service keeps, with the machinery that runs and serves them. */
@Global()
@Module({
  providers: [
    { provide: PROJECTIONS, useValue: [missionStatusProjection, meetingOutcomesProjection] },
    ProjectionsService,
    ReadModelChanges,
    ProcessManagerRegistry,
    ReadYourWrites,
  ],
  exports: [ProjectionsService, ReadModelChanges, ProcessManagerRegistry, ReadYourWrites],
})
export class ProjectionsModule {}
