// Types of what dashboard.js exports, for the unit tests that import its SSE parser.

export interface SseEvent {
  readonly type: string;
  readonly data: string;
  readonly id: string;
}

export interface SseParser {
  push(text: string): void;
  end(): void;
}

export function createSseParser(handlers: {
  onEvent: (event: SseEvent) => void;
  onRetry?: (ms: number) => void;
  onId?: (id: string) => void;
}): SseParser;

export const STATUSES: Readonly<Record<string, { readonly label: string; readonly icon: string }>>;

export const HEAD_STAGES: Readonly<
  Record<string, { readonly label: string; readonly on: string | null }>
>;
