import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Position } from '../event-store/position.js';
import { todayUtc } from '../http/queries/today.js';
import { MISSION_STATUS } from '../missions/read-models/mission-status/mission-status.projection.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { ReadModelChanges } from '../projections/read-model-changes.js';
import { LiveMissionViews } from './live-mission-views.js';
import type { MissionFeed, MissionUpdate } from './mission-feed.js';

/** Every open mission feed of this node; the projection runner's changes fan out here. */
@Injectable()
export class LiveMissionsHub implements OnModuleDestroy {
  private readonly feeds = new Map<MissionFeed, string>();
  private readonly stopListening: () => void;
  private readonly views = new LiveMissionViews();

  constructor(changes: ReadModelChanges, projections: ProjectionsService) {
    // Each changed mission's view is built once, however many feeds are open, reading only
    // the milestones written since it was last built.
    this.stopListening = changes.listen((batch) => {
      if (this.feeds.size === 0) return;
      const db = projections.database(MISSION_STATUS).db;
      const today = todayUtc();
      const updates: MissionUpdate[] = batch
        .filter((c) => c.projection === MISSION_STATUS)
        .map((c) => ({
          position: c.position as Position,
          mission: this.views.of(db, c.key, today),
        }));
      if (updates.length === 0) return;
      for (const feed of this.feeds.keys()) feed.deliver(updates);
    });
  }

  add(feed: MissionFeed, owner: string): void {
    this.feeds.set(feed, owner);
  }

  remove(feed: MissionFeed): void {
    this.feeds.delete(feed);
  }

  /** Open feeds of one token holder. */
  countOf(owner: string): number {
    let count = 0;
    for (const o of this.feeds.values()) if (o === owner) count += 1;
    return count;
  }

  get size(): number {
    return this.feeds.size;
  }

  /** Ends every open feed, telling each client when to come back (SSE `retry`). */
  closeAll(reason: string, retryMs: number): void {
    for (const feed of [...this.feeds.keys()]) feed.close(reason, retryMs);
  }

  onModuleDestroy(): void {
    this.stopListening();
    this.closeAll('the service is shutting down', 1000);
  }
}
