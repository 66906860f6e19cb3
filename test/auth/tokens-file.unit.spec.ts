import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTokensFile, tokensNotice } from '../../src/auth/generated-tokens.js';
import { ROLES } from '../../src/auth/role.js';
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
    ['a short token', [entry('x', 'staff', 'short')], /entry 1 has an invalid token: 16 to 512/],
    [
      'a token over 512 characters',
      [entry('x', 'staff', 'e'.repeat(513))],
      /entry 1 has an invalid token: 16 to 512/,
    ],
    [
      'a token with a space',
      [entry('x', 'staff', 'f'.repeat(10) + ' ' + 'f'.repeat(10))],
      /entry 1 has an invalid token/,
    ],
    [
      'one token under two roles',
      [entry('a', 'viewer', 'c'.repeat(21)), entry('b', 'admin', 'c'.repeat(21))],
      /tokens must be unique: entry 1 and entry 2 share one/,
    ],
    ['no token at all', [], /at least one token/],
    [
      'an unknown role',
      [entry('x', 'root', 'd'.repeat(20))],
      /entry 1 has an unknown role: use one of staff, auditor, viewer, admin/,
    ],
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

  it('given a token of 512 characters with a colon, then it is read', () => {
    const entries = [entry('local-staff', 'staff', `a:${'b'.repeat(510)}`)];
    expect(parsed(JSON.stringify(entries))()).toEqual(entries);
  });

  describe('given a token in the wrong field', () => {
    const secret = 'Zq8s3cr3tTokenValue99';
    it.each([
      ['the role', [entry('alice', secret, 'staff')]],
      ['the name', [entry(secret, 'staff', 'alice')]],
      [
        'the name, beside a good entry',
        [entry('ana', 'viewer', 'g'.repeat(20)), entry(secret, 'staff', 'x')],
      ],
    ])('when it is in %s, then the refusal does not repeat it', (_, content) => {
      let message = '';
      try {
        parsed(JSON.stringify(content))();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/entry \d has an (unknown role|invalid token)/);
      expect(message).not.toContain(secret);
      expect(message).not.toContain('alice');
    });
  });

  it('given a token in text that is not JSON, then the refusal does not repeat it', () => {
    const attempt = parsed('[{"name":"a","role":"staff","token":"Zq8s3cr3tTokenValue99"');
    expect(attempt).toThrow(/is not JSON/);
    expect(attempt).not.toThrow(/Zq8s3cr3t/);
  });
});

describe('What the service says about DATA_DIR/tokens.json', () => {
  const file = '/srv/envoy/tokens.json';
  const secret = 'Zq8s3cr3tTokenValue99';

  it('given tokens just generated, then it warns where they are, with each role and name', () => {
    const notice = tokensNotice({
      file,
      created: true,
      entries: ROLES.map((role) => ({ name: `local-${role}`, role, token: `${secret}-${role}` })),
    });
    expect(notice.level).toBe('warn');
    expect(notice.message).toContain(file);
    expect(notice.message).toContain(
      'staff (local-staff), auditor (local-auditor), viewer (local-viewer), admin (local-admin)',
    );
    expect(notice.message).not.toContain(secret);
  });

  it('given a hand-written file with some roles, then it says at info which roles and names it holds', () => {
    const notice = tokensNotice({
      file,
      created: false,
      entries: [
        { name: 'wall-display', role: 'viewer', token: secret },
        { name: 'ops', role: 'admin', token: `${secret}2` },
      ],
    });
    expect(notice.level).toBe('log');
    expect(notice.message).toBe(
      `AUTH_TOKENS is unset: using the tokens in ${file} for viewer (wall-display), admin (ops)`,
    );
    expect(notice.message).not.toMatch(/staff|auditor/);
  });
});
