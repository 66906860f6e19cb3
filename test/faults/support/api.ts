import { TOKENS } from '../../support/test-app.js';

export type Role = keyof typeof TOKENS;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export const authAs = (role: Role) => ({ Authorization: `Bearer ${TOKENS[role]}` });

export async function post(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  role: Role = 'staff',
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...authAs(role), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await bodyOf(response) };
}

export async function get(
  url: string,
  path: string,
  role: Role | null = 'viewer',
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { headers: role ? authAs(role) : {} });
  return { status: response.status, headers: response.headers, body: await bodyOf(response) };
}

async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

/** A plan-mission body for a city. */
export const planBody = (city: string) => ({
  sendingState: 'KR',
  receivingState: 'CU',
  city,
  agreedOn: '2024-06-12',
});
