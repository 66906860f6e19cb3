import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config/config.js';
import { APP_CONFIG } from './config/app-config.token.js';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CheckpointsModule } from './checkpoints/checkpoints.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { CommandHandlingModule } from './command-handling/command-handling.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { RelationsModule } from './relations/relations.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { LiveModule } from './live/live.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MissionsModule } from './missions/missions.module.js';
import { HeadsOfMissionModule } from './heads-of-mission/heads-of-mission.module.js';
import { OperationsModule, type OperationsOptions } from './operations/operations.module.js';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig, operations: OperationsOptions = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        EventStoreModule,
        AuthModule,
        // After AuthModule: its rate-limit guard runs after the AuthGuard, by token.
        OperationsModule.forRoot(config, operations),
        CommandHandlingModule,
        IdempotencyModule,
        CheckpointsModule,
        ProjectionsModule,
        HealthModule,
        MeetingsModule,
        MissionsModule,
        HeadsOfMissionModule,
        RelationsModule,
        LiveModule,
        AdminModule,
        AuditModule,
        DashboardModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
