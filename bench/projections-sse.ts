/**
 * A Server-Sent Events client for GET /api/live/missions, as a dashboard reads it: fetch
 * with the bearer token in a header and a stream reader, parsing `id:` / `event:` /
 * `data:` lines. Only the missions in `watch` are parsed as JSON (the rest are counted), so
 * the client stays cheap while the feed carries a load test's changes.
 */
export interface MissionSeen {
  readonly id: string;
  readonly revision: number;
  /** performance.now() when the event was parsed. */
  readonly at: number;
}

export interface SseStats {
  events: number;
  bytes: number;
  heartbeats: number;
  closing: string | undefined;
}

export class MissionSseClient {
  readonly stats: SseStats = { events: 0, bytes: 0, heartbeats: 0, closing: undefined };
  private readonly abort = new AbortController();
  private reading: Promise<void> | undefined;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  /** Every distinct mission id seen (catch-up included). */
  readonly missionsSeen = new Set<string>();
  lastEventAt = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    /** Missions whose events are parsed and reported. */
    private readonly watch: (missionId: string) => boolean,
    private readonly onMission: (seen: MissionSeen) => void,
  ) {}

  /** Resolves once the response headers are in; events then flow to onMission. */
  async connect(): Promise<void> {
    const response = await fetch(`${this.url}/api/live/missions`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET /api/live/missions answered ${response.status}`);
    }
    const reader = response.body.getReader();
    this.reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          this.stats.bytes += value.byteLength;
          this.take(this.decoder.decode(value, { stream: true }));
        }
      } catch (error) {
        if (!this.abort.signal.aborted) throw error;
      }
    })();
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.reading?.catch(() => undefined) ?? Promise.resolve();
  }

  private take(text: string): void {
    this.buffer += text;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.block(block);
    }
  }

  private block(block: string): void {
    let event = 'message';
    let data = '';
    let comment = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comment = true;
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
      // `id:` is the change's position; the revision to compare comes from the data.
    }
    if (comment && data === '') {
      this.stats.heartbeats += 1;
      return;
    }
    if (event === 'closing') {
      this.stats.closing = data;
      return;
    }
    if (event !== 'mission' || data === '') return;
    this.stats.events += 1;
    const at = performance.now();
    this.lastEventAt = at;
    // The view starts {"id":"<missionId>",...: read the id without parsing the whole view.
    const idMatch = /^\{"id":"([^"]+)"/.exec(data);
    const id = idMatch?.[1];
    if (id === undefined) return;
    this.missionsSeen.add(id);
    if (!this.watch(id)) return;
    const view = JSON.parse(data) as { id: string; revision: number };
    this.onMission({ id: view.id, revision: view.revision, at });
  }
}
