import type { ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { comparePositions, START, type Position } from '../event-store/position.js';
import {
  type MissionFilter,
  MissionStatusQueries,
} from '../missions/read-models/mission-status/mission-status.queries.js';
import type { LiveMissionView } from './live-mission-views.js';

/**
 * A change to one mission, with its read model as it stands now: committed at `position`, or
 * (position null) the day changed and a target of the mission passed, which no event records.
 */
export interface MissionUpdate {
  readonly position: Position | null;
  /** undefined when there is no such mission (an event of a mission never planned). */
  readonly mission: LiveMissionView | undefined;
}

export interface MissionFeedOptions {
  readonly response: ServerResponse;
  readonly after: Position;
  readonly filter: MissionFilter;
  /** The mission status database now serving (it changes after a rebuild). */
  readonly database: () => Database.Database;
  readonly today: () => string;
  /** Bytes the socket may hold unsent before the client counts as too slow. */
  readonly maxBufferedBytes: number;
  readonly heartbeatMs: number;
  readonly onEnd: () => void;
}

const CATCH_UP_PAGE = 200;
/** How long a catching-up client may take to read a page before it counts as too slow. */
const CATCH_UP_DRAIN_MS = 30_000;

/**
 * One dashboard's Server-Sent Events stream. It first sends the current read model of
 * every mission changed after the resume position (oldest change first), then each
 * change as the projection runner publishes it, with the change's position as the
 * event id: resuming from any id misses nothing. The catch-up goes at the client's pace (a
 * page is sent once the one before was read); after it, a client that cannot keep up is
 * dropped with a reason rather than buffered without bound.
 *
 * With a filter, a change that takes a mission out of it (an arrival, under
 * `status=opening-team-dispatched`) is sent as a `left` event naming the mission, so a
 * dashboard can drop it: for a mission this stream sent, and on a resumed stream for any
 * mission of the filter's states (the client may hold missions sent before it resumed);
 * never for another state's mission, which no change can bring into the filter.
 */
export class MissionFeed {
  private lastSent: Position;
  private queued: MissionUpdate[] = [];
  private catchingUp = true;
  /** What the socket had not taken of the last event when it was written: still being read. */
  private lastEventUnsent = 0;
  private ended = false;
  private readonly heartbeat: NodeJS.Timeout;
  /** Missions sent on this stream that still match its filter. */
  private readonly shown = new Set<string>();
  private readonly filtered: boolean;
  private readonly resumed: boolean;
  /** The filter's states: no change takes a mission out of them, so none is ever `left`. */
  private readonly states: MissionFilter;

  constructor(private readonly options: MissionFeedOptions) {
    this.lastSent = options.after;
    this.filtered = Object.values(options.filter).some((value) => value !== undefined);
    this.resumed = options.after !== START;
    const { sendingState, receivingState, state } = options.filter;
    this.states = { sendingState, receivingState, state };
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), options.heartbeatMs);
    this.heartbeat.unref();
    options.response.on('close', () => this.end());
  }

  /** Sends what changed after the resume position, then whatever was published meanwhile. */
  async start(): Promise<void> {
    this.write('retry: 2000\n\n');
    // A resumed, filtered stream reads every change of its states' missions, to tell which
    // left the filter's status or overdue.
    const tellLeaving = this.filtered && this.resumed;
    for (;;) {
      // The page holds every change committed before it is read: what was delivered while
      // waiting is in it (the rest comes after the catch-up, past lastSent).
      this.queued = [];
      const page = MissionStatusQueries.changedAfter(
        this.options.database(),
        this.lastSent,
        tellLeaving ? this.states : this.options.filter,
        CATCH_UP_PAGE,
        this.options.today(),
      );
      for (const view of page) {
        const position = view.position as Position;
        if (MissionStatusQueries.matches(view, this.options.filter)) {
          this.send(view.id, JSON.stringify(view), position);
        } else {
          this.sendLeft(view, position);
        }
      }
      if (page.length < CATCH_UP_PAGE || this.ended) break;
      // The next page once the client has read this one (other requests go in between).
      if (!(await this.drained())) return;
    }
    this.catchingUp = false;
    this.deliver([]);
  }

  /** Called by the hub for every committed change, in commit order. */
  deliver(updates: readonly MissionUpdate[]): void {
    if (this.ended) return;
    this.queued.push(...updates);
    if (this.catchingUp) return;
    const pending = this.queued;
    this.queued = [];
    for (const { position, mission } of pending) {
      if (position !== null && comparePositions(position, this.lastSent) <= 0) continue;
      if (mission && MissionStatusQueries.matches(mission.view, this.options.filter)) {
        this.send(mission.view.id, mission.json, position);
      } else if (
        mission &&
        this.filtered &&
        (this.resumed || this.shown.has(mission.view.id)) &&
        MissionStatusQueries.matches(mission.view, this.states)
      ) {
        this.sendLeft(mission.view, position);
      } else if (position !== null) {
        this.lastSent = position;
      }
      if (this.ended) return;
    }
  }

  /** Ends the stream, telling the client when to come back. */
  close(reason: string, retryMs: number): void {
    this.write(
      `retry: ${retryMs}\nevent: closing\ndata: ${JSON.stringify({ reason, resumeAfter: this.lastSent })}\n\n`,
    );
    this.end();
  }

  /** Sends a mission's view (its JSON) as the change at `position` (null: without an id). */
  private send(missionId: string, json: string, position: Position | null): void {
    this.shown.add(missionId);
    this.emit('mission', json, position);
  }

  /** Tells the client the change at `position` took the mission out of the stream's filter. */
  private sendLeft(view: LiveMissionView['view'], position: Position | null): void {
    this.shown.delete(view.id);
    this.emit(
      'left',
      JSON.stringify({ id: view.id, status: view.status, position: position ?? view.position }),
      position,
    );
  }

  /**
   * An event with the store position as its id; one a change of day caused goes without an
   * id (SSE keeps the last one), so resuming still means "after this store position".
   */
  private emit(event: 'mission' | 'left', data: string, position: Position | null): void {
    if (position !== null) this.lastSent = position;
    const id = position === null ? '' : `id: ${position}\n`;
    // Dropped when the client left more than the limit unsent besides what it had still to
    // read of the event before this one: a change larger than the limit (a mission with
    // thousands of diplomats) is no backlog, and a client reading it as it comes is not slow.
    const { response } = this.options;
    const unsent = response.writableLength;
    const backlog = unsent - this.lastEventUnsent;
    this.write(`${id}event: ${event}\ndata: ${data}\n\n`);
    // What the socket did not take of this event at once (no byte count of the text needed).
    this.lastEventUnsent = response.writableLength - unsent;
    if (!this.catchingUp && backlog > this.options.maxBufferedBytes) {
      this.close('client too slow: resume with Last-Event-ID', 2000);
    }
  }

  /**
   * Resolves true once the socket has taken what was written (at once when it already has),
   * false when the stream ended meanwhile or the client read nothing for CATCH_UP_DRAIN_MS.
   */
  private async drained(): Promise<boolean> {
    const { response } = this.options;
    if (!response.writableNeedDrain) {
      await new Promise((resolve) => setImmediate(resolve));
      return !this.ended;
    }
    const read = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        response.off('drain', onDrain);
        response.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), CATCH_UP_DRAIN_MS);
      response.on('drain', onDrain);
      response.on('close', onClose);
    });
    if (!read && !this.ended) this.close('client too slow: resume with Last-Event-ID', 2000);
    return read && !this.ended;
  }

  private write(chunk: string): void {
    if (this.ended) return;
    this.options.response.write(chunk);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.queued = [];
    if (!this.options.response.writableEnded) this.options.response.end();
    this.options.onEnd();
  }
}
