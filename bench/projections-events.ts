/**
 * The event log of `npm run bench:projections`, generated through the domain: every event
 * comes out of `meetingDecider` / `missionDecider`, decided against the stream's folded
 * state, with the metadata and hash chain the service's DeciderCommandRunner writes, and is
 * appended to a SqliteEventStore in batches per stream with the expected revision.
 *
 * The mix, over `missions` missions: meetings between pairs of states plan the missions
 * (MeetingRecorded, then PlanMission per mission as the plan-missions-from-meetings process
 * manager sends it: MissionPlanned); later meetings reaffirm or re-target them
 * (MissionSourceLinked) or agree on other things; a few plans are revised by hand
 * (MissionPlanRevised); then each mission lives: opening team and staff rotations
 * (DiplomatDispatched / DiplomatArrived), a temporary office, an embassy, some suspensions
 * and resumptions, a few closures. It stops at exactly `events` events.
 */
import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { chainLink } from '../src/audit/hash-chain.js';
import type { CommandContext } from '../src/command-handling/command-context.js';
import { eventMetadata } from '../src/command-handling/event-metadata.js';
import type { EventStore, EventToAppend } from '../src/event-store/event-store.port.js';
import type { Position } from '../src/event-store/position.js';
import { missionPlansOf } from '../src/meetings/domain/meeting-mission-plans.js';
import type {
  MeetingOutcomeInput,
  RecordMeeting,
} from '../src/meetings/domain/meeting.commands.js';
import { meetingDecider, meetingStreamOf } from '../src/meetings/domain/meeting.decider.js';
import type { MeetingRecorded } from '../src/meetings/domain/meeting.events.js';
import { missionIdOf, missionStreamOf } from '../src/missions/domain/mission-id.js';
import type { DiplomatRole, MissionCommand } from '../src/missions/domain/mission.commands.js';
import { missionDecider } from '../src/missions/domain/mission.decider.js';
import type { MissionState } from '../src/missions/domain/mission.state.js';
import { DomainRuleError } from '../src/shared/domain-rule.error.js';
import type { JsonObject } from '../src/shared/json.js';

export interface GenerationConfig {
  /** Exactly this many events are appended (unless every mission closes first). */
  readonly events: number;
  readonly missions: number;
  readonly seed?: number;
  /** Called now and then with the number of events appended so far. */
  readonly onProgress?: (appended: number) => void;
}

export interface GenerationResult {
  readonly events: number;
  readonly missions: number;
  readonly meetings: number;
  readonly appends: number;
  readonly byType: Readonly<Record<string, number>>;
  /** Commands the deciders refused (e.g. a later meeting re-planning a suspended mission). */
  readonly refused: number;
  /** Position of the last MeetingRecorded: where the process manager has work up to. */
  readonly lastMeetingPosition: Position | undefined;
  readonly ms: number;
}

const TODAY = '2026-01-01';
const LAST_DAY = dayOf('2025-12-31');
const PM_NAME = 'plan-missions-from-meetings';
/** The namespace the process manager derives its event ids from. */
const PM_EVENT_ID_NAMESPACE = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
/** Appends in flight at once: they group-commit in a few transactions. */
const CONCURRENT_APPENDS = 500;

const STATES = [
  'KR', 'CU', 'FR', 'JP', 'BR', 'KE', 'NO', 'IN', 'CA', 'EG', 'MX', 'VN', 'AU', 'DE', 'ZA', 'AR',
  'CL', 'PE', 'CO', 'NG', 'GH', 'SN', 'MA', 'TN', 'TR', 'GR', 'IT', 'ES', 'PT', 'IE', 'PL', 'CZ',
  'HU', 'RO', 'UA', 'FI', 'SE', 'DK', 'NL', 'BE', 'CH', 'AT', 'TH', 'MY', 'ID', 'PH', 'NZ', 'AE',
]; // prettier-ignore
const CITIES = [
  'São Paulo', 'Zürich', 'Kraków', 'Ho Chi Minh City', 'Abu Dhabi', 'Québec', 'Malmö', 'Düsseldorf',
  'Havana', 'Seoul', 'Busan', 'Osaka', 'Lyon', 'Marseille', 'Mumbai', 'Chennai', 'Toronto',
  'Vancouver', 'Alexandria', 'Guadalajara', 'Monterrey', 'Da Nang', 'Sydney', 'Melbourne',
  'Hamburg', 'Munich', 'Cape Town', 'Córdoba', 'Valparaíso', 'Cusco', 'Medellín', 'Lagos',
  'Kumasi', 'Saint-Louis', 'Casablanca', 'Sfax', 'İzmir', 'Thessaloniki', 'Milan', 'Barcelona',
]; // prettier-ignore
const SURNAMES = [
  'Kim', 'Lee', 'Park', 'García', 'Rodríguez', 'Martin', 'Sato', 'Silva', 'Mwangi', 'Hansen',
  'Sharma', 'Tremblay', 'Hassan', 'Hernández', 'Nguyen', 'Smith', 'Müller', 'Dlamini', 'López',
]; // prettier-ignore
const GIVEN = ['Ana', 'Min-jun', 'Jean', 'Yuki', 'João', 'Amina', 'Ola', 'Priya', 'Luis', 'Mai'];
const TITLES: Record<DiplomatRole, readonly string[]> = {
  'head-of-mission': ['Ambassador', 'Chargé d’affaires a.i.'],
  'head-of-office': ['Counsellor', 'Minister-Counsellor', 'Consul-General'],
  staff: ['First Secretary', 'Second Secretary', 'Third Secretary', 'Attaché', 'Consul'],
};
const DESK_OFFICERS = Array.from({ length: 24 }, (_, i) => `desk-officer-${i + 1}`);
const SUSPENSION_REASONS = [
  'Security situation in the capital',
  'Renovation of the premises after flood damage',
  'Relations downgraded pending talks',
];

/** A small seeded generator, so the mix is the same from run to run. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

function isoOf(day: number): string {
  return new Date(Math.min(day, LAST_DAY) * 86_400_000).toISOString().slice(0, 10);
}

interface StreamHead {
  readonly name: string;
  revision: number;
  lastHash: string | null;
}

interface MissionSim {
  readonly index: number;
  readonly id: string;
  readonly head: StreamHead;
  readonly sending: string;
  readonly receiving: string;
  readonly city: string;
  state: MissionState;
  day: number;
  pendingArrivals: string[];
  dispatched: number;
  /** Some missions never open a temporary office, some never an embassy. */
  readonly wantsTemporaryOffice: boolean;
  readonly wantsEmbassy: boolean;
}

interface MeetingPlan {
  readonly parties: readonly [string, string];
  readonly missions: readonly MissionSim[];
}

/** One decided command, ready for the stream: what DeciderCommandRunner would append. */
interface Decided {
  readonly events: readonly EventToAppend[];
}

export async function generateEvents(
  store: EventStore,
  config: GenerationConfig,
): Promise<GenerationResult> {
  const started = performance.now();
  const random = new Random(config.seed ?? 20260101);
  const byType: Record<string, number> = {};
  let appended = 0;
  /** Events decided, appended or still in flight: the budget is checked against this. */
  let reserved = 0;
  let appends = 0;
  let refused = 0;
  let meetings = 0;
  let lastMeetingPosition: Position | undefined;
  let lastProgress = 0;
  const budget = config.events;

  const pairs: [string, string][] = [];
  for (let a = 0; a < STATES.length; a += 1) {
    for (let b = a + 1; b < STATES.length; b += 1) pairs.push([STATES[a], STATES[b]]);
  }

  // ---- command contexts, as the HTTP edge and the process manager make them -------------

  const httpContext = (path: string, body: unknown): CommandContext => {
    const keyed = random.chance(0.6);
    const idempotencyKey = keyed ? randomUUID() : undefined;
    return {
      actor: { name: random.pick(DESK_OFFICERS), role: 'staff' },
      correlationId: randomUUID(),
      causationId: `request:${randomUUID()}`,
      idempotencyKey,
      requestHash: keyed
        ? createHash('sha256')
            .update(`POST ${path}\n${JSON.stringify(body)}`)
            .digest('hex')
        : undefined,
      now: new Date(),
    };
  };

  /** Decides against the folded state and chains the events as the command runner does. */
  const decide = <Command, Event extends { type: string; data: object }, State>(
    decider: {
      decide: (c: Command, s: State) => readonly Event[];
      evolve: (s: State, e: Event) => State;
    },
    head: StreamHead,
    state: State,
    command: Command & { type: string },
    context: CommandContext,
    eventIds?: (i: number) => string,
  ): { state: State; decided: Decided; domainEvents: readonly Event[] } | undefined => {
    let events: readonly Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      refused += 1;
      return undefined;
    }
    const toAppend = events.map((event, i): EventToAppend => {
      const metadata = eventMetadata(command.type, context, event.type);
      const data = event.data as JsonObject;
      const revision = head.revision + 1 + i;
      const chained = chainLink(
        { stream: head.name, revision, type: event.type, data, metadata },
        head.lastHash,
      );
      head.lastHash = chained.hash as string;
      return { id: eventIds?.(i) ?? randomUUID(), type: event.type, data, metadata: chained };
    });
    head.revision += toAppend.length;
    reserved += toAppend.length;
    let next = state;
    for (const event of events) next = decider.evolve(next, event);
    return { state: next, decided: { events: toAppend }, domainEvents: events };
  };

  const count = (events: readonly EventToAppend[]): void => {
    for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
    appended += events.length;
    appends += 1;
    if (config.onProgress && appended - lastProgress >= 50_000) {
      lastProgress = appended;
      config.onProgress(appended);
    }
  };

  /** Appends with the revision the batch was decided against. */
  const append = async (head: StreamHead, events: readonly EventToAppend[]) => {
    const last = head.revision;
    const expected = last - events.length;
    const result = await store.append(head.name, events, expected < 0 ? 'no-stream' : expected);
    if (result.nextRevision !== last) {
      throw new Error(`${head.name}: at ${result.nextRevision}, expected ${last}`);
    }
    count(events);
    return result;
  };

  // ---- meetings and the process manager ----------------------------------------------------

  const recordMeeting = async (plan: MeetingPlan, heldOnDay: number, followUp: boolean) => {
    const meetingId = randomUUID();
    const heldOn = isoOf(heldOnDay);
    const [a, b] = plan.parties;
    const outcomes: MeetingOutcomeInput[] = [];
    if (plan.missions.length > 0) {
      outcomes.push({
        outcomeId: 'missions',
        kind: 'establish-missions',
        summary: followUp
          ? `The parties reaffirm the missions agreed earlier and set new deadlines.`
          : `The parties agree to establish missions in each other's capitals.`,
        missions: plan.missions.map((m) => ({
          sendingState: m.sending,
          receivingState: m.receiving,
          city: m.city,
          targets: random.chance(0.8)
            ? {
                temporaryOfficeBy: isoOf(heldOnDay + random.int(90, 270)),
                embassyBy: random.chance(0.7) ? isoOf(heldOnDay + random.int(300, 720)) : null,
              }
            : undefined,
        })),
      });
    }
    if (random.chance(0.5)) {
      outcomes.push({
        outcomeId: 'cooperation',
        kind: 'cooperation',
        summary: 'Cooperation in trade, culture and consular matters.',
        areas: ['trade', 'culture', 'consular affairs'].slice(0, random.int(1, 3)),
      });
    }
    if (outcomes.length === 0 || random.chance(0.3)) {
      outcomes.push({
        outcomeId: 'other',
        kind: 'other',
        summary: 'The parties will meet again next year.',
      });
    }
    const participants = Array.from({ length: random.int(2, 6) }, (_, i) => ({
      name: `${random.pick(GIVEN)} ${random.pick(SURNAMES)}`,
      title: i < 2 ? 'Vice-Minister of Foreign Affairs' : 'Director-General',
      state: i % 2 === 0 ? a : b,
    }));
    const command: RecordMeeting = {
      type: 'RecordMeeting',
      data: {
        meetingId,
        title: `${a}–${b} ${followUp ? 'follow-up consultations' : 'talks on diplomatic relations'}`,
        heldOn,
        place: random.chance(0.8) ? random.pick(CITIES) : null,
        parties: [a, b],
        participants,
        outcomes,
      },
      metadata: { today: TODAY },
    };
    const head: StreamHead = { name: meetingStreamOf(meetingId), revision: -1, lastHash: null };
    const context = httpContext('/api/meetings', command.data);
    const decided = decide(meetingDecider, head, meetingDecider.initialState(), command, context);
    if (!decided) return;
    const recordedEvent = decided.decided.events[0];
    const result = await append(head, decided.decided.events);
    meetings += 1;
    lastMeetingPosition = result.position;

    // What plan-missions-from-meetings does with it.
    const meeting = { type: 'MeetingRecorded', data: recordedEvent.data } as MeetingRecorded;
    const pmContext: CommandContext = {
      actor: { name: PM_NAME, role: 'system' },
      correlationId: String(recordedEvent.metadata.correlationId),
      causationId: recordedEvent.id,
      now: new Date(),
    };
    const byId = new Map(plan.missions.map((m) => [m.id, m]));
    await Promise.all(
      missionPlansOf(meeting).map(async (missionPlan) => {
        const mission = byId.get(missionPlan.missionId);
        if (!mission || reserved >= budget) return;
        const command: MissionCommand = {
          type: 'PlanMission',
          data: missionPlan,
          metadata: { today: TODAY },
        };
        const outcome = decide(
          missionDecider,
          mission.head,
          mission.state,
          command,
          pmContext,
          (i) => uuidv5(`${recordedEvent.id}/${missionPlan.missionId}/${i}`, PM_EVENT_ID_NAMESPACE),
        );
        if (!outcome || outcome.decided.events.length === 0) return;
        mission.state = outcome.state;
        mission.day = Math.max(mission.day, heldOnDay);
        await append(mission.head, outcome.decided.events);
      }),
    );
  };

  // ---- the missions ----------------------------------------------------------------------------

  const missions: MissionSim[] = [];
  const initialMeetings: MeetingPlan[] = [];
  const perMeeting = 3;
  for (let g = 0; g * perMeeting < config.missions; g += 1) {
    const parties = pairs[g % pairs.length];
    const planned: MissionSim[] = [];
    for (let k = 0; k < perMeeting && missions.length < config.missions; k += 1) {
      const index = missions.length;
      const [sending, receiving] = k % 2 === 0 ? parties : [parties[1], parties[0]];
      const city = `${CITIES[index % CITIES.length]} ${Math.floor(index / CITIES.length) + 1}`;
      const id = missionIdOf(sending, receiving, city);
      const mission: MissionSim = {
        index,
        id,
        head: { name: missionStreamOf(id), revision: -1, lastHash: null },
        sending,
        receiving,
        city,
        state: missionDecider.initialState(),
        day: 0,
        pendingArrivals: [],
        dispatched: 0,
        wantsTemporaryOffice: random.chance(0.85),
        wantsEmbassy: random.chance(0.75),
      };
      missions.push(mission);
      planned.push(mission);
    }
    initialMeetings.push({ parties, missions: planned });
  }

  // The first meetings, a few hundred at a time: each plans its missions.
  for (let start = 0; start < initialMeetings.length; start += 100) {
    await Promise.all(
      initialMeetings.slice(start, start + 100).map((plan) => {
        const heldOnDay = dayOf('2012-01-01') + random.int(0, 6 * 365);
        return reserved + 1 + plan.missions.length <= budget
          ? recordMeeting(plan, heldOnDay, false)
          : Promise.resolve();
      }),
    );
  }

  /** The next command for a mission, or undefined when it has nothing more to do. */
  const nextCommand = (
    mission: MissionSim,
  ): { command: MissionCommand; path: string } | undefined => {
    const state = mission.state;
    if (state.status === 'unplanned' || state.status === 'closed') return undefined;
    mission.day += random.int(0, 5);
    const on = isoOf(mission.day);
    const path = `/api/missions/${mission.id}`;
    const metadata = { today: TODAY };
    if (state.status === 'suspended') {
      mission.day += random.int(20, 120);
      const resumedOn = isoOf(mission.day);
      return random.chance(0.9)
        ? { command: { type: 'ResumeOperations', data: { on: resumedOn }, metadata }, path }
        : {
            command: {
              type: 'CloseMission',
              data: { on: resumedOn, reason: 'Relations severed' },
              metadata,
            },
            path,
          };
    }
    const onPost = state.diplomats.some((d) => d.arrivedOn !== null);
    if (mission.pendingArrivals.length > 0 && random.chance(0.65)) {
      const diplomatId = mission.pendingArrivals.shift()!;
      return {
        command: { type: 'RecordDiplomatArrival', data: { diplomatId, arrivedOn: on }, metadata },
        path: `${path}/diplomats/${diplomatId}/arrival`,
      };
    }
    if (onPost && state.temporaryOffice === null && state.embassy === null) {
      if (mission.wantsTemporaryOffice && random.chance(0.4)) {
        return {
          command: {
            type: 'OpenTemporaryOffice',
            data: { openedOn: on, address: `Suite ${random.int(100, 999)}, Hotel Nacional` },
            metadata,
          },
          path: `${path}/temporary-office`,
        };
      }
    }
    if (
      onPost &&
      state.embassy === null &&
      mission.wantsEmbassy &&
      (state.temporaryOffice !== null || !mission.wantsTemporaryOffice) &&
      random.chance(0.08)
    ) {
      return {
        command: {
          type: 'OpenEmbassy',
          data: { openedOn: on, address: `${random.int(1, 200)} Avenida de los Presidentes` },
          metadata,
        },
        path: `${path}/embassy`,
      };
    }
    if (mission.dispatched > 2 && random.chance(0.004)) {
      return {
        command: {
          type: 'SuspendOperations',
          data: { on, reason: random.pick(SUSPENSION_REASONS) },
          metadata,
        },
        path: `${path}/suspension`,
      };
    }
    if (mission.dispatched > 2 && random.chance(0.0003)) {
      return {
        command: { type: 'CloseMission', data: { on, reason: 'Mission merged' }, metadata },
        path: `${path}/closure`,
      };
    }
    if (random.chance(0.002)) {
      // A hand-made revision of the targets (a plan without a source).
      return {
        command: {
          type: 'PlanMission',
          data: {
            missionId: mission.id,
            sendingState: mission.sending,
            receivingState: mission.receiving,
            city: mission.city,
            targets: { embassyBy: isoOf(mission.day + random.int(200, 600)) },
            source: null,
            plannedOn: on,
            agreedOn: on,
          },
          metadata,
        },
        path: '/api/missions',
      };
    }
    const role: DiplomatRole =
      mission.dispatched === 0
        ? 'head-of-office'
        : state.embassy !== null && random.chance(0.05)
          ? 'head-of-mission'
          : 'staff';
    const diplomatId = randomUUID();
    mission.dispatched += 1;
    mission.pendingArrivals.push(diplomatId);
    return {
      command: {
        type: 'DispatchDiplomat',
        data: {
          diplomatId,
          name: `${random.pick(GIVEN)} ${random.pick(SURNAMES)}`,
          title: random.pick(TITLES[role]),
          role,
          dispatchedOn: on,
          expectedArrivalOn: random.chance(0.7) ? isoOf(mission.day + random.int(1, 14)) : null,
        },
        metadata,
      },
      path: `${path}/diplomats`,
    };
  };

  /**
   * Up to `max` commands of one mission, decided in turn and appended together. Every
   * mission command records at most one event, so checking the budget before each keeps
   * the total exact.
   */
  const missionBatch = async (mission: MissionSim, max: number): Promise<void> => {
    const events: EventToAppend[] = [];
    for (let i = 0; i < max && reserved < budget; i += 1) {
      const next = nextCommand(mission);
      if (!next) break;
      const outcome = decide(
        missionDecider,
        mission.head,
        mission.state,
        next.command,
        httpContext(next.path, next.command.data),
      );
      if (!outcome) continue;
      mission.state = outcome.state;
      events.push(...outcome.decided.events);
    }
    if (events.length > 0) await append(mission.head, events);
  };

  // Rounds: every open mission takes a few steps; now and then a pair meets again.
  let round = 0;
  while (reserved < budget) {
    round += 1;
    const open = missions.filter((m) => m.state.status !== 'closed');
    if (open.length === 0) break;
    const offset = random.int(0, open.length - 1);
    for (let start = 0; start < open.length && reserved < budget; start += CONCURRENT_APPENDS) {
      const chunk: Promise<void>[] = [];
      for (let k = start; k < Math.min(start + CONCURRENT_APPENDS, open.length); k += 1) {
        const mission = open[(k + offset) % open.length];
        chunk.push(missionBatch(mission, random.int(1, 4)));
      }
      // Later meetings of some pairs: they reaffirm their missions, or agree on other things.
      for (let f = random.int(0, 3); f > 0; f -= 1) {
        const plan = initialMeetings[random.int(0, initialMeetings.length - 1)];
        if (reserved + 1 + plan.missions.length > budget) break;
        const withMissions = random.chance(0.7);
        const heldOnDay = Math.max(...plan.missions.map((m) => m.day)) + random.int(0, 30);
        chunk.push(
          recordMeeting(
            { parties: plan.parties, missions: withMissions ? plan.missions : [] },
            heldOnDay,
            true,
          ),
        );
      }
      await Promise.all(chunk);
    }
    if (round > 1_000_000) throw new Error('the generator makes no progress');
  }

  return {
    events: appended,
    missions: missions.length,
    meetings,
    appends,
    byType,
    refused,
    lastMeetingPosition,
    ms: performance.now() - started,
  };
}
