import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token.js';
import type { AppConfig } from '../config/config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { EventLog } from './events-log/event-log.js';
import { EventsLogHttp } from './events-log/events-log.http.js';
import { EventsExportHttp } from './export/events-export.http.js';
import { MissionHistoryHttp } from './history/mission-history.http.js';
import { StreamHistory } from './history/stream-history.js';
import { Calendar } from '../command-handling/calendar.js';
import { MissionReplay } from './replay/mission-replay.js';
import { MissionReplayHttp } from './replay/mission-replay.http.js';
import { AuditVerifyHttp } from './verify/audit-verify.http.js';
import { ChainVerifier } from './verify/chain-verifier.js';

/** Plain classes over the event store, shared with the audit CLI; the controllers are thin. */
const onStore = <T>(make: new (store: EventStore) => T) => ({
  provide: make,
  inject: [EVENT_STORE],
  useFactory: (store: EventStore) => new make(store),
});

/** Auditors: event history, the global log, replay, hash-chain verification, digest, export. */
@Module({
  controllers: [
    MissionHistoryHttp,
    MissionReplayHttp,
    EventsExportHttp,
    EventsLogHttp,
    AuditVerifyHttp,
  ],
  providers: [
    onStore(StreamHistory),
    onStore(EventLog),
    {
      provide: MissionReplay,
      inject: [EVENT_STORE, Calendar],
      useFactory: (store: EventStore, calendar: Calendar) => new MissionReplay(store, calendar),
    },
    {
      provide: ChainVerifier,
      inject: [EVENT_STORE, APP_CONFIG],
      useFactory: (store: EventStore, config: AppConfig) =>
        new ChainVerifier(store, { storeConfig: config.store }),
    },
  ],
})
export class AuditModule {}
