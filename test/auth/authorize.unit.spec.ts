import { authorize, type RouteRule } from '../../src/auth/authorize.js';
import {
  checkedTokenEntries,
  InvalidTokenEntriesError,
  MAX_TOKEN_LENGTH,
} from '../../src/auth/token-entry.js';
import { TokenRegistry } from '../../src/auth/token-registry.js';
import { ProblemException } from '../../src/http/problem.js';

const TOKEN = 'staff-token-0123456789abcdef';
const tokens = new TokenRegistry([{ name: 'clerk', role: 'staff', token: TOKEN }]);
const ANY_ROLE: RouteRule = { public: false, allowed: undefined };

/** The status authorize refuses `authorization` with, or 'accepted' with the caller's name. */
function outcomeOf(authorization: string | undefined): number | string {
  try {
    return `accepted ${authorize(ANY_ROLE, authorization, tokens).name}`;
  } catch (refusal) {
    if (refusal instanceof ProblemException) return refusal.problem.status;
    throw refusal;
  }
}

describe('authorize: reading the Authorization header', () => {
  describe('given a known token', () => {
    it.each([
      ['one space after the scheme', `Bearer ${TOKEN}`],
      ['two spaces after the scheme', `Bearer  ${TOKEN}`],
      ['many spaces after the scheme', `Bearer     ${TOKEN}`],
      ['the scheme in lower case', `bearer ${TOKEN}`],
      ['the scheme in upper case', `BEARER ${TOKEN}`],
      ['a trailing space', `Bearer ${TOKEN} `],
    ])('when sent with %s, then the caller is authenticated', (_label, authorization) => {
      expect(outcomeOf(authorization)).toBe('accepted clerk');
    });

    it.each([
      ['a tab after the scheme', `Bearer\t${TOKEN}`],
      ['a space and a tab after the scheme', `Bearer \t${TOKEN}`],
      ['no space after the scheme', `Bearer${TOKEN}`],
      ['a space inside the token', `Bearer ${TOKEN.slice(0, 5)} ${TOKEN.slice(5)}`],
      ['another scheme', `Token ${TOKEN}`],
      ['no scheme', TOKEN],
    ])('when sent with %s, then it is refused with 401', (_label, authorization) => {
      expect(outcomeOf(authorization)).toBe(401);
    });
  });

  describe('given the longest token configuration accepts, with a colon in it', () => {
    const longest = `a:${'b'.repeat(MAX_TOKEN_LENGTH - 2)}`;
    const registry = new TokenRegistry(
      checkedTokenEntries([{ name: 'clerk', role: 'staff', token: longest }], String),
    );
    it('when sent, then the caller is authenticated', () => {
      expect(authorize(ANY_ROLE, `Bearer ${longest}`, registry).name).toBe('clerk');
    });
    it('when one character longer is configured, then configuration refuses it', () => {
      expect(() =>
        checkedTokenEntries([{ name: 'clerk', role: 'staff', token: `${longest}c` }], String),
      ).toThrow(InvalidTokenEntriesError);
    });
  });

  it('given no Authorization header, then it is refused with 401', () => {
    expect(outcomeOf(undefined)).toBe(401);
  });

  it('given only the scheme and spaces, then it is refused with 401', () => {
    expect(outcomeOf('Bearer   ')).toBe(401);
  });
});

/** The WWW-Authenticate a refusal of `authorization` with 401 challenges the caller with. */
function challengeOf(authorization: string | undefined): string | undefined {
  try {
    authorize(ANY_ROLE, authorization, tokens);
  } catch (refusal) {
    if (refusal instanceof ProblemException) return refusal.headers['WWW-Authenticate'];
    throw refusal;
  }
  return undefined;
}

describe('authorize: the challenge of a 401 (RFC 6750 §3.1)', () => {
  it.each([
    ['an unknown token', 'Bearer unknown-token-0123456789'],
    ['a token that is not one (a character it may not hold)', `Bearer ${TOKEN}!`],
    ['a tab after the scheme', `Bearer\t${TOKEN}`],
    ['the scheme in lower case and an unknown token', 'bearer unknown-token-0123456789'],
  ])('given %s, then it says the token is invalid', (_label, authorization) => {
    expect(challengeOf(authorization)).toBe('Bearer realm="envoy-ledger", error="invalid_token"');
  });

  it.each([
    ['no Authorization header', undefined],
    ['only the scheme and spaces', 'Bearer   '],
    ['another scheme', `Basic ${TOKEN}`],
    ['no scheme', TOKEN],
  ])(
    'given %s, then it names the scheme and realm only: no token was presented',
    (_label, authorization) => {
      expect(challengeOf(authorization)).toBe('Bearer realm="envoy-ledger"');
    },
  );
});
