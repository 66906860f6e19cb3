import { v5 as uuidv5, validate, version } from 'uuid';
import type { CommandContext } from '../../src/command-handling/command-context.js';
import { newResourceId } from '../../src/command-handling/new-resource-id.js';

describe('A new resource id', () => {
  const NAMESPACE = '6f9a3c1e-5b8d-4e2a-9c7f-1d2e3f4a5b6c';
  const context = (name: string, idempotencyKey?: string): CommandContext => ({
    actor: { name, role: 'staff' },
    correlationId: 'c',
    causationId: 'c',
    idempotencyKey,
    now: new Date('2024-06-12T00:00:00Z'),
  });

  it('under an Idempotency-Key is the name-based (v5) uuid of the caller and key, the same on every retry', () => {
    const first = newResourceId(context('desk-havana', 'key-1'), NAMESPACE);
    expect(first).toBe(uuidv5('desk-havana\nkey-1', NAMESPACE));
    expect(newResourceId(context('desk-havana', 'key-1'), NAMESPACE)).toBe(first);
  });

  it('differs for another caller, another key or another namespace', () => {
    const ids = new Set([
      newResourceId(context('desk-havana', 'key-1'), NAMESPACE),
      newResourceId(context('desk-seoul', 'key-1'), NAMESPACE),
      newResourceId(context('desk-havana', 'key-2'), NAMESPACE),
      newResourceId(context('desk-havana', 'key-1'), '0b5a7f6e-2c4d-4e8f-9a1b-3c5d7e9f1a2b'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('without a key is a fresh random (v4) uuid each time', () => {
    const a = newResourceId(context('desk-havana'), NAMESPACE);
    const b = newResourceId(context('desk-havana'), NAMESPACE);
    expect(validate(a) && version(a)).toBe(4);
    expect(a).not.toBe(b);
  });
});
