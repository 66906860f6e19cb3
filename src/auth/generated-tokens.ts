import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRole, ROLES } from './role.js';
import type { TokenEntry } from './token-entry.js';

export const TOKENS_FILE = 'tokens.json';

/**
 * With AUTH_TOKENS unset, the first start writes one token per role to
 * DATA_DIR/tokens.json (owner-only) and later starts read the same file back.
 */
export function loadOrCreateTokens(dataDir: string): {
  file: string;
  entries: TokenEntry[];
  created: boolean;
} {
  const file = join(dataDir, TOKENS_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return { file, entries: parseTokensFile(file), created: false };
  }
  const entries: TokenEntry[] = ROLES.map((role) => ({
    name: `local-${role}`,
    role,
    token: randomBytes(24).toString('base64url'),
  }));
  writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { file, entries, created: true };
}

function parseTokensFile(file: string): TokenEntry[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of tokens`);
  return parsed.map((entry: unknown) => {
    const { name, role, token } = (entry ?? {}) as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      typeof role !== 'string' ||
      !isRole(role) ||
      typeof token !== 'string'
    ) {
      throw new Error(`${file} has an entry that is not {name, role, token}`);
    }
    return { name, role, token };
  });
}
