import type { Role } from './role.js';

export interface TokenEntry {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

/** Tokens shorter than this are refused: they could be guessed. */
export const MIN_TOKEN_LENGTH = 16;
