/**
 * staff: records progress and reads; auditor: history, replay and reads; viewer: read
 * models and live feeds; admin: everything, including operations.
 */
export const ROLES = ['staff', 'auditor', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  readonly name: string;
  readonly role: Role;
}
