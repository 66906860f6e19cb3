import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/command-handling/command-context.js';
import { StaleRevisionError } from '../../src/command-handling/command-errors.js';
import { DeciderCommandRunner } from '../../src/command-handling/decider-command-runner.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { Decider } from '../../src/shared/decider.js';
import { DomainRuleError } from '../../src/shared/domain-rule.error.js';

/**
 * A tiny aggregate: a ledger of named entries, each closed at most once. Closing an entry that
 * is not open is a not-found refusal (404, as an arrival on a mission never planned); an entry
 * without a name is refused as unprocessable (422).
 */
type LedgerCommand = { type: 'Open'; name: string } | { type: 'Close'; name: string };
type LedgerEvent =
  { type: 'Opened'; data: { name: string } } | { type: 'Closed'; data: { name: string } };
interface LedgerState {
  readonly open: ReadonlySet<string>;
}

const ledger: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: () => ({ open: new Set() }),
  evolve: (state, event) => {
    const open = new Set(state.open);
    if (event.type === 'Opened') open.add(event.data.name);
    else open.delete(event.data.name);
    return { open };
  },
  decide: (command, state) => {
    if (command.type === 'Open') {
      if (command.name === '') {
        throw new DomainRuleError('entry-name-empty', 'an entry needs a name', 'unprocessable');
      }
      return [{ type: 'Opened', data: { name: command.name } }];
    }
    if (!state.open.has(command.name)) {
      throw new DomainRuleError('entry-not-open', `${command.name} is not open`, 'not-found');
    }
    return [{ type: 'Closed', data: { name: command.name } }];
  },
};

const STREAM = 'ledger-1';

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    actor: { name: 'clerk', role: 'staff' },
    correlationId: 'c-1',
    causationId: 'c-1',
    now: new Date('2024-06-12T00:00:00Z'),
    ...overrides,
  };
}

describe('DeciderCommandRunner: remembered state is checked against the store', () => {
  let dir: string;
  let store: EventStore & { close(): Promise<void> };
  /** Two nodes sharing one store: each remembers what it folded and appended. */
  let nodeA: DeciderCommandRunner;
  let nodeB: DeciderCommandRunner;

  const run = (node: DeciderCommandRunner, command: LedgerCommand, ctx = context()) =>
    node.run({ stream: STREAM, decider: ledger, command, commandName: command.type, context: ctx });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-runner-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
    nodeA = new DeciderCommandRunner(store);
    nodeB = new DeciderCommandRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given node A remembers the stream and node B appended since, when A decides, then its append lands after B’s', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await run(nodeB, { type: 'Open', name: 'two' });
    const outcome = await run(nodeA, { type: 'Open', name: 'three' });
    expect(outcome.revision).toBe(2);
    const revisions = [];
    for await (const e of store.readStream(STREAM)) revisions.push([e.revision, e.data]);
    expect(revisions).toEqual([
      [0, { name: 'one' }],
      [1, { name: 'two' }],
      [2, { name: 'three' }],
    ]);
  });

  it('given an entry opened by node B only, when node A (remembering older state) closes it, then it is closed, not refused', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await run(nodeB, { type: 'Open', name: 'two' });
    const outcome = await run(nodeA, { type: 'Close', name: 'two' });
    expect(outcome.events).toEqual([{ type: 'Closed', data: { name: 'two' } }]);
  });

  it('given an entry that is not open anywhere, when closed, then the refusal stands', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await expect(run(nodeA, { type: 'Close', name: 'ghost' })).rejects.toMatchObject({
      rule: 'entry-not-open',
    });
  });

  it('given node B recorded a request under a key, when node A gets the same request, then it answers B’s events and records nothing', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    const keyed = context({ idempotencyKey: 'k-1', requestHash: 'h-1' });
    const first = await run(nodeB, { type: 'Open', name: 'two' }, keyed);
    const again = await run(nodeA, { type: 'Open', name: 'two' }, keyed);
    expect(again).toMatchObject({ repeated: true, revision: first.revision });
    let count = 0;
    for await (const e of store.readStream(STREAM)) count += e ? 1 : 0;
    expect(count).toBe(2);
  });

  it('given node A remembers revision 0 and the stream is at 1, when If-Match names 1, then the command is decided against the store, not refused', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await run(nodeB, { type: 'Open', name: 'two' });
    const outcome = await run(
      nodeA,
      { type: 'Open', name: 'three' },
      context({ expectedRevision: 1 }),
    );
    expect(outcome.revision).toBe(2);
  });

  it('given the stream moved on, when If-Match names an older revision, then it is stale (412) and nothing is appended', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await run(nodeB, { type: 'Open', name: 'two' });
    const stale = run(nodeA, { type: 'Open', name: 'three' }, context({ expectedRevision: 0 }));
    await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
    await expect(stale).rejects.toMatchObject({ expected: 0, actual: 1 });
    let count = 0;
    for await (const e of store.readStream(STREAM)) count += e ? 1 : 0;
    expect(count).toBe(2);
  });

  it('given node A remembers an entry open that node B closed since, when A closes it with the If-Match it read, then the not-found refusal wins over 412', async () => {
    await run(nodeA, { type: 'Open', name: 'one' });
    await run(nodeB, { type: 'Close', name: 'one' });
    const refusal = run(nodeA, { type: 'Close', name: 'one' }, context({ expectedRevision: 0 }));
    await expect(refusal).rejects.toBeInstanceOf(DomainRuleError);
    await expect(refusal).rejects.toMatchObject({ rule: 'entry-not-open', kind: 'not-found' });
    let count = 0;
    for await (const e of store.readStream(STREAM)) count += e ? 1 : 0;
    expect(count).toBe(2);
  });
});

describe('DeciderCommandRunner: If-Match on a stream that does not exist', () => {
  let dir: string;
  let store: EventStore & { close(): Promise<void> };
  let runner: DeciderCommandRunner;

  const run = (command: LedgerCommand, expectedRevision: number | 'exists') =>
    runner.run({
      stream: STREAM,
      decider: ledger,
      command,
      commandName: command.type,
      context: context({ expectedRevision }),
    });
  /** The types of every event in the store, whatever its stream. */
  const recorded = async () => {
    const types = [];
    for await (const e of store.readAll()) types.push(e.type);
    return types;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-runner-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
    runner = new DeciderCommandRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([3, 0, 'exists'] as const)(
    'given no stream, when a command it refuses as not found names If-Match %j, then the not-found refusal wins over 412',
    async (expectedRevision) => {
      const refusal = run({ type: 'Close', name: 'ghost' }, expectedRevision);
      await expect(refusal).rejects.toBeInstanceOf(DomainRuleError);
      await expect(refusal).rejects.toMatchObject({ rule: 'entry-not-open', kind: 'not-found' });
      expect(await recorded()).toEqual([]);
    },
  );

  it.each([0, 'exists'] as const)(
    'given no stream, when a command that would create it names If-Match %j, then it is stale (412) and nothing is appended',
    async (expectedRevision) => {
      await expect(run({ type: 'Open', name: 'one' }, expectedRevision)).rejects.toBeInstanceOf(
        StaleRevisionError,
      );
      expect(await recorded()).toEqual([]);
    },
  );

  it('given no stream, when a command a rule refuses as unprocessable names If-Match, then it is stale (412)', async () => {
    await expect(run({ type: 'Open', name: '' }, 0)).rejects.toBeInstanceOf(StaleRevisionError);
  });
});

describe('DeciderCommandRunner: a stale If-Match on a stream that exists', () => {
  let dir: string;
  let store: EventStore & { close(): Promise<void> };
  let runner: DeciderCommandRunner;

  const run = (command: LedgerCommand, expectedRevision?: number | 'exists') =>
    runner.run({
      stream: STREAM,
      decider: ledger,
      command,
      commandName: command.type,
      context: context({ expectedRevision }),
    });
  const recorded = async () => {
    const types = [];
    for await (const e of store.readAll()) types.push(e.type);
    return types;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-runner-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
    runner = new DeciderCommandRunner(store);
    await run({ type: 'Open', name: 'one' });
    await run({ type: 'Open', name: 'two' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([0, 7])(
    'given the stream at revision 1, when a command it refuses as not found names If-Match %j, then the not-found refusal wins over 412 and gives no revision away',
    async (expectedRevision) => {
      const refusal = run({ type: 'Close', name: 'ghost' }, expectedRevision);
      await expect(refusal).rejects.toBeInstanceOf(DomainRuleError);
      await expect(refusal).rejects.toMatchObject({ rule: 'entry-not-open', kind: 'not-found' });
      await expect(refusal).rejects.not.toHaveProperty('actual');
      expect(await recorded()).toEqual(['Opened', 'Opened']);
    },
  );

  it.each([0, 7])(
    'given the stream at revision 1, when a command it accepts names If-Match %j, then it is stale (412) and nothing is appended',
    async (expectedRevision) => {
      const stale = run({ type: 'Close', name: 'one' }, expectedRevision);
      await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
      await expect(stale).rejects.toMatchObject({ expected: expectedRevision, actual: 1 });
      expect(await recorded()).toEqual(['Opened', 'Opened']);
    },
  );

  it('given the stream at revision 1, when a command a rule refuses as unprocessable names a stale If-Match, then it is stale (412)', async () => {
    await expect(run({ type: 'Open', name: '' }, 0)).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await recorded()).toEqual(['Opened', 'Opened']);
  });

  it('given the stream at revision 1, when a command it refuses as not found names the current revision or *, then it is the same not-found refusal', async () => {
    for (const expectedRevision of [1, 'exists'] as const) {
      await expect(run({ type: 'Close', name: 'ghost' }, expectedRevision)).rejects.toMatchObject({
        rule: 'entry-not-open',
        kind: 'not-found',
      });
    }
  });
});
