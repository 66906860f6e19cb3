import type Database from 'better-sqlite3';
import type { DiplomatView } from '../missions/read-models/mission-status/mission-diplomats.js';
import { diplomatsOf } from '../missions/read-models/mission-status/mission-diplomats.js';
import {
  type Lifecycle,
  lifecycleOf,
  MissionStatusQueries,
  type MissionStatusView,
} from '../missions/read-models/mission-status/mission-status.queries.js';
import { missionViewJson } from './mission-view-json.js';

/** Characters of milestone JSON kept for the missions changed last (~2 bytes each). */
const KEPT_CHARACTERS = 16 * 1024 * 1024;

/** What a live feed sends for a mission: the view (without milestones) to filter on, and its JSON. */
export interface LiveMissionView {
  readonly view: MissionStatusView;
  readonly json: string;
}

interface Timeline {
  /** Revision of the last milestone read. */
  readonly revision: number;
  /** The milestones read so far, as JSON elements without the brackets. */
  readonly json: string;
  readonly diplomats: readonly DiplomatView[];
  readonly lifecycle: Lifecycle;
}

/**
 * The views live feeds send, built per change without reading a mission's whole timeline
 * again: the milestones of the missions changed last are kept as JSON, and only those
 * written since are read (a timeline only grows). The rest of the view is read afresh.
 */
export class LiveMissionViews {
  private db: Database.Database | undefined;
  private readonly timelines = new Map<string, Timeline>();
  private characters = 0;

  /** The mission's view and JSON as the database now has them; undefined if not planned. */
  of(db: Database.Database, missionId: string, today: string): LiveMissionView | undefined {
    if (db !== this.db) {
      // Another generation (a rebuild was swapped in): nothing kept is its.
      this.db = db;
      this.timelines.clear();
      this.characters = 0;
    }
    const timeline = this.timelineOf(db, missionId);
    const view = MissionStatusQueries.withTimeline(db, missionId, today, {
      milestones: [],
      diplomats: timeline.diplomats,
      lifecycle: timeline.lifecycle,
    });
    return view && { view, json: missionViewJson(view, timeline.json) };
  }

  private timelineOf(db: Database.Database, missionId: string): Timeline {
    const kept = this.timelines.get(missionId);
    const added = MissionStatusQueries.milestonesAfter(db, missionId, kept?.revision ?? -1);
    if (kept && added.length === 0) {
      // Most recently used last: the first ones are dropped when over the budget.
      this.timelines.delete(missionId);
      this.timelines.set(missionId, kept);
      return kept;
    }
    const elements = JSON.stringify(added).slice(1, -1);
    const json = kept?.json ? (elements ? `${kept.json},${elements}` : kept.json) : elements;
    const timeline: Timeline = {
      revision: added.at(-1)?.revision ?? kept?.revision ?? -1,
      json,
      diplomats: diplomatsOf(added, kept?.diplomats),
      lifecycle: lifecycleOf(added, kept?.lifecycle),
    };
    this.keep(missionId, timeline, kept);
    return timeline;
  }

  private keep(missionId: string, timeline: Timeline, replaced: Timeline | undefined): void {
    this.timelines.delete(missionId);
    this.characters += timeline.json.length - (replaced?.json.length ?? 0);
    this.timelines.set(missionId, timeline);
    for (const [id, oldest] of this.timelines) {
      if (this.characters <= KEPT_CHARACTERS || id === missionId) break;
      this.timelines.delete(id);
      this.characters -= oldest.json.length;
    }
  }
}
