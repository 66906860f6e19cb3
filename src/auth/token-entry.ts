import { isRole, ROLES, type Role } from './role.js';

export interface TokenEntry {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

/** Tokens shorter than this are refused: they could be guessed. */
const MIN_TOKEN_LENGTH = 16;

/** Tokens longer than this are refused: an Authorization header carries no more (authorize.ts). */
export const MAX_TOKEN_LENGTH = 512;

/** What a token is made of: printable ASCII, no space (the Authorization header's token). */
export const TOKEN_CHARACTERS = '\\x21-\\x7e';

const TOKEN = new RegExp(`^[${TOKEN_CHARACTERS}]{${MIN_TOKEN_LENGTH},${MAX_TOKEN_LENGTH}}$`);

/** A token entry (from AUTH_TOKENS or DATA_DIR/tokens.json) that cannot be used. */
export class InvalidTokenEntriesError extends Error {
  override readonly name = 'InvalidTokenEntriesError';
}

/**
 * The entries, checked the same way wherever they come from: at least one; each a name
 * (letters, digits, . _ @ -), a known role, and a token of MIN_TOKEN_LENGTH to
 * MAX_TOKEN_LENGTH printable characters; names and tokens unique. `where(i)` names entry i
 * in the message. No message repeats a value from an entry: an entry written in the wrong
 * order puts its token in the name or role field.
 */
export function checkedTokenEntries(
  entries: readonly { readonly name: unknown; readonly role: unknown; readonly token: unknown }[],
  where: (index: number) => string,
): TokenEntry[] {
  if (entries.length === 0) throw new InvalidTokenEntriesError('there must be at least one token');
  const checked = entries.map(({ name, role, token }, i): TokenEntry => {
    if (typeof name !== 'string' || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new InvalidTokenEntriesError(
        `${where(i)} has an invalid name: 1 to 64 letters, digits, . _ @ or -`,
      );
    }
    if (typeof role !== 'string' || !isRole(role)) {
      throw new InvalidTokenEntriesError(
        `${where(i)} has an unknown role: use one of ${ROLES.join(', ')}`,
      );
    }
    if (typeof token !== 'string' || !TOKEN.test(token)) {
      throw new InvalidTokenEntriesError(
        `${where(i)} has an invalid token: ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH} printable characters, no spaces`,
      );
    }
    return { name, role, token };
  });
  const clash = (field: 'name' | 'token'): string | undefined => {
    const first = new Map<string, number>();
    for (const [i, entry] of checked.entries()) {
      const earlier = first.get(entry[field]);
      if (earlier !== undefined) return `${where(earlier)} and ${where(i)}`;
      first.set(entry[field], i);
    }
    return undefined;
  };
  const sameName = clash('name');
  if (sameName) throw new InvalidTokenEntriesError(`names must be unique: ${sameName} share one`);
  const sameToken = clash('token');
  if (sameToken)
    throw new InvalidTokenEntriesError(`tokens must be unique: ${sameToken} share one`);
  return checked;
}
