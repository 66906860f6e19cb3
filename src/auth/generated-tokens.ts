import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from './role.js';
import { InvalidTokenEntriesError, checkedTokenEntries, type TokenEntry } from './token-entry.js';

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

/**
 * What the service says about tokens it generated or read back: where they are, and the
 * roles and names in the file, never a token. Generating them is a warning, seen at any
 * LOG_LEVEL but error and silent: whoever starts the service must learn where they are.
 */
export function tokensNotice({
  file,
  entries,
  created,
}: {
  readonly file: string;
  readonly entries: readonly TokenEntry[];
  readonly created: boolean;
}): { readonly level: 'warn' | 'log'; readonly message: string } {
  const holders = entries.map(({ name, role }) => `${role} (${name})`).join(', ');
  return created
    ? {
        level: 'warn',
        message: `AUTH_TOKENS is unset: created one token per role in ${file} (owner-only) for ${holders}; set AUTH_TOKENS to use your own`,
      }
    : {
        level: 'log',
        message: `AUTH_TOKENS is unset: using the tokens in ${file} for ${holders}`,
      };
}

/**
 * The tokens of DATA_DIR/tokens.json, checked as AUTH_TOKENS is (InvalidTokenEntriesError
 * naming the file and the entry): a hand-edited file cannot bring in a short or shared token.
 */
export function parseTokensFile(file: string): TokenEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InvalidTokenEntriesError(`${file} cannot be read: ${String(code ?? error)}`);
  }
  let parsed: unknown;
  try {
    // JSON.parse's own message would quote the file's text, tokens and all.
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidTokenEntriesError(`${file} is not JSON: a JSON array of {name, role, token}`);
  }
  if (!Array.isArray(parsed) || parsed.some((e) => typeof e !== 'object' || e === null)) {
    throw new InvalidTokenEntriesError(`${file} must hold a JSON array of {name, role, token}`);
  }
  try {
    return checkedTokenEntries(
      parsed as { name: unknown; role: unknown; token: unknown }[],
      (i) => `entry ${i + 1}`,
    );
  } catch (error) {
    if (error instanceof InvalidTokenEntriesError) {
      throw new InvalidTokenEntriesError(`${file}: ${error.message}`);
    }
    throw error;
  }
}
