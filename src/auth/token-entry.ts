import { isRole, ROLES, type Role } from './role.js';

export interface TokenEntry {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

/** Tokens shorter than this are refused: they could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** A token entry (from AUTH_TOKENS or DATA_DIR/tokens.json) that cannot be used. */
export class InvalidTokenEntriesError extends Error {
  override readonly name = 'InvalidTokenEntriesError';
}

/**
 * The entries, checked the same way wherever they come from: at least one; each a name
 * (letters, digits, . _ @ -), a known role, and a token of at least MIN_TOKEN_LENGTH printable
 * characters; names and tokens unique. `where(i)` names entry i in the message.
 */
export function checkedTokenEntries(
  entries: readonly { readonly name: unknown; readonly role: unknown; readonly token: unknown }[],
  where: (index: number) => string,
): TokenEntry[] {
  if (entries.length === 0) throw new InvalidTokenEntriesError('there must be at least one token');
  const checked = entries.map(({ name, role, token }, i): TokenEntry => {
    if (typeof name !== 'string' || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new InvalidTokenEntriesError(
        `${where(i)} has an invalid name (letters, digits, . _ @ -)`,
      );
    }
    if (typeof role !== 'string' || !isRole(role)) {
      throw new InvalidTokenEntriesError(
        `${where(i)} has role ${JSON.stringify(role ?? null)}; use one of ${ROLES.join(', ')}`,
      );
    }
    if (
      typeof token !== 'string' ||
      token.length < MIN_TOKEN_LENGTH ||
      !/^[\x21-\x7e]+$/.test(token)
    ) {
      throw new InvalidTokenEntriesError(
        `${where(i)} (${name}) needs a token of at least ${MIN_TOKEN_LENGTH} printable characters`,
      );
    }
    return { name, role, token };
  });
  if (new Set(checked.map((e) => e.name)).size !== checked.length) {
    throw new InvalidTokenEntriesError('names must be unique');
  }
  if (new Set(checked.map((e) => e.token)).size !== checked.length) {
    throw new InvalidTokenEntriesError('tokens must be unique');
  }
  return checked;
}
