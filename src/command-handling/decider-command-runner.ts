import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors.js';
import {
  EVENT_STORE,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '../event-store/event-store.port.js';
import type { Position } from '../event-store/position.js';
import type { Decider } from '../shared/decider.js';
import { DomainRuleError } from '../shared/domain-rule.error.js';
import type { JsonObject } from '../shared/json.js';
import type { CommandContext, ExpectedRevision } from './command-context.js';
import {
  ContentionError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
} from './command-errors.js';
import { eventMetadata } from './event-metadata.js';
import { FoldedStreams, keyOf, withKeyed } from './folded-streams.js';
import { KeyedQueue } from './keyed-queue.js';

export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

export interface CommandOutcome<Event extends DomainEvent> {
  readonly stream: string;
  /** The stream's revision after the command (-1 when the stream still does not exist). */
  readonly revision: number;
  /** The position of the stream's last event after the command. */
  readonly position: Position;
  /** The events this command recorded (on a repeated request: the ones it recorded the first time). */
  readonly events: readonly Event[];
  /** True when the request was a retry answered from the events it recorded before. */
  readonly repeated: boolean;
}

export interface RunCommand<Command, Event extends DomainEvent, State> {
  readonly stream: string;
  readonly decider: Decider<Command, Event, State>;
  readonly command: Command;
  /** The command's name as recorded in metadata (e.g. 'DispatchDiplomat'). */
  readonly commandName: string;
  readonly context: CommandContext;
  /** Event ids for a command that must stay idempotent without a key (e.g. a process manager). */
  readonly eventIds?: (index: number) => string;
}

interface LoadedStream<State> {
  readonly state: State;
  readonly lastHash: string | null;
  readonly revision: number | undefined;
  readonly position: Position;
  readonly keyed: ReadonlyMap<string, readonly number[]>;
  /** Events an earlier request with the same idempotency key recorded. */
  readonly earlier: readonly RecordedEvent[];
  /** False when the state came from memory without asking the store. */
  readonly fresh: boolean;
}

const MAX_ATTEMPTS = 20;

/**
 * The one generic command handler: fold the stream, decide, append with the revision it
 * decided against. A lost race is retried against fresh state unless the caller pinned a
 * revision with If-Match: that is then a 412, unless the command, decided on the stream as it
 * is, names something that does not exist (the 404 it would be without If-Match). An
 * Idempotency-Key is checked against the stream itself, so a retry after a crash or on another
 * node never records twice.
 *
 * A node decides one stream's commands one at a time, in the order they came, so commands
 * sent together to one mission are never decided against the same revision here: only a
 * race with another node (or process) on the same store costs a retry, and the retry budget
 * is for those.
 *
 * The folded state of recently used streams is kept in memory and trusted without a read:
 * the append names the revision it was decided against, so state gone stale (another node
 * appended) fails the append and is folded afresh. A refusal, or a decision to record
 * nothing, is never given on remembered state alone: it is confirmed against the store.
 */
@Injectable()
export class DeciderCommandRunner {
  private readonly streams: FoldedStreams;
  private readonly perStream = new KeyedQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.streams = new FoldedStreams(store);
  }

  run<Command, Event extends DomainEvent, State>(
    request: RunCommand<Command, Event, State>,
  ): Promise<CommandOutcome<Event>> {
    return this.perStream.run(request.stream, () => this.decideAndAppend(request));
  }

  private async decideAndAppend<Command, Event extends DomainEvent, State>(
    request: RunCommand<Command, Event, State>,
  ): Promise<CommandOutcome<Event>> {
    const { stream, decider, command, context } = request;
    let fromStore = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const loaded = await this.load(stream, decider, context, fromStore);
      fromStore = true;
      if (loaded.earlier.length > 0) return repeatedOutcome(stream, loaded.earlier, context);
      if (isStale(context.expectedRevision, loaded.revision)) {
        if (!loaded.fresh) continue;
        const notFound = notFoundRefusal(() => decider.decide(command, loaded.state));
        if (notFound) throw notFound;
        throw new StaleRevisionError(stream, context.expectedRevision!, loaded.revision);
      }
      let events: readonly Event[];
      try {
        events = decider.decide(command, loaded.state);
      } catch (refusal) {
        if (!loaded.fresh) continue;
        throw refusal;
      }
      if (events.length === 0) {
        if (!loaded.fresh) continue;
        return {
          stream,
          revision: loaded.revision ?? -1,
          position: loaded.position,
          events,
          repeated: false,
        };
      }
      const first = (loaded.revision ?? -1) + 1;
      const toAppend: EventToAppend[] = events.map((event, i) => ({
        id: request.eventIds?.(i) ?? randomUUID(),
        type: event.type,
        data: event.data as JsonObject,
        metadata: eventMetadata(request.commandName, context, event.type),
      }));
      try {
        const result = await this.store.append(stream, toAppend, loaded.revision ?? 'no-stream', {
          chain: { prevHash: loaded.lastHash },
        });
        // Deterministic ids may repeat an earlier append, whose events are not these:
        // the next command reads the stream instead.
        if (request.eventIds === undefined) {
          this.rememberAppended(stream, decider, loaded, events, {
            first,
            lastHash: result.lastHash ?? null,
            position: result.position,
            key: keyOf(context.actor.name, context.idempotencyKey),
          });
        }
        return {
          stream,
          revision: result.nextRevision,
          position: result.position,
          events,
          repeated: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Another node appended since: the next attempt folds the stream afresh (and, with
        // If-Match, finds it stale there).
      }
    }
    throw new ContentionError(stream);
  }

  /**
   * A 412 when If-Match names a revision the stream is not at: for a request refused before it
   * reaches `run` (a source it cites is looked up first), whose stale If-Match must still come
   * before that refusal, as it comes before a rule's.
   */
  async requireExpectedRevision<Event extends DomainEvent, State>(
    stream: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    context: CommandContext,
  ): Promise<void> {
    if (context.expectedRevision === undefined) return;
    const { revision } = await this.streams.fold(stream, decider);
    if (isStale(context.expectedRevision, revision)) {
      throw new StaleRevisionError(stream, context.expectedRevision, revision);
    }
  }

  /** The stream's current state and revision, folded from its events (no command). */
  async current<Event extends DomainEvent, State>(
    stream: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  ): Promise<{ state: State; revision: number | undefined; position: Position }> {
    const { state, revision, position } = await this.streams.fold(stream, decider);
    return { state, revision, position };
  }

  private async load<Event extends DomainEvent, State>(
    stream: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    context: CommandContext,
    fromStore: boolean,
  ): Promise<LoadedStream<State>> {
    const remembered = fromStore ? undefined : this.streams.remembered(stream, decider);
    const folded = remembered ?? (await this.streams.fold(stream, decider));
    const key = keyOf(context.actor.name, context.idempotencyKey);
    const revisions = key === undefined ? undefined : folded.keyed.get(key);
    const earlier = revisions ? await this.streams.eventsAt(stream, revisions) : [];
    return { ...folded, earlier, fresh: remembered === undefined };
  }

  /** What the stream looks like after this command's events: the next command needs no read. */
  private rememberAppended<Event extends DomainEvent, State>(
    stream: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    loaded: LoadedStream<State>,
    events: readonly Event[],
    appended: { first: number; lastHash: string | null; position: Position; key?: string },
  ): void {
    let keyed = loaded.keyed;
    if (appended.key !== undefined) {
      const revisions = events.map((_, i) => appended.first + i);
      keyed = withKeyed(keyed, appended.key, revisions);
    }
    this.streams.remember(stream, decider, {
      state: events.reduce(decider.evolve, loaded.state),
      revision: appended.first + events.length - 1,
      position: appended.position,
      lastHash: appended.lastHash,
      keyed,
    });
  }
}

function repeatedOutcome<Event extends DomainEvent>(
  stream: string,
  earlier: readonly RecordedEvent[],
  context: CommandContext,
): CommandOutcome<Event> {
  const last = earlier[earlier.length - 1];
  if (context.requestHash !== undefined && last.metadata.requestHash !== context.requestHash) {
    throw new IdempotencyKeyReusedError(context.idempotencyKey ?? '');
  }
  return {
    stream,
    revision: last.revision,
    position: last.position,
    events: earlier.map((e) => ({ type: e.type, data: e.data }) as Event),
    repeated: true,
  };
}

/**
 * The refusal of a command, decided on the stream as it is, when it names something that does
 * not exist (a mission never planned, a diplomat never dispatched, a nominee of another
 * mission): the answer without If-Match would be that 404, so If-Match is not evaluated (RFC
 * 9110 §13.2.1) and the 404 wins over a 412, which would also give away the revision of a
 * stream the command has no business with. A command the state accepts, or that a rule
 * refuses otherwise (409, 422), leaves the 412: undefined.
 */
function notFoundRefusal(decide: () => unknown): DomainRuleError | undefined {
  try {
    decide();
  } catch (refusal) {
    if (refusal instanceof DomainRuleError && refusal.kind === 'not-found') return refusal;
  }
  return undefined;
}

/** Whether If-Match names another revision, or asks for a stream that has no events yet. */
function isStale(expected: ExpectedRevision | undefined, actual: number | undefined): boolean {
  if (expected === undefined) return false;
  if (expected === 'exists') return actual === undefined;
  if (typeof expected === 'number') return expected !== actual;
  return actual === undefined || !expected.includes(actual);
}
