import { TOKENS } from './test-app.js';

export type Role = keyof typeof TOKENS;

/** A small fetch wrapper for tests that talk to a service process over HTTP. */
export function client(baseUrl: string, role: Role = 'staff') {
  const headers = { Authorization: `Bearer ${TOKENS[role]}`, 'Content-Type': 'application/json' };
  return {
    async get<T = unknown>(path: string): Promise<{ status: number; body: T }> {
      const response = await fetch(`${baseUrl}${path}`, { headers });
      return { status: response.status, body: (await response.json()) as T };
    },
    async post<T = unknown>(
      path: string,
      body: unknown,
      extra: Record<string, string> = {},
    ): Promise<{ status: number; body: T }> {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
}
