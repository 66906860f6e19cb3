import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Position } from '../event-store/position.js';
import { Calendar } from '../command-handling/calendar.js';
import { daysBefore } from '../shared/iso-date.js';
import { MISSION_STATUS } from '../missions/read-models/mission-status/mission-status.projection.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { ReadModelChanges } from '../projections/read-model-changes.js';
import { MissionStatusQueries } from '../missions/read-models/mission-status/mission-status.queries.js';
import { LiveMissionViews } from './live-mission-views.js';
import type { MissionFeed, MissionUpdate } from './mission-feed.js';

/** How long after midnight (TIME_ZONE) the missions whose target passed are sent again. */
const AFTER_MIDNIGHT_MS = 1000;

/**
 * Every open mission feed of this node; the projection runner's changes fan out here, and
 * so, at each midnight in the ministry's time zone, do the missions whose target date has just passed: overdue
 * from that day with no event to say so.
 */
@Injectable()
export class LiveMissionsHub implements OnModuleDestroy {
  private readonly feeds = new Map<MissionFeed, string>();
  private readonly stopListening: () => void;
  private readonly views = new LiveMissionViews();
  private nextDay: NodeJS.Timeout | undefined;

  constructor(
    changes: ReadModelChanges,
    private readonly projections: ProjectionsService,
    private readonly calendar: Calendar,
  ) {
    // Each changed mission's view is built once, however many feeds are open, reading only
    // the milestones written since it was last built.
    this.stopListening = changes.listen((batch) => {
      if (this.feeds.size === 0) return;
      const db = projections.database(MISSION_STATUS).db;
      const today = this.calendar.today();
      const updates: MissionUpdate[] = batch
        .filter((c) => c.projection === MISSION_STATUS)
        .map((c) => ({
          position: c.position as Position,
          mission: this.views.of(db, c.key, today),
        }));
      if (updates.length === 0) return;
      for (const feed of this.feeds.keys()) feed.deliver(updates);
    });
    this.awaitNextDay();
  }

  /**
   * Sends every feed the missions with a target due the day before `today` and not met:
   * they are overdue from today (a `mission` event without an id, or `left` for a feed
   * filtered on `overdue=false`).
   */
  dayBegan(today = this.calendar.today()): void {
    if (this.feeds.size === 0) return;
    const db = this.projections.database(MISSION_STATUS).db;
    const updates: MissionUpdate[] = MissionStatusQueries.dueOn(db, daysBefore(today, 1)).map(
      (missionId) => ({ position: null, mission: this.views.of(db, missionId, today) }),
    );
    if (updates.length === 0) return;
    for (const feed of this.feeds.keys()) feed.deliver(updates);
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
    clearTimeout(this.nextDay);
    this.stopListening();
    this.closeAll('the service is shutting down', 1000);
  }

  private awaitNextDay(now = new Date()): void {
    const midnight = this.calendar.nextDayAt(now).getTime();
    this.nextDay = setTimeout(
      () => {
        this.dayBegan();
        this.awaitNextDay();
      },
      midnight - now.getTime() + AFTER_MIDNIGHT_MS,
    );
    this.nextDay.unref();
  }
}
