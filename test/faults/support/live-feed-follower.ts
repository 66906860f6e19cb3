import { TOKENS } from '../../support/test-app.js';

export interface MissionView {
  readonly id: string;
  readonly [field: string]: unknown;
}

/**
 * A dashboard's view of /api/live/missions that survives the service dying under it: it
 * keeps the latest view of every mission it was sent and, on every (re)connection, sends
 * the last id it saw as Last-Event-ID, as a browser's EventSource does.
 */
export class LiveFeedFollower {
  readonly views = new Map<string, MissionView>();
  lastId: string | undefined;
  connections = 0;
  closingEvents = 0;
  /** The last `retry:` hint the server sent (ms). */
  retryMs: number | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  /** Follows the feed of the service at `url` until it goes away or stop() is called. */
  follow(url: string): void {
    this.abort = new AbortController();
    this.running = this.read(url, this.abort.signal).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  private async read(url: string, signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = { Authorization: `Bearer ${TOKENS.viewer}` };
    if (this.lastId) headers['Last-Event-ID'] = this.lastId;
    const response = await fetch(`${url}/api/live/missions`, { headers, signal });
    if (response.status !== 200 || !response.body) return;
    this.connections += 1;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.onEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private onEvent(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') this.retryMs = Number(value);
    }
    if (event === 'closing') this.closingEvents += 1;
    if (event !== 'mission' || data.length === 0) return;
    const view = JSON.parse(data.join('\n')) as MissionView;
    this.views.set(view.id, view);
    if (id) this.lastId = id;
  }
}
