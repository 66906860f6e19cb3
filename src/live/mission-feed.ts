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
  /** How long the client may leave what was written unread before it counts as too slow. */
  readonly stallMs: number;
  readonly heartbeatMs: number;
  readonly onEnd: () => void;
}

const CATCH_UP_PAGE = 200;
const TOO_SLOW = 'client too slow: resume with Last-Event-ID';

/**
 * One dashboard's Server-Sent Events stream. It first sends the current read model of
 * every mission changed after the resume position (oldest change first), then each
 * change as the projection runner publishes it, with the change's position as the
 * event id: resuming from any id misses nothing. A resumed stream then sends the missions
 * overdue now (without an id), which may have become so at a midnight it missed.
 *
 * Everything goes at the client's pace: the catch-up a page at a time, each once the one
 * before was read; live changes are written while the socket takes them, and wait while it
 * does not, one per mission (a newer change of a mission replaces the one waiting, moving
 * to the end: ids stay in commit order, and what waits is bounded by the missions, not by
 * the changes). A client that leaves what was written unread for `stallMs` is dropped, with
 * a reason, and its connection cut.
 *
 * With a filter, a change that takes a mission out of it (an arrival, under
 * `status=opening-team-dispatched`) is sent as a `left` event naming the mission, so a
 * dashboard can drop it: for a mission this stream sent, and on a resumed stream for any
 * mission of the filter's states (the client may hold missions sent before it resumed);
 * never for another state's mission, which no change can bring into the filter.
 */
export class MissionFeed {
  private lastSent: Position;
  /** Changes not written yet, the latest of each mission, in commit order. */
  private readonly waiting = new Map<string, MissionUpdate>();
  private catchingUp = true;
  /** Waiting for the socket to take what was written (a drain) before writing more. */
  private awaitingDrain = false;
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
    // What the catch-up sent: of the missions overdue now, a resumed stream sends the others.
    const caughtUp = new Set<string>();
    for (;;) {
      // The page holds every change committed before it is read: what was delivered while
      // waiting is in it (the rest comes after the catch-up, past lastSent). Not a midnight's
      // re-send, which no position records: it stays to be sent.
      for (const [key, update] of this.waiting) {
        if (update.position !== null) this.waiting.delete(key);
      }
      const page = MissionStatusQueries.changedAfter(
        this.options.database(),
        this.lastSent,
        tellLeaving ? this.states : this.options.filter,
        CATCH_UP_PAGE,
        this.options.today(),
      );
      for (const view of page) {
        const position = view.position as Position;
        if (this.resumed) caughtUp.add(view.id);
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
    if (this.resumed && !(await this.sendOverdueNow(caughtUp))) return;
    this.catchingUp = false;
    this.flush();
  }

  /** Called by the hub for every committed change, in commit order. */
  deliver(updates: readonly MissionUpdate[]): void {
    if (this.ended) return;
    for (const update of updates) {
      const key = update.mission?.view.id ?? `@${update.position ?? ''}`;
      this.waiting.delete(key);
      this.waiting.set(key, update);
    }
    if (!this.catchingUp) this.flush();
  }

  /** Ends the stream, telling the client when to come back. */
  close(reason: string, retryMs: number): void {
    this.write(
      `retry: ${retryMs}\nevent: closing\ndata: ${JSON.stringify({ reason, resumeAfter: this.lastSent })}\n\n`,
    );
    this.end();
  }

  /**
   * The missions of the stream's states overdue now, without an id: a target that passed at
   * a midnight while the client was away changed no read model's position, so the catch-up
   * does not know it. Those the catch-up sent, or that wait to be sent, are not sent twice.
   * False when the stream ended.
   */
  private async sendOverdueNow(caughtUp: ReadonlySet<string>): Promise<boolean> {
    let after: string = START;
    for (;;) {
      const page = MissionStatusQueries.changedAfter(
        this.options.database(),
        after,
        { ...this.states, overdue: true },
        CATCH_UP_PAGE,
        this.options.today(),
      );
      for (const view of page) {
        after = view.position;
        if (caughtUp.has(view.id) || this.waiting.has(view.id)) continue;
        if (MissionStatusQueries.matches(view, this.options.filter)) {
          this.send(view.id, JSON.stringify(view), null);
        } else if (this.filtered) {
          this.sendLeft(view, null);
        }
      }
      if (page.length < CATCH_UP_PAGE || this.ended) return !this.ended;
      if (!(await this.drained())) return false;
    }
  }

  /** Writes the waiting changes while the socket takes them; the rest once it drains. */
  private flush(): void {
    if (this.awaitingDrain) return;
    for (const [key, update] of this.waiting) {
      if (this.ended) return;
      if (this.options.response.writableNeedDrain) {
        this.awaitDrain();
        return;
      }
      this.waiting.delete(key);
      this.sendUpdate(update);
    }
  }

  private sendUpdate({ position, mission }: MissionUpdate): void {
    if (position !== null && comparePositions(position, this.lastSent) <= 0) return;
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
  }

  /** Writes the rest once the socket drains; a client that reads nothing for stallMs is dropped. */
  private awaitDrain(): void {
    this.awaitingDrain = true;
    void this.drained().then((read) => {
      this.awaitingDrain = false;
      if (read) this.flush();
    });
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
    this.write(`${id}event: ${event}\ndata: ${data}\n\n`);
  }

  /**
   * Resolves true once the socket has taken what was written (at once when it already has),
   * false when the stream ended meanwhile or the client read nothing for stallMs: then it
   * is told it is too slow, and its connection is cut rather than left to hold what it did
   * not read.
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
      const timer = setTimeout(() => done(false), this.options.stallMs);
      response.on('drain', onDrain);
      response.on('close', onClose);
    });
    if (!read && !this.ended) {
      this.close(TOO_SLOW, 2000);
      response.destroy();
    }
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
    this.waiting.clear();
    if (!this.options.response.writableEnded) this.options.response.end();
    this.options.onEnd();
  }
}
