import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IdempotencyRecords,
  type IdempotencyRecord,
} from '../../src/idempotency/idempotency-records.js';
import { keptOnDisk } from '../support/kept-on-disk.js';

describe('Kept answers on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envoy-idempotency-'));
  const file = join(dir, 'idempotency.sqlite');
  const records = new IdempotencyRecords(file);
  const answer = (key: string): IdempotencyRecord => ({
    actor: 'staff',
    key,
    requestHash: 'hash',
    status: 409,
    body: '{"status":409}',
    headers: {},
  });

  afterAll(() => {
    records.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an answer saved now before it returns, with the ones still pending', () => {
    records.save(answer('pending'));
    expect(keptOnDisk(file, 'staff', 'pending')).toBe(false);

    records.saveNow(answer('now'));

    expect(keptOnDisk(file, 'staff', 'now')).toBe(true);
    expect(keptOnDisk(file, 'staff', 'pending')).toBe(true);
    expect(records.find('staff', 'now')).toEqual(answer('now'));
  });

  it('tells whoever waits on an answer once the transaction that writes it is over', async () => {
    const written: boolean[] = [];
    records.save(answer('awaited-1'), () => written.push(keptOnDisk(file, 'staff', 'awaited-1')));
    records.save(answer('awaited-2'), () => written.push(keptOnDisk(file, 'staff', 'awaited-2')));
    expect(written).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([true, true]);
  });

  it('writes other answers with the others of the event-loop turn', async () => {
    records.save(answer('later'));
    expect(keptOnDisk(file, 'staff', 'later')).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(keptOnDisk(file, 'staff', 'later')).toBe(true);
  });
});
