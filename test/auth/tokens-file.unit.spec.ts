import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTokensFile } from '../../src/auth/generated-tokens.js';
import { InvalidTokenEntriesError } from '../../src/auth/token-entry.js';

describe('DATA_DIR/tokens.json, read when AUTH_TOKENS is unset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envoy-tokens-'));
  const file = join(dir, 'tokens.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const parsed = (text: string) => {
    writeFileSync(file, text);
    return () => parseTokensFile(file);
  };
  const entry = (name: string, role: string, token: string) => ({ name, role, token });

  it('given entries as AUTH_TOKENS would take them, then it reads them', () => {
    const entries = [
      entry('local-staff', 'staff', 'a'.repeat(32)),
      entry('local-viewer', 'viewer', 'b'.repeat(32)),
    ];
    expect(parsed(JSON.stringify(entries))()).toEqual(entries);
  });

  it.each([
    ['a short token', [entry('x', 'staff', 'short')], /entry 1 \(x\) needs a token of at least 16/],
    [
      'one token under two roles',
      [entry('a', 'viewer', 'c'.repeat(21)), entry('b', 'admin', 'c'.repeat(21))],
      /tokens must be unique/,
    ],
    ['no token at all', [], /at least one token/],
    ['an unknown role', [entry('x', 'root', 'd'.repeat(20))], /role "root"/],
    ['an entry that is not an object', ['x'], /JSON array of \{name, role, token\}/],
    ['an object instead of a list', {}, /JSON array of \{name, role, token\}/],
  ])('given %s, then it is refused naming the file', (_, content, message) => {
    const attempt = parsed(JSON.stringify(content));
    expect(attempt).toThrow(InvalidTokenEntriesError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(file);
  });

  it('given text that is not JSON, then it is refused naming the file', () => {
    expect(parsed('{not json')).toThrow(/is not JSON/);
  });
});
