import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDirectories } from '../../src/operations/create-directories.js';

describe('Creating DATA_DIR and its missing parents', () => {
  const root = mkdtempSync(join(tmpdir(), 'envoy-mkdir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('given three missing levels, when created, then each exists owner-only', () => {
    const dir = join(root, 'a', 'b', 'c');
    createDirectories(dir, 0o700);
    for (const level of [join(root, 'a'), join(root, 'a', 'b'), dir]) {
      expect(statSync(level).isDirectory()).toBe(true);
      expect(statSync(level).mode & 0o777).toBe(0o700);
    }
  });

  it('given a directory that exists, when created again, then nothing changes', () => {
    expect(() => createDirectories(root, 0o700)).not.toThrow();
  });

  it('given a file on the way, when created, then it fails with ENOTDIR', () => {
    writeFileSync(join(root, 'file'), '');
    expect(() => createDirectories(join(root, 'file', 'data'), 0o700)).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
    expect(() => createDirectories(join(root, 'file'), 0o700)).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
  });

  // Node's recursive mkdirSync never returns there: /proc answers ENOENT to every new entry.
  (existsSync('/proc/self') ? it : it.skip)(
    'given a parent that refuses new entries (/proc), when created, then it fails at once',
    () => {
      expect(() => createDirectories('/proc/envoy-ledger/data', 0o700)).toThrow(
        expect.objectContaining({ code: 'ENOENT' }),
      );
    },
  );
});
