import { decodePosition, type Position } from '../../event-store/position.js';

/** Where progress is written: a terminal gets one line rewritten, anything else plain lines. */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  /** What is being done: "verify", "import", "migrate". */
  readonly label: string;
  readonly out: ProgressOutput;
  readonly total?: number;
  /** What is counted (default "events"). */
  readonly unit?: string;
  /** How often to write: every 250 ms on a terminal, every 10 s otherwise, by default. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * Progress of a long run: events done of total, rate and time left. On a terminal one line
 * is rewritten in place (\r); otherwise (a log file, CI) a plain line now and then.
 */
export class Progress {
  private readonly started: number;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly tty: boolean;
  private lastWrite: number;
  private total: number | undefined;
  private current = 0;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.tty = options.out.isTTY === true;
    this.intervalMs = options.intervalMs ?? (this.tty ? 250 : 10_000);
    this.started = this.now();
    this.lastWrite = this.started;
    this.total = options.total;
  }

  /** Events done so far; the total may be refined as the run learns it. */
  update(done: number, total?: number): void {
    this.current = done;
    if (total !== undefined) this.total = total;
    const now = this.now();
    if (now - this.lastWrite < this.intervalMs) return;
    this.lastWrite = now;
    this.write(this.line(now));
  }

  /** The final line (with the final count and a summary), ending the rewritten line on a terminal. */
  finish(summary?: string, done?: number): void {
    if (done !== undefined) this.current = done;
    const now = this.now();
    const seconds = (now - this.started) / 1000;
    const unit = this.options.unit ?? 'events';
    const text = `${this.options.label}: ${count(this.current)} ${unit} in ${duration(seconds)} (${count(rate(this.current, seconds))} ${unit}/s)${summary ? `; ${summary}` : ''}`;
    this.options.out.write(this.tty ? `\r${text}\x1b[K\n` : `${text}\n`);
  }

  /** The current line, as written. */
  line(now = this.now()): string {
    const seconds = (now - this.started) / 1000;
    const perSecond = rate(this.current, seconds);
    const unit = this.options.unit ?? 'events';
    const parts = [`${this.options.label}: ${count(this.current)}`];
    if (this.total !== undefined && this.total > 0) {
      const total = Math.max(this.total, this.current);
      parts[0] += ` of ${count(total)} ${unit} (${((this.current / total) * 100).toFixed(1)}%)`;
      parts.push(`${count(perSecond)} ${unit}/s`);
      if (perSecond > 0) parts.push(`${duration((total - this.current) / perSecond)} left`);
    } else {
      parts[0] += ` ${unit}`;
      parts.push(`${count(perSecond)} ${unit}/s`);
    }
    return parts.join(', ');
  }

  private write(line: string): void {
    this.options.out.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }
}

/**
 * Events in a log of which `done` are before `position`, estimated from how far through
 * the log `position` is: exact on the embedded store (positions count events), proportional
 * to log bytes on KurrentDB.
 */
export function estimatedTotal(
  done: number,
  position: Position,
  head: Position,
): number | undefined {
  const at = Number(decodePosition(position).commit);
  const end = Number(decodePosition(head).commit);
  if (at <= 0 || end <= 0) return undefined;
  return Math.max(done, Math.round((done * end) / at));
}

function rate(done: number, seconds: number): number {
  return seconds > 0 ? done / seconds : 0;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
