import { hash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './role.js';
import type { TokenEntry } from './token-entry.js';

/**
 * Looks tokens up by their SHA-256 digest and confirms with a constant-time compare,
 * so neither the lookup nor the compare leaks how much of a guess was right.
 */
export class TokenRegistry {
  private readonly byDigest = new Map<string, { digest: Buffer; principal: Principal }>();

  constructor(entries: readonly TokenEntry[]) {
    for (const { name, role, token } of entries) {
      const digest = sha256(token);
      this.byDigest.set(digest.toString('hex'), { digest, principal: { name, role } });
    }
  }

  authenticate(token: string): Principal | undefined {
    const digest = sha256(token);
    const found = this.byDigest.get(digest.toString('hex'));
    if (!found || !timingSafeEqual(found.digest, digest)) return undefined;
    return found.principal;
  }
}

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}
