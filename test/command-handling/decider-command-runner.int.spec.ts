import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/command-handling/command-context.js';
import { StaleRevisionError } from '../../src/command-handling/command-errors.js';
import { DeciderCommandRunner } from '../../src/command-handling/decider-command-runner.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { Decider } from '../../src/shared/decider.js';

/** A tiny aggregate: a ledger of named entries, each closed at most once. */
type LedgerCommand = { type: 'Open'; name: string } | { type: 'Close'; name: string };
type LedgerEvent =
  { type: 'Opened'; data: { name: string } } | { type: 'Closed'; data: { name: string } };
interface LedgerState {
  readonly open: ReadonlySet<string>;
}

class EntryUnknown extends Error {}

const ledger: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: () => ({ open: new Set() }),
  evolve: (state, event) => {
    const open = new Set(state.open);
    if (event.type === 'Opened') open.add(event.data.name);
    else open.delete(event.data.name);
    return { open };
  },
  decide: (command, state) => {
    if (command.type === 'Open') return [{ type: 'Opened', data: { name: command.name } }];
    if (!state.open.has(command.name)) throw new EntryUnknown(`${command.name} is not open`);
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
    await expect(run(nodeA, { type: 'Close', name: 'ghost' })).rejects.toBeInstanceOf(EntryUnknown);
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
    await expect(
      run(nodeA, { type: 'Open', name: 'three' }, context({ expectedRevision: 0 })),
    ).rejects.toBeInstanceOf(StaleRevisionError);
    let count = 0;
    for await (const e of store.readStream(STREAM)) count += e ? 1 : 0;
    expect(count).toBe(2);
  });
});
